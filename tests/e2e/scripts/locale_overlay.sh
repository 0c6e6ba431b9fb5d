#!/bin/sh
# A partial locale/*.yaml in --templates is laid over the built-in locale
# leaf by leaf (docs/templates.md, "Locales"): the labels and formats it
# names change, every other one stays the built-in one.
set -eu
LC_ALL=C
export LC_ALL

fail() {
	echo "locale_overlay.sh: $*" >&2
	exit 1
}

in=tests/e2e/base
tpl=$TMP/tpl
mkdir -p "$tpl/locale"
# One label and one format each.
cat >"$tpl/locale/en.yaml" <<'EOF'
labels:
  revenue: Turnover
format:
  currency: "US$"
EOF
cat >"$tpl/locale/zh-CN.yaml" <<'EOF'
labels:
  revenue: 营业额
EOF

"$BIN" -q monthly 2026-10 --format html --lang en --input "$in" \
    --templates "$tpl" --output "$TMP/en" 2>"$TMP/err" ||
    fail "en run failed: $(cat "$TMP/err")"
page=$TMP/en/2026-10/reps/S01.html
# the user's label and currency
grep -q 'Turnover' "$page" || fail "en: the user's label is not used"
grep -q 'US\$[0-9]' "$page" || fail "en: the user's currency is not used"
# the built-in en.yaml's other labels and formats stay: new_customers is
# "New customers", monthly_report "Monthly performance report", a month
# "{mon} {year}"
grep -q 'New customers' "$page" || fail "en: built-in label new_customers lost"
grep -q '>new_customers<' "$page" && fail "en: a label shown as its key"
grep -q 'Monthly performance report' "$page" ||
    fail "en: built-in label monthly_report lost"
grep -q 'Oct 2026' "$page" || fail "en: built-in month format lost"

"$BIN" -q monthly 2026-10 --format html --lang zh --input "$in" \
    --templates "$tpl" --output "$TMP/zh" 2>"$TMP/err" ||
    fail "zh run failed: $(cat "$TMP/err")"
page=$TMP/zh/2026-10/reps/S01.html
grep -q '营业额' "$page" || fail "zh: the user's label is not used"
grep -q '新客户' "$page" || fail "zh: built-in label new_customers lost"
grep -q '月度绩效报告' "$page" || fail "zh: built-in label monthly_report lost"
grep -q '2026年10月' "$page" || fail "zh: built-in month format lost"
# the currency is the built-in zh-CN one: the en file changed only en
grep -q 'US\$' "$page" && fail "zh: the en file's currency leaked"

# A locale file that is not a mapping is refused, naming the file.
printf -- '- labels\n' >"$tpl/locale/en.yaml"
rc=0
"$BIN" -q monthly 2026-10 --format html --lang en --input "$in" \
    --templates "$tpl" --output "$TMP/bad" 2>"$TMP/err" || rc=$?
[ "$rc" = 65 ] || fail "a list as locale: exit $rc, not 65"
grep -q 'locale/en.yaml:1: a locale is a mapping' "$TMP/err" ||
    fail "a list as locale: $(cat "$TMP/err")"
exit 0
