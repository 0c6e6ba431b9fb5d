#!/bin/sh
# A person's numbers are the same in scores.csv, the HTML page and the PDF
# (text extracted with pdftotext), formatted per locale; the PDFs are
# valid, embed a subset font, are numbered 第 N 页 / 共 M 页, and two runs
# give byte-identical files.  The hand-computed month of tests/e2e/hand.
set -eu
in=tests/e2e/hand/input
"$BIN" -q monthly 2026-10 --input "$in" --output "$TMP/a"
"$BIN" -q monthly 2026-10 --input "$in" --output "$TMP/b" --jobs 1
m=$TMP/a/2026-10
for f in index.html summary.pdf teams/alpha.html teams/alpha.pdf \
    teams/beta.pdf reps/S1.html reps/S1.pdf reps/B1.pdf scores.csv teams.csv; do
	[ -s "$m/$f" ] || { echo "missing $f"; exit 1; }
	cmp "$m/$f" "$TMP/b/2026-10/$f"
done
[ -s "$TMP/a/index.html" ]
grep -q '^2026-10,S1,李一,alpha,sales,120000.00,100000.00,1.2000,2,2,2,120.00,87.50,110.25,B,1000.00' "$m/scores.csv"
pdftotext "$m/reps/S1.pdf" "$TMP/s1.txt"
for s in '¥120,000.00' '¥100,000.00' '120.0%' '87.50' '110.25' '¥1,000.00' \
    '李一'; do
	grep -qF "$s" "$TMP/s1.txt" || { echo "PDF lacks $s"; exit 1; }
	grep -qF "$s" "$m/reps/S1.html" || { echo "HTML lacks $s"; exit 1; }
done
# The footer (pdftotext drops the spaces the layout leaves as gaps).
grep -qE '第 ?1 ?页 ?/ ?共 ?[0-9]+ ?页' "$TMP/s1.txt"
qpdf --check "$m/reps/S1.pdf" >/dev/null
pdffonts "$m/reps/S1.pdf" | awk 'NR > 2 && !($(NF-4) == "yes" && $(NF-3) == "yes") { bad = 1 }
    END { exit bad }'
pdfinfo "$m/reps/S1.pdf" | grep -q '^Title: *李一 · 2026年10月'
# English reports say Page N of M.
"$BIN" -q monthly 2026-10 --lang en --rep S1 --input "$in" --output "$TMP/en"
pdftotext "$TMP/en/2026-10/reps/S1.pdf" - | grep -q 'Page 1 of'
