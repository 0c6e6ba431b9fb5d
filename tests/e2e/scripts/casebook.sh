#!/bin/sh
# `scorecard casebook` on the demo workspace (input/): every expected file,
# one page per case with previous/next links, the lessons digest holds
# every Insight item, the KPI snapshot sits between a case's Result and
# Analysis sections, output/index.html lists the casebook, tags never
# become file names, and two runs give byte-identical files.
set -eu
out=$TMP/out
"$BIN" casebook --input input --output "$out" 2>"$TMP/stderr"
grep -q "wrote $out/casebook" "$TMP/stderr"
book=$out/casebook
for f in index.html lessons.html search.js search-index.js; do
	[ -s "$book/$f" ] || { echo "missing $f" >&2; exit 1; }
done
grep -q 'href="casebook/index.html"' "$out/index.html"

# One page per case, named after the case file.
ncases=0
for md in input/cases/*.md; do
	slug=$(basename "$md" .md)
	page=$book/cases/$slug.html
	[ -s "$page" ] || { echo "no page for $slug" >&2; exit 1; }
	title=$(sed -n 's/^title: *//p' "$md" | head -n 1 | sed 's/^"//; s/"$//')
	grep -qF "$title" "$page" || { echo "$slug: title missing" >&2; exit 1; }
	ncases=$((ncases + 1))
done
[ "$(ls "$book/cases" | wc -l)" -eq "$ncases" ]
# The first case has no previous, the last no next, the others both.
[ "$(grep -l 'rel="prev"' "$book"/cases/*.html | wc -l)" -eq $((ncases - 1)) ]
[ "$(grep -l 'rel="next"' "$book"/cases/*.html | wc -l)" -eq $((ncases - 1)) ]

# Every Insight item ("- **lead**: ...", not a task) is in the digest.
for md in input/cases/*.md; do
	awk '/^#+ .*(Insight|总结经验|总结规律)/ { on = 1; next }
	    /^#/ { on = 0 }
	    on && /^- \*\*/ { sub(/^- \*\*/, ""); sub(/\*\*.*/, ""); print }' \
	    "$md" >"$TMP/leads"
	[ -s "$TMP/leads" ] || { echo "$md: no lessons found" >&2; exit 1; }
	while IFS= read -r lead; do
		grep -qF "<strong>$lead</strong>" "$book/lessons.html" ||
		    { echo "lessons.html lacks $lead" >&2; exit 1; }
	done <"$TMP/leads"
done

# The KPI snapshot: in each case with a period, after Result, before Analysis.
page=$book/cases/2026-q1-huadong-price-war-response.html
snap=$(grep -n '团队业绩快照' "$page" | cut -d: -f1)
result=$(grep -n '<h3 id="result-评估结果"' "$page" | cut -d: -f1)
analysis=$(grep -n '<h3 id="analysis-分析原因"' "$page" | cut -d: -f1)
[ -n "$snap" ] && [ "$result" -lt "$snap" ] && [ "$snap" -lt "$analysis" ]
[ "$(grep -l '团队业绩快照' "$book"/cases/*.html | wc -l)" -eq \
    "$(grep -l '^period:' input/cases/*.md | wc -l)" ]

# Tags: pages named tag-N only; no file outside the casebook folder.
ls "$book/tags" | grep -vqE '^tag-[0-9]+\.html$' && exit 1
[ "$(find "$out" -type f | grep -vc "^$book/")" -eq 1 ]	# output/index.html

# Nothing active from the data; scripts only on the index page.
! grep -qiE '<[^>]* on[a-z]+=' "$book"/*.html "$book"/*/*.html
! grep -qiE '(href|src)="?javascript:' "$book"/*.html "$book"/*/*.html
[ "$(grep -c '<script' "$book/index.html")" -eq 2 ]
! grep -q '<script' "$book/lessons.html" "$book"/cases/*.html "$book"/tags/*.html

# Byte-identical on a second run.
"$BIN" -q casebook --input input --output "$TMP/again"
(cd "$out/casebook" && find . -type f | sort | xargs sha256sum) >"$TMP/a"
(cd "$TMP/again/casebook" && find . -type f | sort | xargs sha256sum) >"$TMP/b"
cmp "$TMP/a" "$TMP/b"
