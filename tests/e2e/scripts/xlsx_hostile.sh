#!/bin/sh
# Hostile workbooks (docs/bad-input.md, "Workbooks"): each is refused with
# a message naming the file and the part, exit 65, in at most 20 s and
# within 1 GiB of address space: zip bombs (an entry of zeros compressed
# a thousand to one; a directory that says an entry is small), a shared
# strings table beyond its bounds, an XML entity expansion ("billion
# laughs"), nesting a hundred thousand deep, a tag of 8 MB, a string of a
# megabyte in 2,000 cells (2 GB of text from a file of 1 MB), and files
# named .xlsx that are no workbook.  The workbooks are made here by
# Python's zipfile from a valid one.
set -eu
LC_ALL=C
export LC_ALL

fail() {
	echo "xlsx_hostile.sh: $*" >&2
	exit 1
}

. tests/e2e/python_with.sh
py=$(python_with openpyxl)
[ -n "$py" ] || fail "python3-openpyxl is not installed (make setup)"

ws=$TMP/ws
mkdir -p "$ws"
cp tests/e2e/base/*.csv "$ws/"
rm "$ws/sales.csv"
"$py" tests/e2e/files/csv2xlsx.py tests/e2e/base/sales.csv "$TMP/good.xlsx"

limit=1048576
sh -c "ulimit -v $limit && \"\$0\" --version" "$BIN" >/dev/null 2>&1 ||
    limit=unlimited

# refused NAME TEXT...: check on the workspace with $TMP/NAME.xlsx as
# sales.xlsx exits 65 within 20 s and 1 GiB, saying each TEXT.
refused() {
	name=$1
	shift
	cp "$TMP/$name.xlsx" "$ws/sales.xlsx"
	start=$(date +%s)
	rc=0
	(ulimit -v $limit && exec timeout -k 5 60 "$BIN" check --input "$ws") \
	    >/dev/null 2>"$TMP/err" </dev/null || rc=$?
	secs=$(($(date +%s) - start))
	[ $rc -eq 65 ] ||
	    fail "$name: exit $rc, expected 65: $(head -c 400 "$TMP/err")"
	[ $secs -le 20 ] || fail "$name: took $secs s (at most 20)"
	for t in "$@"; do
		grep -qF -- "$t" "$TMP/err" ||
		    fail "$name: no \"$t\" in: $(head -c 400 "$TMP/err")"
	done
	echo "ok $name ($secs s)"
}

# the workbooks: a part of the good one replaced
"$py" - "$TMP" <<'PY'
import os, struct, sys, zipfile, zlib
tmp = sys.argv[1]
good = zipfile.ZipFile(os.path.join(tmp, "good.xlsx"))
parts = {i.filename: good.read(i.filename) for i in good.infolist()}
SHEET = "xl/worksheets/sheet1.xml"
NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'

def write(name, replace, extra=None):
    p = dict(parts)
    p.update(replace)
    with zipfile.ZipFile(os.path.join(tmp, name + ".xlsx"), "w",
                         zipfile.ZIP_DEFLATED) as z:
        for n, b in p.items():
            z.writestr(n, b)
        if extra:
            extra(z)

# 1. a zip bomb: 300 MB of zeros after the sheet's rows, 300 KB
# compressed; written from a stream
head = parts[SHEET]
with zipfile.ZipFile(os.path.join(tmp, "bomb.xlsx"), "w",
                     zipfile.ZIP_DEFLATED) as z:
    for n, b in parts.items():
        if n != SHEET:
            z.writestr(n, b)
    info = zipfile.ZipInfo(SHEET)
    info.compress_type = zipfile.ZIP_DEFLATED
    with z.open(info, "w", force_zip64=True) as f:
        f.write(head[:-len(b"</worksheet>")])
        f.write(b"<!--")
        zero = b"\0" * (1 << 20)
        for i in range(300):
            f.write(zero)

# 2. a directory that lies: the sheet entry says 1000 bytes; it inflates
# to 50 MB of spaces (the sizes in the local header and the directory
# both say 1000)
big = head[:-len(b"</worksheet>")] + b" " * (50 << 20) + b"</worksheet>"
path = os.path.join(tmp, "liar.xlsx")
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    for n, b in parts.items():
        z.writestr(n, big if n == SHEET else b)
data = bytearray(open(path, "rb").read())
real = len(big)
name = SHEET.encode()
i = 0
while True:
    i = data.find(name, i)
    if i < 0:
        break
    # local header: name at 30; central: name at 46
    if data[i - 30:i - 26] == b"PK\x03\x04":
        struct.pack_into("<I", data, i - 30 + 22, 1000)
    elif data[i - 46:i - 42] == b"PK\x01\x02":
        struct.pack_into("<I", data, i - 46 + 24, 1000)
    i += 1
open(path, "wb").write(data)

# 3. shared strings beyond the bound of their number
n = 8 * 1024 * 1024 + 10
sst = [b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
sst.extend(b"<si><t>%x</t></si>" % i for i in range(n))
sst.append(b"</sst>")
sst = b"".join(sst)
ct = parts["[Content_Types].xml"]
if b"sharedStrings" not in ct:
    ct = ct.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
rels = parts["xl/_rels/workbook.xml.rels"]
if b"sharedStrings" not in rels:
    rels = rels.replace(b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
write("strings", {"xl/sharedStrings.xml": sst, "[Content_Types].xml": ct,
                  "xl/_rels/workbook.xml.rels": rels})

# 4. billion laughs in the shared strings
lol = [b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n']
for k in range(1, 10):
    lol.append(b'<!ENTITY lol%d "%s">\n' % (k, (b"&lol%d;" % (k - 1) if k > 1 else b"&lol;") * 10))
lol.append(b']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>')
write("laughs", {"xl/sharedStrings.xml": b"".join(lol), "[Content_Types].xml": ct,
                 "xl/_rels/workbook.xml.rels": rels})

# 5. nesting 100,000 deep in the sheet
deep = NS + b"<sheetData>" + b"<a>" * 100000 + b"</a>" * 100000 + b"</sheetData></worksheet>"
write("deep", {SHEET: deep})

# 6. one tag of 8 MB (an attribute value), which expat would hold whole
tag = NS + b'<sheetData><row r="1" x="' + os.urandom(4 << 20).hex().encode() + b'"/></sheetData></worksheet>'
write("tag", {SHEET: tag})

# 6b. one shared string of a megabyte as the product of 2,000 good sales:
# 2 GB of text from a file of 1 MB
amp_sst = (b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + b"".join(b"<si><t>%s</t></si>" % w for w in [b"date", b"rep_id", b"customer_id", b"amount", b"product", b"S01", b"CUST-1"])
           + b"<si><t>" + os.urandom(500000).hex().encode() + b"</t></si></sst>")
rows = [b'<row r="1">' + b"".join(b'<c r="%s1" t="s"><v>%d</v></c>' % (c, i) for i, c in enumerate([b"A", b"B", b"C", b"D", b"E"])) + b"</row>"]
for r in range(2, 2002):
    rows.append(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>2026-10-05</t></is></c><c r="B%d" t="s"><v>5</v></c><c r="C%d" t="s"><v>6</v></c><c r="D%d"><v>100</v></c><c r="E%d" t="s"><v>7</v></c></row>' % ((r,) * 6))
write("amplified", {SHEET: NS + b"<sheetData>" + b"".join(rows) + b"</sheetData></worksheet>",
                    "xl/sharedStrings.xml": amp_sst, "[Content_Types].xml": ct,
                    "xl/_rels/workbook.xml.rels": rels})

# 7. not a zip archive; 8. an old .xls (OLE2) file
open(os.path.join(tmp, "text.xlsx"), "wb").write(open("tests/e2e/base/sales.csv", "rb").read())
open(os.path.join(tmp, "ole.xlsx"), "wb").write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
# 9. a zip archive without a workbook; 10. a truncated workbook
with zipfile.ZipFile(os.path.join(tmp, "empty.xlsx"), "w") as z:
    z.writestr("hello.txt", "hello")
g = open(os.path.join(tmp, "good.xlsx"), "rb").read()
open(os.path.join(tmp, "cut.xlsx"), "wb").write(g[:len(g) // 2])
PY

refused bomb "sales.xlsx: xl/worksheets/sheet1.xml: compressed more than 100 to 1 (a zip bomb?)"
refused liar "sales.xlsx: xl/worksheets/sheet1.xml:" "1000 bytes"
refused strings "sales.xlsx: xl/sharedStrings.xml: more than 8388608 shared strings"
refused laughs "sales.xlsx: xl/sharedStrings.xml: a DTD (<!DOCTYPE>) in the XML: refused"
refused deep "sales.xlsx: xl/worksheets/sheet1.xml: XML nested deeper than 64 elements"
refused tag "sales.xlsx: xl/worksheets/sheet1.xml: an XML tag or comment longer than 1048576 bytes"
refused amplified "sales.xlsx: xl/worksheets/sheet1.xml: cells holding more than 1073741824 bytes of text"
refused text "sales.xlsx: not an xlsx workbook (not a zip archive)"
refused ole "sales.xlsx: not an xlsx workbook but an Excel 97-2003 .xls file"
refused empty "sales.xlsx: not an xlsx workbook: the archive holds no xl/workbook.xml"
refused cut "sales.xlsx: a damaged xlsx workbook"
