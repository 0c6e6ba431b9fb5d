#!/bin/sh
# Invariants on the demo workspace (docs/computation.md, docs/output.md):
# a team's numbers are the sums of its members', tiers stay within their
# rooms, no commission above the cap, and two runs give byte-identical
# files.
set -eu
for period in monthly:2026-10 quarterly:2026-Q3; do
	job=${period%%:*}
	p=${period#*:}
	"$BIN" -q "$job" "$p" --input input --output "$TMP/a"
	"$BIN" -q "$job" "$p" --input input --output "$TMP/b"
	cmp "$TMP/a/$p/scores.csv" "$TMP/b/$p/scores.csv"
	cmp "$TMP/a/$p/teams.csv" "$TMP/b/$p/teams.csv"
	s=$TMP/a/$p/scores.csv
	t=$TMP/a/$p/teams.csv
	head -c 3 "$s" | od -An -tx1 | grep -q 'ef bb bf'
	head -n 1 "$s" | grep -q 'period,rep_id,name,team,role,revenue,revenue_target,revenue_attainment,orders,active_customers,new_customers,kpi_score,review_score,composite,tier,commission'
	# A person measured on the team carries the team's figures
	# (docs/computation.md, "Measured on the team").
	awk -F, 'NR == FNR { gsub(/\r/, ""); rev[$2] = $4; next }
	    FNR > 1 && $17 == "team" { n++; if ($6 != rev[$4]) exit 1 }
	    END { if (n == 0) exit 1 }' "$t" "$s"
	# Sums per team from scores.csv against teams.csv (cents, as integers),
	# with everyone measured on themselves.
	if [ ! -d "$TMP/self-input" ]; then
		cp -R input "$TMP/self-input"
		sed '/^team_scope_roles:/d' input/policy.yaml \
		    >"$TMP/self-input/policy.yaml"
	fi
	"$BIN" -q "$job" "$p" --input "$TMP/self-input" --output "$TMP/self"
	s=$TMP/self/$p/scores.csv
	awk -F, 'NR > 1 {
		gsub(/\r/, "")
		split($6, r, "."); rev[$4] += r[1] * 100 + r[2]
		ord[$4] += $9; nw[$4] += $11; mem[$4]++
	    }
	    END { for (t in rev) print t, mem[t], rev[t], ord[t], nw[t] }' "$s" |
	    sort >"$TMP/from_scores"
	awk -F, 'NR > 1 { gsub(/\r/, ""); split($4, r, ".")
		print $2, $3, r[1] * 100 + r[2], $7, $9 }' "$t" |
	    sort >"$TMP/from_teams"
	cmp "$TMP/from_scores" "$TMP/from_teams"
	s=$TMP/a/$p/scores.csv
	# Company = sum of teams (from the model dump).
	"$BIN" -q "$job" "$p" --input input --dump model >"$TMP/dump"
	company=$(awk '/^company / { print $5 }' "$TMP/dump")
	teams=$(awk -F, 'NR > 1 { split($4, r, "."); c += r[1] * 100 + r[2] }
	    END { printf "%d.%02d", c / 100, c % 100 }' "$t")
	[ "$company" = "$teams" ]
	# Tier rooms (demo policy: S 10 %, A 20 %) and the cap (per month;
	# a quarter's is 3 x cap; the demo's managers have a plan capped at
	# 80,000.00).
	cap=50000 mcap=80000
	[ "$job" = quarterly ] && cap=150000 mcap=240000
	grep -q 'measured_on,commission_paid' "$s"
	awk -F, -v cap="$cap" -v mcap="$mcap" 'NR > 1 {
		gsub(/\r/, "")
		if ($14 != "") n++
		if ($15 == "S") s++
		if ($15 == "A") a++
		c = $5 == "manager" ? mcap : cap
		if ($16 != "" && $16 + 0 > c + 0) bad = 1
	    }
	    END {
		if (s > int(0.10 * n + 0.5) || a > int(0.20 * n + 0.5) || bad)
			exit 1
	    }' "$s"
done
