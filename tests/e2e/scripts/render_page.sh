#!/bin/sh
# `scorecard render` on a template with hostile data and every chart kind:
# the page has six SVG charts, nothing active from the data (no script,
# no element or event handler, no javascript: link), and it renders in
# headless Chromium without console errors; the screenshot is kept in
# build/screenshots/ to be looked at.
set -eu
page=$TMP/page.html
"$BIN" render tests/golden/render/template/report.md \
    --data tests/golden/render/template/data.yaml >"$page"
[ "$(grep -c '<svg' "$page")" -eq 6 ]
! grep -qi '<script' "$page"
! grep -qiE '<(img|iframe|object|embed)' "$page"
! grep -qiE '<[^>]* on[a-z]+=' "$page"
! grep -qiE '(href|src)="?javascript:' "$page"
grep -q '&lt;script&gt;alert(2)' "$page"
grep -q '{{t.name}} | 注入 |' "$page"
grep -q 'class="tier tier-A"' "$page"

command -v chromium >/dev/null 2>&1 || { echo "chromium missing: make setup installs it" >&2; exit 1; }
mkdir -p build/screenshots
profile=$(mktemp -d)
timeout 90 chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$profile" --enable-logging=stderr --v=0 \
    --screenshot=build/screenshots/render-template.png \
    --window-size=1280,2400 "file://$(cd "$(dirname "$page")" && pwd)/page.html" \
    >"$TMP/chromium.log" 2>&1 || true
rm -rf "$profile"
[ -s build/screenshots/render-template.png ]
[ "$(wc -c <build/screenshots/render-template.png)" -gt 20000 ]
! grep -q 'CONSOLE' "$TMP/chromium.log"
