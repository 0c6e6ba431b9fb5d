#!/bin/sh
# Partial and odd runs (docs/output.md §7): a --rep or --team run writes
# only that person's or that team's documents, and keeps scores.csv,
# teams.csv, the company summary and output/index.html as they were; the
# language of a month's documents is recorded in its folder (.lang), and a
# --rep/--team run in another language is refused (64) while a whole run
# rewrites the folder in its own; a quarter's archive covers the record and
# verifies; a period with no sales rows is computed with a warning (exit 0).
set -eu
LC_ALL=C
export LC_ALL

fail() {
	echo "partial_runs.sh: $*" >&2
	exit 1
}

in=tests/e2e/hand/input
out=$TMP/out
m=$out/2026-10

# ---- 1. --rep and --team write only their documents ----
"$BIN" -q monthly 2026-10 --format html,pdf,csv --input "$in" --output "$out" ||
    fail "the whole month failed"
kept="2026-10/scores.csv 2026-10/teams.csv 2026-10/index.html
    2026-10/summary.pdf index.html 2026-10/teams/alpha.html
    2026-10/teams/alpha.pdf 2026-10/teams/beta.html 2026-10/reps/B1.html
    2026-10/reps/S2.html"
for f in $kept 2026-10/reps/S1.html 2026-10/reps/S1.pdf; do
	[ -f "$out/$f" ] || fail "the whole month wrote no $f"
	printf 'KEPT-MARK' >>"$out/$f"
done
"$BIN" -q monthly 2026-10 --format html,pdf,csv --rep S1 --input "$in" \
    --output "$out" 2>"$TMP/err" || fail "--rep S1 failed: $(cat "$TMP/err")"
for f in $kept; do
	grep -q 'KEPT-MARK' "$out/$f" || fail "--rep S1 rewrote $f"
done
for f in reps/S1.html reps/S1.pdf; do
	! grep -q 'KEPT-MARK' "$m/$f" || fail "--rep S1 did not rewrite $f"
done
"$BIN" -q monthly 2026-10 --format html --team alpha --input "$in" \
    --output "$out" 2>"$TMP/err" || fail "--team alpha failed: $(cat "$TMP/err")"
for f in 2026-10/scores.csv 2026-10/teams.csv 2026-10/index.html \
    2026-10/summary.pdf index.html 2026-10/teams/beta.html \
    2026-10/reps/B1.html 2026-10/teams/alpha.pdf; do
	grep -q 'KEPT-MARK' "$out/$f" || fail "--team alpha rewrote $f"
done
for f in teams/alpha.html reps/S2.html reps/M1.html; do
	! grep -q 'KEPT-MARK' "$m/$f" || fail "--team alpha did not rewrite $f"
done
# Into an empty output folder: the person's documents and nothing else.
"$BIN" -q monthly 2026-10 --format html,pdf --rep S1 --input "$in" \
    --output "$TMP/one"
(cd "$TMP/one" && find . -type f | sort) >"$TMP/files"
printf '%s\n' ./2026-10/.lang ./2026-10/reps/S1.html ./2026-10/reps/S1.pdf |
    cmp -s - "$TMP/files" || fail "--rep S1 alone wrote: $(cat "$TMP/files")"

# ---- 2. the folder's language ----
[ "$(cat "$m/.lang")" = zh-CN ] || fail ".lang: $(cat "$m/.lang")"
cp "$m/reps/S1.html" "$TMP/s1-before"
rc=0
"$BIN" -q monthly 2026-10 --format html --rep S1 --lang en --input "$in" \
    --output "$out" 2>"$TMP/err" || rc=$?
[ $rc -eq 64 ] || fail "--rep S1 --lang en in a zh-CN folder: exit $rc"
grep -qF "$m: its documents are in zh-CN and this run's would be in en: give --lang zh, or run without --team and --rep to rewrite the whole folder in en" \
    "$TMP/err" || fail "the refusal says: $(cat "$TMP/err")"
cmp -s "$m/reps/S1.html" "$TMP/s1-before" || fail "the refused run wrote S1.html"
rc=0
"$BIN" -q monthly 2026-10 --format html --team beta --lang en --input "$in" \
    --output "$out" 2>/dev/null || rc=$?
[ $rc -eq 64 ] || fail "--team beta --lang en in a zh-CN folder: exit $rc"
# The whole month in English rewrites every document; then English
# subsets are accepted and Chinese ones refused.
"$BIN" -q monthly 2026-10 --format html,pdf,csv --lang en --input "$in" \
    --output "$out" || fail "the whole month in en failed"
[ "$(cat "$m/.lang")" = en ] || fail ".lang after --lang en: $(cat "$m/.lang")"
! grep -rlq 'KEPT-MARK' "$m" || fail "the whole run kept an old file"
grep -q '<html lang="en"' "$m/teams/beta.html" || fail "beta.html is not in en"
"$BIN" -q monthly 2026-10 --format html --rep S1 --lang en --input "$in" \
    --output "$out" || fail "--rep S1 --lang en in an en folder failed"
rc=0
"$BIN" -q monthly 2026-10 --format html --rep S1 --input "$in" \
    --output "$out" 2>"$TMP/err" || rc=$?
[ $rc -eq 64 ] && grep -qF 'its documents are in en and this run'"'"'s would be in zh-CN: give --lang en' \
    "$TMP/err" || fail "--rep S1 (zh-CN) in an en folder: exit $rc: $(cat "$TMP/err")"
# Numbers alone write no documents and no record: any language may follow.
"$BIN" -q monthly 2026-10 --format csv --input "$in" --output "$TMP/csv"
[ ! -e "$TMP/csv/2026-10/.lang" ] || fail "--format csv wrote .lang"
"$BIN" -q monthly 2026-10 --format html --rep S1 --lang en --input "$in" \
    --output "$TMP/csv" || fail "--rep after a csv-only run failed"
# A quarter records its language inside the archive, and verifies.
"$BIN" -q quarterly 2026-Q4 --format html,csv --lang en --input "$in" \
    --output "$out"
[ "$(cat "$out/2026-Q4/.lang")" = en ] || fail "the quarter has no .lang"
grep -q '  \.lang$' "$out/2026-Q4/MANIFEST.sha256" ||
    fail "MANIFEST.sha256 does not cover .lang"
"$BIN" verify "$out/2026-Q4" | grep -q '^OK' || fail "verify of the quarter"

# ---- 3. a period with no sales warns ----
rc=0
"$BIN" -q monthly 2027-03 --format csv --input "$in" --output "$TMP/late" \
    2>"$TMP/err" || rc=$?
[ $rc -eq 0 ] || fail "2027-03: exit $rc"
grep -qxF "$in/sales.csv: warning: no sales in 2027-03 (the last sale is dated 2026-10-25)" \
    "$TMP/err" || fail "2027-03 warns: $(cat "$TMP/err")"
[ -f "$TMP/late/2027-03/scores.csv" ] || fail "2027-03 wrote no scores.csv"
rc=0
"$BIN" -q monthly 2020-01 --format csv --input "$in" --output "$TMP/late" \
    2>"$TMP/err" || rc=$?
[ $rc -eq 0 ] && grep -qF 'warning: no sales in 2020-01 (the first sale is dated 2026-09-15)' \
    "$TMP/err" || fail "2020-01: exit $rc: $(cat "$TMP/err")"
rc=0
"$BIN" -q quarterly 2027-Q1 --format csv --input "$in" --output "$TMP/late" \
    2>"$TMP/err" || rc=$?
[ $rc -eq 0 ] && grep -qF 'warning: no sales in 2027-Q1 (the last sale is dated 2026-10-25)' \
    "$TMP/err" || fail "2027-Q1: exit $rc: $(cat "$TMP/err")"
"$BIN" -q monthly 2026-10 --format csv --input "$in" --output "$TMP/late" \
    2>"$TMP/err"
! grep -q 'no sales' "$TMP/err" || fail "2026-10 has sales: $(cat "$TMP/err")"
