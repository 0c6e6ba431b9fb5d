#!/bin/sh
# `check` recomputes each month folder of the output folder (of the months
# sales.csv covers) and warns where its scores.csv records a commission the
# inputs no longer give: a late change to paid history (docs/computation.md,
# "Settlement").  Exit 0; the output folder is not changed.
#
# Plan: 1 % of revenue from attainment 0, one tier with multiplier 1.
# August: A1 10,000.00 -> 100.00.  September: A1 20,000.00 -> 200.00, A2
# 5,000.00 -> 50.00.  Then a late sale of A1 in September (1,500.00: 215.00)
# and a person A3 added with an August sale and target (3,000.00: 30.00).
set -eu
LC_ALL=C
export LC_ALL

fail() {
	echo "check_late_change.sh: $*" >&2
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
commission:
  gate: 0
  brackets: [{from: 0, rate: 0.01}]
EOF
cat >"$ws/team.csv" <<'EOF'
rep_id,name,team,role,manager_id,hire_date,leave_date
A1,甲,north,sales,,,
A2,乙,north,sales,,,
EOF
cat >"$ws/sales.csv" <<'EOF'
date,rep_id,customer_id,amount,order_id
2026-08-10,A1,C1,10000.00,O1
2026-09-10,A1,C2,20000.00,O2
2026-09-12,A2,C3,5000.00,O3
EOF
cat >"$ws/targets.csv" <<'EOF'
period,scope,id,kpi,target
2026-08,rep,A1,revenue,10000.00
2026-09,rep,A1,revenue,20000.00
2026-09,rep,A2,revenue,10000.00
EOF

for m in 2026-08 2026-09; do
	"$BIN" -q monthly $m --format csv --input "$ws" --output "$out" \
	    2>"$TMP/err" || fail "monthly $m failed: $(cat "$TMP/err")"
done
# the history as written (the premise of what follows)
tr -d '\r' <"$out/2026-09/scores.csv" | cut -d, -f2,16 >"$TMP/sep"
printf 'rep_id,commission\nA1,200.00\nA2,50.00\n' | cmp -s - "$TMP/sep" ||
    fail "September as written: $(cat "$TMP/sep")"

# Nothing changed: no warning.
"$BIN" check --input "$ws" --output "$out" >"$TMP/stdout" 2>"$TMP/err" ||
    fail "check failed: $(cat "$TMP/err")"
grep -q 'late change' "$TMP/err" && fail "a warning with nothing changed: $(cat "$TMP/err")"
grep -qx OK "$TMP/stdout" || fail "no OK"

# A folder of a month sales.csv does not cover, and a quarter's folder:
# not compared.
mkdir -p "$out/2025-01" "$out/2026-Q3"
printf 'period,rep_id,commission\r\n2025-01,A1,999.00\r\n' \
    >"$out/2025-01/scores.csv"
printf 'period,rep_id,commission\r\n2026-Q3,A1,999.00\r\n' \
    >"$out/2026-Q3/scores.csv"

# The late changes.
echo "2026-09-20,A1,C4,1500.00,O4" >>"$ws/sales.csv"
echo "2026-08-15,A3,C5,3000.00,O5" >>"$ws/sales.csv"
echo "A3,丙,north,sales,,," >>"$ws/team.csv"
echo "2026-08,rep,A3,revenue,3000.00" >>"$ws/targets.csv"
snap() { (cd "$1" && find . -type f -exec cksum {} + | sort); }
snap "$out" >"$TMP/before"
rc=0
"$BIN" check --input "$ws" --output "$out" >"$TMP/stdout" 2>"$TMP/err" ||
    rc=$?
[ "$rc" = 0 ] || fail "exit $rc: $(cat "$TMP/err")"
grep -qx OK "$TMP/stdout" || fail "no OK"
grep -Fqx "$out/2026-09/scores.csv:2: warning: commission of A1 was 200.00, the inputs now give 215.00 (a late change to paid history)" \
    "$TMP/err" || fail "A1 in September: $(cat "$TMP/err")"
grep -Fqx "$out/2026-08/scores.csv: warning: commission of A3 was none, the inputs now give 30.00 (a late change to paid history)" \
    "$TMP/err" || fail "A3 in August: $(cat "$TMP/err")"
[ "$(grep -c 'late change' "$TMP/err")" = 2 ] ||
    fail "not two warnings: $(cat "$TMP/err")"
grep -q '2025-01\|2026-Q3\|A2' "$TMP/err" && fail "compared too much: $(cat "$TMP/err")"
snap "$out" | cmp -s - "$TMP/before" || fail "check changed the output folder"

# --output with a trailing slash names the same files.
"$BIN" check --input "$ws" --output "$out/" >/dev/null 2>"$TMP/err"
grep -Fq "$out/2026-09/scores.csv:2: warning: commission of A1" "$TMP/err" ||
    fail "trailing slash: $(cat "$TMP/err")"
exit 0
