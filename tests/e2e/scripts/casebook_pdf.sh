#!/bin/sh
# The PDF casebook (output/casebook/casebook.pdf): qpdf finds nothing wrong,
# the font is embedded as a subset, there is one bookmark per case with
# its Chinese title (plus the lessons digest and the index of tags), each
# bookmark and each entry of the contents goes to the page where that
# chapter's title is, the contents print those page numbers, and two runs
# give the same bytes.
set -eu
out=$TMP/out
"$BIN" casebook --input input --output "$out" 2>"$TMP/stderr"
pdf=$out/casebook/casebook.pdf
[ -s "$pdf" ] || { echo "no casebook.pdf" >&2; exit 1; }
"$BIN" casebook --input input --output "$TMP/again" 2>/dev/null
cmp "$pdf" "$TMP/again/casebook/casebook.pdf"

qpdf --check "$pdf" >"$TMP/check" 2>&1 || { cat "$TMP/check" >&2; exit 1; }
! grep -qi warning "$TMP/check"
# Every font embedded and a subset (a name with a "ABCDEF+" prefix).
pdffonts "$pdf" | tail -n +3 >"$TMP/fonts"
[ -s "$TMP/fonts" ]
if awk '$1 !~ /^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\+/ ||
    $(NF-4) != "yes" || $(NF-3) != "yes" { bad = 1 } END { exit !bad }' \
    "$TMP/fonts"; then
	cat "$TMP/fonts" >&2
	exit 1
fi

# Bookmarks: "page<TAB>title" in order; contents links: "page" top-down.
qpdf --json "$pdf" >"$TMP/json"
python3 - "$TMP/json" "$TMP/outlines" "$TMP/links" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
objs = d["qpdf"][1]
pages = [p["object"] for p in d["pages"]]
with open(sys.argv[2], "w") as f:
    for o in d["outlines"]:
        f.write("%d\t%s\n" % (o["destpageposfrom1"], o["title"]))
def val(ref):
    return objs["obj:" + ref]["value"] if isinstance(ref, str) else ref
links = []
page = val(pages[1])                   # the contents: page 2
for a in page.get("/Annots", []):
    a = val(a)
    if a.get("/Subtype") != "/Link" or "/Dest" not in a:
        continue
    dest = val(a["/Dest"])
    links.append((-a["/Rect"][3], pages.index(dest[0]) + 1))
with open(sys.argv[3], "w") as f:
    for _, p in sorted(links):
        f.write("%d\n" % p)
PY

ncases=$(ls input/cases/*.md | wc -l)
[ "$(wc -l <"$TMP/outlines")" -eq $((ncases + 2)) ] ||
    { echo "bookmarks:" >&2; cat "$TMP/outlines" >&2; exit 1; }
[ "$(sed -n '1s/^[0-9]*\t//p' "$TMP/outlines")" = "经验汇总" ]
# each case's title is a bookmark, exactly once
for md in input/cases/*.md; do
	title=$(sed -n 's/^title: *//p' "$md" | head -n 1 | sed 's/^"//; s/"$//')
	[ "$(cut -f2- "$TMP/outlines" | grep -cxF "$title")" -eq 1 ] ||
	    { echo "no bookmark for $title" >&2; exit 1; }
done

# The contents: one link per bookmark, in the same order, to the same
# page; that page begins the chapter (its title is there) and the
# contents print its number.
cut -f1 "$TMP/outlines" >"$TMP/outline-pages"
cmp "$TMP/outline-pages" "$TMP/links" ||
    { echo "contents links differ from bookmarks" >&2; exit 1; }
pdftotext -f 2 -l 2 -layout "$pdf" "$TMP/toc.txt"
while IFS="$(printf '\t')" read -r page title; do
	flat=$(printf '%s' "$title" | tr -d ' ')
	pdftotext -f "$page" -l "$page" "$pdf" - | tr -d ' \n' |
	    grep -qF "$flat" || { echo "$title not on page $page" >&2; exit 1; }
	tr -d ' ' <"$TMP/toc.txt" | grep -F "$flat" | grep -q "[^0-9]$page\$" ||
	    { echo "contents: $title is not at page $page" >&2; exit 1; }
done <"$TMP/outlines"
# A case's page has its title as the running header (the first line).
while IFS="$(printf '\t')" read -r page title; do
	first=$(pdftotext -f $((page + 1)) -l $((page + 1)) "$pdf" - |
	    head -n 1 | tr -d ' ')
	case $first in
	"$(printf '%s' "$title" | tr -d ' ')"*) ;;
	*)	echo "page $((page + 1)): header '$first', not $title" >&2
		exit 1 ;;
	esac
done <<EOT
$(sed -n 2p "$TMP/outlines")
EOT
