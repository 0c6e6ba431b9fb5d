#!/bin/sh
# Measured on the team (docs/computation.md): a manager whose role is in
# team_scope_roles has the team's revenue, target, attainment, orders and
# customers in scores.csv with measured_on `team`, and a commission on the
# manager plan of commission_by_role; a sales person is unchanged; teams.csv
# counts nobody twice.
set -eu
LC_ALL=C
export LC_ALL

fail() {
	echo "team_scope.sh: $*" >&2
	exit 1
}

ws=$TMP/ws
out=$TMP/out
mkdir -p "$ws"
cat >"$ws/policy.yaml" <<'EOF'
tiers:
  - {name: B, min_score: 0, multiplier: 1.0}
roles:
  sales: {revenue: 1.0}
  manager: {revenue: 1.0}
team_scope_roles: [manager]
commission:
  gate: 0
  brackets: [{from: 0, rate: 0.01}]
commission_by_role:
  manager: {gate: 0.8, brackets: [{from: 0.8, to: 1.0, rate: 0.002}, {from: 1.0, rate: 0.004}]}
EOF
cat >"$ws/team.csv" <<'EOF'
rep_id,name,team,role,manager_id,hire_date,leave_date
M1,甲,east,manager,,,
A1,乙,east,sales,M1,,
A2,丙,east,sales,M1,,
EOF
cat >"$ws/sales.csv" <<'EOF'
date,rep_id,customer_id,amount,order_id
2026-01-10,A1,C1,60000.00,O1
2026-01-11,A2,C2,30000.00,O2
2026-01-12,M1,C3,5000.00,O3
EOF
cat >"$ws/targets.csv" <<'EOF'
period,scope,id,kpi,target
2026-01,rep,A1,revenue,50000.00
2026-01,rep,A2,revenue,40000.00
2026-01,rep,M1,revenue,10000.00
EOF

"$BIN" -q monthly 2026-01 --format csv --input "$ws" --output "$out" \
    2>"$TMP/err" || fail "monthly failed: $(cat "$TMP/err")"
tr -d '\r' <"$out/2026-01/scores.csv" >"$TMP/scores.csv"
col() {	# the value of column $2 in the row of $1
	awk -F, -v id="$1" -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++)
	    c[$i] = i; next } $0 ~ "(^|,)" id "," { print $c[name] }' \
	    "$TMP/scores.csv"
}
# M1: the team's 95,000.00 of 100,000.00 (M1's own 10,000.00 in the sum);
# the manager plan: (95,000.00 - 80,000.00) x 0.2 % = 30.00.
[ "$(col M1 measured_on)" = team ] || fail "M1 measured_on $(col M1 measured_on)"
[ "$(col M1 revenue)" = 95000.00 ] || fail "M1 revenue $(col M1 revenue)"
[ "$(col M1 revenue_target)" = 100000.00 ] ||
    fail "M1 revenue_target $(col M1 revenue_target)"
[ "$(col M1 orders)" = 3 ] || fail "M1 orders $(col M1 orders)"
[ "$(col M1 commission)" = 30.00 ] || fail "M1 commission $(col M1 commission)"
# A1: own figures, company plan 1 % of 60,000.00 = 600.00
[ "$(col A1 measured_on)" = self ] || fail "A1 measured_on $(col A1 measured_on)"
[ "$(col A1 revenue)" = 60000.00 ] || fail "A1 revenue $(col A1 revenue)"
[ "$(col A1 commission)" = 600.00 ] || fail "A1 commission $(col A1 commission)"
# teams.csv: 95,000.00, not 190,000.00
tr -d '\r' <"$out/2026-01/teams.csv" | grep -q '^2026-01,east,3,95000.00,' ||
    fail "teams.csv: $(tail -1 "$out/2026-01/teams.csv")"
# --dump model says so
"$BIN" -q monthly 2026-01 --dump model --input "$ws" 2>/dev/null |
    grep -q 'settlement measured on team' || fail "dump: not measured on team"

# The company page ranks people measured on themselves only; the team page
# lists every member.
"$BIN" -q monthly 2026-01 --format html --input "$ws" --output "$out" \
    2>"$TMP/err" || fail "monthly html failed: $(cat "$TMP/err")"
grep -q 'reps/A1.html' "$out/2026-01/index.html" ||
    fail "A1 missing from the company's list"
! grep -q 'reps/M1.html' "$out/2026-01/index.html" ||
    fail "M1, measured on the team, ranked on the company page"
grep -q 'reps/M1.html' "$out/2026-01/teams/east.html" ||
    fail "M1 missing from the team page"
