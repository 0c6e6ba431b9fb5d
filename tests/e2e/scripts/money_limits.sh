#!/bin/sh
# Money at the limit of 10^15 yuan (docs/computation.md "Exactness"): the
# largest amounts are written to the cent and drawn in every chart, HTML
# and PDF; an attainment of 10^17 and a score of 10^19 are written as they
# are, not wrapped around 64 bits; and a chart a user template gets wrong
# is bad data (65) in HTML as in PDF, not an internal error (70).
set -eu
in=$TMP/in
mkdir "$in"
cat >"$in/team.csv" <<'EOF'
rep_id,name,team,role
A1,Ann,north,sales
B1,Bob,south,sales
EOF
cat >"$in/sales.csv" <<'EOF'
date,rep_id,customer_id,amount
2026-09-10,A1,C1,999999999999999.99
2026-10-10,A1,C1,-999999999999999.99
2026-10-11,B1,C2,999999999999999.99
EOF
cat >"$in/targets.csv" <<'EOF'
period,scope,id,kpi,target
2026-10,rep,B1,revenue,0.01
EOF
cat >"$in/policy.yaml" <<'EOF'
kpis:
  revenue: {source: sales, unit: money, cap: null}
roles:
  sales: {revenue: 1}
EOF
"$BIN" -q monthly 2026-10 --input "$in" --output "$TMP/out"
m=$TMP/out/2026-10
# B1: 99999999999999999 / 1 cent = 99999999999999999.0000 exactly; the KPI
# score 100 x that, 10^19 as a double (uncapped), beyond 2^63.
grep -q '^2026-10,B1,Bob,south,sales,999999999999999.99,0.01,99999999999999999.0000,1,1,1,10000000000000000000.00,,10000000000000000000.00,' "$m/scores.csv"
grep -q '^2026-10,A1,Ann,north,sales,-999999999999999.99,' "$m/scores.csv"
grep -q '^2026-10,north,1,-999999999999999.99,' "$m/teams.csv"
grep -q '¥999,999,999,999,999.99' "$m/reps/B1.html"
# The company's trend holds both ends of the limit, in SVG and in the PDF.
grep -q '<svg' "$m/index.html"
qpdf --check "$m/summary.pdf" >/dev/null
qpdf --check "$m/reps/A1.pdf" >/dev/null

# A chart value beyond what a chart takes, from a user template.
mkdir "$TMP/tpl"
cp templates/rep.md "$TMP/tpl/rep.md"
printf '\n```chart\nkind: bar\nlabels: [a]\nvalues: [10000000000000000]\n```\n' \
    >>"$TMP/tpl/rep.md"
cp "$m/scores.csv" "$TMP/scores.before"
for f in html pdf; do
	rc=0
	"$BIN" -q monthly 2026-10 --input "$in" --output "$TMP/out" \
	    --templates "$TMP/tpl" --format "$f" 2>"$TMP/err" || rc=$?
	[ $rc -eq 65 ] || { echo "--format $f: exit $rc, expected 65"; exit 1; }
	grep -q 'rep.md:[0-9]*: chart: value 1 of values is too large (10000000000000000)' \
	    "$TMP/err"
	cmp "$m/scores.csv" "$TMP/scores.before"
done

# One cent more for B1 in October: beyond the limit.  The casebook's KPI
# snapshot of the team and month refuses it like a monthly run.
cp -R "$in" "$TMP/in2"
echo "2026-10-12,B1,C3,0.01" >>"$TMP/in2/sales.csv"
mkdir "$TMP/in2/cases"
printf -- '---\ntitle: South in October\ndate: 2026-10-31\nteam: south\nperiod: 2026-10\n---\n## Goal\n' \
    >"$TMP/in2/cases/south.md"
for run in "monthly 2026-10" "casebook --format html"; do
	rc=0
	# shellcheck disable=SC2086 # the run's words
	"$BIN" -q $run --input "$TMP/in2" --output "$TMP/out2" 2>"$TMP/err" ||
	    rc=$?
	[ $rc -eq 65 ] || { echo "$run: exit $rc, expected 65"; exit 1; }
	grep -q 'sales.csv: revenue of B1 in 2026-10 is too large to compute exactly (limit ±999999999999999.99)' \
	    "$TMP/err"
	grep -q 'nothing written' "$TMP/err"
	[ ! -e "$TMP/out2" ]
done
