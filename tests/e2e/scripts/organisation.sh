#!/bin/sh
# organisation in policy.yaml (docs/input.md): the company's name leads
# every document's title and header, team and role display names replace
# the ids wherever a person reads them (pages, navigation, breadcrumbs,
# charts, PDF text and document info) while ids stay in paths and CSV;
# the logo (PNG or JPEG) is copied beside the HTML and drawn in the PDF;
# bad values and a missing or false logo are refused with their line.
set -eu
LC_ALL=C.UTF-8
export LC_ALL

fail() {
	echo "organisation.sh: $*" >&2
	exit 1
}

ws=$TMP/ws
out=$TMP/out
mkdir -p "$ws"
cp input/logo.png "$ws/mark.png"
cat >"$ws/policy.yaml" <<'YAML'
organisation:
  company: 远山贸易
  teams: {east: 华东一部}
  roles: {sales: 客户代表}
  logo: mark.png
  sender: 人事部 <hr@yuanshan.example>
tiers:
  - {name: B, min_score: 0, multiplier: 1.0}
YAML
cat >"$ws/team.csv" <<'CSV'
rep_id,name,team,role,manager_id,hire_date,leave_date
A1,乙,east,sales,,,
B1,丁,west,sales,,,
CSV
cat >"$ws/sales.csv" <<'CSV'
date,rep_id,customer_id,amount,order_id
2026-01-10,A1,C1,60000.00,O1
2026-01-11,B1,C2,30000.00,O2
CSV
cat >"$ws/targets.csv" <<'CSV'
period,scope,id,kpi,target
2026-01,rep,A1,revenue,50000.00
2026-01,rep,B1,revenue,40000.00
CSV

"$BIN" -q monthly 2026-01 --input "$ws" --output "$out" 2>"$TMP/err" ||
    fail "monthly failed: $(cat "$TMP/err")"
d=$out/2026-01
# ids stay in paths and CSV
[ -f "$d/teams/east.html" ] && [ -f "$d/reps/A1.pdf" ] ||
    fail "the files are not named by id"
grep -q '^2026-01,east,' "$d/teams.csv" || fail "teams.csv lost the id"
grep -q ',east,sales,' "$d/scores.csv" || fail "scores.csv lost the ids"
# the logo beside the pages, byte for byte, and shown by every page
cmp "$ws/mark.png" "$d/logo.png" || fail "logo not copied"
grep -q '<img src="../logo.png"' "$d/reps/A1.html" ||
    fail "rep page does not show the logo"
grep -q '<img src="logo.png"' "$d/index.html" ||
    fail "company page does not show the logo"
# display names where a person reads; a team without one keeps its id
for f in "$d/reps/A1.html" "$d/teams/east.html" "$d/index.html"; do
	sed 's/href="[^"]*"//g; s/id="[^"]*"//g; s/src="[^"]*"//g' "$f" \
	    >"$TMP/text"
	grep -q '华东一部' "$TMP/text" || fail "$f: no team display name"
	if grep -q '>east<\|团队 east\| east ·' "$TMP/text"; then
		fail "$f: shows the team id east"
	fi
done
grep -q '<title>远山贸易 · 乙 · ' "$d/reps/A1.html" ||
    fail "rep title without the company"
grep -q '客户代表' "$d/reps/A1.html" || fail "no role display name"
grep -q '>west<' "$d/index.html" || fail "west (no display name) lost"
# the PDF: text, document info and the logo drawn on every page
pdftotext "$d/reps/A1.pdf" "$TMP/a1.txt"
grep -q '华东一部' "$TMP/a1.txt" || fail "PDF without the team name"
grep -q '远山贸易' "$TMP/a1.txt" || fail "PDF header without the company"
pdfinfo "$d/reps/A1.pdf" >"$TMP/info"
grep -q '^Title: *远山贸易 · 乙' "$TMP/info" || fail "PDF title"
grep -q '^Author: *远山贸易' "$TMP/info" || fail "PDF author"
pages=$(awk '/^Pages:/ { print $2 }' "$TMP/info")
imgs=$(pdfimages -list "$d/reps/A1.pdf" | awk 'NR > 2 && $3 == "image"' |
    wc -l)
[ "$imgs" -ge "$pages" ] || fail "logo drawn $imgs times on $pages pages"
pdftotext "$d/summary.pdf" - | grep -q '华东一部' ||
    fail "company PDF without the team name"

# check says how the documents will name things, on one line
"$BIN" check --input "$ws" --output "$TMP/none" >"$TMP/check" 2>&1 ||
    fail "check failed: $(cat "$TMP/check")"
grep -qx '  organisation: company 远山贸易; team east = 华东一部; role sales = 客户代表; logo mark.png (PNG, [0-9]* bytes); sender 人事部 <hr@yuanshan.example>' \
    "$TMP/check" || fail "check's organisation line: $(grep organisation "$TMP/check")"

# a JPEG logo (baseline, as libharu reads) is copied and drawn too
cp tests/e2e/files/logo.jpg "$ws/logo.jpg"
sed 's/logo: mark.png/logo: logo.jpg/' "$ws/policy.yaml" >"$TMP/p"
mv "$TMP/p" "$ws/policy.yaml"
"$BIN" -q monthly 2026-01 --input "$ws" --output "$TMP/oj" 2>"$TMP/err" ||
    fail "JPEG logo refused: $(cat "$TMP/err")"
cmp "$ws/logo.jpg" "$TMP/oj/2026-01/logo.jpg" || fail "JPEG logo not copied"
grep -q '<img src="../logo.jpg"' "$TMP/oj/2026-01/reps/A1.html" ||
    fail "rep page does not show the JPEG logo"
pdfimages -list "$TMP/oj/2026-01/reps/A1.pdf" | grep -q ' jpeg ' ||
    fail "the PDF does not draw the JPEG logo"

# refused, each with its line: a role that is not in roles, a bad sender,
# a logo outside the input folder, a logo that is not a picture, a
# missing logo; and a team display name for no team is a warning only.
check_refused() {	# policy-text expected-message
	printf '%s\n' "$1" >"$ws/policy.yaml"
	rm -rf "$TMP/o2"
	if "$BIN" -q monthly 2026-01 --input "$ws" --output "$TMP/o2" \
	    2>"$TMP/err"; then
		fail "accepted: $1"
	fi
	code=$?
	grep -q "$2" "$TMP/err" || fail "for [$1] expected [$2], got: $(cat "$TMP/err")"
	[ ! -e "$TMP/o2/2026-01" ] || fail "wrote output for [$1]"
}
check_refused 'organisation: {roles: {boss: 老板}}' \
    'policy.yaml:1: .*organisation.roles.boss.*not a role'
check_refused 'organisation: {sender: hr}' \
    'policy.yaml:1: .*organisation.sender.*expected Name <address@domain>'
check_refused 'organisation: {logo: ../mark.png}' \
    'policy.yaml:1: .*organisation.logo.*file name in the input folder'
check_refused 'organisation: {logo: mark.gif}' \
    'policy.yaml:1: .*organisation.logo.*PNG or JPEG'
printf 'not a picture' >"$ws/fake.png"
check_refused 'organisation: {logo: fake.png}' \
    'policy.yaml:1: .*not a PNG or JPEG picture'
check_refused 'organisation: {logo: gone.png}' \
    'policy.yaml:1: .*organisation.logo: cannot read it'
check_refused 'organisation: {company: ""}' 'empty name'
printf 'organisation: {teams: {north: 华北}}\n' >"$ws/policy.yaml"
"$BIN" -q monthly 2026-01 --format csv --input "$ws" --output "$TMP/o3" \
    2>"$TMP/err" || fail "a display name for no team was refused"
grep -q 'policy.yaml:1: warning: .*no such team in team.csv (north)' \
    "$TMP/err" ||
    fail "no warning for a team display name of no team: $(cat "$TMP/err")"
exit 0
