#!/bin/sh
# --lenient: a bad row is skipped, the run exits 0, and the company report
# lists the row in its data-quality notes (docs/input.md §12).
set -eu
cp -R tests/e2e/hand/input "$TMP/in"
echo "2026-10-30,S1,C9,12.345,O9" >>"$TMP/in/sales.csv"
"$BIN" -q --lenient monthly 2026-10 --format html,csv --input "$TMP/in" \
    --output "$TMP/out" 2>"$TMP/err"
grep -q 'sales.csv:12: amount: warning: more than 2 decimals; row skipped (12.345)' "$TMP/err"
grep -q 'sales.csv:12: amount more than 2 decimals; row skipped (12.345)' \
    "$TMP/out/2026-10/index.html"
# The skipped row is not counted: S1 keeps its hand-computed revenue.
grep -q '^2026-10,S1,李一,alpha,sales,120000.00,' "$TMP/out/2026-10/scores.csv"
