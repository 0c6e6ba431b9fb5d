#!/bin/sh
# Faults in the middle of a run (docs/output.md §5): a full disk (a
# file-size limit, and a really full small filesystem when the tests may
# mount one), an output folder that cannot be written, no Chinese font for
# the PDF, and SIGKILL, SIGINT and SIGTERM at points spread over a run.
# Each leaves the previous output byte-identical (or, for a signal after the
# new folder was moved into place, the complete new output), says what
# happened, exits 74 (I/O), 73 (cannot create) or by the signal, and no
# temporary folder stays behind an interrupted run.
set -eu
in=tests/e2e/hand/input
out=$TMP/out
# The visible output: names and contents, hidden temporary folders aside.
snap() {
	(cd "$1" && find . -name '.*.tmp*' -prune -o -print | sort &&
	    find . -name '.*.tmp*' -prune -o -type f -print | sort | xargs sha256sum)
}
hidden() { find "$1" -name '.*.tmp*' | head -n 1; }

"$BIN" -q monthly 2026-10 --input "$in" --output "$out"
snap "$out" >"$TMP/before"

expect() {	# expect STATUS TEXT: the last run's status and message
	[ "$rc" -eq "$1" ] || { echo "exit $rc, wanted $1" >&2; cat "$TMP/err" >&2; exit 1; }
	grep -qF "$2" "$TMP/err" || { echo "no message: $2" >&2; cat "$TMP/err" >&2; exit 1; }
}
unchanged() {
	snap "$out" >"$TMP/after"
	cmp -s "$TMP/before" "$TMP/after" || { echo "$1: output changed" >&2; diff "$TMP/before" "$TMP/after" >&2; exit 1; }
	[ -z "$(hidden "$out")" ] || { echo "$1: left $(hidden "$out")" >&2; exit 1; }
}

# A file-size limit: the write fails with EFBIG (SIGXFSZ is ignored).
rc=0
(ulimit -f 8; exec "$BIN" -q monthly 2026-10 --input "$in" --output "$out") 2>"$TMP/err" || rc=$?
expect 74 "cannot write: File too large"
unchanged "ulimit -f"

# A small filesystem filled up: ENOSPC, the month and quarter both.
if [ "$(id -u)" = 0 ] && mkdir "$TMP/small" && mount -t tmpfs -o size=2m tmpfs "$TMP/small" 2>/dev/null; then
	trap 'umount "$TMP/small" 2>/dev/null || true' EXIT
	"$BIN" -q monthly 2026-10 --format html,csv --input "$in" --output "$TMP/small/out"
	snap "$TMP/small/out" >"$TMP/small-before"
	dd if=/dev/zero of="$TMP/small/filler" bs=4096 2>/dev/null || true
	for job in "monthly 2026-10" "quarterly 2026-Q4"; do
		rc=0
		"$BIN" -q $job --input "$in" --output "$TMP/small/out" 2>"$TMP/err" || rc=$?
		expect 74 "No space left on device"
		snap "$TMP/small/out" >"$TMP/small-after"
		cmp -s "$TMP/small-before" "$TMP/small-after" || { echo "full disk: output changed" >&2; exit 1; }
		[ -z "$(hidden "$TMP/small/out")" ] || { echo "full disk: temporary folder left" >&2; exit 1; }
	done
	umount "$TMP/small"
	trap - EXIT
else
	echo "faults.sh: not root or no tmpfs: the full-filesystem part is skipped" >&2
fi

# Output inside a regular file: 73 with the reason.
: >"$TMP/file"
rc=0
"$BIN" -q monthly 2026-10 --input "$in" --output "$TMP/file/out" 2>"$TMP/err" || rc=$?
expect 73 "cannot create the output folder: Not a directory"

# Standard output on a full device: 74, with the reason.
rc=0
"$BIN" check --input "$in" --output "$TMP/no-output" >/dev/full 2>"$TMP/err" || rc=$?
expect 74 "scorecard: standard output: No space left on device"

# An output folder the user may not write to (as root: run as nobody, in
# a folder of its own that nobody can reach).
ro=$(mktemp -d "${TMPDIR:-/tmp}/scorecard-ro.XXXXXX")
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	as_user() { "$@"; }
fi
cp -R "$out" "$ro/out"
chmod -R a+rX "$ro" && chmod 555 "$ro/out"
snap "$ro/out" >"$TMP/ro-before"
rc=0
as_user "$BIN" -q monthly 2026-10 --input "$in" --output "$ro/out" 2>"$TMP/err" || rc=$?
snap "$ro/out" >"$TMP/ro-after"
chmod -R u+w "$ro" && rm -rf "$ro"
expect 73 "cannot create a folder in the output folder: Permission denied"
cmp -s "$TMP/ro-before" "$TMP/ro-after"

# No Chinese font: 73 before anything is written; HTML alone still works.
printf '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n' >"$TMP/fonts.conf"
for job in "monthly 2026-10" "quarterly 2026-Q4" "casebook"; do
	rc=0
	FONTCONFIG_FILE=$TMP/fonts.conf "$BIN" -q $job --input "$in" --output "$out" 2>"$TMP/err" || rc=$?
	expect 73 "no Chinese TrueType font found for the PDF (install fonts-wqy-zenhei)"
	unchanged "no font: $job"
done
FONTCONFIG_FILE=$TMP/fonts.conf "$BIN" -q monthly 2026-10 --format html,csv \
    --input "$in" --output "$TMP/nofont"
[ -s "$TMP/nofont/2026-10/index.html" ]

# Signals at points spread over a run of the demo workspace on two
# workers.  The new data differs from the old, so a half-written folder
# cannot pass for either; the previous output must be as it was, or the
# new one complete when the signal came after the swap.
cp -R input "$TMP/demo"
"$BIN" -q monthly 2026-10 --input "$TMP/demo" --output "$TMP/sig-base"
snap "$TMP/sig-base" >"$TMP/sig-old"
sed -i '$ d' "$TMP/demo/sales.csv"	# one row less: other numbers
t0=$(date +%s%N)	# the time of one run, to spread the signals over it
"$BIN" -q monthly 2026-10 --input "$TMP/demo" --output "$TMP/sig-new"
t1=$(date +%s%N)
snap "$TMP/sig-new" >"$TMP/sig-new-snap"
span=$(( (t1 - t0) / 1000000 ))
for sig in KILL INT TERM; do
	told=0 early=0
	for part in 1 3 5 7 9; do
		rm -rf "$TMP/sig" && cp -R "$TMP/sig-base" "$TMP/sig"
		# `env --default-signal`: a shell's & would ignore SIGINT
		env --default-signal=INT,TERM "$BIN" -q monthly 2026-10 --jobs 2 \
		    --input "$TMP/demo" --output "$TMP/sig" 2>"$TMP/err" &
		pid=$!
		sleep "$(awk -v s="$span" -v p="$part" 'BEGIN { printf "%.3f", s * p / 10 / 1000 }')"
		kill -s "$sig" "$pid" 2>/dev/null || true
		rc=0
		wait "$pid" || rc=$?
		snap "$TMP/sig" >"$TMP/sig-now"
		if ! cmp -s "$TMP/sig-now" "$TMP/sig-old" &&
		    ! cmp -s "$TMP/sig-now" "$TMP/sig-new-snap"; then
			echo "SIG$sig at $part/10: a mixed output" >&2
			diff "$TMP/sig-old" "$TMP/sig-now" | head >&2
			exit 1
		fi
		echo "SIG$sig at $part/10: exit $rc" >>"$TMP/outcomes"
		case $sig:$rc in
		KILL:*) ;;
		*:0) ;;	# finished before the signal
		INT:130|TERM:143)
			# On a busy machine the signal may come before the
			# program has set its handler: then it ends at once,
			# silent, the output untouched (checked above).
			if grep -q 'scorecard: interrupted' "$TMP/err"; then
				told=$((told + 1))
			elif [ -s "$TMP/err" ] || ! cmp -s "$TMP/sig-now" "$TMP/sig-old"; then
				echo "SIG$sig at $part/10: no message" >&2; exit 1
			else
				early=$((early + 1))
			fi
			[ -z "$(hidden "$TMP/sig")" ] ||
			    { echo "SIG$sig at $part/10: left $(hidden "$TMP/sig")" >&2; exit 1; }
			;;
		*)	echo "SIG$sig at $part/10: exit $rc" >&2; cat "$TMP/err" >&2; exit 1 ;;
		esac
		# No worker outlives the main process.
		n=0
		while pgrep -f -- "--output $TMP/sig\$" >/dev/null; do
			n=$((n + 1))
			[ $n -lt 50 ] || { echo "SIG$sig: a worker is still running" >&2; exit 1; }
			sleep 0.1
		done
		# The next run removes what a SIGKILL left.
		"$BIN" -q monthly 2026-10 --input "$TMP/demo" --output "$TMP/sig"
		[ -z "$(hidden "$TMP/sig")" ]
		snap "$TMP/sig" >"$TMP/sig-now"
		cmp -s "$TMP/sig-now" "$TMP/sig-new-snap"
	done
	# the handler itself must have said so at least once
	if [ "$early" -gt 0 ] && [ "$told" -eq 0 ]; then
		echo "SIG$sig: never the interrupted message" >&2; exit 1
	fi
done
