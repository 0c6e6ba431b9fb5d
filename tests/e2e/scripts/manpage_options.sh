#!/bin/sh
# The man page against the program, both ways, with the lists taken from
# the sources so that a command or option added later is checked too:
# every subcommand of command_names[] and every option of longopts[] in
# generator/main.c has its entry in generator/scorecard.1 (".It Cm NAME"
# under DESCRIPTION, ".It Fl -NAME" under OPTIONS) and is in --help;
# every command and option the man page names (entries and SYNOPSIS) is
# one the program takes; and the commands an option entry names (".Cm
# casebook :") are those the program lets it go with, as is every option
# of a command's SYNOPSIS; and every option docs/*.md and README.md write
# as code (`--name`) is one the program takes.  Trying an option never runs anything: two
# extra arguments make every command refuse its arguments (64) after the
# options were checked.
set -eu
main=generator/main.c
man=generator/scorecard.1
fail() { echo "manpage_options.sh: $*" >&2; exit 1; }
[ -f "$main" ] && [ -f "$man" ] || fail "run from the source tree"

# --- the lists of the sources ---
commands=$(awk '/command_names\[\] *= *\{/ { on = 1 }
	on { print } on && /\};/ { exit }' "$main" |
	grep -o '"[a-z][a-z0-9-]*"' | tr -d '"')
options=$(awk '/struct option longopts\[\] *= *\{/ { on = 1 }
	on && /\{ *"/ { print } on && /\};/ { exit }' "$main" |
	sed 's/^[^"]*"\([a-z0-9-]*\)".*/\1/')
[ -n "$commands" ] || fail "no command_names[] found in $main"
[ -n "$options" ] || fail "no longopts[] found in $main"
echo "$commands" | grep -qx check || fail "command_names[] misread: $commands"
echo "$options" | grep -qx input || fail "longopts[] misread: $options"

section() {	# the lines of man page section $1
	awk -v s="$1" '/^\.Sh / { on = ($0 == ".Sh " s) ; next } on' "$man"
}
man_commands=$(section DESCRIPTION | sed -n 's/^\.It Cm \([a-z0-9-]*\).*/\1/p')
man_options=$(section OPTIONS | sed -n 's/^\.It Fl -\([a-z0-9-]*\).*/\1/p')
syn_commands=$(section SYNOPSIS | sed -n 's/^\.Cm \([a-z0-9-]*\).*/\1/p')
syn_options=$(section SYNOPSIS | grep -o 'Fl -[a-z0-9-]*' | sed 's/Fl -//' |
	sort -u)
help=$("$BIN" --help)

# --- the program's in the man page and in --help ---
for c in $commands; do
	echo "$man_commands" | grep -qx "$c" ||
	    fail "command $c (main.c) has no .It Cm $c in DESCRIPTION"
	echo "$syn_commands" | grep -qx "$c" ||
	    fail "command $c (main.c) is not in the SYNOPSIS"
	echo "$help" | grep -q "scorecard $c\\b" ||
	    fail "command $c (main.c) is not in --help"
done
for o in $options; do
	echo "$man_options" | grep -qx -- "$o" ||
	    fail "option --$o (main.c) has no .It Fl -$o in OPTIONS"
	echo "$help" | grep -q -- "--$o\\b" ||
	    fail "option --$o (main.c) is not in --help"
done

# --- the man page's in the program ---
for c in $man_commands $syn_commands; do
	echo "$commands" | grep -qx "$c" ||
	    fail "the man page's command $c is not one the program takes"
	rc=0
	"$BIN" "$c" A B >/dev/null 2>"$TMP/err" || rc=$?
	! grep -q "unknown subcommand" "$TMP/err" ||
	    fail "scorecard $c: $(head -c 200 "$TMP/err")"
done
for o in $man_options $syn_options; do
	echo "$options" | grep -qx -- "$o" ||
	    fail "the man page's option --$o is not one the program takes"
	rc=0
	"$BIN" "--$o" >/dev/null 2>"$TMP/err" || rc=$?
	! grep -q "unknown option" "$TMP/err" ||
	    fail "scorecard --$o: $(head -c 200 "$TMP/err")"
done

# --- which commands an option goes with ---
# value OPTION: a value the option accepts, from its OPTIONS entry
# (".It Fl -lang Cm zh | en": zh) or by the name of its argument.
value() {
	line=$(section OPTIONS | grep -m1 "^\\.It Fl -$1\\( \\|\$\\)" || true)
	case $line in
	*" Cm "*)	set -- $line; echo "$5" ;;
	*"Ar YYYY-MM-DD"*) echo 2026-01-01 ;;
	*"Ar n"*)	echo 1 ;;
	*"Ar list"*)	echo pdf ;;
	*" Ar "*)	echo x ;;
	*)		echo "" ;;
	esac
}
# applies COMMAND OPTION: whether the program takes OPTION with COMMAND
# (0), refuses it as not for COMMAND (1), or cannot tell (2: the value
# tried was refused first).
applies() {
	v=$(value "$2")
	rc=0
	if [ -n "$v" ]; then
		"$BIN" "$1" A B "--$2" "$v" >/dev/null 2>"$TMP/err" || rc=$?
	else
		"$BIN" "$1" A B "--$2" >/dev/null 2>"$TMP/err" || rc=$?
	fi
	[ "$rc" -eq 64 ] || fail "scorecard $1 A B --$2 $v: exit $rc, wanted 64"
	if grep -q -- "--$2 does not apply to $1 (only" "$TMP/err"; then
		return 1
	fi
	if grep -q -- "--$2 [a-z]* \\|--$2 needs\\|unknown option" "$TMP/err" &&
	    ! grep -q "wrong number\\|needs one period\\|does not apply" \
	    "$TMP/err"; then
		return 2
	fi
	return 0
}

# The commands an OPTIONS entry gives its meaning for: each group of
# ".Cm" lines that ends in a colon (".Cm monthly , quarterly" "and"
# ".Cm casebook :"); none when it has no such group.
entry_commands() {
	section OPTIONS | awk -v o=".It Fl -$1" '
	    index($0, o) == 1 && (length($0) == length(o) ||
		substr($0, length(o) + 1, 1) == " ") { on = 1; next }
	    !on { next }
	    /^\.It / || /^\.El/ { exit }
	    /^\.Cm / { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]/)
		pending = pending " " $i
		if ($NF == ":") { names = names pending; pending = "" }
		next }
	    /^and$/ { next }
	    { pending = "" }
	    END { print names }'
}
checked=0
for o in $options; do
	case $o in help|version) continue ;; esac
	named=""
	for c in $(entry_commands "$o"); do
		echo "$commands" | grep -qx "$c" && named="$named $c"
	done
	for c in $commands; do
		r=0
		applies "$c" "$o" || r=$?
		[ "$r" -eq 2 ] && { echo "manpage_options.sh: note: --$o:" \
		    "cannot tell for $c ($(head -c 100 "$TMP/err"))" >&2;
		    continue; }
		checked=$((checked + 1))
		if [ -z "$named" ]; then
			[ "$r" -eq 0 ] || fail "--$o: the man page names no" \
			    "command (so: every one), the program refuses it" \
			    "with $c"
		elif echo " $named " | grep -q " $c "; then
			[ "$r" -eq 0 ] || fail "--$o: the man page says it" \
			    "goes with $c, the program refuses it"
		else
			[ "$r" -eq 1 ] || fail "--$o: the man page says it" \
			    "goes with$named only, the program takes it with $c"
		fi
	done
done
[ "$checked" -gt 20 ] || fail "only $checked option and command pairs tried"

# Each command's SYNOPSIS options are options of that command.
section SYNOPSIS | awk '
    /^\.Nm/ { cmd = ""; next }
    /^\.Cm / && cmd == "" { cmd = $2; next }
    cmd != "" { while (match($0, /Fl -[a-z0-9-]+/)) {
	print cmd, substr($0, RSTART + 4, RLENGTH - 4)
	$0 = substr($0, RSTART + RLENGTH) } }' >"$TMP/syn"
[ -s "$TMP/syn" ] || fail "no command options found in the SYNOPSIS"
while read -r c o; do
	echo "$commands" | grep -qx "$c" || continue
	r=0
	applies "$c" "$o" || r=$?
	[ "$r" -ne 1 ] || fail "SYNOPSIS: scorecard $c --$o, which the" \
	    "program refuses"
done <"$TMP/syn"

# Every option the docs write as code (`--name ...`) is one the program
# takes.
for o in $(cat docs/*.md README.md | grep -o '`--[a-z][a-z0-9-]*' |
    sed 's/^`--//' | sort -u); do
	echo "$options" | grep -qx -- "$o" ||
	    fail "the docs name \`--$o\`, which the program does not take"
done
