#!/bin/sh
# Workbooks written by a real spreadsheet program read to the same numbers
# as their CSV twins: LibreOffice Calc converts the demo's six CSV files
# to .xlsx (imported as UTF-8, as a user picks in its import dialog: dates
# become date cells with a date format, amounts numbers, the rest text in
# the shared strings), and scores.csv and teams.csv of the month are byte
# for byte those of the CSV run.  `make test` installs LibreOffice
# (libreoffice-calc-nogui) when it can; only where it is not installed
# is this test skipped, and it says so.
set -eu
LC_ALL=C
export LC_ALL

fail() {
	echo "xlsx_libreoffice.sh: $*" >&2
	exit 1
}

if ! command -v soffice >/dev/null 2>&1; then
	echo "SKIPPED: LibreOffice (soffice, Debian package" \
	    "libreoffice-calc-nogui) is not installed and could not be" \
	    "installed here"
	exit 0
fi

csv=$TMP/csv
xl=$TMP/xl
mkdir -p "$csv" "$xl" "$TMP/lo"
cp -R input/. "$csv/"
cp -R input/. "$xl/"
for f in team sales targets metrics reviews actions; do
	rm "$xl/$f.csv"
done
# its own profile: another soffice running does not take the conversion
HOME=$TMP/lo timeout -k 5 100 soffice --headless \
    "-env:UserInstallation=file://$TMP/lo/profile" \
    --infilter=CSV:44,34,76,1 --convert-to xlsx --outdir "$xl" \
    input/team.csv input/sales.csv input/targets.csv input/metrics.csv \
    input/reviews.csv input/actions.csv >"$TMP/lo.log" 2>&1 ||
    fail "soffice failed: $(tail -n 3 "$TMP/lo.log")"
for f in team sales targets metrics reviews actions; do
	[ -s "$xl/$f.xlsx" ] || fail "soffice wrote no $f.xlsx: $(tail -n 3 \
	    "$TMP/lo.log")"
done
# the dates are date cells, not text
python3 - "$xl/sales.xlsx" <<'PY' || fail "sales.xlsx has no date cells"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
styles = z.read("xl/styles.xml").decode()
sheet = z.read("xl/worksheets/sheet1.xml").decode()
# a date format, and cell A2 (2025-01-02) a number: the serial 45659
sys.exit(0 if "yyyy" in styles.lower() and
         re.search(r'<c r="A2"[^>]*><v>45659</v>', sheet) else 1)
PY

"$BIN" check --input "$xl" >"$TMP/check" 2>&1 ||
    fail "check: $(head -c 600 "$TMP/check")"
grep -q "sales.xlsx: 20,324 rows, .*, xlsx, sheet sales" "$TMP/check" ||
    fail "check: $(cat "$TMP/check")"
"$BIN" monthly 2026-10 --input "$csv" --output "$TMP/out-csv" \
    --format html >/dev/null 2>&1 || fail "monthly on the CSV files"
"$BIN" monthly 2026-10 --input "$xl" --output "$TMP/out-xl" \
    --format html >/dev/null 2>"$TMP/err" ||
    fail "monthly on the workbooks: $(head -c 600 "$TMP/err")"
for f in scores.csv teams.csv; do
	cmp -s "$TMP/out-csv/2026-10/$f" "$TMP/out-xl/2026-10/$f" ||
	    fail "$f differs: $(diff "$TMP/out-csv/2026-10/$f" \
	    "$TMP/out-xl/2026-10/$f" | head -4)"
done
echo "ok LibreOffice workbooks read as their CSV twins"
