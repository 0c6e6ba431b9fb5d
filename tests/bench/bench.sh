#!/bin/sh
# make bench: generates a large workspace with the project's deterministic
# generator and measures, in one run and on the same file, the floor tools
# (cat, wc -l) beside scorecard check and scorecard monthly --format csv.
# Each command runs RUNS times; the median wall time is reported, with the
# throughput on sales.csv and the peak resident memory (GNU time).
# Environment: ROWS (default 10000000), PEOPLE (500), RUNS (3),
# BENCH_DIR (build/bench).
set -eu

ROWS=${ROWS:-10000000}
PEOPLE=${PEOPLE:-500}
RUNS=${RUNS:-3}
DIR=${BENCH_DIR:-build/bench}
BIN=./scorecard
GEN=build/workspace-gen
WS=$DIR/ws-$PEOPLE-$ROWS
OUT=$DIR/out
RESULTS=$DIR/results.md

[ -x /usr/bin/time ] || { echo "bench: needs GNU time (/usr/bin/time)" >&2; exit 1; }
mkdir -p "$DIR"
if [ ! -f "$WS/sales.csv" ]; then
	echo "bench: generating $PEOPLE people, $ROWS sales rows in $WS" >&2
	"$GEN" --out "$WS" --people "$PEOPLE" --rows "$ROWS"
fi
SIZE=$(wc -c <"$WS/sales.csv")
MB=$(awk -v s="$SIZE" 'BEGIN { printf "%.1f", s / 1e6 }')

# measure NAME COMMAND...: RUNS runs; prints "name|median s|MB/s|peak MB".
measure() {
	name=$1
	shift
	: >"$DIR/times"
	i=0
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -f "%e %M" -o "$DIR/one" "$@" >/dev/null 2>"$DIR/err" ||
		    { cat "$DIR/err" >&2; echo "bench: $name failed" >&2; exit 1; }
		cat "$DIR/one" >>"$DIR/times"
		i=$((i + 1))
	done
	sort -n "$DIR/times" | awk -v name="$name" -v size="$SIZE" '
	    { t[NR] = $1; m[NR] = $2 }
	    END {
		med = t[int((NR + 1) / 2)]; peak = 0
		for (i = 1; i <= NR; i++) if (m[i] > peak) peak = m[i]
		printf "| %s | %.2f | %.0f | %.1f |\n", name, med,
		    (med > 0 ? size / 1e6 / med : 0), peak / 1024
	    }'
}

cat "$WS/sales.csv" >/dev/null	# the file in the page cache for everyone
{
	echo "sales.csv: $ROWS rows, $MB MB, $PEOPLE people; median of $RUNS runs"
	echo "on $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)"
	echo
	echo "| command | wall s | MB/s | peak RSS MB |"
	echo "|---|---:|---:|---:|"
	measure "cat sales.csv" cat "$WS/sales.csv"
	measure "wc -l sales.csv" wc -l "$WS/sales.csv"
	measure "scorecard check" "$BIN" check --input "$WS"
	measure "scorecard monthly 2026-10 --format csv" "$BIN" -q monthly \
	    2026-10 --format csv --input "$WS" --output "$OUT"
	measure "scorecard quarterly 2026-Q3 --format csv" "$BIN" -q quarterly \
	    2026-Q3 --force --format csv --input "$WS" --output "$OUT"
} >"$RESULTS"

# A 5,000-person month: the numbers, then the HTML pages on 1 and all cores.
WS5=$DIR/ws-5000-2000000
[ -f "$WS5/sales.csv" ] || "$GEN" --out "$WS5" --people 5000 --rows 2000000
SIZE=$(wc -c <"$WS5/sales.csv")
{
	echo
	echo "5,000 people, 2,000,000 sales rows ($(awk -v s="$SIZE" 'BEGIN { printf "%.1f", s / 1e6 }') MB):"
	echo
	echo "| command | wall s | MB/s | peak RSS MB |"
	echo "|---|---:|---:|---:|"
	measure "monthly --format csv" "$BIN" -q monthly 2026-10 --format csv \
	    --input "$WS5" --output "$OUT"
	measure "monthly --format html,csv --jobs 1" "$BIN" -q monthly 2026-10 \
	    --format html,csv --jobs 1 --input "$WS5" --output "$OUT"
	measure "monthly --format html,csv --jobs $(nproc)" "$BIN" -q monthly \
	    2026-10 --format html,csv --jobs "$(nproc)" --input "$WS5" --output "$OUT"
} >>"$RESULTS"

# PDF documents: 500 people (plus 20 teams and the company), the rate
# being the documents over the time beyond the numbers-only run.
WSP=$DIR/ws-500-200000
[ -f "$WSP/sales.csv" ] || "$GEN" --out "$WSP" --people 500 --rows 200000
median() {
	: >"$DIR/times"
	i=0
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -f "%e" -o "$DIR/one" "$@" >/dev/null 2>&1
		cat "$DIR/one" >>"$DIR/times"
		i=$((i + 1))
	done
	sort -n "$DIR/times" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}
base=$(median "$BIN" -q monthly 2026-10 --format csv --input "$WSP" --output "$OUT")
one=$(median "$BIN" -q monthly 2026-10 --format pdf,csv --jobs 1 --input "$WSP" --output "$OUT")
all=$(median "$BIN" -q monthly 2026-10 --format pdf,csv --jobs "$(nproc)" --input "$WSP" --output "$OUT")
docs=$(find "$OUT/2026-10" -name '*.pdf' | wc -l)
size=$(find "$OUT/2026-10/reps" -name '*.pdf' -exec cat {} + | wc -c)
people=$(find "$OUT/2026-10/reps" -name '*.pdf' | wc -l)
pages=$(pdfinfo "$OUT/2026-10/reps/$(ls "$OUT/2026-10/reps" | head -n 1)" 2>/dev/null | awk '/^Pages:/ { print $2 }')
awk -v b="$base" -v o="$one" -v a="$all" -v d="$docs" -v s="$size" \
    -v p="$people" -v pg="$pages" -v n="$(nproc)" 'BEGIN {
	printf "\nPDF: %d documents (%d person reports of %s pages, average %.0f KB)\n\n", d, p, pg, s / p / 1024
	print "| run | wall s | PDF documents/s |"
	print "|---|---:|---:|"
	printf "| numbers only (--format csv) | %.2f | |\n", b
	printf "| --format pdf,csv --jobs 1 | %.2f | %.0f |\n", o, (o > b ? d / (o - b) : 0)
	printf "| --format pdf,csv --jobs %d | %.2f | %.0f |\n", n, a, (a > b ? d / (a - b) : 0)
}' >>"$RESULTS"
# Casebook: 500 case retrospectives (the demo's cases, repeated with their
# own file names and titles), scorecard casebook against pandoc, and
# pandoc -> wkhtmltopdf for the PDF book, on the same files.
WSC=$DIR/ws-cases-500
if [ ! -d "$WSC/cases" ]; then
	mkdir -p "$WSC/cases"
	cp input/team.csv input/policy.yaml "$WSC/"
	i=0
	while [ $i -lt 500 ]; do
		for f in input/cases/*.md; do
			[ $i -lt 500 ] || break
			n=$(printf '%03d' $i)
			sed "s/^title: \"\{0,1\}\([^\"]*\)\"\{0,1\} *$/title: \"\1（$n）\"/" "$f" \
			    >"$WSC/cases/case-$n.md"
			i=$((i + 1))
		done
	done
fi
cb_html=$(median "$BIN" -q casebook --format html --input "$WSC" --output "$OUT")
cb_all=$(median "$BIN" -q casebook --input "$WSC" --output "$OUT")
{
	echo
	echo "Casebook of 500 cases ($(du -sk "$WSC/cases" | cut -f1) KB of Markdown):"
	echo
	echo "| command | wall s |"
	echo "|---|---:|"
	echo "| scorecard casebook --format html (site, search index) | $cb_html |"
	echo "| scorecard casebook (HTML site and PDF book) | $cb_all |"
} >>"$RESULTS"
if command -v pandoc >/dev/null 2>&1; then
	cat "$WSC"/cases/*.md >"$DIR/all-cases.md"
	pd_html=$(median pandoc -f gfm -t html5 -s --toc --metadata title=Casebook \
	    -o "$DIR/book.html" "$DIR/all-cases.md")
	echo "| pandoc (one HTML page with a TOC) | $pd_html |" >>"$RESULTS"
	if command -v wkhtmltopdf >/dev/null 2>&1; then
		export QT_QPA_PLATFORM=offscreen
		pd_pdf=$(median wkhtmltopdf -q \
		    --javascript-delay 0 "$DIR/book.html" "$DIR/book.pdf")
		awk -v a="$pd_html" -v b="$pd_pdf" 'BEGIN {
		    printf "| pandoc -> wkhtmltopdf (the PDF book) | %.2f |\n", a + b }' >>"$RESULTS"
	fi
else
	echo "| pandoc | not installed (apt-get install pandoc wkhtmltopdf) |" >>"$RESULTS"
fi

cat "$RESULTS"
