#!/bin/sh
# Template strictness (docs/templates.md, "Checking templates"): a tag
# whose name the data never has is a warning in `check --templates`
# (exit 0) and an error in `render --strict` (65, nothing written), with
# template:line, column and a near name; partials are followed, sections
# see their items' names and the outer ones, a user's label is a name.
# The built-in templates have no unknown name, every name `render
# --names` lists passes --strict, and docs/templates.md names each.
set -eu
LC_ALL=C
export LC_ALL
fail() { echo "template_names.sh: $*" >&2; exit 1; }
in=tests/e2e/base
tpl=$TMP/tpl
mkdir -p "$tpl/casebook" "$tpl/locale"

# --- the built-in templates ---
"$BIN" check --input "$in" --output "$TMP/no-output" --templates templates >"$TMP/out" 2>"$TMP/err" ||
    fail "check of the built-in templates: $(cat "$TMP/err")"
grep -q '^templates: 8 templates compiled, 0 unknown names$' "$TMP/out" ||
    fail "check of the built-in templates: $(tail -2 "$TMP/out")"
! grep -q 'no such name' "$TMP/err" || fail "built-in: $(cat "$TMP/err")"
for t in rep team company casebook/case casebook/kpi casebook/index \
    casebook/lessons casebook/tag; do
	"$BIN" render "templates/$t.md" --strict --dump markdown \
	    >/dev/null 2>"$TMP/err" ||
	    fail "render --strict templates/$t.md: $(cat "$TMP/err")"
done

# --- a user's folder with mistakes ---
cat >"$tpl/rep.md" <<'T'
# {{person.name}}

{{ytd_commission}} {{person.nmae}}
{{#kpis}}
| {{label}} | {{lable}} | {{person.rep_id}} |
{{/kpis}}
{{>sign}}
{{t.my_label}} {{t.my_lable}} {{#review}}{{score}}{{/review}}
T
cat >"$tpl/sign.md" <<'T'
{{org.company}} {{generated_on}}
T
cat >"$tpl/casebook/case.md" <<'T'
# {{case.title}}

{{case.titel}} {{#case.tags}}{{name}}{{/case.tags}}
T
cat >"$tpl/locale/en.yaml" <<'T'
labels:
  my_label: Mine
T
cat >"$TMP/want" <<T
$tpl/rep.md:3: warning: column 1: {{ytd_commission}}: no such name in the data of rep.md
$tpl/rep.md:3: warning: column 20: {{person.nmae}}: no such name in the data of rep.md (did you mean person.name?)
$tpl/rep.md:5: warning: column 15: {{lable}}: no such name in the data of rep.md (did you mean label?)
$tpl/sign.md:1: warning: column 17: {{generated_on}}: no such name in the data of rep.md
$tpl/rep.md:8: warning: column 16: {{t.my_lable}}: no such name in the data of rep.md (did you mean t.my_label?)
$tpl/casebook/case.md:3: warning: column 1: {{case.titel}}: no such name in the data of casebook/case.md (did you mean case.title?)
T
"$BIN" check --input "$in" --output "$TMP/no-output" --templates "$tpl" >"$TMP/out" 2>"$TMP/err" ||
    fail "check with unknown names: exit $?, wanted 0: $(cat "$TMP/err")"
grep -v 'note:' "$TMP/err" | diff "$TMP/want" - >&2 ||
    fail "check: the warnings differ"
grep -q "^$tpl: 8 templates compiled, 6 unknown names\$" "$TMP/out" ||
    fail "check: no count of unknown names: $(tail -2 "$TMP/out")"
tail -1 "$TMP/out" | grep -qx OK || fail "check: not OK"

# render --strict: the same as errors, 65, nothing written
rc=0
"$BIN" render "$tpl/rep.md" --strict >"$TMP/out" 2>"$TMP/err" || rc=$?
[ "$rc" -eq 65 ] || fail "render --strict: exit $rc, wanted 65"
[ ! -s "$TMP/out" ] || fail "render --strict wrote a page"
sed -n '1,5p' "$TMP/want" | sed 's/ warning://' >"$TMP/want.rep"
diff "$TMP/want.rep" "$TMP/err" >&2 || fail "render --strict: messages"
# without --strict the page is made, the names as nothing
"$BIN" render "$tpl/rep.md" --dump markdown >"$TMP/out" 2>"$TMP/err" ||
    fail "render without --strict: $(cat "$TMP/err")"

# a template of another name: the names of its --data file
printf 'a: 1\nl:\n  - x: 2\n' >"$TMP/d.yaml"
printf '{{a}} {{#l}}{{x}}{{a}}{{/l}} {{b}}\n' >"$TMP/other.md"
rc=0
"$BIN" render "$TMP/other.md" --data "$TMP/d.yaml" --strict \
    >/dev/null 2>"$TMP/err" || rc=$?
[ "$rc" -eq 65 ] || fail "render --strict --data: exit $rc"
grep -qx "$TMP/other.md:1: column 30: {{b}}: no such name in the data of $TMP/d.yaml" \
    "$TMP/err" || fail "render --strict --data: $(cat "$TMP/err")"
"$BIN" render "$TMP/other.md" --data "$TMP/d.yaml" --names >"$TMP/names"
grep -v '^t' "$TMP/names" | tr '\n' ' ' | grep -qx 'a l\[\] l\[\]\.x ' ||
    fail "render --names --data: $(cat "$TMP/names")"

# --- --names: what the report templates see; each name listed passes ---
for t in rep.md team.md company.md casebook/case.md casebook/kpi.md \
    casebook/index.md casebook/lessons.md casebook/tag.md; do
	"$BIN" render "templates/$t" --names >"$TMP/names" 2>"$TMP/err" ||
	    fail "render --names $t: $(cat "$TMP/err")"
	[ "$(wc -l <"$TMP/names")" -gt 20 ] ||
	    fail "render --names $t: $(wc -l <"$TMP/names") names"
	# every name as a tag: a list's items' names inside its section
	awk '{ n = split($0, p, /\[\]\./)
		if (n == 1) { sub(/\[\]$/, "", $0); print "{{" $0 "}}"; next }
		s = ""; e = ""
		for (i = 1; i < n; i++) { s = s "{{#" p[i] "}}"
			e = "{{/" p[i] "}}" e }
		sub(/\[\]$/, "", p[n]); print s "{{" p[n] "}}" e }' \
	    "$TMP/names" >"$TMP/all.md"
	mkdir -p "$TMP/all/casebook"
	cp "$TMP/all.md" "$TMP/all/$t"
	"$BIN" render "$TMP/all/$t" --strict --dump markdown >/dev/null \
	    2>"$TMP/err" || fail "a name --names lists for $t does not" \
	    "pass --strict: $(head -3 "$TMP/err")"
done
"$BIN" render templates/rep.md --names >"$TMP/names"
for n in person.rep_id kpis[].label commission.amount t.revenue period.code; do
	grep -qxF "$n" "$TMP/names" || fail "rep.md --names lacks $n"
done
"$BIN" render templates/casebook/case.md --names >"$TMP/names"
for n in case.title case.tags[].name prev.title next.slug kpi_in_header t.casebook_intro; do
	grep -qxF "$n" "$TMP/names" || fail "casebook/case.md --names lacks $n"
done

# a --templates folder that is not there
rc=0
"$BIN" check --input "$in" --output "$TMP/no-output" --templates "$TMP/nosuch" >/dev/null \
    2>"$TMP/err" || rc=$?
[ "$rc" -eq 66 ] || fail "check --templates nosuch: exit $rc, wanted 66"
grep -q "nosuch: --templates: no such folder" "$TMP/err" ||
    fail "check --templates nosuch: $(cat "$TMP/err")"

# --- the docs name every name the data has ---
# docs/templates.md "What the report templates see" for the reports,
# "Templates and their data" for the casebook: each name --names lists
# (its last part) is a word there.
docs_names() {	# SECTION-START SECTION-END TEMPLATES...
	awk -v a="$1" -v b="$2" 'index($0, a) == 1 { on = 1; print; next }
	    on && index($0, b) == 1 { exit } on' docs/templates.md \
	    >"$TMP/section"
	[ -s "$TMP/section" ] || fail "docs/templates.md has no \"$1\""
	shift 2
	for t in "$@"; do
		"$BIN" render "templates/$t" --names
	done | grep -v '^t\.' | sed 's/\[\]//g; s/.*\.//' | sort -u |
	while read -r n; do
		grep -qw -- "$n" "$TMP/section" ||
		    echo "$n (of $*) is not in docs/templates.md"
	done
}
docs_names '## What the report templates see' '### ' rep.md team.md \
    company.md >"$TMP/undoc"
docs_names '### Templates and their data' '### ' casebook/case.md \
    casebook/kpi.md casebook/index.md casebook/lessons.md \
    casebook/tag.md >>"$TMP/undoc"
[ ! -s "$TMP/undoc" ] || fail "names without docs: $(cat "$TMP/undoc")"
