#!/bin/sh
# Regenerates tests/e2e/cases/ from the valid workspace in tests/e2e/base/:
# each case is a copy of the base with ONE change (a defect, or an unusual
# but valid form) and a file `expect` that tests/run.sh reads.  The
# generated folders are kept in the tree; run this after changing the base
# or a case below, and review the diff.  Needs iconv (GB18030, UTF-16).
#
# Line numbers: base team.csv has 7 lines (header + 6 people), sales.csv 11,
# targets.csv 8, metrics.csv 5, reviews.csv 6, actions.csv 4, policy.yaml 7
# (a comment first), cases/one.md has its front matter on lines 1-8.  A row
# appended to a file is therefore on line (that count + 1).
#
# Whole-stderr goldens: a case whose folder holds stderr.golden keeps it
# through regeneration, and its expect gets "stderr-file: stderr.golden"
# (tests/run.sh compares the whole standard error with it).  To give a case
# one, create the empty file, run this script, then write the goldens from
# the current binary and review them:
#   STDERR_GOLDEN_UPDATE=1 PARTS=cases sh tests/run.sh ./scorecard
# The same command refreshes them after a message changes on purpose.

set -eu
cd "$(dirname "$0")"
LC_ALL=C
export LC_ALL

BASE=base
CASES=cases
keep=$(mktemp -d "${TMPDIR:-/tmp}/make-cases.XXXXXX")
trap 'rm -rf "$keep"' EXIT
for g in "$CASES"/*/stderr.golden; do
	[ -f "$g" ] || continue
	n=${g#"$CASES"/}
	cp "$g" "$keep/${n%/stderr.golden}"
done
rm -rf "$CASES"
mkdir "$CASES"

# new NAME: starts case NAME as a copy of the base workspace.
new() {
	d=$CASES/$1
	mkdir "$d"
	cp -R "$BASE" "$d/input"
	: >"$d/expect"
}

# x LINE...: expect lines.
x() {
	printf '%s\n' "$@" >>"$d/expect"
}

# bad65 SUBSTRING...: exit 65, each substring in stderr, no OK on stdout.
bad65() {
	x "exit: 65"
	for s in "$@"; do
		x "stderr: $s"
	done
	x "stdout-not: OK"
}

# ok SUBSTRING...: exit 0, OK and each substring on stdout.
ok() {
	x "exit: 0" "stdout: OK"
	for s in "$@"; do
		x "stdout: $s"
	done
}

# put FILE LINE...: writes FILE of the case's input anew.
put() {
	f=$d/input/$1
	shift
	printf '%s\n' "$@" >"$f"
}

# add FILE LINE...: appends lines to FILE.
add() {
	f=$d/input/$1
	shift
	printf '%s\n' "$@" >>"$f"
}

# sub FILE N TEXT: replaces physical line N of FILE by TEXT.
sub() {
	f=$d/input/$1
	awk -v n="$2" -v t="$3" 'NR == n { print t; next } { print }' \
	    "$f" >"$f.tmp"
	mv "$f.tmp" "$f"
}

# filter FILE COMMAND...: rewrites FILE through a filter.
filter() {
	f=$d/input/$1
	shift
	"$@" <"$f" >"$f.tmp"
	mv "$f.tmp" "$f"
}

crlf() {
	awk '{ printf "%s\r\n", $0 }'
}

bom() {
	printf '\357\273\277'
	cat
}

gb18030() {
	iconv -f UTF-8 -t GB18030
}

utf16() {
	iconv -f UTF-8 -t UTF-16
}

SALE='2026-10-30,S01,CUST-009'

# ======================================================================
# Defects: one each, exit 65 and the file:line: column: message.
# ======================================================================

# ---- money ----
new money-three-decimals
add sales.csv "$SALE,12.345,ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:12: amount: more than 2 decimals (12.345)"

new money-decimal-comma
add sales.csv "$SALE,\"1,23\",ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:12: amount: misplaced thousands separator (1,23)"

new money-not-a-number
add sales.csv "$SALE,abc,ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:12: amount: not an amount (abc)"

new money-target-three-decimals
add targets.csv "2026-Q4,rep,S01,revenue,70000.125"
bad65 "targets.csv:9: target: more than 2 decimals (70000.125)"

new money-empty-amount
add sales.csv "$SALE,,ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:12: amount: empty value"

# 万 takes at most 6 decimals: the amount is then whole cents.
new money-wan-seven-decimals
add sales.csv "$SALE,1.0000001万,ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:12: amount: more than 6 decimals before 万 (1.0000001万)"

# ---- money totals beyond 10^15 yuan: refused when a period is computed ----
LIMIT="is too large to compute exactly (limit ±999999999999999.99)"

# Each row is within the limit; 100 of them would wrap 64 bits.
new money-revenue-too-large
i=1
while [ $i -le 100 ]; do
	add sales.csv "2026-10-30,S01,CUST-9$i,999999999999999.99,ORD-9$i,CRM Pro,1,direct"
	i=$((i + 1))
done
x "args: monthly 2026-10 --format csv" "exit: 65" \
    "stderr: sales.csv: revenue of S01 in 2026-10 $LIMIT" \
    "stderr: nothing written" "stderr-not: wrote"

new money-team-target-too-large
add targets.csv "2026-10,rep,S01,revenue,600000000000000" \
    "2026-10,rep,C01,revenue,600000000000000"
x "args: monthly 2026-10 --format csv" "exit: 65" \
    "stderr: targets.csv: revenue target of team east in 2026-10 $LIMIT" \
    "stderr: nothing written" "stderr-not: wrote"

# Two people's May is within the limit each, not together: the company's
# trend chart would show it.
new money-company-month-too-large
add sales.csv "2026-05-10,S01,CUST-901,600000000000000.00,ORD-901,CRM Pro,1,direct" \
    "2026-05-10,M02,CUST-902,600000000000000.00,ORD-902,CRM Pro,1,direct"
x "args: monthly 2026-10" "exit: 65" \
    "stderr: sales.csv: revenue of the company in 2026-05 $LIMIT" \
    "stderr: nothing written" "stderr-not: chart"

# A money KPI from metrics.csv is read like an amount of sales.csv.
new metrics-money-three-decimals
# (kpis: is replaced whole: the base's satisfaction and leads named again)
add policy.yaml "kpis:" "  gmv: {source: metrics, unit: money}" \
    "  satisfaction: {source: metrics, agg: mean, unit: score, cap: 1.2}" \
    "  leads: {source: metrics, agg: sum, unit: count, cap: 1.5}"
add metrics.csv "2026-10,S01,gmv,1234.5678" "2026-09,S01,gmv,12%"
bad65 "metrics.csv:6: value: more than 2 decimals (1234.5678)" \
    "metrics.csv:7: value: not an amount (12%)"

# ---- dates ----
new date-impossible
add sales.csv "2026-02-30,S01,CUST-009,100.00,ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:12: date: no such day (2026-02-30)"

new date-bad-form
add sales.csv "10/30/2026,S01,CUST-009,100.00,ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:12: date: not a date (10/30/2026)"

new date-no-such-month
sub team.csv 6 "P01,陈静,west,campaign,M02,2023-13-01,,"
bad65 "team.csv:6: hire_date: no such month (2023-13-01)"

new date-bad-time
add sales.csv "2026-10-30 25:00,S01,CUST-009,100.00,ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:12: date: not a date (bad time of day) (2026-10-30 25:00)"

# A number in a date column is a spreadsheet serial date from 10000
# (1927-05-18) to 73050 (2099-12-31); a year alone is no date.
new date-serial-year-alone
add sales.csv "2026,S01,CUST-009,100.00,ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:12: date: not a date (a year alone?) (2026)"

new date-serial-out-of-range
add sales.csv "73051,S01,CUST-009,100.00,ORD-1009,CRM Basic,1,direct" \
    "0,S01,CUST-010,100.00,ORD-1010,CRM Basic,1,direct" \
    "60,S01,CUST-011,100.00,ORD-1011,CRM Basic,1,direct"
bad65 "sales.csv:12: date: not a date (a number is read as a spreadsheet serial date only from 1 to 73050) (73051)" \
    "sales.csv:13: date: not a date (a number is read as a spreadsheet serial date only from 1 to 73050) (0)" \
    "sales.csv:14: date: not a date (serial 60 is 29 February 1900, a day that never was) (60)"

new date-bad-zone
add sales.csv "2026-10-30T10:00:00+8:00,S01,CUST-009,100.00,ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:12: date: not a date (bad time of day) (2026-10-30T10:00:00+8:00)"

new date-leave-before-hire
sub team.csv 7 "R01,周涛,west,research,M02,2023-02-01,2022-12-31,"
bad65 "team.csv:7: leave_date: leave_date is before hire_date (2022-12-31)"

# ---- periods ----
new period-q5
add targets.csv "2026-Q5,rep,S01,revenue,1000"
bad65 "targets.csv:9: period: no such quarter (2026-Q5)"

new period-bad-form
add actions.csv "A4,S01,Oct 2026,Visit three accounts,2026-11-30,open,,"
bad65 "actions.csv:5: opened: not a period (Oct 2026)"

# ---- ids ----
new id-slash
add team.csv "S/02,孙悟,east,sales,M01,2024-01-01,,"
bad65 "team.csv:8: rep_id: id may only hold letters, digits, '_', '.' and '-' (S/02)"

new id-dotdot
add actions.csv "..,S01,2026-10,Visit three accounts,2026-11-30,open,,"
bad65 "actions.csv:5: id: id may not be only dots (..)"

new id-space
add team.csv "S02,孙悟,east team,sales,M01,2024-01-01,,"
bad65 "team.csv:8: team: id may only hold letters, digits, '_', '.' and '-' (east team)"

ID65=$(printf 'X%064d' 0)
new id-65-characters
add team.csv "$ID65,孙悟,east,sales,M01,2024-01-01,,"
bad65 "team.csv:8: rep_id: id longer than 64 characters ($ID65)"

# ---- references ----
new sales-unknown-rep
add sales.csv "2026-10-30,S99,CUST-009,100.00,ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:12: rep_id: unknown rep_id (not in team.csv) (S99)"

new team-unknown-manager
add team.csv "S02,孙悟,east,sales,M99,2024-01-01,,"
bad65 "team.csv:8: manager_id: unknown manager (not a rep_id in team.csv) (M99)"

new team-duplicate-rep
add team.csv "S01,另一个李雷,east,sales,M01,2024-01-01,,"
bad65 "team.csv:8: rep_id: rep_id given twice (first on line 3) (S01)"

new team-role-not-in-policy
add team.csv "S02,孙悟,east,hunter,M01,2024-01-01,,"
bad65 "team.csv:8: role: role not in policy.yaml roles (hunter)"

new team-manager-circle
sub team.csv 2 "M01,王芳,east,manager,S01,2020-01-06,,wang.fang@example.com"
bad65 "team.csv:2: manager_id: managers form a circle back to this person (S01)" \
    "team.csv:3: manager_id: managers form a circle back to this person (M01)"

new team-bad-email
sub team.csv 4 "C01,韩梅梅,east,customer_success,M01,2022-05-01,,hanmeimei.example.com"
bad65 "team.csv:4: email: not an e-mail address (hanmeimei.example.com)"

new team-header-only
put team.csv "rep_id,name,team,role,manager_id,hire_date,leave_date,email"
rm -rf "$d/input/cases" "$d/input/sales.csv" "$d/input/targets.csv" \
    "$d/input/metrics.csv" "$d/input/reviews.csv" "$d/input/actions.csv"
bad65 "team.csv: no people: the file has a header but no rows"

new target-unknown-team
add targets.csv "2026-Q4,team,north,revenue,50000"
bad65 "targets.csv:9: id: unknown team (no one in team.csv is in it) (north)"

new review-unknown-reviewer
add reviews.csv "2026-Q3,S01,X99,peer,teamwork,4,"
bad65 "reviews.csv:7: reviewer_id: unknown reviewer (not a rep_id in team.csv) (X99)"

# ---- columns and CSV structure ----
new missing-required-column
filter sales.csv cut -d, -f1-3,5-
bad65 "sales.csv:1: amount: required column missing"

# A missing column: the nearest header is suggested, with the columns:
# line that maps it; --quiet hides notes, not this.
new missing-column-suggestion
sub sales.csv 1 "date,rep_id,customer_id,金额（元）,order_id,product,quantity,channel"
x "args: --quiet check"
bad65 "sales.csv:1: amount: required column missing (header \"amount\" or \"金额\"); the file has \"金额（元）\": map it with columns: {sales: {amount: 金额（元）}} in policy.yaml"

new missing-column-near-miss
sub team.csv 1 "Rep ID,name,team,role,manager_id,hire_date,leave_date,email"
bad65 "team.csv:1: rep_id: required column missing (header \"rep_id\" or \"工号\"); the file has \"Rep ID\": map it with columns: {team: {rep_id: Rep ID}} in policy.yaml"

new column-given-twice
sub team.csv 1 "rep_id,name,team,role,manager_id,hire_date,leave_date,Rep_ID"
bad65 "team.csv:1: rep_id: column given twice (Rep_ID)"

new unterminated-quote-at-end
add sales.csv "$SALE,100.00,ORD-1009,\"CRM Pro,1,direct"
bad65 "sales.csv:12: quoted field not closed before the end of the file"

new stray-quote-mid-field
add sales.csv "2026-10-30,S01,CU\"ST-009,100.00,ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:12: misplaced quote"

new semicolon-delimited
filter sales.csv tr , ';'
bad65 "sales.csv:1: fields are separated by semicolons"

new tab-delimited
filter targets.csv tr , '\t'
bad65 "targets.csv:1: fields are separated by tabs"

new nul-byte-in-field
printf '2026-10-30,S01,CUST\000-009,100.00,ORD-1009,CRM Basic,1,direct\n' \
    >>"$d/input/sales.csv"
bad65 "sales.csv:12: customer_id: NUL byte in the field"

new too-many-fields
add sales.csv "$SALE,1,234.50,ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:12: row has 9 fields but the header has 8 (a comma in an unquoted value?)"

new too-few-fields
add metrics.csv "2026-10,S01,satisfaction"
bad65 "metrics.csv:6: row has 3 fields but the header has 4"

new utf16-file
filter sales.csv utf16
bad65 "sales.csv:1: the file is UTF-16"

new line-after-multiline-field
add sales.csv "2026-10-29,S01,CUST-009,100.00,ORD-1009,\"CRM Pro" \
    "(two-line product name)\",1,direct" \
    "$SALE,12.345,ORD-1010,CRM Basic,1,direct"
bad65 "sales.csv:14: amount: more than 2 decimals (12.345)"
x "stderr-not: sales.csv:13:"

new line-after-blank-lines
add sales.csv "" "" ",,,,,,," "$SALE,abc,ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:15: amount: not an amount (abc)"

new empty-required-value
add sales.csv "2026-10-30,S01,,100.00,ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:12: customer_id: empty value"

new not-utf8-nor-gb18030
printf 'S02,\377\377\377,east,sales,M01,,,\n' >>"$d/input/team.csv"
bad65 "team.csv:" "neither UTF-8 nor GB18030"

# ---- policy.yaml ----
new policy-unknown-top-key
add policy.yaml "colour: blue"
bad65 "policy.yaml:8: colour: unknown key (a typo?)"

new policy-unknown-nested-key
put policy.yaml "review: {min_rater: 5}"
bad65 "policy.yaml:1: review.min_rater: unknown key (a typo?)"

new policy-unknown-kpi-key
put policy.yaml "kpis:" "  revenue: {source: sales, agg: sum, unit: money, capp: 1.5}"
bad65 "policy.yaml:2: kpis.revenue.capp: unknown key (a typo?)"

new policy-malformed-yaml
put policy.yaml "currency: CNY" "review: {min_raters: 5" "alert_below: 0.8"
bad65 "policy.yaml:" "YAML syntax error"

new policy-wrong-type-number
sub policy.yaml 7 "alert_below: high"
bad65 "policy.yaml:7: alert_below: not a number (high)"

new policy-wrong-type-list
add policy.yaml "seasonality: 1"
bad65 "policy.yaml:8: seasonality: expected a list (1)"

new policy-wrong-choice
sub policy.yaml 3 "locale: fr"
bad65 "policy.yaml:3: locale: expected one of: zh-CN, en (fr)"

new policy-tiers-out-of-order
add policy.yaml "tiers:" \
    "  - {name: A, min_score: 50, multiplier: 1.0}" \
    "  - {name: B, min_score: 80, multiplier: 1.2}"
bad65 "policy.yaml:10: tiers[1]: tiers go from the top: min_score must fall from one tier to the next"

new policy-role-unknown-kpi
add policy.yaml "roles: {sales: {profit: 1.0}}"
bad65 "policy.yaml:8: roles.sales.profit: no such KPI in kpis"

# kpis: and roles: named are replaced whole (docs/input.md §9): a built-in
# role on a KPI that the user's kpis: left out is an error at kpis:, naming
# the role and the KPI; revenue, named with a cap only, keeps its source.
new policy-kpis-without-roles
put policy.yaml "kpis:" "  revenue: {cap: 2}" "  leads: {source: metrics}"
bad65 "policy.yaml:1: kpis: the built-in role sales weighs satisfaction, which this kpis: leaves out: keep satisfaction in kpis:, or give roles: too (satisfaction)" \
    "policy.yaml:1: kpis: the built-in role manager weighs satisfaction"
x "stderr-not: role campaign" "stderr-not: kpis.revenue"

# roles: named without a role of team.csv: that person's role is unknown,
# as any role policy.yaml does not have.
new policy-roles-whole-unknown-role
put policy.yaml "roles: {sales: {revenue: 1.0}}"
bad65 "team.csv:2: role: role not in policy.yaml roles (manager)" \
    "team.csv:4: role: role not in policy.yaml roles (customer_success)" \
    "team.csv:7: role: role not in policy.yaml roles (research)"
x "stderr-not: team.csv:3:"

new policy-columns-missing-header
add policy.yaml "columns:" "  sales: {date: Close Date}"
bad65 "sales.csv:1: date: the header \"Close Date\" that columns: in policy.yaml maps this column to is missing; the file has \"date\": map it with columns: {sales: {date: date}} in policy.yaml"

new policy-columns-header-near-miss
add policy.yaml "columns:" "  sales: {date: Close Dt}"
sub sales.csv 1 "Close Date,rep_id,customer_id,amount,order_id,product,quantity,channel"
bad65 "sales.csv:1: date: the header \"Close Dt\" that columns: in policy.yaml maps this column to is missing; the file has \"Close Date\": map it with columns: {sales: {date: Close Date}} in policy.yaml"

new policy-columns-unknown-column
add policy.yaml "columns:" "  sales: {when: Close Date}"
bad65 "policy.yaml:9: columns.sales.when: no such column in sales.csv"

# The sales KPIs always come from sales.csv: one revenue in a report.
new policy-revenue-from-metrics
put policy.yaml "kpis:" "  revenue: {source: metrics, agg: sum, unit: money}"
bad65 "policy.yaml:2: kpis.revenue: revenue is computed from sales.csv: source must be sales (a KPI read from metrics.csv needs another name) (metrics)"

new policy-sales-kpis-from-metrics
put policy.yaml "kpis:" "  orders: {source: metrics}" \
    "  new_customers: {source: metrics}" \
    "  active_customers: {source: metrics}" \
    "  avg_order_value: {source: metrics, unit: money}"
bad65 "policy.yaml:2: kpis.orders: orders is computed from sales.csv" \
    "policy.yaml:3: kpis.new_customers: new_customers is computed from sales.csv" \
    "policy.yaml:4: kpis.active_customers: active_customers is computed" \
    "policy.yaml:5: kpis.avg_order_value: avg_order_value is computed"

new policy-sales-kpi-unit
put policy.yaml "kpis:" "  orders: {source: sales, unit: money}"
bad65 "policy.yaml:2: kpis.orders: orders is a count: unit must be count"

# Upper limits of policy values (docs/input.md §9).
new policy-rate-above-1
put policy.yaml "commission:" "  brackets:" "    - {from: 0.6, rate: 1.5}"
bad65 "policy.yaml:3: commission.brackets[0]: rate is a share of the revenue, at most 1 (1.5)"

new policy-rate-percent-above-100
put policy.yaml "commission:" "  brackets:" "    - {from: 60%, rate: 150%}"
bad65 "policy.yaml:3: commission.brackets[0]: rate is a share of the revenue, at most 1 (150%)"

new policy-multiplier-above-10
put policy.yaml "tiers:" "  - {name: S, min_score: 90, multiplier: 12}" \
    "  - {name: B, min_score: 0}"
bad65 "policy.yaml:2: tiers[0]: multiplier at most 10 (12)"

new policy-attainment-above-100
put policy.yaml "commission:" "  gate: 150" "  brackets:" \
    "    - {from: 200, to: 300, rate: 0.01}"
bad65 "policy.yaml:2: commission.gate: gate is an attainment, at most 100 (150)" \
    "policy.yaml:4: commission.brackets[0]: from is an attainment, at most 100 (200)" \
    "policy.yaml:4: commission.brackets[0]: to is an attainment, at most 100 (300)"

new policy-kpi-cap-above-100
put policy.yaml "kpis:" "  revenue: {source: sales, unit: money, cap: 1000}"
bad65 "policy.yaml:2: kpis.revenue: cap is an attainment, at most 100 (1000)"

# ---- reviews, metrics, targets, actions ----
new review-score-outside-scale
add reviews.csv "2026-Q3,S01,M02,peer,teamwork,6,"
bad65 "reviews.csv:7: score: score outside the review scale 1-5 (6)"

new review-self-other-reviewer
add reviews.csv "2026-Q3,C01,M01,self,professional,4,"
bad65 "reviews.csv:7: reviewer_id: a self review has reviewer_id = reviewee_id (M01)"

new review-bad-relation
add reviews.csv "2026-Q3,C01,M01,boss,professional,4,"
bad65 "reviews.csv:7: relation: expected one of: self, manager, peer, report, customer (boss)"

new metrics-quarter-period
add metrics.csv "2026-Q3,C01,satisfaction,4.5"
bad65 "metrics.csv:6: period: metrics are monthly: give a month such as 2026-10 (2026-Q3)"

new metrics-sales-kpi
add metrics.csv "2026-10,S01,revenue,10000"
bad65 "metrics.csv:6: kpi: this KPI is computed from sales.csv, not read from metrics.csv (revenue)"

new target-duplicate
add targets.csv "2026-Q3,rep,S01,revenue,65000"
bad65 "targets.csv:9: target: the same target is given twice (first on line 5) (65000)"

new target-duplicate-other-quarter-form
add targets.csv "2026Q3,rep,S01,revenue,65000"
bad65 "targets.csv:9: target: the same target is given twice (first on line 5) (65000)"

new target-negative
add targets.csv "2026-Q4,rep,S01,revenue,-100"
bad65 "targets.csv:9: target: a target cannot be negative (-100)"

new action-duplicate-id
add actions.csv "A2,S01,2026-10,Visit three accounts,2026-11-30,open,,"
bad65 "actions.csv:5: id: action id given twice (first on line 3) (A2)"

new action-bad-status
add actions.csv "A4,S01,2026-10,Visit three accounts,2026-11-30,pending,,"
bad65 "actions.csv:5: status: expected one of: open, done, dropped (pending)"

# ---- cases/*.md ----
new case-no-front-matter
put cases/one.md "# 东区大客户赢单复盘" "" "## 回顾目标 (Goal)" "" "签下 CUST-006。"
bad65 "cases/one.md:1: no front matter"

new case-unknown-team
sub cases/one.md 4 "team: north"
bad65 "cases/one.md:4: team: unknown team (no one in team.csv is in it) (north)"

new case-bad-date
sub cases/one.md 3 "date: 2026-02-30"
bad65 "cases/one.md:3: date: no such day (2026-02-30)"

new case-unknown-author
sub cases/one.md 5 "author: S99"
bad65 "cases/one.md:5: author: unknown author (not a rep_id in team.csv) (S99)"

new case-front-matter-not-closed
filter cases/one.md sed 8d
bad65 "cases/one.md:1: front matter not closed"

# ---- missing files and the command line ----
new missing-team-csv
rm "$d/input/team.csv"
x "exit: 66" "stderr: team.csv: missing: this file is required" \
    "stdout-not: OK"

new missing-input-folder
rm -r "$d/input"
x "exit: 66" "stderr: cannot open the input folder" "stdout-not: OK"

new usage-unknown-subcommand
x "args: frobnicate" "exit: 64" "stderr: unknown subcommand: frobnicate" \
    "stderr: usage:" "stdout-not: OK"

new usage-jobs-zero
x "args: --jobs 0 check" "exit: 64" \
    "stderr: --jobs takes a number from 1 to 256: 0" "stdout-not: OK"

new usage-check-extra-argument
x "args: check extra" "exit: 64" \
    "stderr: wrong number of arguments for check" "stdout-not: OK"

new usage-monthly-bad-month
x "args: monthly 2026-13" "exit: 64" "stderr: not a month (YYYY-MM): 2026-13"

new usage-bad-format
x "args: --format docx check" "exit: 64" "stderr: --format takes pdf, html"

new usage-format-empty-item
x "args: monthly 2026-10 --format csv," "exit: 64" \
    "stderr: --format takes pdf, html, csv and xlsx, separated by commas: csv,"

new usage-option-given-twice
x "args: monthly 2026-10 --rep S01 --rep C01" "exit: 64" \
    "stderr: --rep given twice: give it once (C01)"

new usage-option-not-for-subcommand
x "args: monthly 2026-10 --force" "exit: 64" \
    "stderr: --force does not apply to monthly (only to quarterly)"

new usage-quarterly-rep
x "args: quarterly 2026-Q3 --rep S01" "exit: 64" \
    "stderr: --rep does not apply to quarterly (only to monthly and send)"

new usage-rep-format-csv
x "args: monthly 2026-10 --rep S01 --format csv" "exit: 64" \
    "stderr: --rep writes only documents: not with --format csv alone"

new usage-rep-not-in-team
x "args: monthly 2026-10 --team west --rep S01" "exit: 64" \
    "stderr: --rep: not in the team of --team: team.csv has them in east (S01)"

# ---- defects in files with an unusual encoding or line end ----
new crlf-line-numbers
add sales.csv "$SALE,12.345,ORD-1009,CRM Basic,1,direct"
filter sales.csv crlf
bad65 "sales.csv:12: amount: more than 2 decimals (12.345)"

new bom-line-numbers
sub sales.csv 2 "2026-07-03,S01,CUST-001,12000.001,ORD-1001,CRM Pro,2,direct"
filter sales.csv bom
bad65 "sales.csv:2: amount: more than 2 decimals (12000.001)"

new gb18030-defect
sub team.csv 1 "工号,姓名,团队,岗位,上级,入职日期,离职日期,邮箱"
add team.csv "S02,孙悟,east,猎手,M01,2024-01-01,,"
filter team.csv gb18030
bad65 "team.csv:8: role: role not in policy.yaml roles (猎手)"

new not-utf8-nor-gb18030-ascii
printf 'A4,S01,2026-10,Visit \377 accounts,2026-11-30,open,,\n' \
    >>"$d/input/actions.csv"
bad65 "actions.csv:5: the file is neither UTF-8 nor GB18030"

new empty-file
: >"$d/input/targets.csv"
bad65 "targets.csv:1: empty file: a header row is required"

# ---- more row checks ----
new company-target-with-id
add targets.csv "2026-Q4,company,east,revenue,500000"
bad65 "targets.csv:9: id: a company target takes no id: leave it empty (east)"

new action-closed-before-opened
add actions.csv "A4,S01,2026-10,Visit three accounts,2026-11-30,done,2026-09-30,"
bad65 "actions.csv:5: closed: closed before the period it was opened in (2026-09-30)"

new action-open-with-closed-date
add actions.csv "A4,S01,2026-10,Visit three accounts,2026-11-30,open,2026-10-20,"
bad65 "actions.csv:5: closed: an open action has no closed date (2026-10-20)"

new review-peer-is-reviewee
add reviews.csv "2026-Q3,C01,C01,peer,teamwork,4,"
bad65 "reviews.csv:7: reviewer_id: reviewer is the reviewee: use relation self (C01)"

new policy-min-raters-zero
put policy.yaml "review: {min_raters: 0}"
bad65 "policy.yaml:1: review.min_raters:"

# A problem of a mapping merged over the built-in one (composite, review,
# commission…) is reported at the user's lines, not the built-in policy's.
new policy-merged-mapping-location
put policy.yaml "# the weights" "" "composite:" "  kpi: 0" "  review: 0"
bad65 "policy.yaml:4: composite: the weights may not both be 0"
x "stderr-not: built-in"

new policy-not-a-mapping
put policy.yaml "- currency: CNY"
bad65 "policy.yaml:1:" "a policy is a mapping of keys"

# A bad row whose rep_id another row names as manager: only the bad row
# is reported (the id must not resolve to some other person).
new team-bad-row-is-a-manager
sub team.csv 2 "M01,王芳,east,manager,X01,2020-01-06,,wang.fang@example.com"
add team.csv "X01,某人,east,hunter,,,,"
bad65 "team.csv:8: role: role not in policy.yaml roles (hunter)"
x "stderr-not: circle" "stderr: 1 error,"

# ---- several defects in several files, all reported at once ----
new several-defects
add team.csv "S02,孙悟,east,sales,M99,2024-01-01,,"
add sales.csv "$SALE,12.345,ORD-1009,CRM Basic,1,direct"
add targets.csv "2026-Q5,rep,S01,revenue,1000"
add metrics.csv "2026-Q3,C01,satisfaction,4.5"
add reviews.csv "2026-Q3,S01,M02,peer,teamwork,6,"
add actions.csv "A2,S01,2026-10,Visit three accounts,2026-11-30,open,,"
sub cases/one.md 4 "team: north"
bad65 "team.csv:8: manager_id: unknown manager (not a rep_id in team.csv) (M99)" \
    "sales.csv:12: amount: more than 2 decimals (12.345)" \
    "targets.csv:9: period: no such quarter (2026-Q5)" \
    "metrics.csv:6: period: metrics are monthly" \
    "reviews.csv:7: score: score outside the review scale 1-5 (6)" \
    "actions.csv:5: id: action id given twice (first on line 3) (A2)" \
    "cases/one.md:4: team: unknown team (no one in team.csv is in it) (north)" \
    "7 errors"

new several-defects-one-file
add sales.csv "$SALE,12.345,ORD-1009,CRM Basic,1,direct" \
    "2026-02-30,S01,CUST-009,100.00,ORD-1010,CRM Basic,1,direct" \
    "2026-10-30,S99,CUST-009,100.00,ORD-1011,CRM Basic,1,direct"
bad65 "sales.csv:12: amount: more than 2 decimals (12.345)" \
    "sales.csv:13: date: no such day (2026-02-30)" \
    "sales.csv:14: rep_id: unknown rep_id (not in team.csv) (S99)" \
    "3 errors"

new several-defects-one-row
add sales.csv "2026-02-30,S99,CUST-009,12.345,ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:12: date: no such day (2026-02-30)" \
    "sales.csv:12: rep_id: unknown rep_id (not in team.csv) (S99)" \
    "sales.csv:12: amount: more than 2 decimals (12.345)"

# ======================================================================
# --lenient: bad rows are skipped and counted, exit 0.
# ======================================================================

new lenient-sales-rows
add sales.csv "$SALE,12.345,ORD-1009,CRM Basic,1,direct" \
    "2026-10-30,S99,CUST-009,100.00,ORD-1010,CRM Basic,1,direct"
x "args: --lenient check"
ok "sales.csv: 10 rows, 2026-07-03 to 2026-10-28, 1 refund, UTF-8, 2 rows skipped"
x "stderr: sales.csv:12: amount: warning: more than 2 decimals; row skipped (12.345)" \
    "stderr: sales.csv:13: rep_id: warning: unknown rep_id"

new lenient-team-row
add team.csv "S02,孙悟,east,hunter,M01,2024-01-01,,"
x "args: --lenient check"
ok "team.csv: 6 people in 2 teams, UTF-8, 1 row skipped"
x "stderr: team.csv:8: role: warning: role not in policy.yaml roles; row skipped (hunter)"

new lenient-several-files
add targets.csv "2026-Q5,rep,S01,revenue,1000"
add reviews.csv "2026-Q3,S01,M02,peer,teamwork,6,"
add actions.csv "A2,S01,2026-10,Visit three accounts,2026-11-30,open,,"
x "args: --lenient check"
ok "targets.csv: 7 targets, UTF-8, 1 row skipped" \
    "reviews.csv: 5 scores in 1 review period, UTF-8, 1 row skipped" \
    "actions.csv: 3 actions, 1 open, UTF-8, 1 row skipped"

new lenient-too-many-fields
add sales.csv "$SALE,1,234.50,ORD-1009,CRM Basic,1,direct"
x "args: --lenient check"
ok "sales.csv: 10 rows, 2026-07-03 to 2026-10-28, 1 refund, UTF-8, 1 row skipped"
x "stderr: sales.csv:12:"

new lenient-stray-quote
add sales.csv "2026-10-30,S01,CU\"ST-009,100.00,ORD-1009,CRM Basic,1,direct"
x "args: --lenient check"
ok "sales.csv: 10 rows, 2026-07-03 to 2026-10-28, 1 refund, UTF-8, 1 row skipped"
x "stderr: sales.csv:12:"

# A skipped person is unknown from then on: rows naming them are skipped too.
new lenient-skipped-person-referenced
add team.csv "S02,孙悟,east,hunter,M01,2024-01-01,,"
add sales.csv "2026-10-30,S02,CUST-009,100.00,ORD-1009,CRM Basic,1,direct"
add metrics.csv "2026-10,S02,leads,5"
x "args: --lenient check"
ok "team.csv: 6 people in 2 teams, UTF-8, 1 row skipped" \
    "sales.csv: 10 rows, 2026-07-03 to 2026-10-28, 1 refund, UTF-8, 1 row skipped" \
    "metrics.csv: 4 values, UTF-8, 1 row skipped"
x "stderr: sales.csv:12: rep_id: warning:" "stderr: metrics.csv:6: rep_id: warning:"

new lenient-unknown-manager
add team.csv "S02,孙悟,east,sales,M99,2024-01-01,,"
x "args: --lenient check"
ok "team.csv: 7 people in 2 teams, UTF-8"
x "stderr: team.csv:8: manager_id: warning: unknown manager (not a rep_id in team.csv); manager ignored (M99)"

# The manager's own row is skipped: the people under them must not make
# the lenient run fail.
new lenient-manager-row-skipped
sub team.csv 5 "M02,赵强,west,boss,,2019-07-01,,zhao.qiang@example.com"
x "args: --lenient check"
ok "team.csv: "
x "stderr: team.csv:5: role: warning:" "stderr-not: unknown manager"

new strict-without-lenient-same-rows
add sales.csv "$SALE,12.345,ORD-1009,CRM Basic,1,direct"
bad65 "sales.csv:12: amount: more than 2 decimals (12.345)"
x "stderr-not: row skipped"

# ======================================================================
# Unusual but valid: exit 0 and OK.
# ======================================================================

new valid-base
ok "team.csv: 6 people in 2 teams, UTF-8" \
    "sales.csv: 10 rows, 2026-07-03 to 2026-10-28, 1 refund, UTF-8" \
    "targets.csv: 7 targets, UTF-8" "metrics.csv: 4 values, UTF-8" \
    "reviews.csv: 5 scores in 1 review period, UTF-8" \
    "actions.csv: 3 actions, 1 open, UTF-8" "cases: 1 case"
x "stderr-not: error" "stderr-not: warning"

new valid-gb18030-chinese-headers
put team.csv "工号,姓名,团队,岗位,上级,入职日期,离职日期,邮箱" \
    "M01,王芳,east,manager,,2020年1月6日,,wang.fang@example.com" \
    "S01,李雷,east,sales,M01,2021-03-15,,li.lei@example.com" \
    "C01,韩梅梅,east,customer_success,M01,2022-05-01,," \
    "M02,赵强,west,manager,,2019-07-01,," \
    "P01,陈静,west,campaign,M02,2023-02-01,," \
    "R01,周涛,west,research,M02,2023-02-01,2026-12-31,"
filter sales.csv sed 1d
filter sales.csv sed 's/CRM Pro/客户管理专业版/'
{ echo "日期,工号,客户编号,金额,订单号,产品,数量,渠道"
  cat "$d/input/sales.csv"; } >"$d/input/sales.tmp"
mv "$d/input/sales.tmp" "$d/input/sales.csv"
sub targets.csv 1 "期间,范围,编号,指标,目标"
sub targets.csv 4 "2026-Q4,团队,west,revenue,120000"
for f in team.csv sales.csv targets.csv; do
	filter "$f" gb18030
done
ok "team.csv: 6 people in 2 teams, GB18030" \
    "sales.csv: 10 rows, 2026-07-03 to 2026-10-28, 1 refund, GB18030" \
    "targets.csv: 7 targets, GB18030"
x "stderr: team.csv: note: not UTF-8: read as GB18030"

new valid-utf8-bom
for f in team.csv sales.csv targets.csv metrics.csv reviews.csv actions.csv \
    policy.yaml cases/one.md; do
	filter "$f" bom
done
ok "team.csv: 6 people in 2 teams, UTF-8 with BOM" \
    "sales.csv: 10 rows, 2026-07-03 to 2026-10-28, 1 refund, UTF-8 with BOM" \
    "actions.csv: 3 actions, 1 open, UTF-8 with BOM" "cases: 1 case"

new valid-crlf
for f in team.csv sales.csv targets.csv metrics.csv reviews.csv actions.csv \
    policy.yaml cases/one.md; do
	filter "$f" crlf
done
ok "team.csv: 6 people in 2 teams, UTF-8" \
    "sales.csv: 10 rows, 2026-07-03 to 2026-10-28, 1 refund, UTF-8" \
    "reviews.csv: 5 scores in 1 review period" "cases: 1 case"

new valid-crlf-bom-gb18030
put team.csv "工号,姓名,团队,岗位,上级" "M01,王芳,east,manager," \
    "S01,李雷,east,sales,M01" "C01,韩梅梅,east,customer_success,M01" \
    "M02,赵强,west,manager," "P01,陈静,west,campaign,M02" \
    "R01,周涛,west,research,M02"
filter team.csv gb18030
filter team.csv crlf
filter sales.csv crlf
filter sales.csv bom
ok "team.csv: 6 people in 2 teams, GB18030" \
    "sales.csv: 10 rows, 2026-07-03 to 2026-10-28, 1 refund, UTF-8 with BOM"

new valid-quoted-fields
add sales.csv "2026-10-29,S01,\"CUST,009\",\"1,500.00\",ORD-1009,\"CRM Pro, \"\"Gold\"\" edition" \
    "with a second line\",1,\"direct, key account\""
add reviews.csv "2026-Q3,S01,M02,peer,teamwork,4,\"说得好, \"\"很有\"\"耐心" \
    "第二行评语\""
add actions.csv "\"A4\",\"S01\",\"2026-10\",\"Call, then \"\"visit\"\"\",\"2026-11-30\",\"open\",\"\",\"\""
add sales.csv "2026-10-30,S01,CUST-010,50.00,ORD-1010,Add-on,1,direct"
ok "sales.csv: 12 rows, 2026-07-03 to 2026-10-30, 1 refund" \
    "reviews.csv: 6 scores in 1 review period" \
    "actions.csv: 4 actions, 2 open"

new valid-odd-headers
sub team.csv 1 " Rep_ID ,NAME, Team,ROLE ,Manager_Id,HIRE_DATE,leave_DATE,Email"
sub sales.csv 1 "Date , REP_ID,Customer_ID,  Amount  ,ORDER_ID,Product,QUANTITY,channel"
sub targets.csv 1 "PERIOD,Scope,ID,KPI,Target"
ok "team.csv: 6 people in 2 teams" "sales.csv: 10 rows" "targets.csv: 7 targets"

# An optional column under a near name is ignored, as any unknown one,
# but the note says how to map it (orders would count each row).
new valid-optional-column-near-miss
sub sales.csv 1 "date,rep_id,customer_id,amount,Order ID,product,quantity,channel"
ok "sales.csv: 10 rows"
x "stderr: sales.csv:1: note: column ignored; if it is order_id, map it with columns: {sales: {order_id: Order ID}} in policy.yaml (Order ID)"

new valid-extra-columns
filter team.csv awk -F, -v OFS=, 'NR == 1 { print $0, "region" } NR > 1 { print $0, "华东" }'
filter sales.csv awk -F, -v OFS=, 'NR == 1 { print "crm_id", $0 } NR > 1 { print "X" NR, $0 }'
ok "team.csv: 6 people in 2 teams" \
    "sales.csv: 10 rows, 2026-07-03 to 2026-10-28, 1 refund"
x "stderr: team.csv:1: note: column ignored (region)" \
    "stderr: sales.csv:1: note: column ignored (crm_id)"

new valid-money-forms
add sales.csv "2026-10-29,S01,CUST-011,1234.5,ORD-2001,,," \
    "2026-10-29,S01,CUST-012,\"1,234.50\",ORD-2002,,," \
    "2026-10-29,S01,CUST-013,\"¥1,234.50\",ORD-2003,,," \
    "2026-10-29,S01,CUST-014,￥1234,ORD-2004,,," \
    "2026-10-29,S01,CUST-015,-200,ORD-2005,,," \
    "2026-10-29,S01,CUST-016,CNY 99.90,ORD-2006,,," \
    "2026-10-29,S01,CUST-017,\"1,234,567.89\",ORD-2007,,," \
    "2026-10-29,S01,CUST-018,0.5,ORD-2008,,,"
add targets.csv "2026-Q4,rep,S01,revenue,\"¥80,000.00\"" \
    "2026-Q4,rep,P01,revenue,CNY 3000"
ok "sales.csv: 18 rows, 2026-07-03 to 2026-10-29, 2 refunds" \
    "targets.csv: 9 targets"

new valid-date-forms
add sales.csv "2026/7/1,S01,CUST-011,100.00,ORD-2001,,," \
    "2026/10/3,S01,CUST-012,100.00,ORD-2002,,," \
    "2026年10月3日,S01,CUST-013,100.00,ORD-2003,,," \
    "2026-10-03 14:05:00,S01,CUST-014,100.00,ORD-2004,,," \
    "2026年10月31日,S01,CUST-015,100.00,ORD-2005,,,"
sub team.csv 3 "S01,李雷,east,sales,M01,2021/3/15,,li.lei@example.com"
sub team.csv 7 "R01,周涛,west,research,M02,2023年2月1日,2026-12-31 18:00:00,"
sub actions.csv 3 "A2,C01,2026-Q3,Call back churned accounts,2026/10/15,done,2026年10月10日,finished early"
sub cases/one.md 3 "date: 2026年10月12日"
ok "sales.csv: 15 rows, 2026-07-01 to 2026-10-31, 1 refund" \
    "team.csv: 6 people in 2 teams" "actions.csv: 3 actions"

# Spreadsheet serial dates in every date column of the CSV files (1900
# system: 46300 is 2026-10-05), a fraction being the time of day; one
# note per file and column.
new valid-serial-dates
add sales.csv "46300,S01,CUST-011,100.00,ORD-2001,,," \
    "46325.75,S01,CUST-012,100.00,ORD-2002,,,"
sub team.csv 3 "S01,李雷,east,sales,M01,44270,,li.lei@example.com"
sub actions.csv 2 "A1,S01,2026-09,Weekly pipeline review with the manager,46356,open,,"
ok "sales.csv: 12 rows, 2026-07-03 to 2026-10-30, 1 refund" \
    "team.csv: 6 people in 2 teams" "actions.csv: 3 actions, 1 open"
x "stderr: sales.csv:12: date: note: 46300 read as a spreadsheet serial date: 2026-10-05; 1 more like it" \
    "stderr: team.csv:3: hire_date: note: 44270 read as a spreadsheet serial date: 2021-03-15" \
    "stderr: actions.csv:2: due: note: 46356 read as a spreadsheet serial date: 2026-11-30" \
    "stderr-not: warning"

# Money in 万, in sales.csv and targets.csv; one note per file and column.
new valid-money-wan
add sales.csv "2026-10-29,S01,CUST-011,1.2万,ORD-2001,,," \
    "2026-10-29,S01,CUST-012,3.5万元,ORD-2002,,," \
    "2026-10-29,S01,CUST-013,¥0.000001万,ORD-2003,,," \
    "2026-10-29,S01,CUST-014,1200元,ORD-2004,,,"
add targets.csv "2026-Q4,rep,S01,revenue,¥8万"
x "args: monthly 2026-10 --dump model"
# S01's October: 15,000.00 + 12,000.00 + 35,000.00 + 0.01 + 1,200.00;
# the quarter's 80,000.00 a third a month.
x "exit: 0" \
    "stdout: kpi revenue weight 0.6000 actual 63200.01 target 26666.67 (from 2026-Q4)" \
    "stderr: sales.csv:12: amount: note: 1.2万 read as 12,000.00 (万 = 10,000); 2 more like it" \
    "stderr: targets.csv:9: target: note: ¥8万 read as 80,000.00 (万 = 10,000)" \
    "stderr-not: 1200元"

# A time with a zone offset: the date as written, the zone ignored.
new valid-zone-times
add sales.csv "2026-10-05T10:00:00+08:00,S01,CUST-011,100.00,ORD-2001,,," \
    "2026-10-05T23:30:00Z,S01,CUST-012,100.00,ORD-2002,,," \
    "2026-10-31 23:59:59 -0500,S01,CUST-013,100.00,ORD-2003,,,"
ok "sales.csv: 13 rows, 2026-07-03 to 2026-10-31, 1 refund"
x "stderr: sales.csv:12: date: note: 2026-10-05T10:00:00+08:00 read as 2026-10-05, the date as written: the time zone is ignored; 2 more like it"

# A percentage in a plain-number column: said once per column.
new valid-metrics-percent
add metrics.csv "2026-09,P01,leads,85%" "2026-09,R01,satisfaction,90%"
ok "metrics.csv: 6 values"
x "stderr: metrics.csv:6: value: note: 85% read as 0.85; 1 more like it"

# Percentages where policy.yaml asks for a ratio, held exactly.
new valid-policy-percentages
put policy.yaml "commission:" "  gate: 60%" "  brackets:" \
    "    - {from: 60%, to: 100%, rate: 1.5%}" "    - {from: 100%, rate: 3%}" \
    "tiers:" "  - {name: S, min_score: 90, max_share: 10%, multiplier: 1.5}" \
    "  - {name: B, min_score: 0}" "alert_below: 80%"
ok "gate 0.6," "brackets 0.6 to 1 at 0.015, from 1 at 0.03" \
    "tier S: min_score 90, max_share 0.1, multiplier 1.5"

# A header columns: names, but with brackets of the other width: taken,
# with a note.
new valid-columns-fullwidth-brackets
add policy.yaml "columns:" "  sales: {amount: 金额(元)}"
sub sales.csv 1 "date,rep_id,customer_id,金额（元）,order_id,product,quantity,channel"
ok "sales.csv: 10 rows"
x "stderr: sales.csv:1: amount: note: header \"金额（元）\" read as the \"金额(元)\" that columns: in policy.yaml names"

new valid-leap-day
add sales.csv "2028-02-29,S01,CUST-011,100.00,ORD-2001,,,"
ok "sales.csv: 11 rows, 2026-07-03 to 2028-02-29"

new valid-period-forms
sub reviews.csv 3 "2026Q3,S01,M01,manager,professional,4.5,稳定可靠"
sub reviews.csv 5 "2026Q3,S01,P01,peer,communication,4,"
add targets.csv "2026Q4,rep,S01,revenue,70000" \
    "2026-Q4,rep,P01,revenue,3000" \
    "2026-11,rep,S01,new_customers,1" \
    "2027,company,,orders,200"
sub actions.csv 2 "A1,S01,2026Q3,Weekly pipeline review with the manager,2026-11-30,open,,"
ok "reviews.csv: 5 scores in 1 review period" "targets.csv: 11 targets"

new valid-columns-mapping
add policy.yaml "columns:" \
    "  sales: {date: Close Date, rep_id: Owner ID, customer_id: Account ID, amount: Amount, order_id: Opportunity ID}" \
    "  team:  {rep_id: Employee No}"
sub sales.csv 1 "Close Date,Owner ID,Account ID,Amount,Opportunity ID,Product,Quantity,Channel"
sub team.csv 1 "Employee No,name,team,role,manager_id,hire_date,leave_date,email"
ok "team.csv: 6 people in 2 teams" \
    "sales.csv: 10 rows, 2026-07-03 to 2026-10-28, 1 refund"
x "stderr-not: column ignored"

new valid-columns-mapping-csv-suffix
add policy.yaml "columns:" "  sales.csv: {customer_id: 客户}"
sub sales.csv 1 "date,rep_id,客户,amount,order_id,product,quantity,channel"
ok "sales.csv: 10 rows"

new valid-policy-min-raters-only
put policy.yaml "review: {min_raters: 5}"
ok "policy.yaml: 5 KPIs, 5 roles, 5 tiers" "team.csv: 6 people in 2 teams"

# roles: is replaced whole: every role of team.csv is named
new valid-policy-one-role-weight
put policy.yaml "roles:" "  sales: {revenue: 1.0}" \
    "  customer_success: {satisfaction: 0.5, revenue: 0.3, orders: 0.2}" \
    "  campaign: {leads: 0.6, revenue: 0.4}" "  research: {satisfaction: 1.0}" \
    "  manager: {revenue: 0.7, satisfaction: 0.3}"
ok "policy.yaml: 5 KPIs, 5 roles, 5 tiers" "team.csv: 6 people in 2 teams" \
    "  role sales: revenue 1"

new valid-policy-new-role-and-tiers
put policy.yaml "roles:" "  sales: {revenue: 1.0}" \
    "  customer_success: {satisfaction: 0.5, revenue: 0.3, orders: 0.2}" \
    "  campaign: {leads: 0.6, revenue: 0.4}" "  research: {satisfaction: 1.0}" \
    "  manager: {revenue: 0.7, satisfaction: 0.3}" \
    "  hunter: {revenue: 1.0}" "tiers:" \
    "  - {name: Top, min_score: 85, max_share: 0.2, multiplier: 1.3}" \
    "  - {name: Rest, min_score: 0}"
add team.csv "S02,孙悟,east,hunter,M01,2024-01-01,,"
ok "policy.yaml: 5 KPIs, 6 roles, 2 tiers" "team.csv: 7 people in 2 teams"

new valid-blank-lines
add team.csv "" ",,,,,,," "S02,孙悟,east,sales,M01,2024-01-01,,"
filter sales.csv awk 'NR == 4 { print ""; print ",,,,,,,"; print " , , ,,,,,"; print "" } { print }'
ok "team.csv: 7 people in 2 teams" \
    "sales.csv: 10 rows, 2026-07-03 to 2026-10-28, 1 refund"

new valid-minimal
rm -rf "$d/input/cases" "$d/input/targets.csv" "$d/input/metrics.csv" \
    "$d/input/reviews.csv" "$d/input/actions.csv" "$d/input/policy.yaml"
ok "policy.yaml: absent, built-in defaults used" \
    "team.csv: 6 people in 2 teams, UTF-8" \
    "sales.csv: 10 rows, 2026-07-03 to 2026-10-28, 1 refund, UTF-8"
x "stdout-not: targets.csv" "stdout-not: input/cases:"

new valid-no-sales
rm "$d/input/sales.csv"
ok "team.csv: 6 people in 2 teams"
x "stderr: sales.csv: warning: missing: monthly and quarterly reports need it"

ID64=$(printf 'Y%063d' 7)
new valid-64-character-id
add team.csv "$ID64,孙悟,east,sales,M01,2024-01-01,,"
add sales.csv "2026-10-30,$ID64,CUST-009,100.00,ORD-1009,CRM Basic,1,direct"
ok "team.csv: 7 people in 2 teams" "sales.csv: 11 rows"

new valid-chinese-choices
add targets.csv "2026-Q4,团队,east,revenue,160000" "2026-Q4,个人,S01,revenue,70000"
add reviews.csv "2026-Q3,C01,M01,上级,professional,4,"
add actions.csv "A4,S01,2026-10,Visit three accounts,2026-11-30,进行中,,"
ok "targets.csv: 9 targets" "reviews.csv: 6 scores" "actions.csv: 4 actions, 2 open"

# The limits themselves are accepted.
new valid-policy-limits
put policy.yaml "kpis:" "  revenue: {source: sales, unit: money, cap: 100}" \
    "  satisfaction: {source: metrics, agg: mean, unit: score, cap: 1.2}" \
    "  leads: {source: metrics, agg: sum, unit: count, cap: 1.5}" \
    "tiers:" "  - {name: S, min_score: 0, multiplier: 10}" \
    "commission:" "  gate: 0" "  brackets:" "    - {from: 0, to: 100, rate: 1}"
ok "policy.yaml: 5 KPIs, 5 roles, 1 tier"

# A money KPI from metrics.csv is exact to the cent, as commission base too
# (through a double, 99999999999999.99 would pay 99999999999999.98).
new valid-metrics-money-exact
put policy.yaml "kpis:" "  gmv: {source: metrics, unit: money}" \
    "  satisfaction: {source: metrics, agg: mean, unit: score, cap: 1.2}" \
    "  leads: {source: metrics, agg: sum, unit: count, cap: 1.5}" \
    "roles:" "  sales: {gmv: 1}" "  customer_success: {satisfaction: 1}" \
    "  campaign: {leads: 1}" "  research: {satisfaction: 1}" \
    "  manager: {revenue: 1}" \
    "tiers:" "  - {name: A, min_score: 0, multiplier: 1}" \
    "commission:" "  base: gmv" "  mode: flat" "  gate: 0" "  cap: null" \
    "  brackets:" "    - {from: 0, rate: 1}"
add metrics.csv "2026-10,S01,gmv,99999999999999.99"
add targets.csv "2026-10,rep,S01,gmv,99999999999999.99"
x "args: monthly 2026-10 --dump model" "exit: 0" \
    "stdout: kpi gmv weight 1.0000 actual 99999999999999.99 target 99999999999999.99" \
    "stdout:     amount 99999999999999.99" "stdout-not: 99999999999999.98"

new valid-policy-review-scale
put policy.yaml "review: {scale: [0, 10]}"
add reviews.csv "2026-Q3,S01,M02,peer,teamwork,8.5," "2026-Q3,C01,M01,manager,teamwork,0,"
ok "reviews.csv: 7 scores in 1 review period"

new valid-utf8-bom-chinese-headers
sub team.csv 1 "工号,姓名,团队,岗位,上级,入职日期,离职日期,邮箱"
sub metrics.csv 1 "期间,工号,指标,数值"
sub reviews.csv 1 "期间,被评人,评价人,关系,维度,分数,评语"
sub actions.csv 1 "编号,工号,提出期间,改进措施,截止日期,状态,完成日期,备注"
for f in team.csv metrics.csv reviews.csv actions.csv; do
	filter "$f" bom
done
ok "team.csv: 6 people in 2 teams, UTF-8 with BOM" \
    "metrics.csv: 4 values, UTF-8 with BOM" \
    "reviews.csv: 5 scores in 1 review period, UTF-8 with BOM" \
    "actions.csv: 3 actions, 1 open, UTF-8 with BOM"

new valid-policy-kpis
put policy.yaml "kpis:" \
    "  satisfaction: {source: metrics, agg: mean, unit: score, cap: 1.2, higher_is_better: false}" \
    "  complaints:   {source: metrics, agg: sum, unit: count, higher_is_better: false}" \
    "  leads: {source: metrics}" \
    "roles:" "  customer_success: {satisfaction: 0.4, complaints: 0.3, revenue: 0.3}" \
    "  sales: {revenue: 0.6, new_customers: 0.2, satisfaction: 0.2}" \
    "  campaign: {leads: 0.6, revenue: 0.4}" "  research: {satisfaction: 1.0}" \
    "  manager: {revenue: 0.7, satisfaction: 0.3}"
add metrics.csv "2026-10,C01,complaints,2"
add targets.csv "2026-Q4,rep,C01,complaints,3"
ok "policy.yaml: 6 KPIs, 5 roles, 5 tiers" "metrics.csv: 5 values" \
    "targets.csv: 8 targets" \
    "  kpi complaints: source metrics, agg sum, unit count, cap none, higher_is_better false" \
    "  kpi revenue: source sales, agg sum, unit money, cap 1.5" \
    "  role customer_success: satisfaction 0.4, complaints 0.3, revenue 0.3"
x "stdout-not: kpi leads: source metrics, agg sum, unit count, cap 1.5"

new valid-quiet
x "args: --quiet check"
filter sales.csv awk -F, -v OFS=, 'NR == 1 { print $0, "region" } NR > 1 { print $0, "x" }'
ok "sales.csv: 10 rows"
x "stderr-not: note:"

# A case of its own, not a copy of the base: a team.csv and a sales.csv.
d=$CASES/sales-outside-employment
mkdir -p "$d/input"
: >"$d/expect"
put team.csv "rep_id,name,team,role,manager_id,hire_date,leave_date" \
    "E1001,甲,east,sales,,2020-01-01," "E1002,乙,east,sales,,2020-01-01," \
    "E1004,丁,east,sales,,2020-01-01,2026-09-30" \
    "E1005,戊,east,sales,,2026-11-01,"
put sales.csv "date,rep_id,customer_id,amount,order_id" \
    "2026-10-02,E1001,C1,1000,O1" "2026-09-30,E1004,C3,500,O0" \
    "2026-10-05,E1004,C3,4000,O3" "2026-10-06,E1005,C4,8000,O4" \
    "2026-11-01,E1005,C4,100,O5"
x "# A sale after the seller's leave date or before their hire date is kept" \
    "# but warned about, with its line; the leave and hire days themselves are" \
    "# inside the employment." \
    "exit: 0" "stdout: OK" \
    "stderr: sales.csv:4: rep_id: warning: sale dated 2026-10-05 after E1004 left on 2026-09-30 (E1004)" \
    "stderr: sales.csv:5: rep_id: warning: sale dated 2026-10-06 before E1005 was hired on 2026-11-01 (E1005)" \
    "stderr-not: sales.csv:3:" "stderr-not: sales.csv:6:" \
    "stderr-not: sales.csv:2:"

# The goldens kept, for the cases that are still made.
for g in "$keep"/*; do
	[ -f "$g" ] || continue
	d=$CASES/${g##*/}
	if [ -d "$d" ]; then
		cp "$g" "$d/stderr.golden"
		x "stderr-file: stderr.golden"
	else
		echo "dropped stderr.golden of ${g##*/}: no such case" >&2
	fi
done

echo "$(ls "$CASES" | wc -l | tr -d ' ') cases in $(pwd)/$CASES"
