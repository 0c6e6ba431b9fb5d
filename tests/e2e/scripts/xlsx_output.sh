#!/bin/sh
# --format xlsx (docs/output.md §2): scores.xlsx and teams.xlsx beside the
# CSV files of the demo's month and quarter, read back with openpyxl.
# Every cell equals its CSV twin (numbers as numbers, money exact to the
# cent; "none" an empty cell; text as it is, without the CSV's quote before
# a formula character), numbers are numeric cells with the money,
# attainment, score and count formats, the header row is frozen (A2) and
# filtered, the headers are the locale's (Chinese for the demo's zh-CN,
# English with --lang en, a user's locale file laid over the built-in one),
# the workbook is dated by the period's end and two runs write the same
# bytes.  Money beyond 2^53 cents, or with cents a double cannot hold at
# its magnitude, is written as text.
set -eu
LC_ALL=C.UTF-8
export LC_ALL

fail() {
	echo "xlsx_output.sh: $*" >&2
	exit 1
}

# openpyxl is Debian's python3-openpyxl: the system's Python, where another
# python3 comes first in PATH without it.
. tests/e2e/python_with.sh
py=$(python_with openpyxl)
[ -n "$py" ] || fail "python3-openpyxl is not installed (make setup)"

out=$TMP/out
"$BIN" -q monthly 2026-10 --input input --output "$out" --format csv,xlsx
"$BIN" -q quarterly 2026-Q3 --input input --output "$out" --format csv,xlsx
for p in 2026-10 2026-Q3; do
	# the staging folder's workbook files are gone; only the outputs
	ls -A "$out/$p" | grep -v '^MANIFEST.sha256$' | tr '\n' ' ' \
	    >"$TMP/ls"
	[ "$(cat "$TMP/ls")" = "scores.csv scores.xlsx teams.csv teams.xlsx " ] ||
	    fail "$p holds: $(cat "$TMP/ls")"
done
"$BIN" -q verify "$out/2026-Q3" >/dev/null || fail "the quarter's manifest"

# Two runs, in another time zone, write the same bytes.
TZ=Asia/Shanghai "$BIN" -q monthly 2026-10 --input input --output "$TMP/again" \
    --format xlsx
cmp "$out/2026-10/scores.xlsx" "$TMP/again/2026-10/scores.xlsx"
cmp "$out/2026-10/teams.xlsx" "$TMP/again/2026-10/teams.xlsx"

# English headers with --lang en; the values are the same.
"$BIN" -q monthly 2026-10 --input input --output "$TMP/en" --format xlsx \
    --lang en

# A user's locale file laid over the built-in one: one header changed, the
# others kept; a sheet name Excel refuses is an error at its line (65).
mkdir -p "$TMP/tpl/locale"
printf 'xlsx:\n  columns:\n    revenue: Turnover\n' >"$TMP/tpl/locale/en.yaml"
"$BIN" -q monthly 2026-10 --input input --output "$TMP/over" --format xlsx \
    --lang en --templates "$TMP/tpl"
printf 'xlsx:\n  teams_sheet: "a/b"\n' >"$TMP/tpl/locale/en.yaml"
rc=0
"$BIN" -q monthly 2026-10 --input input --output "$TMP/badsheet" \
    --format xlsx --lang en --templates "$TMP/tpl" 2>"$TMP/err" || rc=$?
[ $rc -eq 65 ] || fail "a bad sheet name: exit $rc"
grep -q 'locale/en.yaml:2: teams_sheet: not a sheet name for Excel' \
    "$TMP/err" || fail "a bad sheet name: $(cat "$TMP/err")"
[ ! -e "$TMP/badsheet/2026-10" ] || fail "a bad sheet name wrote the month"

# Money at the limits, and text that would be a formula.
ws=$TMP/big
mkdir "$ws"
cat >"$ws/team.csv" <<'EOF'
rep_id,name,team,role
A1,=Ann+1,north,sales
B1,Bob,south,sales
C1,-Chen,south,sales
D1,Dan,west,sales
EOF
cat >"$ws/sales.csv" <<'EOF'
date,rep_id,customer_id,amount
2026-10-10,A1,C1,999999999999999.99
2026-10-11,B1,C2,-70368744177664.01
2026-10-12,C1,C3,12345678901.23
2026-10-13,D1,C4,-100000000000000.00
EOF
cat >"$ws/policy.yaml" <<'EOF'
locale: en
kpis:
  revenue: {source: sales, unit: money, cap: null}
roles:
  sales: {revenue: 1}
EOF
"$BIN" -q monthly 2026-10 --input "$ws" --output "$TMP/bigout" \
    --format csv,xlsx

# --team and --rep write documents only: not with csv and xlsx alone.
for f in xlsx csv,xlsx; do
	rc=0
	"$BIN" -q monthly 2026-10 --input input --output "$TMP/rep" \
	    --rep HB02 --format $f 2>"$TMP/err" || rc=$?
	[ $rc -eq 64 ] || fail "--rep with --format $f: exit $rc"
	grep -q 'writes only documents' "$TMP/err" ||
	    fail "--rep with --format $f: $(head -1 "$TMP/err")"
done
[ ! -e "$TMP/rep" ] || fail "--rep with --format xlsx wrote something"

$py - "$out" "$TMP/en" "$TMP/bigout" "$TMP/over" <<'PY'
import csv, datetime, decimal, sys
import openpyxl
from openpyxl.utils import get_column_letter

out, en, big, over = sys.argv[1:5]
D = decimal.Decimal
MONEY = {'revenue', 'revenue_target', 'commission', 'commission_paid',
         'commission_due', 'commission_ytd'}
RATIO = {'revenue_attainment'}
SCORE = {'kpi_score', 'review_score', 'composite'}
COUNT = {'members', 'orders', 'active_customers', 'new_customers'}
FORMAT = {**{c: '#,##0.00' for c in MONEY}, **{c: '0.0%' for c in RATIO},
          **{c: '0.00' for c in SCORE}, **{c: '#,##0' for c in COUNT}}
ZH = {'period': '期间', 'rep_id': '工号', 'name': '姓名', 'team': '团队',
      'members': '人数', 'revenue': '收入',
      'revenue_attainment': '收入达成率', 'tier': '绩效等级',
      'measured_on': '考核口径', 'commission_paid': '已发提成',
      'commission_due': '应补发提成', 'commission_ytd': '年度累计提成'}
EN = {'period': 'Period', 'rep_id': 'Rep ID', 'members': 'Members',
      'revenue_attainment': 'Revenue attainment',
      'commission_ytd': 'Commission year to date'}
LIMIT = 2 ** 53
problems = []
texts = []   # (file, row, column, value) of money written as text

def bad(where, what):
    problems.append('%s: %s' % (where, what))

def cents(s):
    return int(D(s) * 100)

def check(folder, name, period_end, headers, sheet):
    path = '%s/%s.xlsx' % (folder, name)
    with open('%s/%s.csv' % (folder, name), encoding='utf-8-sig',
              newline='') as f:
        rows = list(csv.reader(f))
    wb = openpyxl.load_workbook(path)
    if wb.sheetnames != [sheet]:
        bad(path, 'sheets %r, not [%r]' % (wb.sheetnames, sheet))
    if wb.properties.created != period_end:
        bad(path, 'created %s' % wb.properties.created)
    sh = wb.worksheets[0]
    cols = rows[0]
    if sh.max_row != len(rows) or sh.max_column != len(cols):
        bad(path, '%d x %d cells for the CSV\'s %d x %d' % (
            sh.max_row, sh.max_column, len(rows), len(cols)))
    if sh.freeze_panes != 'A2':
        bad(path, 'frozen at %s' % sh.freeze_panes)
    ref = 'A1:%s%d' % (get_column_letter(len(cols)), len(rows))
    if sh.auto_filter.ref != ref:
        bad(path, 'autofilter %s, not %s' % (sh.auto_filter.ref, ref))
    for j, c in enumerate(cols):
        h = sh.cell(row=1, column=j + 1).value
        if c in headers and h != headers[c]:
            bad(path, 'header of %s: %r' % (c, h))
        if headers is ZH and any('a' <= ch.lower() <= 'z'
                                 for ch in h.replace('KPI', '')):
            bad(path, 'English in the header %r' % h)
        if headers is EN and any(ord(ch) > 127 for ch in h):
            bad(path, 'not English: the header %r' % h)
        w = sh.column_dimensions[get_column_letter(j + 1)].width
        if not 6 <= w <= 62:
            bad(path, 'column %s %s wide' % (c, w))
    for i, row in enumerate(rows[1:], start=2):
        for j, (c, field) in enumerate(zip(cols, row)):
            cell = sh.cell(row=i, column=j + 1)
            v, where = cell.value, '%s:%s' % (path, cell.coordinate)
            if field == '':
                if v is not None:
                    bad(where, 'holds %r where the CSV is empty' % (v,))
                continue
            if cell.data_type == 'f':
                bad(where, 'a formula: %r' % (v,))
            elif c in FORMAT and cell.data_type == 's':
                # money only, and only beyond what a double holds
                if c not in MONEY or v != field:
                    bad(where, 'text %r for %s' % (v, field))
                texts.append((name, row[1], c, v))
            elif c in FORMAT:
                if cell.data_type != 'n' or isinstance(v, bool):
                    bad(where, 'not a number: %r' % (v,))
                elif c in MONEY and (abs(cents(field)) > LIMIT or
                                     D(repr(v)) != D(field)):
                    bad(where, '%r for %s' % (v, field))
                elif c not in MONEY and float(field) != v:
                    bad(where, '%r for %s' % (v, field))
                if cell.number_format != FORMAT[c]:
                    bad(where, 'format %r' % cell.number_format)
            else:
                if field.startswith("'") and field[1:2] in '=+-@':
                    field = field[1:]   # the CSV's defused formula
                if cell.data_type != 's' or v != field:
                    bad(where, '%r for %s' % (v, field))

d = datetime.datetime
for name, sheet in (('scores', '个人'), ('teams', '团队')):
    check(out + '/2026-10', name, d(2026, 10, 31), ZH, sheet)
    check(out + '/2026-Q3', name, d(2026, 9, 30), ZH, sheet)
    check(en + '/2026-10', name, d(2026, 10, 31), EN, sheet.replace(
        '个人', 'Scores').replace('团队', 'Teams'))
    check(big + '/2026-10', name, d(2026, 10, 31), EN, sheet.replace(
        '个人', 'Scores').replace('团队', 'Teams'))
# The demo's money is all numbers; at the limits, text exactly beyond
# 2^53 cents (D1's amount is a double exactly, but beyond) and where a
# double cannot hold the cents (B1's).
want = {('scores', 'A1', 'revenue', '999999999999999.99'),
        ('scores', 'B1', 'revenue', '-70368744177664.01'),
        ('scores', 'D1', 'revenue', '-100000000000000.00'),
        ('teams', 'north', 'revenue', '999999999999999.99'),
        ('teams', 'west', 'revenue', '-100000000000000.00')}
if set(texts) != want:
    bad('money as text', '%r, not %r' % (sorted(texts), sorted(want)))
wb = openpyxl.load_workbook(big + '/2026-10/scores.xlsx')
sh = wb.worksheets[0]
c1 = [r for r in sh.iter_rows(min_row=2, values_only=True) if r[1] == 'C1']
if c1 != [] and c1[0][5] != 12345678901.23:
    bad('C1', 'revenue %r' % (c1[0][5],))
names = [r[2] for r in sh.iter_rows(min_row=2, values_only=True)]
if names != ['=Ann+1', 'Bob', '-Chen', 'Dan']:
    bad('names', repr(names))
wb = openpyxl.load_workbook(over + '/2026-10/teams.xlsx')
heads = [c.value for c in wb.worksheets[0][1]]
if heads[:4] != ['Period', 'Team', 'Members', 'Turnover']:
    bad('a user\'s locale', repr(heads))
for p in problems[:20]:
    print(p)
sys.exit(1 if problems else 0)
PY
