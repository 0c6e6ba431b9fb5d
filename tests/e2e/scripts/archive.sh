#!/bin/sh
# A quarter's archive (docs/output.md §6): MANIFEST.sha256 covers every file
# and the inputs; verify passes on the archive as written and names a
# changed, an added and a removed file (exit 65); two runs give
# byte-identical folders; a --rep run keeps the other people's pages,
# scores.csv and output/index.html.
set -eu
in=tests/e2e/hand/input
"$BIN" -q quarterly 2026-Q4 --format html,csv --input "$in" --output "$TMP/a"
"$BIN" -q quarterly 2026-Q4 --format html,csv --input "$in" --output "$TMP/b"
(cd "$TMP/a" && find . -type f | sort | xargs sha256sum) >"$TMP/sa"
(cd "$TMP/b" && find . -type f | sort | xargs sha256sum) >"$TMP/sb"
cmp "$TMP/sa" "$TMP/sb"
q=$TMP/a/2026-Q4
grep -q '^# input [0-9a-f]\{64\}  sales.csv$' "$q/MANIFEST.sha256"
grep -q '  reps/S1.html$' "$q/MANIFEST.sha256"
grep -q '  scores.csv$' "$q/MANIFEST.sha256"
"$BIN" verify "$q" | grep -q '^OK'
printf x >>"$q/teams.csv"
echo new >"$q/extra.txt"
rm "$q/reps/B1.html"
rc=0
"$BIN" verify "$q" >"$TMP/out" 2>/dev/null || rc=$?
[ $rc -eq 65 ]
grep -q '^changed: teams.csv$' "$TMP/out"
grep -q '^added: extra.txt$' "$TMP/out"
grep -q '^removed: reps/B1.html$' "$TMP/out"

# A subset run keeps the rest of the month, its numbers and the index
# page (it writes only S1's documents: partial_runs.sh).
"$BIN" -q monthly 2026-10 --format html,csv --input "$in" --output "$TMP/m"
[ -f "$TMP/m/index.html" ]
grep -q '2026-10/index.html' "$TMP/m/index.html"
echo kept >>"$TMP/m/2026-10/scores.csv"
echo kept >>"$TMP/m/index.html"
before=$(sha256sum <"$TMP/m/2026-10/reps/B1.html")
"$BIN" -q monthly 2026-10 --format html,csv --rep S1 --input "$in" --output "$TMP/m"
[ "$(sha256sum <"$TMP/m/2026-10/reps/B1.html")" = "$before" ]
tail -1 "$TMP/m/2026-10/scores.csv" | grep -qx kept
tail -1 "$TMP/m/index.html" | grep -qx kept
