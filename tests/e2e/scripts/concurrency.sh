#!/bin/sh
# Two runs sharing one output folder (scorecard(1), "Two runs at once"):
# runs follow each other through the folder's lock, so what survives is
# exactly what the rules say, never a mix and never a lost archive.
# Each pair starts its second run while the first one writes, several
# rounds:
#   - the same quarter from two workspaces: one archive, whole, of the run
#     that got there first; the other run is refused (73) and changes
#     nothing; verify passes;
#   - the same month twice: both succeed, the folder is one run's whole;
#   - two months: both succeed, both folders whole, index.html lists both;
#   - a quarterly --force while verify reads: verify waits and passes;
#   - a lock held by another process: the run names it and waits.
# No run leaves a temporary file or folder behind.
set -eu
rounds=${ROUNDS:-3}
a=$TMP/wa
b=$TMP/wb
cp -R input "$a"
cp -R input "$b"
rm -rf "$a/cases" "$b/cases"
# workspace B has one more sales row in 2026-08 and in 2026-10
grep -m1 '^2026-08' "$a/sales.csv" >>"$b/sales.csv"
grep -m1 '^2026-10' "$a/sales.csv" >>"$b/sales.csv"
! cmp -s "$a/sales.csv" "$b/sales.csv"

tree_sum() {	# every file of folder $1 with its hash, relative
	(cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum)
}
no_leftovers() {
	if ls -a "$1" | grep -q 'tmp'; then
		echo "left behind in $1:"; ls -a "$1"; exit 1
	fi
}

# References: each run alone.
for w in a b; do
	"$BIN" -q monthly 2026-10 --input "$TMP/w$w" --output "$TMP/ref$w"
	"$BIN" -q monthly 2026-09 --input "$TMP/w$w" --output "$TMP/ref$w"
	"$BIN" -q quarterly 2026-Q3 --input "$TMP/w$w" --output "$TMP/ref$w"
	for p in 2026-10 2026-09; do
		tree_sum "$TMP/ref$w/$p" >"$TMP/ref$w.$p"
	done
done
! cmp -s "$TMP/refa.2026-10" "$TMP/refb.2026-10"
suma=$(sha256sum <"$a/sales.csv" | cut -d' ' -f1)
sumb=$(sha256sum <"$b/sales.csv" | cut -d' ' -f1)

i=0
while [ $i -lt "$rounds" ]; do
	i=$((i + 1))
	o=$TMP/out$i
	mkdir "$o"

	# the same quarter from A and from B
	ra=0 rb=0
	"$BIN" quarterly 2026-Q3 --input "$a" --output "$o" \
	    >"$TMP/qa.out" 2>"$TMP/qa.err" &
	pa=$!
	sleep 0.1
	"$BIN" quarterly 2026-Q3 --input "$b" --output "$o" \
	    >"$TMP/qb.out" 2>"$TMP/qb.err" || rb=$?
	wait $pa || ra=$?
	if [ $ra -eq 0 ] && [ $rb -eq 73 ]; then
		want=$suma; loser=$TMP/qb.err
	elif [ $ra -eq 73 ] && [ $rb -eq 0 ]; then
		want=$sumb; loser=$TMP/qa.err
	else
		echo "round $i quarter: exits $ra and $rb, want 0 and 73"
		cat "$TMP/qa.err" "$TMP/qb.err"; exit 1
	fi
	grep -q 'archived already' "$loser"
	grep -q "^# input $want  sales.csv\$" "$o/2026-Q3/MANIFEST.sha256"
	"$BIN" verify "$o/2026-Q3" | grep -q '^OK'

	# the same month from A and from B: both written, one after the other
	ra=0 rb=0
	"$BIN" -q monthly 2026-10 --input "$a" --output "$o" & pa=$!
	sleep 0.1
	"$BIN" -q monthly 2026-10 --input "$b" --output "$o" || rb=$?
	wait $pa || ra=$?
	[ $ra -eq 0 ] && [ $rb -eq 0 ]
	tree_sum "$o/2026-10" >"$TMP/got"
	cmp -s "$TMP/got" "$TMP/refa.2026-10" ||
	    cmp -s "$TMP/got" "$TMP/refb.2026-10"

	# two months at once
	rm -rf "$o/2026-10"
	ra=0 rb=0
	"$BIN" -q monthly 2026-10 --input "$a" --output "$o" & pa=$!
	sleep 0.1
	"$BIN" -q monthly 2026-09 --input "$a" --output "$o" || rb=$?
	wait $pa || ra=$?
	[ $ra -eq 0 ] && [ $rb -eq 0 ]
	tree_sum "$o/2026-10" | cmp -s - "$TMP/refa.2026-10"
	tree_sum "$o/2026-09" | cmp -s - "$TMP/refa.2026-09"
	grep -q '2026-10/index.html' "$o/index.html"
	grep -q '2026-09/index.html' "$o/index.html"
	grep -q '2026-Q3/index.html' "$o/index.html"

	# verify while a quarterly --force replaces the archive
	ra=0 rb=0
	"$BIN" -q quarterly 2026-Q3 --force --input "$b" --output "$o" &
	pa=$!
	sleep 0.1
	"$BIN" verify "$o/2026-Q3" >"$TMP/v.out" 2>"$TMP/v.err" || rb=$?
	wait $pa || ra=$?
	[ $ra -eq 0 ] && [ $rb -eq 0 ]
	grep -q '^OK' "$TMP/v.out"
	"$BIN" verify "$o/2026-Q3" | grep -q '^OK'
	grep -q "^# input $sumb  sales.csv\$" "$o/2026-Q3/MANIFEST.sha256"
	no_leftovers "$o"
done

# A lock held by another process: the run says who holds it, waits, and
# then writes.
o=$TMP/held
mkdir "$o"
python3 -c '
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY)
fcntl.flock(fd, fcntl.LOCK_EX)
open(sys.argv[1] + "/held", "w").close()
time.sleep(1.5)
' "$o" &
pl=$!
while [ ! -f "$o/held" ]; do sleep 0.05; done
rm "$o/held"
"$BIN" monthly 2026-10 --input "$a" --output "$o" 2>"$TMP/w.err"
wait $pl
grep -q "in use by process $pl (.*python3" "$TMP/w.err"
grep -q 'waiting for it to finish' "$TMP/w.err"
tree_sum "$o/2026-10" | cmp -s - "$TMP/refa.2026-10"
no_leftovers "$o"
