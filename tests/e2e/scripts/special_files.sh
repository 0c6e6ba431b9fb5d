#!/bin/sh
# Files that are not what they seem: an input (CSV, policy.yaml, a case
# file) that is a FIFO, a link to /dev/zero or a folder is refused (66)
# without reading it or waiting; a 4 GB file of NUL bytes as sales.csv is
# refused from its first block, fast and in bounded memory; a plain file
# where the period's or the casebook's folder goes is refused (73) and left
# as it was.
set -eu
hand=tests/e2e/hand/input
fail() { echo "special_files.sh: $*" >&2; exit 1; }

# refused STATUS TEXT ARGS...: scorecard ARGS exits STATUS within 10 s
# with TEXT on standard error.
refused() {
	want=$1 text=$2
	shift 2
	rc=0
	timeout 10 "$BIN" "$@" >/dev/null 2>"$TMP/err" || rc=$?
	[ "$rc" -eq "$want" ] ||
	    fail "$*: exit $rc, wanted $want: $(head -c 300 "$TMP/err")"
	grep -qF -- "$text" "$TMP/err" ||
	    fail "$*: no \"$text\" in: $(head -c 300 "$TMP/err")"
}

# Each input in turn a FIFO, a link to /dev/zero, a folder.
ws=$TMP/ws
cp -R tests/golden/casebook/defect/input "$ws"
case1=$(cd "$ws/cases" && ls ./*.md | head -n 1)
case1=${case1#./}
for f in sales.csv team.csv targets.csv policy.yaml "cases/$case1"; do
	[ -e "$ws/$f" ] && mv "$ws/$f" "$TMP/saved"
	for kind in fifo zero folder; do
		case $kind in
		fifo)	mkfifo "$ws/$f" ;;
		zero)	ln -s /dev/zero "$ws/$f" ;;
		folder)	mkdir "$ws/$f" ;;
		esac
		refused 66 "$f: cannot" check --input "$ws"
		grep -qF "not a regular file (a FIFO, a device or a folder)" \
		    "$TMP/err" || fail "$f as a $kind: $(cat "$TMP/err")"
		rm -r "$ws/$f"
	done
	[ -e "$TMP/saved" ] && mv "$TMP/saved" "$ws/$f"
done
"$BIN" -q check --input "$ws" --output "$TMP/no-output" >/dev/null || fail "the workspace is not valid"
mkfifo "$ws/sales.csv.fifo"
mv "$ws/sales.csv" "$TMP/sales.csv"
mv "$ws/sales.csv.fifo" "$ws/sales.csv"
refused 66 "sales.csv: cannot open: not a regular file" monthly 2026-10 \
    --input "$ws" --output "$TMP/o"
refused 66 "sales.csv: cannot open: not a regular file" casebook \
    --input "$ws" --output "$TMP/o"
[ ! -e "$TMP/o" ] || fail "a FIFO input: output written"
rm "$ws/sales.csv"

# 4 GB of NUL bytes (a sparse file): refused from the header, at once,
# within 1 GB of address space (unless the program cannot start under it:
# an ASan build reserves terabytes).
limit=1000000
sh -c "ulimit -v $limit && \"\$0\" --version" "$BIN" >/dev/null 2>&1 ||
    limit=unlimited
truncate -s 4G "$ws/sales.csv"
start=$(date +%s)
(ulimit -v $limit; refused 65 "sales.csv:1: NUL byte in the header" \
    check --input "$ws")
[ $(($(date +%s) - start)) -le 3 ] || fail "4 GB of NUL bytes: too slow"
rm "$ws/sales.csv"
mv "$TMP/sales.csv" "$ws/sales.csv"

# A plain file where a folder goes: refused, the file left as it was.
out=$TMP/out
mkdir "$out"
for name in 2026-10 2026-Q4 casebook; do
	echo "my notes" >"$out/$name"
done
refused 73 "$out/2026-10: is in the way" \
    monthly 2026-10 --input "$hand" --output "$out"
refused 73 "$out/2026-Q4: is in the way" \
    quarterly 2026-Q4 --input "$hand" --output "$out"
refused 73 "$out/2026-Q4: is in the way" \
    quarterly 2026-Q4 --force --input "$hand" --output "$out"
refused 73 "$out/casebook: is in the way" \
    casebook --input "$ws" --output "$out"
for name in 2026-10 2026-Q4 casebook; do
	[ "$(cat "$out/$name")" = "my notes" ] || fail "$name: the file was removed"
done
[ "$(ls -A "$out" | wc -l)" -eq 3 ] || fail "wrote: $(ls -A "$out")"
exit 0
