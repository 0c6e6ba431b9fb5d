#!/bin/sh
# tests/run.sh BINARY: runs every unit test binary build/unit/test_* and
# every end-to-end case tests/e2e/cases/<name>/, each under `timeout 60`.
# Prints one line per failure and, last, "N passed, M failed"; exits 1 when
# anything failed.  Run from anywhere: sh tests/run.sh ./scorecard
#
# An end-to-end case is a folder holding input/ (a workspace; absent for
# "the input folder is missing") and a file `expect`, one directive a line:
#   args: check              scorecard arguments after --input DIR (default
#                            "check"); split on blanks, no quoting
#   exit: 65                 the exit status (default 0)
#   stdout: <text>           text that must occur in standard output
#   stderr: <text>           text that must occur in standard error
#   stdout-not: <text>       text that must not occur in standard output
#   stderr-not: <text>       text that must not occur in standard error
#   stderr-file: <file>      the whole standard error must equal <file> of
#                            the case folder (stderr.golden), once the
#                            output folder's path is written {output} and
#                            the input folder's {input}
# Blank lines and lines starting with # are ignored.
# STDERR_GOLDEN_UPDATE=1 writes each stderr-file from the run instead of
# comparing (review the diff before committing it).  Every case also runs
# with --output pointing at a folder holding a sentinel file; the output
# folder and the case's input folder must be byte-identical afterwards.
#
# Each fuzz target replay build/fuzz-replay/<name> (REPLAY_DIR) runs every
# file of tests/fuzz/seeds/<name>/ and tests/fuzz/regress/<name>/, one
# test per target.
#
# Environment: PARTS (default "unit cases scripts fuzz") chooses what runs;
# SCRIPTS (default: all) names the script tests to run, without .sh;
# TIMEOUT (default 60 s; scripts get twice that) bounds each test.

if [ $# -ne 1 ]; then
	echo "usage: sh tests/run.sh BINARY" >&2
	exit 64
fi
bin=$1
case $bin in
*/*)	case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac ;;
esac
if [ ! -x "$bin" ] && ! command -v "$bin" >/dev/null 2>&1; then
	echo "run.sh: $1: no such program (run make first)" >&2
	exit 64
fi

here=$(cd "$(dirname "$0")/.." && pwd) || exit 70
cd "$here" || exit 70
LC_ALL=C
export LC_ALL

tmp=$(mktemp -d "${TMPDIR:-/tmp}/scorecard-tests.XXXXXX") || exit 70
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; exit 130' INT TERM HUP

passed=0
failed=0
parts=${PARTS:-unit cases scripts fuzz}
limit=${TIMEOUT:-60}

# Whether part $1 was asked for.
wanted() {
	case " $parts " in *" $1 "*) return 0 ;; esac
	return 1
}

cr=$(printf '\r')

# Adds one reason to the current case's failure.
add() {
	reasons="${reasons:+$reasons; }$1"
}

pass() {
	passed=$((passed + 1))
}

fail() {
	failed=$((failed + 1))
	echo "FAIL $1: $2"
}

# "exit N", or the signal that killed the program.
status_text() {
	if [ "$1" -gt 128 ] && [ "$1" -lt 160 ]; then
		echo "killed by signal $(($1 - 128)) (exit $1)"
	else
		echo "exit $1"
	fi
}

# A listing of every path and the SHA-256 of every file under the folders
# given (a missing folder lists as nothing).
snapshot() {
	find "$@" -print -type f -exec sha256sum {} + 2>/dev/null | sort
}

# A path as a sed pattern that matches it literally.
literal() {
	printf '%s\n' "$1" | sed 's/[][\/.^$*]/\\&/g'
}

# golden FILE: the current case's standard error, its folders written as
# {output} and {input}, must equal FILE of the case folder (or becomes it
# with STDERR_GOLDEN_UPDATE).
golden() {
	sed -e "s/$(literal "$out")/{output}/g" \
	    -e "s/$(literal "$dir/input")/{input}/g" \
	    "$tmp/stderr" >"$tmp/stderr.normal"
	if [ -n "${STDERR_GOLDEN_UPDATE:-}" ]; then
		cp "$tmp/stderr.normal" "$dir/$1"
	elif [ ! -f "$dir/$1" ]; then
		add "no $1 in the case folder"
	elif ! cmp -s "$dir/$1" "$tmp/stderr.normal"; then
		add "stderr differs from $1: $(diff "$dir/$1" \
		    "$tmp/stderr.normal" | grep '^[<>]' | head -n 2 | \
		    cut -c1-160 | tr '\n' ' ')"
	fi
}

# ---- unit tests: one test per binary, pass = exit 0 ----

nunit=0
wanted unit || nunit=-1
for t in "${UNIT_DIR:-build/unit}"/test_*; do
	[ $nunit -ge 0 ] && [ -f "$t" ] && [ -x "$t" ] || continue
	nunit=$((nunit + 1))
	name=unit/${t##*/}
	timeout -k 5 "$limit" "$t" >"$tmp/unit.log" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		pass
	elif [ $rc -eq 124 ]; then
		fail "$name" "timed out after $limit s"
	else
		why=$(grep -E '\[  FAILED  \]|\[  ERROR   \]|[Ff]ailure|error' \
		    "$tmp/unit.log" | head -3 | tr '\n' ' ')
		[ -n "$why" ] || why=$(tail -n 2 "$tmp/unit.log" | tr '\n' ' ')
		fail "$name" "$(status_text $rc): $why"
	fi
done
if [ $nunit -eq 0 ]; then
	echo "note: no unit test binaries in build/unit (make unit builds them)" >&2
fi

# ---- end-to-end cases ----

out=$tmp/out
dirty=yes

for dir in tests/e2e/cases/*/; do
	dir=${dir%/}
	wanted cases && [ -f "$dir/expect" ] || continue
	name=e2e/${dir#tests/e2e/cases/}

	args=check
	want_exit=0
	bad=""
	while IFS= read -r line || [ -n "$line" ]; do
		line=${line%"$cr"}
		case $line in
		""|"#"*) ;;
		"args: "*) args=${line#args: } ;;
		"args:") args="" ;;
		"exit: "*) want_exit=${line#exit: } ;;
		"stdout: "*|"stderr: "*|"stdout-not: "*|"stderr-not: "*) ;;
		"stderr-file: "*) ;;
		*) bad="unknown line in expect: $line" ;;
		esac
	done <"$dir/expect"
	if [ -n "$bad" ]; then
		fail "$name" "$bad"
		continue
	fi

	# The output folder, with files from "an earlier run"; made afresh
	# only when a case has changed it.
	if [ -n "$dirty" ]; then
		rm -rf "$out"
		mkdir -p "$out/previous"
		echo "left from an earlier run" >"$out/SENTINEL"
		echo "<p>old report</p>" >"$out/previous/index.html"
		dirty=""
	fi
	snapshot "$out" "$dir/input" >"$tmp/before"

	set -f
	# shellcheck disable=SC2086 # args are split on blanks on purpose
	timeout -k 5 "$limit" "$bin" --input "$dir/input" --output "$out" $args \
	    </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
	rc=$?
	set +f

	reasons=""
	if [ $rc -eq 124 ]; then
		add "timed out after $limit s"
	elif [ "$rc" != "$want_exit" ]; then
		add "$(status_text $rc), expected $want_exit ($(head -n 2 \
		    "$tmp/stderr" | cut -c1-160 | tr '\n' ' '))"
	fi
	stdout=$(cat "$tmp/stdout")
	stderr=$(cat "$tmp/stderr")
	while IFS= read -r line || [ -n "$line" ]; do
		line=${line%"$cr"}
		case $line in
		"stdout: "*)
			s=${line#stdout: }
			case $stdout in *"$s"*) ;;
			*) add "stdout lacks \"$s\"" ;; esac ;;
		"stderr: "*)
			s=${line#stderr: }
			case $stderr in *"$s"*) ;;
			*) add "stderr lacks \"$s\"" ;; esac ;;
		"stdout-not: "*)
			s=${line#stdout-not: }
			case $stdout in *"$s"*) add "stdout has \"$s\"" ;; esac ;;
		"stderr-not: "*)
			s=${line#stderr-not: }
			case $stderr in *"$s"*) add "stderr has \"$s\"" ;; esac ;;
		"stderr-file: "*)
			golden "${line#stderr-file: }" ;;
		esac
	done <"$dir/expect"

	snapshot "$out" "$dir/input" >"$tmp/after"
	if ! cmp -s "$tmp/before" "$tmp/after"; then
		grep -F -e "$out" "$tmp/before" >"$tmp/before.out"
		grep -F -e "$out" "$tmp/after" >"$tmp/after.out"
		if ! cmp -s "$tmp/before.out" "$tmp/after.out"; then
			add "the output folder changed"
			dirty=yes
		fi
		grep -vF -e "$out" "$tmp/before" >"$tmp/before.in"
		grep -vF -e "$out" "$tmp/after" >"$tmp/after.in"
		cmp -s "$tmp/before.in" "$tmp/after.in" ||
		    add "the input folder changed"
	fi

	if [ -n "$reasons" ]; then
		fail "$name" "$reasons"
	else
		pass
	fi
done

# ---- script tests: each tests/e2e/scripts/*.sh passes by exiting 0 ----

for script in tests/e2e/scripts/*.sh; do
	wanted scripts && [ -f "$script" ] || continue
	if [ -n "${SCRIPTS:-}" ]; then
		base=${script##*/}
		case " $SCRIPTS " in *" ${base%.sh} "*) ;; *) continue ;; esac
	fi
	name=e2e/${script#tests/e2e/}
	mkdir -p "$tmp/script"
	if BIN=$bin TMP=$tmp/script timeout -k 5 $((limit * 2)) sh "$script" \
	    >"$tmp/script.log" 2>&1; then
		pass
	else
		fail "$name" "$(tail -n 3 "$tmp/script.log" | tr '\n' ' ')"
	fi
	rm -rf "$tmp/script"
done

# ---- fuzz replays: a target on its seeds and regression inputs ----

for t in "${REPLAY_DIR:-build/fuzz-replay}"/*; do
	wanted fuzz && [ -f "$t" ] && [ -x "$t" ] || continue
	target=${t##*/}
	name=fuzz/$target
	dirs=""
	for d in tests/fuzz/seeds/$target tests/fuzz/regress/$target; do
		[ -d "$d" ] && dirs="$dirs $d"
	done
	if [ -z "$dirs" ]; then
		fail "$name" "no tests/fuzz/seeds/$target"
		continue
	fi
	# shellcheck disable=SC2086 # folder names without blanks
	timeout -k 5 $((limit * 2)) "$t" $dirs >"$tmp/fuzz.log" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		pass
	elif [ $rc -eq 124 ]; then
		fail "$name" "timed out after $((limit * 2)) s"
	else
		fail "$name" "$(status_text $rc): $(grep -E 'ERROR|SUMMARY|runtime error' \
		    "$tmp/fuzz.log" | head -3 | tr '\n' ' ')"
	fi
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
