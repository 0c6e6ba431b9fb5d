#!/bin/sh
# Hostile input is handled in bounded time and memory, with a clear
# message: each run below has at most 1 GiB of address space (ulimit -v)
# and 20 s, exits with the status of scorecard(1), names the file (and the
# line where there is one), and a refused run leaves the output folder as
# it was.  The big inputs are made here, in $TMP, with fixed seeds.  The
# Markdown ones follow cmark's test/pathological_tests.py.
set -eu
LC_ALL=C
export LC_ALL
hand=tests/e2e/hand/input
book=tests/golden/casebook/defect/input
out=$TMP/out

fail() {
	echo "hostile.sh: $*" >&2
	exit 1
}

# The output folder every refused run must leave as it was.
mkdir -p "$out/2026-10"
echo "left from an earlier run" >"$out/SENTINEL"
echo "<p>old report</p>" >"$out/2026-10/index.html"
snap() { (cd "$out" && find . -print | sort && find . -type f -exec sha256sum {} + | sort); }
snap >"$TMP/before"

# ulimit -v, unless the program cannot start under it: an ASan build
# reserves terabytes of address space, and is some 20 times slower, so
# that its book of each pathological case is made in HTML only.
limit=1048576
books=
sh -c "ulimit -v $limit && \"\$0\" --version" "$BIN" >/dev/null 2>&1 ||
    { limit=unlimited; books="--format html"; }

# run NAME STATUS ARGS...: runs the program on ARGS (with --output $out
# unless OUT is set), checks the exit status and the time; a refused run
# must leave $out untouched and end with "nothing changed" or "nothing
# written".  Standard error is in $TMP/err.
run() {
	name=$1
	want=$2
	cmd=$3
	shift 2
	start=$(date +%s)
	rc=0
	(ulimit -v $limit && exec timeout -k 5 60 "$BIN" "$@" \
	    --output "${OUT:-$out}") >"$TMP/stdout" 2>"$TMP/err" </dev/null || rc=$?
	secs=$(($(date +%s) - start))
	[ $rc -eq "$want" ] ||
	    fail "$name: exit $rc, expected $want: $(head -c 400 "$TMP/err")"
	[ $secs -le 20 ] || fail "$name: took $secs s (at most 20)"
	if [ "$want" -ne 0 ]; then
		snap | cmp -s - "$TMP/before" ||
		    fail "$name: the output folder changed"
		[ "$cmd" = render ] ||	# render writes to standard output
		    grep -q 'nothing \(changed\|written\)' "$TMP/err" ||
		    fail "$name: no closing line: $(tail -n 1 "$TMP/err")"
	fi
	echo "ok $name ($secs s)"
}

# says TEXT: standard error of the last run holds TEXT.
says() {
	grep -qF -- "$1" "$TMP/err" ||
	    fail "$name: no message \"$1\" in: $(head -c 400 "$TMP/err")"
}

# ws NAME: a fresh copy of the hand workspace, $TMP/NAME.
ws() {
	rm -rf "${TMP:?}/$1"
	cp -R "$hand" "$TMP/$1"
}

# ---- CSV structure ----

# A quoted field of 100 MB: refused at 1 MiB, never held in memory.
ws field
{ printf 'date,rep_id,customer_id,amount,order_id\n2026-10-01,S1,"'
  head -c 100000000 /dev/zero | tr '\0' a
  printf '",100,O1\n'; } >"$TMP/field/sales.csv"
run "100 MB field" 65 monthly 2026-10 --input "$TMP/field"
says "field/sales.csv:2: a field longer than 1048576 bytes (an unterminated quote?)"
run "100 MB field, --lenient" 65 check --lenient --input "$TMP/field"
says "field/sales.csv:2: a field longer than 1048576 bytes"
rm -rf "$TMP/field"

# A million columns in the header: one message, the file refused.
ws cols
awk 'BEGIN { printf "date,rep_id,customer_id,amount"
	for (i = 0; i < 1000000; i++) printf ",x%d", i; print ""
	print "2026-10-01,S1,C1,100" }' >"$TMP/cols/sales.csv"
run "a million columns in the header" 65 monthly 2026-10 --input "$TMP/cols"
says "cols/sales.csv:1: more than 4096 columns"
[ "$(grep -c 'cols/sales.csv' "$TMP/err")" -eq 1 ] ||
    fail "$name: more than one message: $(head -c 300 "$TMP/err")"

# A million fields in a data row: a row problem (skipped with --lenient).
ws fields
awk 'BEGIN { print "date,rep_id,customer_id,amount,order_id"
	printf "2026-10-01,S1,C1,100,O1"
	for (i = 0; i < 1000000; i++) printf ","; print "" }' \
    >"$TMP/fields/sales.csv"
run "a million fields in a row" 65 monthly 2026-10 --input "$TMP/fields"
says "fields/sales.csv:2: row has 1000005 fields but the header has 5"
OUT=$TMP/fields-out run "a million fields in a row, --lenient" 0 \
    monthly 2026-10 --format csv --lenient --input "$TMP/fields"
says "fields/sales.csv:2: warning: row has 1000005 fields but the header has 5 (a comma in an unquoted value?); row skipped"

# ---- a million sales rows for one person: read in bounded memory, and
# every number exactly right ----

ws million
awk 'BEGIN { srand(1); print "date,rep_id,customer_id,amount,order_id"
	for (i = 0; i < 1000000; i++)
		printf "2026-10-%02d,S1,C%d,%d.%02d,O%d\n", i % 31 + 1,
		    int(rand() * 100000), int(rand() * 1000),
		    int(rand() * 100), i }' >"$TMP/million/sales.csv"
OUT=$TMP/million-out run "a million rows for one person" 0 \
    monthly 2026-10 --format csv --input "$TMP/million"
# revenue (cents summed as integers), orders (amount > 0, distinct order
# ids), active customers (distinct customers with amount > 0)
want=$(awk -F, 'NR > 1 { split($4, a, "."); c = a[1] * 100 + a[2]; r += c
	if (c > 0) { o++; if (!($3 in seen)) { seen[$3] = 1; n++ } } }
	END { printf "%d.%02d,%d,%d\n", int(r / 100), r % 100, o, n }' \
    "$TMP/million/sales.csv")
got=$(awk -F, '$2 == "S1" { print $6 "," $9 "," $10 }' \
    "$TMP/million-out/2026-10/scores.csv")
[ "$got" = "$want" ] ||
    fail "a million rows: S1 revenue,orders,active_customers $got, expected $want"
rm -rf "$TMP/million" "$TMP/million-out"

# ---- encodings and bytes ----

# 1 MB of random bytes (a fixed seed): neither UTF-8 nor GB18030.
ws garbage
awk 'BEGIN { srand(7); for (i = 0; i < 1000000; i++)
	printf "%c", int(rand() * 256) }' >"$TMP/garbage/sales.csv"
run "binary garbage" 65 monthly 2026-10 --input "$TMP/garbage"
says "garbage/sales.csv:1: the file is neither UTF-8 nor GB18030; save it as CSV UTF-8"

# A file of NUL bytes; a NUL byte in one field.
ws nulfile
head -c 100000 /dev/zero >"$TMP/nulfile/sales.csv"
run "a file of NUL bytes" 65 monthly 2026-10 --input "$TMP/nulfile"
says "nulfile/sales.csv:1: NUL byte in the header: not a CSV text file"
ws nulfield
printf '2026-10-07,S1,C\0009,100,O9\n' >>"$TMP/nulfield/sales.csv"
run "a NUL byte in a field" 65 monthly 2026-10 --input "$TMP/nulfield"
says "nulfield/sales.csv:12: customer_id: NUL byte in the field"

# UTF-16, with a BOM and without (little- and big-endian).
for enc in UTF-16 UTF-16LE UTF-16BE; do
	ws utf16
	iconv -f UTF-8 -t $enc "$hand/team.csv" >"$TMP/utf16/team.csv"
	run "team.csv in $enc" 65 monthly 2026-10 --input "$TMP/utf16"
	says "utf16/team.csv:1: the file is UTF-16 (Excel \"Unicode text\"); save it as CSV UTF-8"
done

# ---- policy.yaml ----

ws laughs
cat >"$TMP/laughs/policy.yaml" <<'EOF'
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
EOF
run "billion laughs in policy.yaml" 65 monthly 2026-10 --input "$TMP/laughs"
says "laughs/policy.yaml:2: YAML aliases are not supported"

ws deepflow
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "{a: "; printf "1"
	for (i = 0; i < 10000; i++) printf "}"; print "" }' \
    >"$TMP/deepflow/policy.yaml"
run "10,000-deep flow mapping" 65 monthly 2026-10 --input "$TMP/deepflow"
says "deepflow/policy.yaml:1: YAML nested too deeply"

# 10,000 levels of block mapping would be 50 MB of indentation (refused
# by size); 1,000 levels (0.5 MB) reach the depth limit on line 65.
ws deepblock
awk 'BEGIN { for (i = 0; i < 1000; i++) printf "%*sk%d:\n", i, "", i }' \
    >"$TMP/deepblock/policy.yaml"
run "1,000-deep block mapping" 65 monthly 2026-10 --input "$TMP/deepblock"
says "deepblock/policy.yaml:65: YAML nested too deeply"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "%*sk%d:\n", i, "", i }' \
    >"$TMP/deepblock/policy.yaml"
run "10,000-deep block mapping (50 MB)" 65 monthly 2026-10 --input "$TMP/deepblock"
says "deepblock/policy.yaml: larger than 1048576 bytes"

# 48,000 keys in one mapping (under the 100,000 nodes and 1 MiB): each is an unknown column
# name; checking keys for repeats must stay linear (it took 7 s for
# 40,000 keys when each key was compared with every earlier one).
ws widemap
awk 'BEGIN { print "columns:"; for (i = 0; i < 48000; i++) printf "  k%d: v\n", i }' \
    >>"$TMP/widemap/policy.yaml"
run "48,000 keys in one mapping" 65 check --input "$TMP/widemap"
says "widemap/policy.yaml: 47800 more problems not shown"
[ "$secs" -le 5 ] || fail "48,000 keys in one mapping: took $secs s (at most 5)"

# ---- templates ----

mkdir -p "$TMP/tmpl"
printf 'a {{> self}}\n' >"$TMP/tmpl/self.md"
run "a template that includes itself" 65 render "$TMP/tmpl/self.md"
says "tmpl/self.md:1: column 3: partial 'self' always includes itself again"
printf 'a {{#x}}{{> loop}}{{/x}}\n' >"$TMP/tmpl/loop.md"
echo 'x: true' >"$TMP/tmpl/loop.yaml"
run "a template that includes itself while x is true" 65 \
    render "$TMP/tmpl/loop.md" --data "$TMP/tmpl/loop.yaml"
says "tmpl/loop.md:1: column 9: partial 'loop' nested deeper than 64 levels (endless recursion?)"
# The person's report, through --templates.
mkdir -p "$TMP/tmpl/user"
printf '# {{person.name}}\n{{> rep}}\n' >"$TMP/tmpl/user/rep.md"
run "rep.md that includes itself" 65 monthly 2026-10 \
    --templates "$TMP/tmpl/user" --input "$hand"
says "user/rep.md:2: column 1: partial 'rep' always includes itself again"
printf '# {{person.name}}\n{{#person}}{{> rep}}{{/person}}\n' \
    >"$TMP/tmpl/user/rep.md"
run "rep.md that includes itself for every person" 65 monthly 2026-10 \
    --templates "$TMP/tmpl/user" --input "$hand"
says "user/rep.md:2: column 12: partial 'rep' nested deeper than 64 levels"

# ---- case files ----

# case NAME: a casebook workspace $TMP/NAME whose one case, x.md, has the
# body read from standard input (title, date and the four GRAI sections
# around it).
case_ws() {
	rm -rf "${TMP:?}/$1"
	cp -R "$book" "$TMP/$1"
	rm -f "$TMP/$1"/cases/*.md
	{ printf -- '---\ntitle: t\ndate: 2026-01-01\n---\n\n## Goal\n\n'
	  cat
	  printf '\n\n## Result\n\nr\n\n## Analysis\n\na\n\n## Insight\n\n- i\n'; } \
	    >"$TMP/$1/cases/x.md"
}

# rep STRING N: STRING N times (awk's escapes \n, \r, \v in STRING).
rep() {
	awk -v s="$1" -v n="$2" 'BEGIN { r = ""
		while (n > 0) { if (n % 2) r = r s; s = s s; n = int(n / 2) }
		printf "%s", r }'
}

# A case of 50 MB: refused at 1 MiB.
head -c 50000000 /dev/zero | tr '\0' a | case_ws big
run "a case of 50 MB" 65 casebook --input "$TMP/big"
says "big/cases/x.md: larger than 1048576 bytes: split the case or shorten it"
rm -rf "$TMP/big"

# 10,000-deep nesting: the book is made (HTML and PDF) in bounded time.
# book_ok NAME: the last run wrote the case page and a PDF.
book_ok() {
	[ -s "$TMP/$1-out/casebook/cases/x.html" ] ||
	    fail "$1: no case page"
	[ -n "$books" ] ||
	    [ "$(head -c 5 "$TMP/$1-out/casebook/casebook.pdf")" = "%PDF-" ] ||
	    fail "$1: no PDF"
}
for k in quotes lists ordered brackets emphasis; do
	case $k in
	quotes)		rep '>' 10000; echo ' a' ;;
	lists)		rep '- ' 10000; echo 'a' ;;
	ordered)	rep '1. ' 10000; echo 'a' ;;
	brackets)	rep '[' 10000; printf a; rep ']' 10000 ;;
	emphasis)	rep '*' 10000; printf a; rep '*' 10000 ;;
	esac | case_ws deep-$k
	OUT=$TMP/deep-$k-out run "10,000-deep $k" 0 casebook \
	    --input "$TMP/deep-$k"
	book_ok deep-$k
done

# cmark's pathological inputs: each is rendered (HTML and PDF) or refused
# with the case named, within the limits.
patho() {
	case $1 in
	strong)		rep '*a **a ' 65000; printf b; rep ' a** a*' 65000 ;;
	closers)	rep 'a_ ' 65000 ;;
	openers)	rep '_a ' 65000 ;;
	link-closers)	rep 'a]' 65000 ;;
	link-openers)	rep '[a' 65000 ;;
	mismatched)	rep '*a_ ' 50000 ;;
	multiple-of-3)	printf 'a**b'; rep 'c* ' 50000 ;;
	link-emph)	rep '[ a_' 50000 ;;
	paren)		rep '[ (](' 80000 ;;
	bang)		rep '![[]()' 160000 ;;
	brackets)	rep '[' 50000; printf a; rep ']' 50000 ;;
	quotes)		rep '> ' 50000; printf a ;;
	lists)		awk 'BEGIN { for (i = 0; i < 1000; i++)
				printf "%*s* a\n", 2 * i, "" }' ;;
	nul)		printf 'abc\000de\000' ;;
	backticks)	awk 'BEGIN { s = "`"; for (i = 1; i < 1400; i++) {
				printf "e%s", s; s = s "`" } }' ;;
	unclosed-a)	rep '[a](<b' 30000 ;;
	unclosed-b)	rep '[a](b' 30000 ;;
	comments)	printf '</'; rep '<!--' 200000 ;;
	tables)		rep 'aaa\rbbb\n-\v\n' 30000 ;;
	columns)	printf '|'; rep 'a|' 60; printf '\n|'; rep '-|' 60
			printf '\n'; rep "|$(rep 'x|' 60)\\n" 3000 ;;
	autolink)	rep 'www.' 100000 ;;
	autolinks)	rep 'www.a ' 170000 ;;
	long-url)	printf 'www.a'; rep '(' 100000 ;;
	esac
}
for k in strong closers openers link-closers link-openers mismatched \
    multiple-of-3 link-emph paren bang brackets quotes lists nul backticks \
    unclosed-a unclosed-b comments tables columns autolink autolinks \
    long-url; do
	patho $k | case_ws p-$k
	rm -rf "$TMP/p-$k-out"
	OUT=$TMP/p-$k-out run "cmark pathological: $k" "$(case $k in
	    link-openers|link-emph|paren|bang|brackets|unclosed-*|nul) echo 65 ;;
	    *) echo 0 ;; esac)" casebook $books --input "$TMP/p-$k"
	case $rc:$k in
	0:*)	book_ok p-$k ;;
	*:nul)	says "p-$k/cases/x.md:8: NUL byte in the file" ;;
	*)	says "p-$k/cases/x.md: too many \"[\" to render" ;;
	esac
	[ $rc -eq 0 ] || [ ! -e "$TMP/p-$k-out" ] || fail "$name: output written"
	rm -rf "$TMP/p-$k" "$TMP/p-$k-out"
done

# A one-column table whose delimiter row has no "|" (":-:") counts its
# cells like any other: 250,000 rows are refused before rendering.
{ printf 'h\n:-:\n'; rep 'x\n' 250000; } | case_ws cells
run "250,000 cells, delimiter row without pipes" 65 casebook --input "$TMP/cells"
says "cells/cases/x.md:9: tables too large to render: more than 200000 cells"

# A table of 65 columns.
{ printf '|'; rep 'a|' 65; printf '\n|'; rep '-|' 65; printf '\n'; } |
    case_ws wide
run "a table of 65 columns" 65 casebook --input "$TMP/wide"
says "wide/cases/x.md:9: table with 65 columns, at most 64"

# A heading per page: at most 10,000 pages to a PDF.
if [ -z "$books" ]; then
	rep '# a\n' 20000 | case_ws pages
	run "20,000 chapters" 65 casebook --input "$TMP/pages"
	says "casebook.pdf: too long for a PDF: more than 10000 pages"
fi

# YAML bombs in the front matter.
case_ws fm-alias </dev/null
sed -i 's/^title: t$/title: \&a t\ntags: [*a, *a]/' "$TMP/fm-alias/cases/x.md"
run "YAML anchors in front matter" 65 casebook --input "$TMP/fm-alias"
says "fm-alias/cases/x.md:2: YAML anchors are not supported"
case_ws fm-deep </dev/null
sed -i "s/^title: t\$/title: t\ntags: $(rep '[' 10000)/" \
    "$TMP/fm-deep/cases/x.md"
run "10,000-deep front matter" 65 casebook --input "$TMP/fm-deep"
says "fm-deep/cases/x.md:3: YAML nested too deeply"

snap | cmp -s - "$TMP/before" || fail "the output folder changed"
