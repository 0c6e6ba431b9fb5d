#!/bin/sh
# The 360-degree anonymity rule per dimension (docs/computation.md): a peer
# group of three raters passes min_raters, but a dimension only one of them
# rated (and one only one report rated) would show that person's score in
# the ability profile, the group's mean, the review score and everything
# computed from it.  Those scores and their comments must appear in no
# HTML, PDF text, CSV nor --dump model, month or quarter.
set -eu
LC_ALL=C
export LC_ALL

fail() {
	echo "review_dimensions.sh: $*" >&2
	exit 1
}

ws=$TMP/ws
out=$TMP/out
mkdir -p "$ws"
cat >"$ws/team.csv" <<'EOF'
rep_id,name,team,role,manager_id
M1,王经理,alpha,manager,
S1,李一,alpha,sales,M1
P1,周一,alpha,sales,M1
P2,周二,alpha,sales,M1
P3,周三,alpha,sales,M1
R1,吴一,beta,sales,S1
R2,吴二,beta,sales,S1
R3,吴三,beta,sales,S1
EOF
cat >"$ws/sales.csv" <<'EOF'
date,rep_id,customer_id,amount,order_id
2026-10-05,S1,C1,80000,O1
2026-10-06,P1,C2,20000,O2
EOF
cat >"$ws/targets.csv" <<'EOF'
period,scope,id,kpi,target
2026-10,rep,S1,revenue,100000
EOF
# P3 alone rated teamwork (1.708), R2 alone rated communication (1.452).
cat >"$ws/reviews.csv" <<'EOF'
period,reviewee_id,reviewer_id,relation,dimension,score,comment
2026-Q3,S1,M1,manager,professional,4,MGRVISIBLE
2026-Q3,S1,M1,manager,communication,4,
2026-Q3,S1,M1,manager,innovation,4,
2026-Q3,S1,P1,peer,professional,3,
2026-Q3,S1,P1,peer,communication,3,
2026-Q3,S1,P1,peer,innovation,3,
2026-Q3,S1,P2,peer,professional,3,
2026-Q3,S1,P2,peer,communication,3,
2026-Q3,S1,P2,peer,innovation,3,
2026-Q3,S1,P3,peer,professional,3,PEERVISIBLE
2026-Q3,S1,P3,peer,communication,3,
2026-Q3,S1,P3,peer,innovation,3,
2026-Q3,S1,P3,peer,teamwork,1.708,ZZLONEPEER
2026-Q3,S1,R1,report,professional,4,
2026-Q3,S1,R2,report,professional,4,
2026-Q3,S1,R3,report,professional,4,
2026-Q3,S1,R2,report,communication,1.452,ZZLONEREPORT
EOF

"$BIN" -q monthly 2026-10 --format html,pdf,csv --input "$ws" \
    --output "$out" || fail "monthly failed"
"$BIN" -q quarterly 2026-Q4 --format html,pdf,csv --input "$ws" \
    --output "$out" || fail "quarterly failed"
"$BIN" monthly 2026-10 --dump model --input "$ws" --output "$out" \
    >"$TMP/dump.month" || fail "--dump model failed"
"$BIN" quarterly 2026-Q4 --dump model --input "$ws" --output "$out" \
    >"$TMP/dump.quarter" || fail "--dump model failed"
# Each PDF's text as $TMP/text/PERIOD_FOLDER_NAME.txt.
mkdir -p "$TMP/text"
for f in $(cd "$out" && find . -name '*.pdf' | sort); do
	t=$TMP/text/$(echo "${f#./}" | tr / _).txt
	pdftotext "$out/$f" "$t" || fail "pdftotext $f"
done

# Kept: manager 4 (weight 0.4), peers 3 (0.3, the teamwork row left
# out), reports 4 (0.2, the communication row left out):
# raw (1.6 + 0.9 + 0.8) / 0.9 = 3.6667, score 100 x 2.6667 / 4 = 66.67.
# Month: KPI score 80 (80,000 of 100,000), composite 0.7 x 80 + 0.3 x
# 66.67 = 76.00; the quarter has no revenue target: composite 66.67.
grep -q '^2026-10,S1,李一,alpha,sales,80000.00,100000.00,0.8000,1,1,1,80.00,66.67,76.00,' \
    "$out/2026-10/scores.csv" || fail "S1's month row is not the hand-computed one"
grep -q '^2026-Q4,S1,李一,alpha,sales,80000.00,,,1,1,1,,66.67,66.67,' \
    "$out/2026-Q4/scores.csv" || fail "S1's quarter row is not the hand-computed one"
# The 360 table: peers 3.00, reports 4.00 (with the lone rows: 2.87, 3.36).
for p in 2026-10 2026-Q4; do
	grep -A2 '<td>同事</td>' "$out/$p/reps/S1.html" | grep -q '>3.00<' ||
	    fail "$p: the peers' mean without the lone teamwork score"
	grep -A2 '<td>下属</td>' "$out/$p/reps/S1.html" | grep -q '>4.00<' ||
	    fail "$p: the reports' mean without the lone communication score"
	grep -qF MGRVISIBLE "$out/$p/reps/S1.html" ||
	    fail "$p: the manager's comment is missing (the checks prove nothing)"
	grep -qF PEERVISIBLE "$TMP/text/${p}_reps_S1.pdf.txt" ||
	    fail "$p: a comment of a kept row is missing from the PDF"
done
grep -q 'peer 3 raters mean 3.0000 weight 0.30 (1 score withheld' \
    "$TMP/dump.month" || fail "--dump model: the peer group"
grep -q 'report 3 raters mean 4.0000 weight 0.20 (1 score withheld' \
    "$TMP/dump.month" || fail "--dump model: the report group"
grep -q 'raw 3.6667 score 66.67 withheld reviewers 2$' "$TMP/dump.month" ||
    fail "--dump model: the review score"
# Profile: professional (1.6 + 0.9 + 0.8) / 0.9 -> 66.67; communication
# and innovation (1.6 + 0.9) / 0.7 = 3.5714 -> 64.29; no teamwork (only
# the lone peer rated it).
grep -q 'profile: professional 66.67 communication 64.29 innovation 64.29$' \
    "$TMP/dump.month" || fail "--dump model: the profile"

# The lone scores, what they would make of the profile (teamwork 17.70,
# communication 52.51), the means with them (2.87, 3.36) and their
# comments: nowhere, in any file or dump.
leak='(^|[^0-9.])(1\.708|1\.452|17\.7|52\.5|2\.87|3\.36)|ZZLONE'
for f in $(find "$out" "$TMP/text" -type f ! -name '*.pdf' | sort) \
    "$TMP/dump.month" "$TMP/dump.quarter"; do
	case $f in
	*.html)	text=$(awk '/<style/ { s = 1 } !s { print }
		    /<\/style>/ { s = 0 }' "$f") ;;
	*)	text=$(cat "$f") ;;
	esac
	! printf '%s\n' "$text" | grep -qE "$leak" ||
	    fail "a lone rater's score in $f: $(printf '%s\n' "$text" |
	    grep -oE ".{0,40}($leak).{0,10}" | head -1)"
done
grep -q teamwork "$TMP/dump.month" && fail "--dump model lists teamwork"
grep -q 团队合作 "$out/2026-10/reps/S1.html" &&
    fail "the profile shows teamwork"
exit 0
