#!/usr/bin/env python3
"""csv2xlsx.py IN.csv OUT.xlsx [options]: a CSV file of the workspace as a
workbook written by openpyxl, the way a user's spreadsheet holds it: dates
as date cells (a serial number with a date format), amounts and other
numbers as numbers, the rest as text.

  --sheet NAME      the sheet's name (default Sheet1)
  --before NAME     another sheet first, holding nothing useful
  --total           a total row at the bottom: a label and =SUM() of the
                    amount column, with its value cached (as Excel saves)
  --formula CELL    CELL holds a formula without a cached value
  --merge RANGE     cells of RANGE merged (e.g. A1:B1)
  --sparse          empty cells left out of the rows (no <c> at all)
  --date1904        the workbook uses the 1904 date system
"""
import argparse
import csv
import datetime
import re

import openpyxl
from openpyxl.utils import get_column_letter

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
# columns kept as text even when they look like numbers (ids, periods)
TEXT = {"rep_id", "id", "customer_id", "order_id", "period", "opened",
        "manager_id", "reviewee_id", "reviewer_id", "team", "kpi"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--sheet", default="Sheet1")
    ap.add_argument("--before")
    ap.add_argument("--total", action="store_true")
    ap.add_argument("--formula")
    ap.add_argument("--merge")
    ap.add_argument("--sparse", action="store_true")
    ap.add_argument("--date1904", action="store_true")
    a = ap.parse_args()

    wb = openpyxl.Workbook()
    if a.date1904:
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    if a.before:
        ws.title = a.before
        ws["A1"] = "说明"
        ws["A2"] = "这一页不是数据"
        ws = wb.create_sheet(a.sheet)
    else:
        ws.title = a.sheet
    with open(a.src, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    ws.append(header)
    for row in rows[1:]:
        cells = []
        for name, v in zip(header, row):
            if v == "":
                cells.append(None)
            elif name not in TEXT and DATE.match(v):
                cells.append(datetime.date.fromisoformat(v))
            elif name not in TEXT and NUMBER.match(v):
                cells.append(float(v) if "." in v else int(v))
            else:
                cells.append(v)
        ws.append(cells)
    for r in ws.iter_rows(min_row=2):
        for c in r:
            if isinstance(c.value, datetime.date):
                c.number_format = "yyyy-mm-dd"
    n = ws.max_row
    if a.total:
        col = get_column_letter(header.index("amount") + 1)
        ws.cell(row=n + 1, column=1, value="合计")
        ws[f"{col}{n + 1}"] = f"=SUM({col}2:{col}{n})"
    if a.formula:
        ws[a.formula] = "=1+1"
    if a.merge:
        ws.merge_cells(a.merge)
    wb.save(a.dst)
    if a.total or a.sparse:
        fix(a.dst, a.total, a.sparse, header, rows, n)


def fix(path, total, sparse, header, rows, n):
    """openpyxl writes no cached value for a formula, and a <c> for every
    cell it knows: rewrite the sheet's XML as Excel would save it."""
    import zipfile
    from decimal import Decimal
    with zipfile.ZipFile(path) as z:
        parts = {i: z.read(i) for i in z.namelist()}
        infos = z.infolist()
    name = "xl/worksheets/sheet1.xml"
    if name not in parts:
        name = sorted(p for p in parts if p.startswith("xl/worksheets/"))[-1]
    xml = parts[name].decode()
    if total:
        k = header.index("amount")
        s = sum(Decimal(r[k]) for r in rows[1:] if NUMBER.match(r[k]))
        xml = re.sub(r"(<f>SUM\([^<]*\)</f>)<v\s*/>|(<f>SUM\([^<]*\)</f>)<v></v>|(<f>SUM\([^<]*\)</f>)",
                     lambda m: (m.group(1) or m.group(2) or m.group(3)) + f"<v>{s}</v>", xml)
    if sparse:
        xml = re.sub(r'<c r="[A-Z]+\d+"( s="\d+")?( t="n")?\s*/>', "", xml)
    parts[name] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i in infos:
            z.writestr(i.filename, parts[i.filename])


if __name__ == "__main__":
    main()
