#!/bin/sh
# tests/fuzz/merge.sh NAME...: minimises each fuzz target's seeds
# tests/fuzz/seeds/NAME and working corpus build/fuzz/corpus/NAME into the
# seeds folder with libFuzzer's -merge=1 (build/fuzz/bin/NAME) and
# -use_counters=0: the fewest inputs that keep every edge of the code the
# two reach (not every hit count of it, which would keep ten times as
# many inputs, most of them near copies).  A seed written by hand (a name
# that is not a SHA-1) is always kept: it goes into the merge's output
# first, and libFuzzer adds only what reaches edges it does not; a new
# input is named by the SHA-1 of its bytes, as libFuzzer names them.
# Inputs are taken whole (no -max_len), so the replays of make test still
# run every seed as it was.  The log of each
# merge is build/fuzz/NAME.merge.log.
for t in "$@"; do
	seeds=tests/fuzz/seeds/$t
	corpus=build/fuzz/corpus/$t
	out=build/fuzz/merge/$t
	rm -rf "$out"
	mkdir -p "$out" "$corpus" "$seeds"
	before="$(ls "$seeds" | wc -l) inputs, $(cat "$seeds"/* | wc -c) bytes"
	for f in "$seeds"/*; do
		[ -f "$f" ] || continue
		echo "${f##*/}" | grep -Eqx '[0-9a-f]{40}' || cp "$f" "$out"/
	done
	if ! build/fuzz/bin/$t -merge=1 -use_counters=0 -rss_limit_mb=2048 \
	    -timeout=10 \
	    "$out" "$seeds" "$corpus" >build/fuzz/$t.merge.log 2>&1; then
		tail -5 build/fuzz/$t.merge.log
		echo "fuzz-merge: $t failed (build/fuzz/$t.merge.log)"
		exit 1
	fi
	if [ -z "$(ls "$out")" ]; then
		echo "fuzz-merge: $t: the merge kept nothing"
		exit 1
	fi
	rm -f "$seeds"/*
	cp "$out"/* "$seeds"/
	echo "  MERGE $t: $before -> $(ls "$seeds" | wc -l) inputs," \
	    "$(cat "$seeds"/* | wc -c) bytes"
done
