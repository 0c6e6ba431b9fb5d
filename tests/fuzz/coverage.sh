#!/bin/sh
# tests/fuzz/coverage.sh NAME...: runs each coverage build of a fuzz
# target, build/fuzz-cov/bin/NAME (make fuzz-coverage), over its seeds,
# regression inputs and working corpus build/fuzz/corpus/NAME (when there
# is one), merges the profiles (llvm-profdata) and writes the line
# coverage of every source file the targets reach (llvm-cov report) as a
# Markdown table on standard output and in build/fuzz/coverage.md: first
# the files the fuzzing is meant to cover (docs/fuzzing.md, "Coverage"),
# then the others that they reach at all.
PROFDATA=${LLVM_PROFDATA:-llvm-profdata-14}
COV=${LLVM_COV:-llvm-cov-14}
dir=build/fuzz-cov
out=build/fuzz/coverage.md
goals='input/csvread.c input/values.c input/policy.c input/cases.c
input/grai.c input/xlsx.c tmpl/mustache_compile.c tmpl/mustache_render.c
render/html.c pdf/layout.c'
mkdir -p "$dir/prof" build/fuzz
rm -f "$dir"/prof/*.profraw
objects=""
inputs=""
for t in "$@"; do
	dirs=""
	for d in tests/fuzz/seeds/$t tests/fuzz/regress/$t build/fuzz/corpus/$t; do
		[ -d "$d" ] && dirs="$dirs $d"
	done
	# shellcheck disable=SC2086 # folder names without blanks
	n=$(LLVM_PROFILE_FILE="$dir/prof/$t.profraw" "$dir/bin/$t" $dirs \
	    2>"$dir/$t.err" | sed -n 's/ inputs$//p')
	[ -f "$dir/prof/$t.profraw" ] ||
	    { echo "fuzz-coverage: $t wrote no profile ($dir/$t.err)"; exit 1; }
	inputs="$inputs $t:${n:-?}"
	if [ -z "$objects" ]; then
		objects="$dir/bin/$t"
	else
		objects="$objects -object $dir/bin/$t"
	fi
done
"$PROFDATA" merge -sparse "$dir"/prof/*.profraw -o "$dir/all.profdata" || exit 1
# shellcheck disable=SC2086 # paths without blanks
"$COV" report $objects -instr-profile="$dir/all.profdata" \
    >"$dir/report.txt" || exit 1
# llvm-cov 14's columns: file, regions, missed, cover, functions, missed,
# executed, lines, missed lines, line cover, branches, missed, cover.
{
	echo "Line coverage of the fuzz targets over their seeds, regression"
	echo "inputs and working corpora (inputs per target:$inputs)."
	echo
	echo "| file | lines | missed | line coverage |"
	echo "|---|---:|---:|---:|"
	awk -v goals="$goals" '
	BEGIN { n = split(goals, g, /[ \n]+/); for (i = 1; i <= n; i++) want[g[i]] = i }
	$1 ~ /generator\// && NF >= 10 && $8 > 0 {
		f = $1; sub(/.*generator\//, "", f)
		row = "| " f " | " $8 " | " $9 " | " $10 " |"
		if (f in want || f ~ /^tmpl\/mustache_/ || f ~ /^pdf\/layout/)
			goal[f] = row
		else if ($9 < $8)
			other[f] = row
	}
	END {
		for (f in goal) print goal[f] | "sort"
		close("sort")
		print "| **other files the targets reach** | | | |"
		for (f in other) print other[f] | "sort"
		close("sort")
	}' "$dir/report.txt"
} >"$out.tmp" && mv "$out.tmp" "$out" && cat "$out"
