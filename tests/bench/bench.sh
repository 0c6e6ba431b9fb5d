#!/bin/sh
# make bench: scorecard beside what users would use instead, on the same
# generated data, in one run.  Writes BENCH_DIR/results.md and prints it.
#
#   numbers      scorecard monthly --format csv (and check, quarterly) on a
#                500-person sales.csv of each size in ROWS, against pandas
#                (read_csv + groupby), sqlite3 (.import --csv + GROUP BY),
#                DuckDB (read_csv + GROUP BY on every core, through its Node
#                API: monthly_duckdb.mjs) and cat (the floor); the same
#                aggregates per person and month.  DuckDB's table must equal
#                scorecard's revenue, orders and active customers of every
#                person measured on themselves (the generated workspaces'
#                policy has no team_scope_roles), or the bench fails
#   pages        HTML reports for 5,000 people: pages/s beyond the numbers
#   person PDF   scorecard monthly --format pdf,csv on 1 and all cores:
#                documents/s beyond the numbers, against wkhtmltopdf and
#                WeasyPrint rendering scorecard's own HTML pages of the
#                same people (a sample, scaled to a per-document rate), and
#                Typst compiling statement.typ, the same statement in Typst,
#                for the first TY_DOCS people in one Node process
#                (statement_typst.mjs; the data from scorecard's
#                --dump model by statement_data.mjs)
#   casebook     for each count in CASES: scorecard casebook (HTML site and
#                PDF book) against pandoc → wkhtmltopdf, and Markdown →
#                HTML against cmark-gfm (the floor) and pandoc
#
# Each command runs RUNS times: the median wall time, throughput (MB/s of
# the input, or documents/s) and the peak resident memory of the runs (GNU
# time %M).  Ratio: the peer's time over scorecard's (per document for the
# PDFs); above 1, scorecard is faster.  A peer that is not installed gets
# a "not installed" row.  make bench installs the Debian peers, and DuckDB
# (@duckdb/node-api) and Typst (@myriaddreamin/typst-ts-node-compiler) from
# npm at the versions of package.json and package-lock.json beside this
# script, into BENCH_NPM.  The workspaces are generated once by the
# project's generator (build/workspace-gen) and kept in BENCH_DIR.
#
# Environment:
#   ROWS       sales rows, a list (default "1000000 10000000")
#   PEOPLE     people in the numbers workspaces (default 500)
#   CASES      case retrospectives, a list (default "200 500")
#   RUNS       runs of each command (default 3)
#   SLOW_RUNS  runs of pandas and sqlite3 on SLOW_ROWS (default 10000000)
#              rows or more (default 1: each takes minutes)
#   TY_DOCS    statements compiled by Typst (default 200)
#   BENCH_DIR  workspaces and results (default build/bench; no spaces)
#   BENCH_NPM  where make bench installed the npm peers (default
#              build/bench/npm)
#   SMALL=1    a quick run for development: ROWS=100000, CASES=20, RUNS=1,
#              small samples, BENCH_DIR=build/bench-small
set -eu

if [ -n "${SMALL:-}" ]; then
	ROWS=${ROWS:-100000}
	CASES=${CASES:-20}
	RUNS=${RUNS:-1}
	BENCH_DIR=${BENCH_DIR:-build/bench-small}
	PAGES_PEOPLE=500 PAGES_ROWS=100000 WK_DOCS=5 WP_DOCS=2 TY_DOCS=20
fi
ROWS=${ROWS:-1000000 10000000}
PEOPLE=${PEOPLE:-500}
CASES=${CASES:-200 500}
RUNS=${RUNS:-3}
SLOW_RUNS=${SLOW_RUNS:-1}
SLOW_ROWS=${SLOW_ROWS:-10000000}
DIR=${BENCH_DIR:-build/bench}
PAGES_PEOPLE=${PAGES_PEOPLE:-5000}	# the HTML pages section
PAGES_ROWS=${PAGES_ROWS:-2000000}
PDF_ROWS=200000		# the person PDF workspace: PEOPLE people
WK_DOCS=${WK_DOCS:-20}	# pages rendered by wkhtmltopdf, one process each
WP_DOCS=${WP_DOCS:-4}	# pages rendered by WeasyPrint (~2 s each)
TY_DOCS=${TY_DOCS:-200}	# statements compiled by Typst, in one process
MONTH=2026-10
QUARTER=2026-Q3

HERE=$(dirname "$0")
GEN=build/workspace-gen
PY=/usr/bin/python3	# Debian's, with python3-pandas and WeasyPrint
NPM=${BENCH_NPM:-build/bench/npm}	# DuckDB and Typst from npm (make bench)
OUT=$DIR/out
RESULTS=$DIR/results.md
FAILED=
ALL_RUNS=$RUNS
export QT_QPA_PLATFORM=offscreen	# wkhtmltopdf without a display

[ -x /usr/bin/time ] || { echo "bench: needs GNU time (/usr/bin/time)" >&2; exit 1; }
[ -x ./scorecard ] && [ -x "$GEN" ] || { echo "bench: run from the top folder after make scorecard $GEN" >&2; exit 1; }

# A copy of the program and its templates, so that a rebuild in the tree
# during the run does not change what is measured.
mkdir -p "$DIR/bin" "$OUT"
cp ./scorecard "$DIR/bin/scorecard"
rm -rf "$DIR/templates"
cp -R templates "$DIR/templates"	# found as bin/../templates
BIN=$DIR/bin/scorecard
# The Node scripts beside their node_modules, where their imports are found.
[ ! -d "$NPM/node_modules" ] || cp "$HERE"/*.mjs "$NPM/"

# ------------------------------------------------------------------ helpers

say() { echo "bench: $*" >&2; }
out() { printf '%s\n' "$@" >>"$RESULTS"; }

# have TOOL: the command, the Python module for pandas and weasyprint, the
# npm package for duckdb and typst
have() {
	case $1 in
	pandas | weasyprint) "$PY" -c "import $1" 2>/dev/null ;;
	duckdb) command -v node >/dev/null 2>&1 && [ -d "$NPM/node_modules/@duckdb/node-api" ] ;;
	typst) command -v node >/dev/null 2>&1 && [ -d "$NPM/node_modules/@myriaddreamin/typst-ts-node-compiler" ] ;;
	*) command -v "$1" >/dev/null 2>&1 ;;
	esac
}

# version TOOL: its version, one word
version() {
	have "$1" || { echo "not installed"; return; }
	case $1 in
	pandas) "$PY" -c 'import pandas, platform; print(pandas.__version__ + " (Python " + platform.python_version() + ")")' ;;
	weasyprint) "$PY" -c 'import weasyprint; print(weasyprint.__version__)' ;;
	sqlite3) sqlite3 -version | cut -d' ' -f1 ;;
	pandoc) pandoc --version | awk 'NR == 1 { print $2 }' ;;
	wkhtmltopdf) wkhtmltopdf --version | awk '{ print $2 }' ;;
	cmark-gfm) cmark-gfm --version | awk 'NR == 1 { print $2 }' ;;
	duckdb) node "$NPM/monthly_duckdb.mjs" --version ;;
	typst) (cd "$NPM" && node -e '
	    const { NodeCompiler } = require("@myriaddreamin/typst-ts-node-compiler");
	    const pkg = require("./node_modules/@myriaddreamin/typst-ts-node-compiler/package.json");
	    const c = NodeCompiler.create();
	    const doc = c.compile({ mainFileContent: "#metadata(str(sys.version)) <v>" }).result;
	    console.log(c.query(doc, { selector: "<v>" })[0].value + " (" + pkg.name + " " + pkg.version + ", Node " + process.versions.node + ")")') ;;
	esac
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
thousands() {
	awk -v n="$1" 'BEGIN {
	    while (n ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", n); print n }'
}

# workspace PEOPLE ROWS: a generated workspace (again when the generator
# is newer); sets WS.
workspace() {
	WS=$DIR/ws-$1-$2
	if [ ! -f "$WS/sales.csv" ] || [ "$GEN" -nt "$WS/sales.csv" ]; then
		say "generating $1 people, $2 sales rows in $WS"
		"$GEN" --out "$WS" --people "$1" --rows "$2" >/dev/null
	fi
	cat "$WS"/* >/dev/null	# in the page cache for everyone
}

# cases N: a workspace of N case retrospectives, the demo's repeated with
# their own file names and titles, beside the people, policy and
# 1,000,000 sales rows of the 500-person numbers workspace: each case's
# KPI snapshot is computed from them.  The cases' teams and authors are
# the generated ones (team k % 20 + 1, its first person).  Sets WS.
cases() {
	src=$DIR/ws-$PEOPLE-1000000
	if [ ! -f "$src/sales.csv" ] || [ "$GEN" -nt "$src/sales.csv" ]; then
		say "generating $PEOPLE people, 1000000 sales rows in $src"
		"$GEN" --out "$src" --people "$PEOPLE" --rows 1000000 >/dev/null
	fi
	WS=$DIR/ws-cases-$1
	if [ -d "$WS/cases" ] && [ "$(ls "$WS/cases" | wc -l)" -eq "$1" ] &&
	    [ "$WS/sales.csv" -nt "$src/sales.csv" ]; then
		cat "$WS"/sales.csv >/dev/null
		return
	fi
	say "writing $1 cases in $WS (KPI snapshots over $src/sales.csv)"
	rm -rf "$WS"
	mkdir -p "$WS/cases"
	cp "$src"/*.csv "$src/policy.yaml" "$WS/"
	i=0
	while [ "$i" -lt "$1" ]; do
		for f in input/cases/*.md; do
			[ "$i" -lt "$1" ] || break
			num=$(printf '%03d' "$i")
			team=$(printf 't%02d' $((i % 20 + 1)))
			author=$(awk -F, -v t="$team" '$3 == t { print $1; exit }' "$WS/team.csv")
			sed -e "s/^title: \"\{0,1\}\([^\"]*\)\"\{0,1\} *$/title: \"\1（$num）\"/" \
			    -e "s/^team: .*/team: $team/" -e "s/^author: .*/author: $author/" "$f" \
			    >"$WS/cases/case-$num.md"
			i=$((i + 1))
		done
	done
}

# section TITLE UNIT: starts a table.  UNIT is MB/s (SIZE bytes of input
# over the time) or documents/s (DOCS documents over the time beyond BASE
# seconds).  The first scorecard row measured is the reference of the
# ratios.
section() {
	say "$1"
	out "" "### $1" "" \
	    "| command | wall s | $2 | peak RSS MB | ratio vs scorecard |" \
	    "|---|---:|---:|---:|---:|"
	UNIT=$2 REF= BASE=0 DOCS=1
}

# row NAME TEXT: a row without numbers
row() { out "| $1 | $2 | | | |"; }

# measure NAME COMMAND...: runs COMMAND RUNS times and writes its row; sets
# LAST to the median wall time.  The first call after section is the
# reference; with DOCS=0 the row is a baseline and sets BASE.  OUT is
# removed before each run: scorecard writes its folders anew, and does not
# pay for removing what the previous command wrote there.
measure() {
	name=$1
	shift
	[ "$RUNS" -eq "$ALL_RUNS" ] || name="$name ($RUNS run$([ "$RUNS" -eq 1 ] || echo s))"
	say "  $name"
	: >"$DIR/times"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		rm -rf "$OUT"
		if ! /usr/bin/time -f "%e %M" -o "$DIR/one" "$@" >/dev/null 2>"$DIR/err"; then
			tail -n 5 "$DIR/err" >&2
			say "$name failed"
			row "$name" "failed"
			FAILED=1 LAST=
			return 0
		fi
		cat "$DIR/one" >>"$DIR/times"
		i=$((i + 1))
	done
	set -- $(sort -n "$DIR/times" | awk '
	    { t[NR] = $1; if ($2 > m) m = $2 }
	    END { print t[int((NR + 1) / 2)], m }')
	LAST=$1
	line=$(awk -v name="$name" -v t="$1" -v kb="$2" -v unit="$UNIT" \
	    -v size="${SIZE:-0}" -v docs="$DOCS" -v base="$BASE" -v ref="$REF" '
	    function num(x) { return x >= 100 ? sprintf("%.0f", x) : x >= 10 ? sprintf("%.1f", x) : sprintf("%.2f", x) }
	    BEGIN {
		net = t - base
		if (docs == 0) { rate = ""; ratio = "" }
		else {
			cost = (net > 0 ? net : 0.005) / docs
			rate = unit == "MB/s" ? (t > 0 ? num(size / 1e6 / t) : "") : num(1 / cost)
			if (ref == "") ref = cost
			ratio = num(cost / ref)
		}
		printf "%.6g\t| %s | %.2f | %s | %.1f | %s |\n", (ref == "" ? 0 : ref), name, t, rate, kb / 1024, ratio
	    }')
	[ "$DOCS" -ne 0 ] || BASE=$LAST
	REF=${line%%	*}
	[ "$REF" != 0 ] || REF=
	out "${line#*	}"
}

# slowly COMMAND...: COMMAND (measure or peer) with SLOW_RUNS runs
slowly() {
	RUNS=$SLOW_RUNS
	"$@"
	RUNS=$ALL_RUNS
}

# peer NAME TOOL COMMAND...: measure, or a "not installed" row
peer() {
	name=$1 tool=$2
	shift 2
	if have "$tool"; then measure "$name" "$@"; else row "$name" "not installed ($tool)"; fi
}

# agree TABLE: "SAME N OF M" or "DIFF N OF M IDS...": whether the month's
# sum of the amounts, orders and customers per person of TABLE (the peers'
# CSV) equal scorecard's revenue, orders and active customers in
# scores.csv, for every person scores.csv measures on themselves
# (measured_on self; team-measured people have their team's figures)
agree() {
	awk -F, -v m="$MONTH" '
	    NR == FNR { if ($2 == m) { c[$1] = $3; o[$1] = $5; k[$1] = $6 } next }
	    FNR == 1 { sub(/^\357\273\277/, ""); for (i = 1; i <= NF; i++) col[$i] = i; next }
	    {
		gsub(/\r/, "")
		if ($col["measured_on"] != "self") next
		split($col["revenue"], a, ".")
		n++
		if (c[$2] != a[1] * 100 + (a[1] ~ /^-/ ? -a[2] : a[2]) || o[$2] != $col["orders"] ||
		    k[$2] != $col["active_customers"]) { bad++; if (bad <= 10) ids = ids " " $2 }
	    }
	    END { printf "%s %d of %d%s\n", bad ? "DIFF" : "SAME", n - bad, n, ids }
	' "$1" "$DIR/scores.csv"
}

# duckcheck: sets DUCK to whether DuckDB's table equals scorecard's figures
# (and pandas' table, when it ran); fails the bench loudly when not
duckcheck() {
	DUCK=
	[ -f "$DIR/duckdb.csv" ] || return 0
	set -- $(agree "$DIR/duckdb.csv")
	if [ "$1" = SAME ]; then
		DUCK=" DuckDB's $MONTH sums, orders and customers equal scorecard's revenue, orders and active customers for all $4 people measured on themselves"
	else
		say "DuckDB's table DIFFERS from scorecard's figures for $(($4 - $2)) of $4 people:$(shift 4; printf ' %s' "$@")"
		DUCK=" DuckDB's $MONTH sums, orders and customers DIFFER from scorecard's for $(($4 - $2)) of $4 people measured on themselves"
		FAILED=1
	fi
	if [ -f "$DIR/pandas.csv" ]; then
		if cmp -s "$DIR/duckdb.csv" "$DIR/pandas.csv"; then
			DUCK="$DUCK, and its table is pandas' table."
		else
			say "DuckDB's and pandas' tables DIFFER"
			DUCK="$DUCK; DuckDB's and pandas' tables DIFFER."
			FAILED=1
		fi
	else
		DUCK="$DUCK."
	fi
	rm -f "$DIR/duckdb.csv"
}

# crosscheck: sets CHECK to whether pandas, sqlite3 and scorecard agree on
# the month's numbers (sum of the amounts, orders, customers per person)
crosscheck() {
	CHECK=
	if [ ! -f "$DIR/pandas.csv" ] || [ ! -f "$DIR/sqlite.csv" ]; then
		rm -f "$DIR/pandas.csv" "$DIR/sqlite.csv" "$DIR/scores.csv"
		return 0
	fi
	if tr -d '\r' <"$DIR/sqlite.csv" | cmp -s - "$DIR/pandas.csv"; then
		CHECK="pandas and sqlite3 give the same table"
	else
		CHECK="pandas and sqlite3 give DIFFERENT tables"
		FAILED=1
	fi
	set -- $(agree "$DIR/pandas.csv")
	[ "$1" = SAME ] || FAILED=1
	CHECK="$CHECK; their $MONTH sums, orders and customers equal scorecard's revenue, orders and active customers for $2 of $4 people measured on themselves."
	rm -f "$DIR/pandas.csv" "$DIR/sqlite.csv" "$DIR/scores.csv"
}

# ------------------------------------------------------------------ header

load() { cut -d' ' -f1 /proc/loadavg; }
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
: >"$RESULTS"
out "scorecard $("$BIN" --version | awk '{ print $NF }') on $(nproc) cores ($cpu, $(uname -m)), $(date -u +%Y-%m-%d), load average $(load) at the start; median of $RUNS runs; tools: pandas $(version pandas), sqlite3 $(version sqlite3), pandoc $(version pandoc), wkhtmltopdf $(version wkhtmltopdf), cmark-gfm $(version cmark-gfm), WeasyPrint $(version weasyprint), DuckDB $(version duckdb), Typst $(version typst)"

# ------------------------------------------------------------------ numbers

for rows in $ROWS; do
	workspace "$PEOPLE" "$rows"
	SIZE=$(wc -c <"$WS/sales.csv")
	section "Numbers: $(thousands "$rows") sales rows ($(mb "$SIZE") MB), $PEOPLE people" MB/s
	measure "scorecard monthly $MONTH --format csv" \
	    "$BIN" -q monthly "$MONTH" --format csv --input "$WS" --output "$OUT"
	cp "$OUT/$MONTH/scores.csv" "$DIR/scores.csv"
	measure "scorecard check" "$BIN" -q check --input "$WS"
	measure "scorecard quarterly $QUARTER --format csv" "$BIN" -q quarterly \
	    "$QUARTER" --force --format csv --input "$WS" --output "$OUT"
	slow=
	[ "$rows" -lt "$SLOW_ROWS" ] || slow=slowly
	$slow peer "pandas: read_csv + groupby" pandas \
	    "$PY" "$HERE/monthly_pandas.py" "$WS/sales.csv" "$DIR/pandas.csv"
	$slow peer "sqlite3: .import --csv + GROUP BY (in memory)" sqlite3 \
	    sqlite3 -bail -cmd ".import --csv $WS/sales.csv sales" :memory: \
	    ".output $DIR/sqlite.csv" ".read $HERE/monthly_sqlite.sql"
	rm -f "$DIR/duckdb.csv"
	peer "DuckDB: read_csv + GROUP BY ($(nproc) threads, Node API)" duckdb \
	    node "$NPM/monthly_duckdb.mjs" "$WS/sales.csv" "$DIR/duckdb.csv"
	measure "cat sales.csv (the floor)" cat "$WS/sales.csv"
	duckcheck
	crosscheck
	out "" "pandas, sqlite3 and DuckDB compute, per person and month of the whole file, the sum of the amounts (the odd forms such as ¥1,234.50 and 2026/1/5 converted), the rows, and the orders and active customers as scorecard counts them (docs/input.md); scorecard reads and checks every column of every file of the workspace and computes the whole month. $CHECK$DUCK"
done

# ------------------------------------------------------------------ pages

workspace "$PAGES_PEOPLE" "$PAGES_ROWS"
SIZE=$(wc -c <"$WS/sales.csv")
section "HTML pages: $(thousands "$PAGES_PEOPLE") people, $(thousands "$PAGES_ROWS") sales rows ($(mb "$SIZE") MB)" documents/s
DOCS=0
measure "scorecard: numbers only (--format csv)" \
    "$BIN" -q monthly "$MONTH" --format csv --input "$WS" --output "$OUT"
"$BIN" -q monthly "$MONTH" --format html,csv --input "$WS" --output "$OUT"
DOCS=$(find "$OUT/$MONTH" -name '*.html' | wc -l)
for jobs in 1 "$(nproc)"; do
	measure "scorecard monthly --format html,csv --jobs $jobs ($(thousands "$DOCS") pages)" \
	    "$BIN" -q monthly "$MONTH" --format html,csv --jobs "$jobs" --input "$WS" --output "$OUT"
done
# The rows above remove the previous run's 5,000 files just before each
# run; on ext4 without a journal a new file is then slow to allocate
# beside the inodes freed minutes before.  Here each run writes a folder
# of its own, and they are removed only after the last.
rm -rf "$DIR/pages-kept"
mkdir -p "$DIR/pages-kept"
measure "scorecard monthly --format html,csv --jobs $(nproc), into a new folder, nothing deleted in the minutes before" \
    sh -c 'exec "$1" -q monthly "$2" --format html,csv --jobs "$3" --input "$4" --output "$(mktemp -d "$5/run.XXXXXX")/out"' \
    sh "$BIN" "$MONTH" "$(nproc)" "$WS" "$DIR/pages-kept"
rm -rf "$DIR/pages-kept"

# ------------------------------------------------------------------ person PDF

workspace "$PEOPLE" "$PDF_ROWS"
SIZE=$(wc -c <"$WS/sales.csv")
"$BIN" -q monthly "$MONTH" --format html --input "$WS" --output "$DIR/pages"
"$BIN" -q monthly "$MONTH" --format pdf,csv --input "$WS" --output "$OUT"
all=$(find "$OUT/$MONTH" -name '*.pdf' | wc -l)
people=$(find "$OUT/$MONTH/reps" -name '*.pdf' | wc -l)
first=$(find "$OUT/$MONTH/reps" -name '*.pdf' | sort | head -n 1)
pages=$(pdfinfo "$first" 2>/dev/null | awk '/^Pages:/ { print $2 }')
section "Person PDF: $PEOPLE people, $all documents ($people person reports of ${pages:-?} pages)" documents/s
DOCS=0
measure "scorecard: numbers only (--format csv)" \
    "$BIN" -q monthly "$MONTH" --format csv --input "$WS" --output "$OUT"
DOCS=$all
for jobs in 1 "$(nproc)"; do
	measure "scorecard monthly --format pdf,csv --jobs $jobs" \
	    "$BIN" -q monthly "$MONTH" --format pdf,csv --jobs "$jobs" --input "$WS" --output "$OUT"
done
BASE=0
sample() { find "$DIR/pages/$MONTH/reps" -name '*.html' | sort | head -n "$1"; }
mkdir -p "$DIR/peer-pdf"
DOCS=$WK_DOCS
peer "wkhtmltopdf, one process per page ($WK_DOCS pages)" wkhtmltopdf \
    sh -c 'dir=$1; shift; for f; do wkhtmltopdf -q --javascript-delay 0 "$f" "$dir/${f##*/}.pdf" || exit; done' \
    sh "$DIR/peer-pdf" $(sample "$WK_DOCS")
DOCS=0
peer "WeasyPrint: Python start and import only" weasyprint \
    "$PY" "$HERE/weasyprint_pdf.py" "$DIR/peer-pdf"
DOCS=$WP_DOCS
peer "WeasyPrint (Python API, one process, $WP_DOCS pages)" weasyprint \
    "$PY" "$HERE/weasyprint_pdf.py" "$DIR/peer-pdf" $(sample "$WP_DOCS")

# Typst: statement.typ, scorecard's statement rebuilt in Typst, fed with
# the data of the first TY_DOCS people (from scorecard's --dump model of
# the twelve months up to MONTH: the chart's months), compiled in one Node
# process with one compiler; its rate beyond the start (Node, the
# compiler, the fonts).  The same person's statement TY_DOCS times shows
# what Typst's caches give when nothing changes.
font=$(fc-list -f '%{file}\n' 'WenQuanYi Zen Hei' 2>/dev/null | head -n 1)
if have typst && [ -n "$font" ]; then
	say "  Typst: the statements' data"
	mkdir -p "$DIR/dumps"
	y=${MONTH%-*} m=${MONTH#*-}
	m=${m#0} i=0 dumps=
	while [ "$i" -lt 12 ]; do
		month=$(awk -v y="$y" -v m="$m" -v i="$i" 'BEGIN { n = y * 12 + m - 1 - (11 - i); printf "%04d-%02d", int(n / 12), n % 12 + 1 }')
		"$BIN" -q monthly "$month" --format csv --input "$WS" --output "$OUT" --dump model >"$DIR/dumps/$month.txt"
		dumps="$dumps $DIR/dumps/$month.txt"
		i=$((i + 1))
	done
	ids=$(sample "$TY_DOCS" | sed 's,.*/,,; s,\.html$,,' | paste -sd, -)
	node "$NPM/statement_data.mjs" "$WS" "$ids" $dumps >"$DIR/typst-people.json"
	node "$NPM/statement_data.mjs" "$WS" "${ids%%,*}" $dumps >"$DIR/typst-one.json"
	ty_people=$(echo "$ids" | tr , '\n' | wc -l)
	set -- node "$NPM/statement_typst.mjs" "$HERE/statement.typ"
	DOCS=0
	measure "Typst: Node start, compiler and fonts only" \
	    "$@" "$DIR/typst-people.json" 0 "$DIR/peer-pdf/typst" "${font%/*}"
	DOCS=$TY_DOCS
	measure "Typst (Node API, one compiler, $TY_DOCS statements of $ty_people people)" \
	    "$@" "$DIR/typst-people.json" "$TY_DOCS" "$DIR/peer-pdf/typst" "${font%/*}"
	measure "Typst: one person's statement $TY_DOCS times (its caches)" \
	    "$@" "$DIR/typst-one.json" "$TY_DOCS" "$DIR/peer-pdf/typst" "${font%/*}"
elif have typst; then
	row "Typst" "not installed (font WenQuanYi Zen Hei)"
else
	row "Typst" "not installed (npm @myriaddreamin/typst-ts-node-compiler)"
fi
out "" "documents/s: the documents (person, team and company reports) over the time beyond the numbers-only run; wkhtmltopdf and WeasyPrint render scorecard's own HTML person pages (monthly --format html) of the first people, WeasyPrint's rate beyond its start and import; Typst compiles tests/bench/statement.typ, the same two-page Chinese statement (result box, KPI table, growth table, 12-month chart, 360 table and radar, composite, tier, commission, actions) in WenQuanYi Zen Hei, with the first people's numbers, its rate beyond its start.  Ratio: time per document.  scorecard also writes its files durably (one syncfs of the output folder before it is moved into place, docs/output.md §5), the others do not."

# ------------------------------------------------------------------ casebook

for n in $CASES; do
	cases "$n"
	SIZE=$(cat "$WS"/cases/*.md | wc -c)
	md=$(ls "$WS"/cases/*.md)
	section "Casebook PDF: $n cases ($(mb "$SIZE") MB of Markdown), KPI snapshots over 1,000,000 sales rows" MB/s
	measure "scorecard casebook (HTML site and PDF book)" \
	    "$BIN" -q casebook --input "$WS" --output "$OUT"
	if have pandoc; then
		peer "pandoc → wkhtmltopdf (one HTML page with a TOC, then the PDF)" wkhtmltopdf \
		    sh -c 'out=$1; shift; pandoc -f gfm -t html5 -s --toc --metadata title=Casebook -o "$out.html" "$@" &&
		        wkhtmltopdf -q --javascript-delay 0 "$out.html" "$out.pdf"' sh "$DIR/book" $md
	else
		row "pandoc → wkhtmltopdf" "not installed (pandoc)"
	fi

	section "Markdown → HTML: $n cases ($(mb "$SIZE") MB)" MB/s
	measure "scorecard casebook --format html (site, search index)" \
	    "$BIN" -q casebook --format html --input "$WS" --output "$OUT"
	peer "pandoc -f gfm (one HTML page with a TOC)" pandoc \
	    pandoc -f gfm -t html5 -s --toc --metadata title=Casebook -o "$DIR/book.html" $md
	peer "cmark-gfm -e table -e tasklist (the floor)" cmark-gfm \
	    cmark-gfm -e table -e tasklist $md
done
out "" "scorecard casebook runs on all cores (its default); pandoc, wkhtmltopdf and cmark-gfm on one." \
    "" "Load average $(load) at the end."

cat "$RESULTS"
[ -z "$FAILED" ] || { say "some commands failed or disagreed (see above)"; exit 1; }
