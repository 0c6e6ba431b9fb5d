#!/bin/sh
# The include rules of README.md "Layout": the model and the computation
# depend on nothing but themselves and util/.  A file of
# generator/model/ may include headers of model/ and util/; a file of
# generator/compute/ also those of compute/.  Never input/, render/, pdf/,
# view/, tmpl/, jobs/ or any other stage.  Prints each offending line as
# file:line: #include "…" and fails.
set -eu
cd "$(dirname "$0")/../../.."
bad=0
for dir in model compute; do
	case $dir in
	model)	allowed="model util" ;;
	compute) allowed="compute model util" ;;
	esac
	for f in generator/$dir/*.c generator/$dir/*.h; do
		[ -f "$f" ] || continue
		grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
		while IFS= read -r line; do
			name=${line#*\"}
			name=${name%%\"*}
			case $name in
			*/*)	top=${name%%/*} ;;
			*)	continue ;;	# beside the file itself
			esac
			ok=false
			for a in $allowed; do
				[ "$top" = "$a" ] && ok=true
			done
			if ! $ok; then
				echo "$f:${line%%:*}: ${line#*:}" \
				    "(generator/$dir/ may include only: $allowed)"
			fi
		done
	done
done >"${TMP:-/tmp}/include_rules.$$"
if [ -s "${TMP:-/tmp}/include_rules.$$" ]; then
	cat "${TMP:-/tmp}/include_rules.$$"
	bad=1
fi
rm -f "${TMP:-/tmp}/include_rules.$$"
exit $bad
