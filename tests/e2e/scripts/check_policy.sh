#!/bin/sh
# `check` prints the effective policy after the policy.yaml line: a line
# per KPI, role and tier, then the commission plan and each role's own
# (docs/input.md §9).  kpis: and roles: named are what there is, with the
# sales KPIs revenue, orders and new_customers always there.
set -eu
LC_ALL=C
export LC_ALL

fail() {
	echo "check_policy.sh: $*" >&2
	exit 1
}

ws=$TMP/ws
mkdir -p "$ws"
cat >"$ws/policy.yaml" <<'EOF'
kpis:
  revenue: {cap: 2}
  gmv: {source: metrics, unit: money, cap: 1.25}
  complaints: {source: metrics, higher_is_better: false}
roles:
  sales: {revenue: 0.75, gmv: 0.25}
  lead: {revenue: 1}
  analyst: ~
team_scope_roles: [lead]
tiers:
  - {name: Top, min_score: 85.5, max_share: 0.15, multiplier: 1.25, honor: Star}
  - {name: Rest, min_score: 0}
commission:
  gate: 0.5
  cap: ~
  settle: monthly
  brackets: [{from: 0.5, to: 1, rate: 0.02}, {from: 1, rate: 0.04}]
commission_by_role:
  lead: {gate: 0.8, clawback: false, brackets: [{from: 0.8, rate: 0.002}]}
EOF
cat >"$ws/team.csv" <<'EOF'
rep_id,name,team,role,manager_id,hire_date,leave_date
A1,甲,north,sales,,,
L1,乙,north,lead,,,
N1,丙,north,analyst,,,
EOF
cat >"$ws/sales.csv" <<'EOF'
date,rep_id,customer_id,amount,order_id
2026-08-10,A1,C1,10000.00,O1
EOF

"$BIN" check --input "$ws" --output "$TMP/out" >"$TMP/stdout" 2>"$TMP/err" ||
    fail "check failed: $(cat "$TMP/err")"
# The whole policy part, from the policy's line to team.csv's: the user's
# KPIs in their order, then orders and new_customers as built in; the
# user's three roles only; the plan's cap none, so no "a month".
cat >"$TMP/want" <<EOF
$ws/policy.yaml: 5 KPIs, 3 roles, 2 tiers
  kpi revenue: source sales, agg sum, unit money, cap 2
  kpi gmv: source metrics, agg sum, unit money, cap 1.25
  kpi complaints: source metrics, agg sum, unit count, cap none, higher_is_better false
  kpi orders: source sales, agg sum, unit count, cap 1.5
  kpi new_customers: source sales, agg sum, unit count, cap 1.5
  role sales: revenue 0.75, gmv 0.25
  role lead: revenue 1; measured on the team
  role analyst: no KPIs (reviews alone)
  tier Top: min_score 85.5, max_share 0.15, multiplier 1.25, honor Star
  tier Rest: min_score 0, multiplier 1
  commission: base revenue, mode marginal, gate 0.5, cap none, settle monthly, clawback true; brackets 0.5 to 1 at 0.02, from 1 at 0.04
  commission_by_role lead: base revenue, mode marginal, gate 0.8, cap none, settle monthly, clawback false; brackets from 0.8 at 0.002
EOF
sed -n '1,/team\.csv:/p' "$TMP/stdout" | sed '$d' >"$TMP/got"
cmp -s "$TMP/want" "$TMP/got" ||
    fail "policy printed: $(diff "$TMP/want" "$TMP/got" || :)"
grep -qx OK "$TMP/stdout" || fail "no OK"

# Without policy.yaml: the built-in policy of docs/input.md §9.
rm "$ws/policy.yaml"
printf 'rep_id,name,team,role\nA1,甲,north,sales\n' >"$ws/team.csv"
"$BIN" check --input "$ws" --output "$TMP/out" >"$TMP/stdout" 2>"$TMP/err" ||
    fail "check failed: $(cat "$TMP/err")"
for line in \
    "policy.yaml: absent, built-in defaults used" \
    "  kpi satisfaction: source metrics, agg mean, unit score, cap 1.2" \
    "  kpi leads: source metrics, agg sum, unit count, cap 1.5" \
    "  role customer_success: satisfaction 0.5, revenue 0.3, orders 0.2" \
    "  role manager: revenue 0.7, satisfaction 0.3" \
    "  tier S: min_score 90, max_share 0.1, multiplier 1.5, honor 季度之星" \
    "  tier D: min_score 0, multiplier 0" \
    "  commission: base revenue, mode marginal, gate 0.6, cap 50000.00 a month, settle quarterly, clawback true; brackets 0.6 to 1 at 0.01, 1 to 1.2 at 0.03, from 1.2 at 0.05"
do
	grep -Fqx "$line" "$TMP/stdout" || fail "defaults: no line \"$line\""
done
grep -q commission_by_role "$TMP/stdout" && fail "defaults: a role plan"
exit 0
