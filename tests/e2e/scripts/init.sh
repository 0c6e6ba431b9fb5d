#!/bin/sh
# `scorecard init DIR` (docs/input.md, the introduction): a starter workspace that works
# at once — check says OK, a month and the casebook are made without a
# warning — whose policy.yaml is the built-in defaults (the same scores as
# no policy at all), whose CSV files have Chinese headers, and whose
# templates copy renders as the built-in ones.  An existing folder is
# refused and left as it was.
set -eu
LC_ALL=C.UTF-8
export LC_ALL

fail() {
	echo "init.sh: $*" >&2
	exit 1
}

ws=$TMP/ws
"$BIN" -q init "$ws" 2>"$TMP/err" || fail "init failed: $(cat "$TMP/err")"
[ ! -s "$TMP/err" ] || fail "init -q said: $(cat "$TMP/err")"
for f in team sales targets metrics reviews actions; do
	[ -f "$ws/$f.csv" ] || fail "no $f.csv"
	head -n 1 "$ws/$f.csv" | grep -q '工号\|期间\|编号' ||
	    fail "$f.csv has no Chinese header"
	rows=$(($(wc -l <"$ws/$f.csv") - 1))
	[ "$rows" -ge 3 ] || fail "$f.csv has $rows example rows"
done
ls "$ws/cases/"*.md >/dev/null || fail "no example retrospective"
[ -f "$ws/templates/rep.md" ] && [ -f "$ws/templates/locale/zh-CN.yaml" ] ||
    fail "no templates copy"
[ ! -e "$ws/templates/starter" ] || fail "the starter copied into templates"
grep -q '^# ' "$ws/policy.yaml" || fail "policy.yaml without comments"

"$BIN" check --input "$ws" --output "$TMP/o1" >"$TMP/out" 2>"$TMP/err" ||
    fail "check failed: $(cat "$TMP/err")"
tail -n 1 "$TMP/out" | grep -qx OK || fail "check did not say OK"
[ ! -s "$TMP/err" ] || fail "check warned: $(cat "$TMP/err")"
"$BIN" monthly 2026-10 --input "$ws" --output "$TMP/o1" 2>"$TMP/err" ||
    fail "monthly failed: $(cat "$TMP/err")"
if grep -q 'warning' "$TMP/err"; then
	fail "monthly warned: $(cat "$TMP/err")"
fi
"$BIN" casebook --input "$ws" --output "$TMP/o1" 2>"$TMP/err" ||
    fail "casebook failed: $(cat "$TMP/err")"
if grep -q 'warning' "$TMP/err"; then
	fail "casebook warned: $(cat "$TMP/err")"
fi

# the starter policy is the built-in one: the same scores without it
mkdir "$TMP/nopolicy"
cp "$ws"/*.csv "$TMP/nopolicy/"
"$BIN" -q monthly 2026-10 --format csv --input "$TMP/nopolicy" \
    --output "$TMP/o2"
cmp "$TMP/o1/2026-10/scores.csv" "$TMP/o2/2026-10/scores.csv" ||
    fail "the starter policy.yaml is not the built-in defaults"

# the templates copy renders as the built-in templates
"$BIN" -q monthly 2026-10 --format html --input "$ws" --output "$TMP/o3" \
    --templates "$ws/templates"
cmp "$TMP/o1/2026-10/reps/S01.html" "$TMP/o3/2026-10/reps/S01.html" ||
    fail "the templates copy renders differently"

# an existing folder, even empty, is refused (73) and not touched
mkdir "$TMP/taken"
echo keep >"$TMP/taken/mine.txt"
if "$BIN" -q init "$TMP/taken" 2>"$TMP/err"; then
	fail "init into an existing folder succeeded"
else
	[ $? -eq 73 ] || fail "init into an existing folder: not 73"
fi
grep -q 'already exists' "$TMP/err" || fail "no reason given: $(cat "$TMP/err")"
[ "$(ls "$TMP/taken")" = mine.txt ] || fail "the existing folder changed"
if "$BIN" -q init "$ws/team.csv" 2>/dev/null; then
	fail "init over a file succeeded"
fi
[ -z "$(ls -a "$TMP" | grep '\.tmp-')" ] || fail "a temporary folder was left"
exit 0
