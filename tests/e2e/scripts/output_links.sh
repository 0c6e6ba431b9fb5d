#!/bin/sh
# Links and files planted in the output folder (docs/bad-input.md, "The
# output folder"): the program never writes through a link, never
# follows one when it cleans up, and never deletes what it did not make.
set -eu
in=tests/e2e/hand/input
o=$TMP/out
mkdir -p "$o" "$TMP/victim"
echo keep >"$TMP/victim.txt"
echo keep >"$TMP/victim/file.txt"
vsum() {
	cat "$TMP/victim.txt" "$TMP/victim/file.txt" | sha256sum
}
before=$(vsum)

# the old fixed name of the index page's temporary file, and names of the
# form the temporary files and folders have now
ln -s ../victim.txt "$o/.index.html.tmp"
ln -s ../victim.txt "$o/.index.html.tmp-AAAAAA"
ln -s ../victim "$o/.2026-10.tmp-BBBBBB"
"$BIN" -q monthly 2026-10 --format html,csv --input "$in" --output "$o"
[ "$(vsum)" = "$before" ]
[ -f "$o/2026-10/index.html" ] && [ -f "$o/index.html" ] && [ ! -L "$o/index.html" ]
# what a killed run would have left is gone, the links themselves only
[ ! -e "$o/.index.html.tmp-AAAAAA" ] && [ ! -L "$o/.index.html.tmp-AAAAAA" ]
[ ! -L "$o/.2026-10.tmp-BBBBBB" ]

# a link or a plain file where a period folder goes: refused, left as it was
for what in link file; do
	rm -rf "$o/2026-09" "$o/2026-Q3" "$o/casebook"
	if [ $what = link ]; then
		ln -s ../victim "$o/2026-09"
		ln -s ../victim "$o/2026-Q3"
		ln -s ../victim "$o/casebook"
	else
		echo mine >"$o/2026-09"
		echo mine >"$o/2026-Q3"
		echo mine >"$o/casebook"
	fi
	for args in "monthly 2026-09" "quarterly 2026-Q3" "quarterly 2026-Q3 --force" casebook; do
		rc=0
		# shellcheck disable=SC2086 # the arguments split on blanks
		"$BIN" $args --format html,csv --input "$in" --output "$o" \
		    2>"$TMP/err" || rc=$?
		[ $rc -eq 73 ] || { echo "$what, $args: exit $rc"; cat "$TMP/err"; exit 1; }
		grep -q 'in the way' "$TMP/err"
	done
	[ "$(vsum)" = "$before" ]
	if [ $what = link ]; then
		[ -L "$o/2026-09" ] && [ -L "$o/2026-Q3" ] && [ -L "$o/casebook" ]
	else
		[ "$(cat "$o/2026-09" "$o/2026-Q3" "$o/casebook")" = "$(printf 'mine\nmine\nmine')" ]
	fi
done
rm -f "$o/2026-09" "$o/2026-Q3" "$o/casebook"

[ "$(vsum)" = "$before" ]
