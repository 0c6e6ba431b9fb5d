#!/bin/sh
# tests/fuzz/rates.sh NAME...: the rate of each fuzz target from its last
# log build/fuzz/NAME.log (libFuzzer's -print_final_stats=1 lines
# stat::number_of_executed_units and stat::average_exec_per_sec), as a
# Markdown table on standard output and in build/fuzz/rates.md.
out=build/fuzz/rates.md
{
	echo "| target | executions | executions/s | max_len |"
	echo "|---|---:|---:|---:|"
	for t in "$@"; do
		log=build/fuzz/$t.log
		[ -f "$log" ] || continue
		n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" |
		    tail -1)
		r=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" |
		    tail -1)
		m=$(sed -n 's/^max_len: *//p
		    s/.*will not generate inputs larger than \([0-9]*\).*/\1/p' \
		    "$log" | head -1)
		echo "| $t | ${n:-?} | ${r:-?} | ${m:-?} |"
	done
} >"$out.tmp" && mv "$out.tmp" "$out" && cat "$out"
