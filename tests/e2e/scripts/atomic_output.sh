#!/bin/sh
# Output is replaced only by a complete run (docs/output.md §5): a run on
# bad input, or a quarter run without --force over an archive, leaves the
# previous output byte-identical; a killed run leaves no half-written
# folder in place.
set -eu
out=$TMP/out
"$BIN" -q monthly 2026-10 --input tests/e2e/hand/input --output "$out"
"$BIN" -q quarterly 2026-Q4 --input tests/e2e/hand/input --output "$out"
snap() { (cd "$out" && find . -type f | sort | xargs sha256sum); }
snap >"$TMP/before"

# Bad data: exit 65, nothing changed.
cp -R tests/e2e/hand/input "$TMP/bad"
echo "2026-10-31,S1,C9,12.345,O9" >>"$TMP/bad/sales.csv"
rc=0
"$BIN" -q monthly 2026-10 --input "$TMP/bad" --output "$out" 2>/dev/null || rc=$?
[ $rc -eq 65 ]

# An archived quarter without --force: exit 73, nothing changed.
rc=0
"$BIN" -q quarterly 2026-Q4 --input tests/e2e/hand/input --output "$out" 2>/dev/null || rc=$?
[ $rc -eq 73 ]

# Killed while reading: the previous month stays as it was.
mkdir -p "$TMP/big"
cp tests/e2e/hand/input/team.csv tests/e2e/hand/input/targets.csv "$TMP/big/"
awk 'BEGIN { print "date,rep_id,customer_id,amount,order_id"
	for (i = 0; i < 3000000; i++) printf "2026-10-%02d,S1,C%d,100,O%d\n", i % 28 + 1, i, i }' \
    >"$TMP/big/sales.csv"
"$BIN" -q monthly 2026-10 --input "$TMP/big" --output "$out" &
pid=$!
sleep 0.3
kill -9 $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
snap >"$TMP/after"
cmp "$TMP/before" "$TMP/after"

# Killed while rendering 150 people's pages: the previous month stays.
build/workspace-gen --out "$TMP/many" --people 150 --rows 5000 2>/dev/null
"$BIN" -q monthly 2026-10 --format csv --input "$TMP/many" --output "$TMP/o2"
# The target folders only: a killed run cannot remove its hidden
# temporary folder (the next run of the same period does).
snap2() { (cd "$TMP/o2" && find . -path './.*' -prune -o -type f -print |
    sort | xargs sha256sum); }
snap2 >"$TMP/b2"
"$BIN" -q monthly 2026-10 --jobs 1 --input "$TMP/many" --output "$TMP/o2" &
pid=$!
i=0
# Wait until rendering has begun (the temporary folder has pages), then kill.
while [ $i -lt 200 ] && ! ls "$TMP"/o2/.2026-10.tmp-*/reps/*.pdf >/dev/null 2>&1; do
	sleep 0.05
	i=$((i + 1))
done
kill -9 $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
snap2 >"$TMP/a2"
cmp "$TMP/b2" "$TMP/a2"
# The next run clears what the killed one left.
"$BIN" -q monthly 2026-10 --format csv --input "$TMP/many" --output "$TMP/o2"
! ls -d "$TMP"/o2/.2026-10.tmp-* >/dev/null 2>&1
