#!/bin/sh
# The PDF casebook's index of tags lists a case whose title holds line
# breaks (a blank line, a setext underline "===", link syntax) on one line,
# the breaks as spaces, as a link to the case's chapter: nothing of the
# title ends the list item or its link, and no Markdown is left in the text.
set -eu
in=$TMP/input
cp -R tests/golden/casebook/defect/input "$in"
title='续约提前 === 启动 [x](y)'
sed -i '2s/.*/title: "续约提前\\n===\\n\\n启动 [x](y)"/' "$in/cases/good.md"
grep -qF 'title: "续约提前\n===\n\n启动 [x](y)"' "$in/cases/good.md"
"$BIN" casebook --format pdf --lang en --input "$in" --output "$TMP/out" \
    2>"$TMP/stderr"
pdf=$TMP/out/casebook/casebook.pdf
[ -s "$pdf" ]

# The index of tags is the last page: the title under each of its two
# tags (大客户, 续约), whole, and no link syntax left over.
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
pdftotext -f "$pages" -l "$pages" -layout "$pdf" "$TMP/index.txt"
grep -q '^ *By tag$' "$TMP/index.txt"
[ "$(sed 's/^ *//' "$TMP/index.txt" | grep -cxF "$title")" -eq 2 ] ||
    { cat "$TMP/index.txt" >&2; exit 1; }
! grep -qF '](' "$TMP/index.txt"

# Each entry of the index is a link: six (two tags of good.md, three of
# hostile.md, one of no-analysis.md); the two of good.md go to the page of
# its bookmark, which holds the same title.
qpdf --json "$pdf" >"$TMP/json"
python3 - "$TMP/json" "$title" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
title = sys.argv[2]
objs = d["qpdf"][1]
pages = [p["object"] for p in d["pages"]]
def val(ref):
    return objs["obj:" + ref]["value"] if isinstance(ref, str) else ref
# the bookmark keeps both spaces of the blank line; the text shows one
marks = {" ".join(o["title"].split()): o["destpageposfrom1"]
         for o in d["outlines"]}
assert title in marks, sorted(marks)
dests = []
for a in val(pages[-1]).get("/Annots", []):
    a = val(a)
    if a.get("/Subtype") == "/Link" and "/Dest" in a:
        dests.append(pages.index(val(a["/Dest"])[0]) + 1)
assert len(dests) == 6, dests
assert dests.count(marks[title]) == 2, (dests, marks)
PY
