#!/bin/sh
# The casebook on tests/golden/casebook/defect/: a case without its Analysis
# section is reported (a warning: exit 0 and the book marks it; an error
# with --strict: exit 65 and the previous output untouched); hostile text
# in titles, tags and bodies stays text; the KPI snapshot has the numbers
# of tests/e2e/hand/README.md; --tag, --team, --since and --until select.
set -eu
in=tests/golden/casebook/defect/input
out=$TMP/out
"$BIN" casebook --input "$in" --output "$out" 2>"$TMP/stderr"
grep -qF "$in/cases/no-analysis.md:7: warning: GRAI: missing section Analysis (分析原因)" "$TMP/stderr"
[ "$(grep -c 'GRAI: missing' "$TMP/stderr")" -eq 1 ]
book=$out/casebook
grep -q 'GRAI 不完整' "$book/cases/no-analysis.html"
grep -q '本案例缺少分析原因' "$book/cases/no-analysis.html"
! grep -q 'GRAI 不完整' "$book/cases/good.html"
grep -q 'no-analysis.html">贝塔组新客户开发复盘</a> ⚠ GRAI 不完整' "$book/index.html"

# Team alpha in 2026-10: revenue 215,000 against 260,000, 3 new customers.
page=$book/cases/good.html
grep -q '¥215,000.00' "$page"
grep -q '¥260,000.00' "$page"
grep -q '82.7%' "$page"
snap=$(grep -n '团队业绩快照' "$page" | cut -d: -f1)
sub=$(grep -n '<h3 id="分客户"' "$page" | cut -d: -f1)
analysis=$(grep -n '三、分析原因' "$page" | cut -d: -f1)
[ "$sub" -lt "$snap" ] && [ "$snap" -lt "$analysis" ]
# Lessons: the Insight items, not the task.
grep -q '续约提前九十天启动' "$book/lessons.html"
grep -q 'Qualify leads before the first visit' "$book/lessons.html"
! grep -q '补齐续约日历' "$book/lessons.html"

# Hostile text: escaped in pages, \u-escaped in the search index.
! grep -qiE '<[^>]* on[a-z]+=' "$book"/*.html "$book"/*/*.html
! grep -qiE '(href|src)="?javascript:' "$book"/*.html "$book"/*/*.html
! grep -q '<script>alert' "$book"/*.html "$book"/*/*.html
grep -q '&lt;script&gt;alert(1)' "$book/cases/hostile.html"
grep -q '{{t.casebook}} stays text' "$book/cases/hostile.html"
! grep -q '[<>&]' "$book/search-index.js"
! grep -q "$(printf '\342\200\250')" "$book/search-index.js"
ls "$book/tags" | grep -vqE '^tag-[0-9]+\.html$' && exit 1
[ ! -e "$TMP/escape" ] && [ ! -e "$out/escape" ]

# --strict: exit 65, the output as it was.
(cd "$out" && find . -type f | sort | xargs sha256sum) >"$TMP/before"
rc=0
"$BIN" casebook --strict --input "$in" --output "$out" 2>"$TMP/stderr" || rc=$?
[ $rc -eq 65 ]
grep -qF "no-analysis.md:7: GRAI: missing section Analysis (分析原因)" "$TMP/stderr"
grep -q 'nothing written' "$TMP/stderr"
(cd "$out" && find . -type f | sort | xargs sha256sum) | cmp - "$TMP/before"

# Selection.
"$BIN" -q casebook --tag 续约 --input "$in" --output "$TMP/tag"
[ "$(ls "$TMP/tag/casebook/cases")" = "$(printf 'good.html\nhostile.html')" ]
"$BIN" -q casebook --team beta --input "$in" --output "$TMP/team"
[ "$(ls "$TMP/team/casebook/cases")" = "no-analysis.html" ]
"$BIN" -q casebook --since 2026-10-01 --until 2026-10-31 --input "$in" \
    --output "$TMP/dates"
[ "$(ls "$TMP/dates/casebook/cases")" = "no-analysis.html" ]
grep -q '本书只收录' "$TMP/dates/casebook/index.html"
rc=0
"$BIN" -q casebook --team nosuch --input "$in" --output "$TMP/none" \
    2>/dev/null || rc=$?
[ $rc -eq 64 ] && [ ! -e "$TMP/none" ]

# A pathological case (brackets that make cmark-gfm 0.29 slow) is refused
# quickly, with its file named, and nothing is written.
cp -R "$in" "$TMP/patho"
{ printf -- '---\ntitle: x\ndate: 2026-01-01\n---\n\n## Goal\n\n'
  awk 'BEGIN { for (i = 0; i < 30000; i++) printf "![[]()"; print "" }'; } \
    >"$TMP/patho/cases/patho.md"
rc=0
timeout 10 "$BIN" casebook --input "$TMP/patho" --output "$TMP/patho-out" \
    2>"$TMP/stderr" || rc=$?
[ $rc -eq 65 ] && [ ! -e "$TMP/patho-out" ]
grep -q 'patho.md: too many "\[" to render' "$TMP/stderr"
