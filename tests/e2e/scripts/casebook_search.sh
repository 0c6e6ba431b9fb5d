#!/bin/sh
# The casebook's search works offline and for Chinese: headless Chromium
# opens the demo casebook's index.html with a query in the address
# (#q=...), search.js fills the results list, and the dumped page holds
# the expected case; a query that matches nothing says so; without
# JavaScript the box stays hidden.  Screenshots of the index, a case and
# the lessons digest are kept in build/screenshots/ to be looked at.
set -eu
command -v chromium >/dev/null 2>&1 || { echo "chromium missing: make setup installs it" >&2; exit 1; }
out=$TMP/out
"$BIN" -q casebook --input input --output "$out"
book=$(cd "$out/casebook" && pwd)
grep -q '<form id="casebook-search"[^>]* hidden>' "$book/index.html"

chrome() {
	profile=$(mktemp -d)
	timeout 90 chromium --headless --no-sandbox --disable-gpu --no-first-run \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --user-data-dir="$profile" --enable-logging=stderr \
	    --v=0 "$@" 2>>"$TMP/chromium.log" || true
	rm -rf "$profile"
}

# 续约挽救 (renewal rescue): one case, the pharmacy.
chrome --dump-dom "file://$book/index.html#q=%E7%BB%AD%E7%BA%A6%E6%8C%BD%E6%95%91" >"$TMP/dom1"
results=$(sed -n 's/.*<ul id="casebook-results"\(.*\)<\/ul>.*/\1/p' "$TMP/dom1")
echo "$results" | grep -q '鹏程大药房90天续约挽救复盘'
echo "$results" | grep -q '找到 1 个案例'
# 续约 (renewal): both renewal cases among the hits.
chrome --dump-dom "file://$book/index.html#q=%E7%BB%AD%E7%BA%A6" >"$TMP/dom2"
results=$(sed -n 's/.*<ul id="casebook-results"\(.*\)<\/ul>.*/\1/p' "$TMP/dom2")
echo "$results" | grep -q '北辰供应链续约丢单复盘'
echo "$results" | grep -q '鹏程大药房90天续约挽救复盘'
# A Latin word, any case, by prefix: TCO.
chrome --dump-dom "file://$book/index.html#q=tc" >"$TMP/dom3"
sed -n 's/.*<ul id="casebook-results"\(.*\)<\/ul>.*/\1/p' "$TMP/dom3" |
    grep -q '价格战复盘'
# Nothing: the list says so.
chrome --dump-dom "file://$book/index.html#q=%E9%BE%99%E5%8D%B7%E9%A3%8E" >"$TMP/dom4"
sed -n 's/.*<ul id="casebook-results"\(.*\)<\/ul>.*/\1/p' "$TMP/dom4" |
    grep -q '<li class="count">没有找到匹配的案例。</li>'
! grep -q 'CONSOLE' "$TMP/chromium.log"

mkdir -p build/screenshots
chrome --screenshot="$(pwd)/build/screenshots/casebook-index.png" \
    --window-size=1280,2000 "file://$book/index.html#q=%E7%BB%AD%E7%BA%A6"
chrome --screenshot="$(pwd)/build/screenshots/casebook-case.png" \
    --window-size=1280,3600 \
    "file://$book/cases/2026-q1-huadong-price-war-response.html"
chrome --screenshot="$(pwd)/build/screenshots/casebook-lessons.png" \
    --window-size=1280,2000 "file://$book/lessons.html"
for f in index case lessons; do
	[ "$(wc -c <"build/screenshots/casebook-$f.png")" -gt 20000 ]
done
