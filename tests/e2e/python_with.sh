# Sourced by end-to-end scripts that read or write workbooks in Python:
# python_with MODULE prints a Python that imports MODULE — python3 first,
# else the system's /usr/bin/python3, where Debian's python3-* packages
# are when another python3 comes first in PATH — or nothing.
python_with() {
	for p in python3 /usr/bin/python3; do
		if "$p" -c "import $1" 2>/dev/null; then
			echo "$p"
			return
		fi
	done
}
