#!/bin/sh
# tests/fuzz/rates.sh NAME...: the rate of each fuzz target from its last
# log build/fuzz/NAME.log (libFuzzer's -print_final_stats=1 lines
# stat::number_of_executed_units and stat::average_exec_per_sec, and the
# lines make fuzz adds: the load average before the run and the CPU
# seconds the run took, user and system, from /usr/bin/time), as a
# Markdown table on standard output and in build/fuzz/rates.md.  The
# executions per CPU second do not depend on what else the machine runs;
# executions per second (wall clock) do.
out=build/fuzz/rates.md
{
	echo "| target | executions | executions/s | executions/CPU s | load before | max_len |"
	echo "|---|---:|---:|---:|---:|---:|"
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
		l=$(sed -n 's/^load_before: *\([^ ]*\).*/\1/p' "$log" | head -1)
		c=$(sed -n 's/^cpu_seconds: *//p' "$log" | tail -1 |
		    awk -v n="${n:-0}" '{ s = $1 + $2; if (s > 0 && n > 0)
		        printf "%d", n / s }')
		echo "| $t | ${n:-?} | ${r:-?} | ${c:-?} | ${l:-?} | ${m:-?} |"
	done
} >"$out.tmp" && mv "$out.tmp" "$out" && cat "$out"
