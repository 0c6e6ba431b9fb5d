#!/bin/sh
# Language and typography of the documents (SPEC §7, "The statement"):
# the demo workspace and the end-to-end workspaces, month and quarter,
# rendered as HTML in zh-CN and en.  Once the workspace's own strings (every
# CSV cell, case text, tier names and honours) are taken out of the text,
# a zh-CN document may hold no ASCII , : ; ( ) ! ? next to a Chinese
# character and no English word other than KPI, GRAI, the tier names,
# file and encoding names; an en document may hold no Chinese character
# and no full-width punctuation.
set -eu
run() {	# workspace period-kind period lang
	out="$TMP/$(echo "$1" | tr / _)-$3-$4"
	"$BIN" -q "$2" "$3" --input "$1" --output "$out" --format html \
	    --lang "$4"
	echo "$1|$4|$out" >>"$TMP/runs"
}
: >"$TMP/runs"
for lang in zh en; do
	run input monthly 2026-10 $lang
	run input quarterly 2026-Q3 $lang
	for w in tests/e2e/base tests/e2e/hand/input; do
		run $w monthly 2026-10 $lang
		run $w quarterly 2026-Q4 $lang
	done
done
python3 - "$TMP/runs" <<'PY'
import csv, glob, html, os, re, sys

CJK = '\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff'
FULL = '\u3000-\u303f\uff01-\uff5e'
ZH_OK = {'KPI', 'GRAI', 'UTF', 'GBK', 'GB', 'BOM', 'csv', 'CNY'}

def data_strings(ws):
    """Every string the workspace itself holds."""
    out = set()
    for f in glob.glob(os.path.join(ws, '*.csv')):
        with open(f, encoding='utf-8-sig', errors='replace') as fh:
            for row in csv.reader(fh):
                for cell in row:
                    cell = cell.strip()
                    if cell:
                        out.add(cell)
                        out.update(p.strip() for p in re.split(r'[;；|]', cell) if p.strip())
    for f in glob.glob(os.path.join(ws, 'cases', '*.md')):
        with open(f, encoding='utf-8', errors='replace') as fh:
            for line in fh:
                line = line.strip().lstrip('#>-*0123456789. ').strip()
                if line:
                    out.add(line)
                    for m in re.finditer(r'^\w+:\s*(.*)$', line):
                        out.add(m.group(1).strip().strip('"\''))
                    out.update(p.strip() for p in re.split(r'[\[\],，、]', line) if p.strip())
    tiers = set()
    pol = os.path.join(ws, 'policy.yaml')
    if os.path.exists(pol):
        with open(pol, encoding='utf-8') as fh:
            text = fh.read()
        # organisation: the company, sender and display names are data
        for m in re.finditer(r'(?m)^\s+(company|sender):\s*([^#\n]+)', text):
            out.add(m.group(2).strip())
        for m in re.finditer(r'(?m)^\s+(teams|roles):\s*\{([^}]*)\}', text):
            out.update(v.split(':', 1)[1].strip()
                       for v in m.group(2).split(',') if ':' in v)
        for m in re.finditer(r'(name|honor):\s*([^,}\n#]+)', text):
            out.add(m.group(2).strip())
            if m.group(1) == 'name':
                tiers.add(m.group(2).strip())
    tiers.update('SABCD')
    return out, tiers

def page_text(path):
    with open(path, encoding='utf-8') as fh:
        t = fh.read()
    t = re.sub(r'(?is)<(script|style|head)\b.*?</\1>', ' ', t)
    t = re.sub(r'(?s)<[^>]*>', ' ', t)
    return html.unescape(t)

bad = []
seen = 0
for line in open(sys.argv[1], encoding='utf-8'):
    ws, lang, out = line.strip().split('|')
    strings, tiers = data_strings(ws)
    ordered = sorted(strings, key=len, reverse=True)
    for path in sorted(glob.glob(os.path.join(out, '**', '*.html'), recursive=True)):
        if '/casebook/' in path:
            continue
        seen += 1
        text = page_text(path)
        for s in ordered:
            if len(s) < 2 or re.fullmatch(r'[-+0-9.,:/ ]+', s):
                continue
            if re.search('[' + CJK + ']', s) or len(s) > 3:
                text = text.replace(s, ' \x00 ')
            else:
                text = re.sub(r'(?<![A-Za-z0-9_])' + re.escape(s) + r'(?![A-Za-z0-9_])', ' \x00 ', text)
        text = re.sub(r'\S*\.(html|csv|md|pdf|png)\b', ' ', text)
        rel = os.path.relpath(path, out)
        found = []
        if lang == "zh":
            for m in re.finditer('[' + CJK + r'][ \t]?[,:;()!?]|[,:;()!?][ \t]?[' + CJK + ']', text):
                found.append(text[max(0, m.start() - 12):m.end() + 12])
            for m in re.finditer(r'[A-Za-z][A-Za-z]+', text):
                if m.group(0) not in ZH_OK and m.group(0) not in tiers:
                    found.append(text[max(0, m.start() - 12):m.end() + 12])
        else:
            for m in re.finditer('[' + CJK + FULL + ']+', text):
                if m.group(0) in ('\u00a5',):
                    continue
                found.append(text[max(0, m.start() - 12):m.end() + 12])
        for f in sorted(set(found)):
            bad.append('%s %s %s: %r' % (ws, lang, rel, re.sub(r'\s+', ' ', f)))
if seen == 0:
    print('typography: no HTML documents rendered')
    sys.exit(1)
if bad:
    for ln in ('zh', 'en'):
        print('\n'.join([b for b in bad if (' %s ' % ln) in b][:40]))
    print('typography: %d problems in %d documents' % (len(bad), seen))
    sys.exit(1)
PY
