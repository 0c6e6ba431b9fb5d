#!/bin/sh
# Data never becomes a path, markup, a formula or an action
# (docs/bad-input.md, "Paths and security"): ids, case file names and tags
# cannot write outside the output folder; names, comments, titles and case
# text cannot put script, event handlers or javascript: links into the HTML,
# formulas into the CSV, or JavaScript and launch actions into the PDFs;
# templates from --templates cannot read outside their folder; and a
# 360-degree group below min_raters shows its scores and comments nowhere.
set -eu
LC_ALL=C
export LC_ALL
hand=tests/e2e/hand/input
root=$TMP/sec		# holds the workspaces and the output folder
out=$root/out
mkdir -p "$root"

fail() {
	echo "security.sh: $*" >&2
	exit 1
}

# Everything under $root but the output folder: what must not change.
outside() { (cd "$root" && find . -path ./out -prune -o -print | sort); }

# ---- the workspace: the hand-computed month with hostile text ----

ws=$root/ws
cp -R "$hand" "$ws"
cat >"$ws/team.csv" <<'EOF'
rep_id,name,team,role,manager_id
M1,"<script>alert(1)</script>",alpha,manager,
S1,"<img src=x onerror=alert(2)>",alpha,sales,M1
S2,"[x](javascript:alert(3)) <a href=""javascript:alert(4)"">a</a>",alpha,sales,M1
B1,"<iframe src=""javascript:alert(5)""></iframe><svg onload=alert(6)> {{t.name}} **b** | c",beta,sales,
F1,"=HYPERLINK(""http://x.example/"",""y"")",beta,sales,
F2,+1+2,beta,sales,
F3,-2+3,beta,sales,
F4,@SUM(A1),beta,sales,
F5,"	=1+1",beta,sales,
F7,-x,-t,sales,
EOF
printf 'F6,"\r=1+1",beta,sales,\n' >>"$ws/team.csv"
# A group of one peer, one report and one customer (min_raters 3): their
# scores, the dimension only they used and their comments are withheld.
cat >"$ws/reviews.csv" <<'EOF'
period,reviewee_id,reviewer_id,relation,dimension,score,comment
2026-Q3,S1,M1,manager,professional,4,"MGRVISIBLE <script>alert(7)</script><img src=x onerror=alert(8)>[y](javascript:alert(9))"
2026-Q3,S1,M1,manager,communication,5,"<svg onload=alert(10)><iframe src=x></iframe><a href=""javascript:alert(11)"">z</a>"
2026-Q3,S1,S2,peer,zzsecretdim,1.5,ZZWITHHELDPEER
2026-Q3,S1,B1,report,zzsecretdim,1.25,ZZWITHHELDREPORT
2026-Q3,S1,CUST9,customer,zzsecretdim,2.75,ZZWITHHELDCUSTOMER
EOF
cat >"$ws/actions.csv" <<'EOF'
id,rep_id,opened,action,due,status,closed,note
A1,S2,2026-10,"<script>alert(12)</script>",2026-12-01,open,,"<img src=x onerror=alert(13)> [n](javascript:alert(14))"
EOF
cat >"$ws/policy.yaml" <<'EOF'
tiers:
  - {name: "A\" onclick=\"alert(15)<script>", min_score: 100, honor: "' onmouseover='alert(16)<img src=x onerror=alert(16)>"}
  - {name: "x]] <svg onload=alert(17)>", min_score: 60, honor: "[h](javascript:alert(18))"}
  - {name: "=D", min_score: 0}
EOF
mkdir -p "$ws/cases"
cat >"$ws/cases/hostile.md" <<'EOF'
---
title: "<script>alert(19)</script><svg onload=alert(20)>"
date: 2026-10-20
team: alpha
author: S1
tags: ["<img src=x onerror=alert(21)>", "../../escape", "/etc/passwd", "%2e%2e", "a/b", "[t](javascript:alert(22))"]
---

<script>alert(23)</script>

## Goal

[click](javascript:alert(24)) <a href="javascript:alert(25)">a</a> <iframe src="javascript:alert(26)"></iframe>
![i](javascript:alert(27)) [c](JaVaScRiPt:alert(28)) [d](java&#x09;script:alert(29)) [e](vbscript:x) [f](data:text/html,<script>alert(30)</script>) [g]( javascript:alert(35))
<https://ok.example/>

## Result

<svg onload=alert(31)> <img src=x onerror=alert(32)> <div onclick="alert(33)">x</div>

## Analysis

{{t.casebook}} {{{x}}} {{> rep}} stays text.

## Insight

- <b onmouseover=alert(34)>raw</b> lesson
EOF

# Symbolic links left in the output folder by someone else are never
# written through: one where a period's or the casebook's folder goes is
# refused (73) and left alone (output_links.sh tests more); one at
# index.html is replaced.
mkdir -p "$out" "$root/victim"
echo "victim" >"$root/victim/index.html"
ln -s "$root/victim" "$out/2026-10"
ln -s "$root/victim/index.html" "$out/index.html"
ln -s "$root/victim" "$out/casebook"
outside >"$TMP/outside.before"

for args in "monthly 2026-10" casebook; do
	rc=0
	# shellcheck disable=SC2086 # the arguments split on blanks
	"$BIN" -q $args --input "$ws" --output "$out" 2>/dev/null || rc=$?
	[ $rc -eq 73 ] || fail "$args over a link: exit $rc, want 73"
done
[ -L "$out/2026-10" ] && [ -L "$out/casebook" ] ||
    fail "a symbolic link in the output folder was removed"
rm "$out/2026-10" "$out/casebook"
"$BIN" -q monthly 2026-10 --input "$ws" --output "$out"
"$BIN" -q quarterly 2026-Q3 --input "$ws" --output "$out"
"$BIN" -q casebook --input "$ws" --output "$out"
[ "$(cat "$root/victim/index.html")" = victim ] ||
    fail "a symbolic link in the output folder was written through"
[ "$(ls "$root/victim")" = index.html ] ||
    fail "files written into a folder outside the output folder"
[ ! -L "$out/index.html" ] || fail "a symbolic link left at index.html"

# ---- paths ----

# Every file has a plain name: no "..", no name from a tag.
find "$out" -name '*..*' | grep . && fail "a name with .. in the output"
[ "$(ls "$out/2026-10/reps")" = "$(printf '%s\n' B1.html B1.pdf F1.html \
    F1.pdf F2.html F2.pdf F3.html F3.pdf F4.html F4.pdf F5.html F5.pdf \
    F6.html F6.pdf F7.html F7.pdf M1.html M1.pdf S1.html S1.pdf S2.html \
    S2.pdf)" ] || fail "unexpected report files: $(ls "$out/2026-10/reps")"
ls "$out/casebook/tags" | grep -vqE '^tag-[0-9]+\.html$' &&
    fail "a tag page not named tag-N.html: $(ls "$out/casebook/tags")"
[ ! -e "$root/escape" ] && [ ! -e "$out/escape" ] &&
    [ ! -e "$out/casebook/escape" ] || fail "a tag became a path"

# Ids that are paths: refused, each with its line; nothing written.
bad=$TMP/badids
cp -R "$hand" "$bad"
long=$(awk 'BEGIN { while (i++ < 300) printf "a" }')
cat >>"$bad/team.csv" <<EOF
../evil,n,alpha,sales,
/tmp/abs,n,alpha,sales,
%2e%2e,n,alpha,sales,
$long,n,alpha,sales,
a/b,n,alpha,sales,
..,n,alpha,sales,
X1,n,../t,sales,
X2,n,/abs,sales,
X3,n,..,sales,
EOF
printf 'X4\000,n,alpha,sales,\n' >>"$bad/team.csv"
rc=0
"$BIN" monthly 2026-10 --input "$bad" --output "$TMP/bad-out" \
    2>"$TMP/err" || rc=$?
[ $rc -eq 65 ] || fail "ids that are paths: exit $rc"
for l in "6: rep_id: id may only hold letters, digits, '_', '.' and '-' (../evil)" \
    "7: rep_id: id may only hold letters, digits, '_', '.' and '-' (/tmp/abs)" \
    "8: rep_id: id may only hold letters, digits, '_', '.' and '-' (%2e%2e)" \
    "9: rep_id: id longer than 64 characters (aaaa" \
    "10: rep_id: id may only hold letters, digits, '_', '.' and '-' (a/b)" \
    "11: rep_id: id may not be only dots (..)" \
    "12: team: id may only hold letters, digits, '_', '.' and '-' (../t)" \
    "13: team: id may only hold letters, digits, '_', '.' and '-' (/abs)" \
    "14: team: id may not be only dots (..)" \
    "15: rep_id: NUL byte in the field"; do
	grep -qF "badids/team.csv:$l" "$TMP/err" ||
	    fail "no message \"team.csv:$l\": $(head -c 600 "$TMP/err")"
done
[ ! -e "$TMP/bad-out" ] || fail "ids that are paths: output written"
# With --lenient the rows are skipped and only the good ids are pages.
"$BIN" -q monthly 2026-10 --lenient --input "$bad" --output "$TMP/bad-out" \
    2>/dev/null
[ "$(ls "$TMP/bad-out/2026-10/reps" | tr '\n' ' ')" = \
    "B1.html B1.pdf M1.html M1.pdf S1.html S1.pdf S2.html S2.pdf " ] ||
    fail "--lenient: $(ls "$TMP/bad-out/2026-10/reps")"
# On the command line: usage errors.
for a in "--rep ../../x" "--team ../x" "--rep /etc/passwd"; do
	rc=0
	# shellcheck disable=SC2086
	"$BIN" -q monthly 2026-10 $a --input "$hand" --output "$TMP/cli-out" \
	    2>/dev/null || rc=$?
	[ $rc -eq 64 ] || fail "$a: exit $rc, expected 64"
done
[ ! -e "$TMP/cli-out" ] || fail "--rep ../../x wrote something"

# Case file names are page names: refused unless ids; a name with a line
# break or a terminal escape is shown escaped, on one line.
names=$TMP/names
cp -R tests/golden/casebook/defect/input "$names"
rm "$names"/cases/*.md
for n in '%2e%2e' 'a b' "$(awk 'BEGIN { while (i++ < 250) printf "b" }')" \
    "$(printf 'evil\n\033[31mred')" '价格战' good; do
	printf -- '---\ntitle: t\ndate: 2026-01-01\n---\n\n## Goal\n\nx\n' \
	    >"$names/cases/$n.md"
done
printf -- '---\ntitle: hidden\ndate: 2026-01-01\n---\n' >"$names/cases/..md"
rc=0
"$BIN" casebook --input "$names" --output "$TMP/names-out" \
    2>"$TMP/err" || rc=$?
[ $rc -eq 65 ] || fail "case file names: exit $rc"
[ "$(grep -c 'the file name becomes a page name' "$TMP/err")" -eq 5 ] ||
    fail "case file names: $(cat "$TMP/err")"
grep -qF 'cases/evil\n\x1B[31mred.md: the file name becomes a page name' \
    "$TMP/err" || fail "a file name with a line break shown raw"
! grep -q "$(printf '\033')" "$TMP/err" || fail "an escape byte on stderr"
[ "$(wc -l <"$TMP/err")" -eq 6 ] || fail "not one message a line"
[ ! -e "$TMP/names-out" ] || fail "case file names: output written"

# ---- HTML: nothing active came from the data ----

html=$(find "$out" -name '*.html')
# The project's own scripts, in the casebook's index only.
[ "$(grep -il '<script' $html)" = "$out/casebook/index.html" ] ||
    fail "<script in: $(grep -il '<script' $html)"
[ "$(grep -io '<script[^>]*>' "$out/casebook/index.html" | tr '\n' ' ')" = \
    '<script src="search-index.js"> <script src="search.js"> ' ] ||
    fail "a script that is not the casebook's own"
! grep -iqE '<[a-z][^>]*[[:space:]/"'"'"']on[a-z]+[[:space:]]*=' $html ||
    fail "an event handler: $(grep -ioE '<[a-z][^>]*on[a-z]+ *=[^>]*>' $html | head -3)"
! grep -iqE '(href|src|action|data|xlink:href)[[:space:]]*=[[:space:]]*["'"'"']?[[:space:]]*(javascript|vbscript|data):' $html ||
    fail "an active URL: $(grep -ioE '(href|src)="?(javascript|vbscript|data):[^ >]*' $html | head -3)"
! grep -iqE '<(iframe|object|embed|img|meta http-equiv|base)[[:space:]>]' $html ||
    fail "an element from the data: $(grep -ioE '<(iframe|object|embed|img|base)[^>]*>' $html | head -3)"
! grep -iq '<svg[^>]* onload' $html || fail "svg onload"
# Every link is a page of the output, an anchor or the case's https link.
grep -ohE 'href="[^"]*"' $html | grep -vE '^href="(#[^"]*|[A-Za-z0-9_./-]+\.(html|css|js)(#[^"]*)?|https://ok\.example/)"$' |
    grep . && fail "an unexpected link"
# The text is there, as text.
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$out/2026-10/reps/M1.html" ||
    fail "the name is not shown as text"
grep -qF '{{t.name}} **b** | c' "$out/2026-10/reps/B1.html" ||
    fail "template or Markdown syntax in a name was not kept as text"
grep -qF '&lt;script&gt;alert(12)&lt;/script&gt;' "$out/2026-10/reps/S2.html" ||
    fail "the action is not shown as text"
grep -qF '{{t.casebook}} {{{x}}} {{&gt; rep}} stays text' \
    "$out/casebook/cases/hostile.html" || fail "template syntax in a case"
# The search index is data for search.js, escaped; its words are words.
! grep -q '[<>&]' "$out/casebook/search-index.js" ||
    fail "markup characters in search-index.js"
grep -q '"goal":' "$out/casebook/search-index.js" &&
    grep -q '"click":' "$out/casebook/search-index.js" ||
    fail "search index: the words of a heading and the next paragraph run together"

# ---- CSV: no formula ----

for l in "F1,\"'=HYPERLINK(\"\"http://x.example/\"\",\"\"y\"\")\",beta," \
    "F2,'+1+2,beta," "F3,'-2+3,beta," "F4,'@SUM(A1),beta," \
    "F5,'=1+1,beta," "F6,'=1+1,beta," "F7,'-x,'-t,"; do
	grep -qF "2026-10,$l" "$out/2026-10/scores.csv" ||
	    fail "scores.csv: no line starting 2026-10,$l"
done
grep -qF "2026-10,'-t,1," "$out/2026-10/teams.csv" ||
    fail "teams.csv: the team -t is not written '-t"
# A field of a CSV output may begin with =, +, -, @ (or a tab or CR) only
# behind a quote: no cell of scores.csv or teams.csv is a formula.
for f in "$out"/2026-10/*.csv "$out"/2026-Q3/*.csv; do
	python3 - "$f" <<'PY' || fail "$f: a formula"
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    for row in csv.reader(f):
        for cell in row:
            if cell[:1] in ("=", "+", "@", "\t", "\r") or (
                    cell[:1] == "-" and not cell[1:2].isdigit()):
                sys.exit("%s: %r" % (sys.argv[1], cell))
PY
done

# ---- PDF: no JavaScript, no launch, no javascript: link ----

for f in $(find "$out" -name '*.pdf'); do
	qpdf --qdf --object-streams=disable "$f" "$TMP/q.pdf"
	! grep -aqE '/(JavaScript|JS|Launch|OpenAction|AA|SubmitForm|ImportData|EmbeddedFile|RichMedia)\b' \
	    "$TMP/q.pdf" || fail "$f: an action: $(grep -aoE '/(JavaScript|JS|Launch|OpenAction|AA)\b' "$TMP/q.pdf" | head -3)"
	! grep -aiqE '/URI *\( *(javascript|vbscript|data|file):' "$TMP/q.pdf" ||
	    fail "$f: an active URI"
	# links go to a page of the output, or the case's https link
	grep -aoE '/URI *\([^)]*\)' "$TMP/q.pdf" |
	    grep -vE '^/URI \(([A-Za-z0-9_./-]+\.html|https://ok\.example/)\)$' |
	    grep . && fail "$f: an unexpected link"
	true
done
# The casebook's links to its own chapters are links inside the book.
qpdf --qdf --object-streams=disable "$out/casebook/casebook.pdf" "$TMP/q.pdf"
! grep -aq '/URI (scorecard' "$TMP/q.pdf" ||
    fail "casebook.pdf: a link to the book's own page left as a URI"

# ---- the 360-degree group below min_raters: nowhere ----

pdftext() { for f in $(find "$out" -name '*.pdf'); do pdftotext "$f" -; done; }
grep -rqF MGRVISIBLE "$out/2026-10/reps/S1.html" ||
    fail "the manager's comment is not shown (the check below proves nothing)"
pdftext | grep -qF MGRVISIBLE || fail "the manager's comment is not in the PDF"
for m in ZZWITHHELD zzsecretdim; do
	! grep -rqF "$m" "$out" || fail "withheld $m in $(grep -rlF "$m" "$out")"
	! pdftext | grep -qF "$m" || fail "withheld $m in a PDF's text"
done
# The peer/report/customer means (1.50, 1.25, 2.75) are not in S1's
# report (its text, outside the style sheet).
! awk '/<style/ { s = 1 } !s { print } /<\/style>/ { s = 0 }' \
    "$out/2026-10/reps/S1.html" | sed 's/<[^>]*>/ /g' |
    grep -qE '(^|[^0-9.])(1\.25|1\.50|2\.75)([^0-9]|$)' ||
    fail "a withheld mean in S1's report"
# The withheld groups have no row of their own in the review table; the
# report only says how many reviews were withheld (docs/computation.md).
for rel in 同事 下属 客户; do
	! grep -qF "<td>$rel</td>" "$out/2026-10/reps/S1.html" ||
	    fail "a row for the withheld group $rel in S1's report"
done
grep -qF '因人数不足未单独显示的评价人数：3。' "$out/2026-10/reps/S1.html" ||
    fail "S1's report does not say that 3 reviews were withheld"
# --dump model is for the operator, and still does not list them.
"$BIN" monthly 2026-10 --dump model --input "$ws" --output "$out" \
    >"$TMP/dump"
grep -q 'peer withheld (1 < 3 raters)' "$TMP/dump" ||
    fail "--dump model does not say the peer group is withheld"
! grep -qE 'ZZWITHHELD|zzsecretdim|1\.25|2\.75' "$TMP/dump" ||
    fail "--dump model lists a withheld score or comment"

# ---- templates stay in their folder ----

tp=$TMP/tmpl
mkdir -p "$tp"
snap() { (cd "$out" && find . -print | sort && find . -type f -exec sha256sum {} + | sort); }
snap >"$TMP/out.before"
# tmpl NAME TEXT MESSAGE: rep.md of --templates is TEXT; refused with
# MESSAGE, nothing written, no line of /etc/passwd anywhere.
tmpl() {
	printf '%s\n' "$2" >"$tp/rep.md"
	rc=0
	"$BIN" monthly 2026-10 --templates "$tp" --input "$hand" \
	    --output "$out" >"$TMP/stdout" 2>"$TMP/err" || rc=$?
	[ $rc -eq 65 ] || fail "$1: exit $rc, expected 65"
	grep -qF -- "$3" "$TMP/err" || fail "$1: $(head -c 300 "$TMP/err")"
	snap | cmp -s - "$TMP/out.before" || fail "$1: the output changed"
	! grep -rq '^root:' "$out" "$TMP/stdout" "$TMP/err" ||
	    fail "$1: /etc/passwd was read"
}
tmpl "a partial up the tree" '{{> ../../../../../../etc/passwd}}' \
    '../../../../../../etc/passwd: a template name may not leave the templates folder'
tmpl "an absolute partial" '{{> /etc/passwd}}' \
    '/etc/passwd.md: a template name may not leave the templates folder'
rm -rf "${tp:?}"/*
ln -s /etc/passwd "$tp/leak.md"
tmpl "a partial that is a link out of the folder" '{{> leak}}' \
    'tmpl/leak.md: a template may not be a link to a file outside the templates folder'
rm -rf "${tp:?}"/*
ln -s /etc/passwd "$tp/rep.md"
rc=0
"$BIN" monthly 2026-10 --templates "$tp" --input "$hand" --output "$out" \
    2>"$TMP/err" || rc=$?
[ $rc -eq 65 ] && grep -qF 'tmpl/rep.md: a template may not be a link to a file outside' \
    "$TMP/err" || fail "rep.md a link out of the folder: exit $rc"
snap | cmp -s - "$TMP/out.before" || fail "the output changed"
# A link inside the folder is fine.
rm -rf "${tp:?}"/*
printf '# {{person.name}}\n{{> part}}\n' >"$tp/rep.md"
printf 'inside the folder\n' >"$tp/real.md"
ln -s real.md "$tp/part.md"
"$BIN" -q monthly 2026-10 --templates "$tp" --input "$hand" \
    --output "$TMP/tp-out"
grep -q 'inside the folder' "$TMP/tp-out/2026-10/reps/S1.html" ||
    fail "a partial linked inside the folder was not read"

# ---- nothing outside the output folders ----

outside | cmp -s - "$TMP/outside.before" ||
    fail "files appeared outside the output folder: $(outside | diff "$TMP/outside.before" - | head -5)"
