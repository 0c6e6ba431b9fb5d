#!/bin/sh
# Team and company figures are their members' (docs/computation.md, "Periods
# and members": the people employed in the period): a leaver and a future
# hire with sales in the month add nothing to revenue, orders, active or new
# customers, targets or the trend charts of teams.csv, the team and company
# pages; and their sales are warned about, with file and line, at most 20
# one by one.
set -eu
LC_ALL=C
export LC_ALL

fail() {
	echo "team_members.sh: $*" >&2
	exit 1
}

ws=$TMP/ws
out=$TMP/out
mkdir -p "$ws"
cat >"$ws/team.csv" <<'EOF'
rep_id,name,team,role,manager_id,hire_date,leave_date
E1001,甲,east,sales,,2020-01-01,
E1002,乙,east,sales,,2020-01-01,
E1004,丁,east,sales,,2020-01-01,2026-09-30
E1005,戊,east,sales,,2026-11-01,
EOF
cat >"$ws/sales.csv" <<'EOF'
date,rep_id,customer_id,amount,order_id
2026-10-02,E1001,C1,1000,O1
2026-10-03,E1002,C2,2000,O2
2026-10-05,E1004,C3,400000,O3
2026-10-06,E1005,C4,800000,O4
EOF
cat >"$ws/targets.csv" <<'EOF'
period,scope,id,kpi,target
2026-10,rep,E1001,revenue,1000
2026-10,rep,E1002,revenue,2000
2026-10,rep,E1004,revenue,4000
2026-10,rep,E1005,revenue,8000
EOF

"$BIN" -q monthly 2026-10 --format html,pdf,csv --input "$ws" \
    --output "$out" 2>"$TMP/err" || fail "monthly failed"
# October's members are E1001 and E1002: revenue 1,000 + 2,000, their
# targets 1,000 + 2,000 (attainment 1), 2 orders, 2 active and 2 new
# customers (with E1004 and E1005: 4 active customers).
tr -d '\r' <"$out/2026-10/teams.csv" >"$TMP/teams.csv"
grep -qx '2026-10,east,2,3000.00,3000.00,1.0000,2,2,2' "$TMP/teams.csv" ||
    fail "teams.csv: $(tail -1 "$TMP/teams.csv")"
grep -q 'sales.csv:4: rep_id: warning: sale dated 2026-10-05 after E1004 left on 2026-09-30 (E1004)' \
    "$TMP/err" || fail "no warning about E1004's sale"
grep -q 'sales.csv:5: rep_id: warning: sale dated 2026-10-06 before E1005 was hired on 2026-11-01 (E1005)' \
    "$TMP/err" || fail "no warning about E1005's sale"
# The team and the company page: orders, active customers, new customers
# (the first three numbers after the header 活跃客户), and a trend chart
# whose October bar is 3,000 (its axis ends at 3,000; with the
# non-members' 12,000 it would end at 1,200,000 or beyond).
for page in "$out/2026-10/teams/east.html" "$out/2026-10/index.html"; do
	nums=$(sed -n '/活跃客户/,/<\/tbody>/p' "$page" |
	    sed -n 's/.*<td class="num align-right">\([^<]*\)<\/td>.*/\1/p' |
	    head -3 | tr '\n' ' ')
	[ "$nums" = "2 2 2 " ] || fail "$page: orders, active, new: $nums"
	grep -q '>3,000</text>' "$page" || fail "$page: the trend's axis"
	! grep -qE '>[0-9]{1,3}(,[0-9]{3}){2,}</text>' "$page" ||
	    fail "$page: a non-member's sale in the trend"
done
pdftotext "$out/2026-10/teams/east.pdf" "$TMP/east.txt"
grep -q '3,000.00' "$TMP/east.txt" || fail "east.pdf: the team's revenue"
! grep -qE '1,203,000|1,200,000' "$TMP/east.txt" ||
    fail "east.pdf: the non-members' sales"

# Q4: E1005 (hired 11-01) is a member, E1004 (left 09-30) is not; E1005's
# row of 10-06 is in the quarter: 1,000 + 2,000 + 800,000.
"$BIN" -q quarterly 2026-Q4 --format csv --input "$ws" --output "$out" \
    2>/dev/null || fail "quarterly failed"
tr -d '\r' <"$out/2026-Q4/teams.csv" >"$TMP/teams.csv"
grep -qx '2026-Q4,east,3,803000.00,,,3,3,3' "$TMP/teams.csv" ||
    fail "Q4 teams.csv: $(tail -1 "$TMP/teams.csv")"

# 27 sales outside the employment: 20 listed, then one line for the rest.
i=10
while [ $i -lt 35 ]; do
	printf '2026-11-%02d,E1004,C9,1,X%d\n' $((i - 5)) $i
	i=$((i + 1))
done >>"$ws/sales.csv"
"$BIN" check --input "$ws" --output "$TMP/no-output" >/dev/null 2>"$TMP/err" || fail "check failed"
[ "$(grep -c 'warning: sale dated' "$TMP/err")" -eq 20 ] ||
    fail "not 20 sales listed: $(grep -c 'warning: sale dated' "$TMP/err")"
grep -q 'sales.csv: warning: 7 more sales dated before their seller.s hire date or after their leave date (not listed)' \
    "$TMP/err" || fail "no line for the 7 sales not listed"
exit 0
