#!/bin/sh
# Workbooks read like their CSV twins (docs/input.md §1, "Excel
# workbooks"): the demo's six CSV files written by openpyxl as .xlsx
# (dates as date cells, numbers as numbers) give byte for byte the
# scores.csv and teams.csv of the CSV run (and a quarterly archive's
# manifest hashes the workbooks), also with rows whose empty
# cells are left out and with the 1904 date system; a total row is
# refused as in CSV (its rep_id is empty) and skipped with --lenient;
# policy sheets: chooses the sheet; sales.csv beside sales.xlsx, a
# formula without a cached value and a merged header are refused with
# the cell reference in the message.
set -eu
LC_ALL=C
export LC_ALL

fail() {
	echo "xlsx_input.sh: $*" >&2
	exit 1
}

# A Python with openpyxl (python3-openpyxl; a python3 earlier on PATH
# may lack it).
. tests/e2e/python_with.sh
py=$(python_with openpyxl)
[ -n "$py" ] || fail "python3-openpyxl is not installed (make setup)"
x2=tests/e2e/files/csv2xlsx.py

# run STATUS ARGS...: the program's status must be STATUS; standard
# error in $TMP/err.
run() {
	want=$1
	shift
	rc=0
	timeout -k 5 60 "$BIN" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null ||
	    rc=$?
	[ $rc -eq "$want" ] ||
	    fail "$*: exit $rc, expected $want: $(head -c 600 "$TMP/err")"
}

has() {
	grep -qF -- "$1" "$TMP/err" ||
	    fail "no \"$1\" in: $(head -c 800 "$TMP/err")"
}

# same A B: scores.csv and teams.csv of the two output folders are equal.
same() {
	for f in scores.csv teams.csv; do
		cmp -s "$1/2026-10/$f" "$2/2026-10/$f" ||
		    fail "$3: $f differs: $(diff "$1/2026-10/$f" \
		    "$2/2026-10/$f" | head -4)"
	done
}

# ---- the demo as workbooks: the same numbers ----

csv=$TMP/csv
xl=$TMP/xl
mkdir -p "$csv" "$xl"
cp -R input/. "$csv/"
cp -R input/. "$xl/"
for f in team sales targets metrics reviews actions; do
	rm "$xl/$f.csv"
	"$py" $x2 "input/$f.csv" "$xl/$f.xlsx"
done
run 0 check --input "$xl"
grep -q "sales.xlsx: 20,324 rows, .*, xlsx, sheet Sheet1" "$TMP/out" ||
    fail "check does not say how sales.xlsx was read: $(cat "$TMP/out")"
run 0 monthly 2026-10 --input "$csv" --output "$TMP/out-csv" --format html
run 0 monthly 2026-10 --input "$xl" --output "$TMP/out-xl" --format html
same "$TMP/out-csv" "$TMP/out-xl" "the demo as workbooks"
# a quarterly archive's manifest names the workbooks it came from
run 0 quarterly 2026-Q3 --input "$xl" --output "$TMP/q" --format html
grep -q '^# input [0-9a-f]\{64\}  sales\.xlsx$' "$TMP/q/2026-Q3/MANIFEST.sha256" ||
    fail "the manifest does not name sales.xlsx"
echo "ok demo as workbooks"

# ---- a total row at the bottom: refused as in CSV, skipped if lenient --

"$py" $x2 input/sales.csv "$xl/sales.xlsx" --total
cp input/sales.csv "$csv/sales.csv"
printf '合计,,,1.00,,,,\n' >>"$csv/sales.csv"
run 65 check --input "$xl"
has "sales.xlsx:Sheet1!A20326: date: not a date (合计)"
has "sales.xlsx:Sheet1!B20326: rep_id: empty value"
has "sales.xlsx:Sheet1!C20326: customer_id: empty value"
cp "$TMP/err" "$TMP/err-xl"
run 65 check --input "$csv"
has "sales.csv:20326: date: not a date (合计)"
has "sales.csv:20326: rep_id: empty value"
# the same messages, at the cell instead of the line
sed -n 's/.*sales\.xlsx:Sheet1![A-H]20326://p' "$TMP/err-xl" >"$TMP/m-xl"
sed -n 's/.*sales\.csv:20326://p' "$TMP/err" >"$TMP/m-csv"
cmp -s "$TMP/m-xl" "$TMP/m-csv" ||
    fail "a total row: other messages than in CSV: $(diff "$TMP/m-csv" \
    "$TMP/m-xl")"
run 0 monthly 2026-10 --input "$xl" --output "$TMP/out-total" \
    --format html --lenient
has "sales.xlsx:Sheet1!B20326: rep_id: warning: empty value; row skipped"
same "$TMP/out-csv" "$TMP/out-total" "a total row, --lenient"
cp input/sales.csv "$csv/sales.csv"
echo "ok total row"

# ---- the small workspace of the cases: its own CSV run to compare ----

base=tests/e2e/base
bcsv=$TMP/bcsv
bxl=$TMP/bxl
mkdir -p "$bcsv" "$bxl"
cp $base/*.csv "$bcsv/"
cp $base/*.csv "$bxl/"
rm "$bxl/sales.csv"
run 0 monthly 2026-10 --input "$bcsv" --output "$TMP/bout-csv" --format html

# Rows without their empty cells, and the 1904 date system.
"$py" $x2 $base/sales.csv "$bxl/sales.xlsx" --sparse --date1904
"$py" - "$bxl/sales.xlsx" <<'PY' || fail "not a sparse 1904 workbook"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s = z.read("xl/worksheets/sheet1.xml").decode()
w = z.read("xl/workbook.xml").decode()
# the empty order_id of row 10 has no cell; the workbook is 1904-based
sys.exit(0 if 'date1904="1"' in w and 'r="E10"' not in s and
         'r="F10"' in s else 1)
PY
run 0 monthly 2026-10 --input "$bxl" --output "$TMP/bout-1904" --format html
same "$TMP/bout-csv" "$TMP/bout-1904" "sparse rows, 1904 dates"
echo "ok sparse rows and date1904"

# ---- policy sheets: ----

xl=$bxl
"$py" $x2 $base/sales.csv "$xl/sales.xlsx" --sheet 销售明细 --before 说明
run 65 check --input "$xl"
has "sales.xlsx:说明!1:1: date: required column missing"
printf 'sheets: {sales: 销售明细}\n' >"$xl/policy.yaml"
run 0 monthly 2026-10 --input "$xl" --output "$TMP/out-sheet" --format html
same "$TMP/bout-csv" "$TMP/out-sheet" "the sheet of sheets:"
run 0 check --input "$xl"
grep -q "sales.xlsx: .*xlsx, sheet 销售明细" "$TMP/out" ||
    fail "check does not name the sheet: $(cat "$TMP/out")"
printf 'sheets: {sales.xlsx: 销售}\n' >"$xl/policy.yaml"
run 65 check --input "$xl"
has "sales.xlsx: no such sheet, which policy.yaml sheets: names; the workbook has: 说明, 销售明细 (销售)"
printf 'sheets: {sale: 销售明细}\n' >"$xl/policy.yaml"
run 65 check --input "$xl"
has "policy.yaml:"
has "sheets.sale: expected one of: team, sales, targets, metrics, reviews, actions"
rm "$xl/policy.yaml"
echo "ok sheets:"

# ---- refused: both files, a formula without its value, a merged header --

ws=$TMP/ws
mkdir -p "$ws"
cp $base/*.csv "$ws/"
"$py" $x2 $base/sales.csv "$ws/sales.xlsx"
run 65 check --input "$ws"
has "sales.xlsx: sales.csv is here too: keep one of the two"
rm "$ws/sales.csv"
run 0 check --input "$ws"

"$py" $x2 $base/sales.csv "$ws/sales.xlsx" --formula D3
run 65 check --input "$ws"
has "sales.xlsx:Sheet1!D3: amount: a formula without a cached value"
has "(1+1)"
run 0 check --input "$ws" --lenient
has "sales.xlsx:Sheet1!D3: amount: warning: a formula without a cached value"

"$py" $x2 $base/sales.csv "$ws/sales.xlsx" --merge B1:C1
run 65 check --input "$ws"
has "sales.xlsx:Sheet1!1:1: merged cells in the header row"
has "(B1:C1)"

# a value wrong in a cell: the cell named, the value shown
"$py" - $base/sales.csv "$ws/sales.xlsx" <<'PY'
import csv, sys, openpyxl
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "My Sales"
ws.append(rows[0])
for r in rows[1:]:
    ws.append(r)
ws["D3"] = 1234.56
ws["D4"] = "abc"
ws["B5"] = "NOBODY"
ws["D6"] = 1.5e-3
wb.save(sys.argv[2])
# as Excel stores a sum like 1234.55 + 0.01: the nearest binary double
# written with 17 digits (openpyxl writes the shortest form)
import re, zipfile
z = zipfile.ZipFile(sys.argv[2])
parts = {i.filename: z.read(i.filename) for i in z.infolist()}
name = "xl/worksheets/sheet1.xml"
xml = parts[name].decode()
xml = xml.replace("<v>1234.56</v>", "<v>1234.5600000000001</v>")
xml = xml.replace("<v>0.0015</v>", "<v>1.5E-3</v>")
parts[name] = xml.encode()
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as out:
    for n, b in parts.items():
        out.writestr(n, b)
PY
run 65 check --input "$ws"
has "sales.xlsx:'My Sales'!D3: amount: more than 2 decimals (1234.5600000000001)"
has "sales.xlsx:'My Sales'!D6: amount: more than 2 decimals (0.0015)"
has "sales.xlsx:'My Sales'!D4: amount:"
has "sales.xlsx:'My Sales'!B5: rep_id: unknown rep_id (not in team.csv) (NOBODY)"
echo "ok refused with the cell"

# ---- the people file named as it was read ----
ws=$TMP/team-book
mkdir -p "$ws"
cp input/policy.yaml input/logo.png "$ws/"
"$py" "$x2" input/team.csv "$ws/team.xlsx"
printf '%s\n' 'date,rep_id,customer_id,amount,order_id' \
    '2026-10-05,NOBODY,C1,100.00,O1' >"$ws/sales.csv"
printf '%s\n' 'period,reviewee_id,reviewer_id,relation,dimension,score' \
    '2026-Q3,HD02,GHOST,peer,teamwork,4' >"$ws/reviews.csv"
run 65 check --input "$ws" --output "$TMP/no-output"
has "sales.csv:2: rep_id: unknown rep_id (not in team.xlsx) (NOBODY)"
has "reviews.csv:2: reviewer_id: unknown reviewer (not a rep_id in team.xlsx) (GHOST)"
echo "ok team.xlsx named in messages"
