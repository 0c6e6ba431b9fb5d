#!/bin/sh
# The command line (scorecard(1) OPTIONS, docs/output.md §7): an
# option given twice with a value, an option the subcommand does not use,
# --rep/--team for quarterly or with --format csv alone, a --rep outside
# --team, an empty --format item: each refused (64) naming the option,
# nothing written.  Values echoed in messages are escaped.  --help and
# --version to a full or a closed standard output: 74 with a message.
set -eu
in=tests/e2e/hand/input
out=$TMP/out
esc=$(printf '\033')
fail() { echo "cli.sh: $*" >&2; exit 1; }

# refused TEXT ARGS...: scorecard ARGS exits 64 with TEXT on standard
# error, without a raw escape character, and writes nothing.
refused() {
	text=$1
	shift
	rc=0
	"$BIN" "$@" --input "$in" --output "$out" >"$TMP/stdout" \
	    2>"$TMP/err" || rc=$?
	[ "$rc" -eq 64 ] || fail "$*: exit $rc, wanted 64: $(head -c 300 "$TMP/err")"
	grep -qF -- "$text" "$TMP/err" ||
	    fail "$*: no \"$text\" in: $(head -c 300 "$TMP/err")"
	if grep -q "$esc" "$TMP/err"; then
		fail "$*: a raw escape character in the message"
	fi
	[ ! -e "$out" ] || fail "$*: wrote $(ls "$out")"
}

# Given twice: the second value would silently win.
refused "--rep given twice: give it once (B1)" monthly 2026-10 --rep S1 --rep B1
refused "--rep given twice" monthly 2026-10 --rep=S1 --rep=S1
refused "--team given twice" monthly 2026-10 --team alpha --team beta
refused "--input given twice" monthly 2026-10 --input "$in"
refused "--output given twice" monthly 2026-10 --output "$out"
refused "--format given twice" monthly 2026-10 --format html --format csv
refused "--lang given twice" monthly 2026-10 --lang en --lang zh
refused "--jobs given twice" monthly 2026-10 --jobs 1 --jobs 2
refused "--templates given twice" monthly 2026-10 --templates templates \
    --templates templates
refused "--dump given twice" quarterly 2026-Q4 --dump model --dump model
refused "--tag given twice" casebook --tag a --tag b
refused "--since given twice" casebook --since 2026-01-01 --since 2026-02-01
refused "--until given twice" casebook --until 2026-01-01 --until 2026-02-01
refused "--data given twice" render x.md --data a.yaml --data b.yaml

# Options the subcommand does not use.
refused "--force does not apply to monthly (only to quarterly)" \
    monthly 2026-10 --force
refused "--tag does not apply to monthly (only to casebook)" \
    monthly 2026-10 --tag pricing
refused "--since does not apply to monthly" monthly 2026-10 --since 2026-01-01
refused "--until does not apply to quarterly" quarterly 2026-Q4 \
    --until 2026-01-01
refused "--strict does not apply to monthly" monthly 2026-10 --strict
refused "--data does not apply to monthly (only to render)" \
    monthly 2026-10 --data x.yaml
refused "--rep does not apply to quarterly (only to monthly and send)" \
    quarterly 2026-Q4 --rep S1
refused "--team does not apply to quarterly (only to monthly, casebook and send)" \
    quarterly 2026-Q4 --team alpha
refused "--rep does not apply to casebook" casebook --rep S1
refused "--force does not apply to casebook" casebook --force
refused "--dry-run does not apply to monthly (only to send)" monthly 2026-10 --dry-run
refused "--resend does not apply to check (only to send)" check --resend
refused "send needs one period" send
refused "not a month or a quarter (YYYY-MM, YYYY-Qn): 2026" send 2026
refused "--dump does not apply to casebook" casebook --dump model
refused "--format does not apply to check" check --format csv
refused "--team does not apply to check" check --team alpha
refused "--lang does not apply to check" check --lang en
refused "--force does not apply to verify" verify "$TMP" --force
refused "--format does not apply to render" render x.md --format html
refused "--dump markdown does not apply to monthly (--dump model does)" \
    monthly 2026-10 --dump markdown
refused "--dump model does not apply to render (--dump markdown does)" \
    render x.md --dump model

# Partial runs write documents only, and only of someone in the team.
refused "--rep writes only documents: not with --format csv alone" \
    monthly 2026-10 --rep S1 --format csv
refused "--team writes only documents: not with --format csv alone" \
    monthly 2026-10 --team alpha --format csv
refused "--rep: not in the team of --team: team.csv has them in beta (B1)" \
    monthly 2026-10 --team alpha --rep B1

# An empty item in --format.
refused "--format takes pdf, html, csv and xlsx, separated by commas: csv," \
    monthly 2026-10 --format csv,
refused "separated by commas: ,html" monthly 2026-10 --format ,html
refused "separated by commas: html,,csv" monthly 2026-10 --format html,,csv

# Values with a line break or a terminal escape, shown escaped.
refused 'not a month (YYYY-MM): 2026-1\x1B[2J' monthly "$(printf '2026-1\033[2J')"
refused 'unknown subcommand: x\x1B]0;title\x07' "$(printf 'x\033]0;title\007')"
refused 'unknown option: --x\x1B[31m' "$(printf -- '--x\033[31m')" check
refused '--rep: no such rep_id in team.csv (S1\x1B[31m)' monthly 2026-10 \
    --rep "$(printf 'S1\033[31m')"
refused '--team: no such team in team.csv (a\nb)' monthly 2026-10 \
    --team "$(printf 'a\nb')"
refused '--format takes pdf, html, csv and xlsx, separated by commas: \x1B[1mhtml' \
    monthly 2026-10 --format "$(printf '\033[1mhtml')"
rc=0
"$BIN" monthly 2026-10 --input "$in" --output "$out" --jobs 2>"$TMP/err" ||
    rc=$?
[ "$rc" -eq 64 ] && grep -qF 'scorecard: --jobs needs a value' "$TMP/err" ||
    fail "--jobs without a value: exit $rc: $(head -c 300 "$TMP/err")"

# What still applies is accepted.
"$BIN" -q monthly 2026-10 --team alpha --rep S1 --format html --lang en \
    --input "$in" --output "$out"
[ -f "$out/2026-10/reps/S1.html" ] || fail "--team alpha --rep S1 wrote no S1.html"
"$BIN" -q quarterly 2026-Q4 --format html,csv --lang en --force \
    --input "$in" --output "$out"
"$BIN" verify "$out/2026-Q4" >/dev/null
rm -rf "$out"

# --help and --version when standard output is full or closed: 74.
for a in --help --version; do
	rc=0
	"$BIN" "$a" >/dev/full 2>"$TMP/err" || rc=$?
	[ "$rc" -eq 74 ] || fail "$a >/dev/full: exit $rc, wanted 74"
	grep -qF "scorecard: standard output: No space left on device" \
	    "$TMP/err" || fail "$a >/dev/full: $(cat "$TMP/err")"
	rc=0
	"$BIN" "$a" >&- 2>"$TMP/err" || rc=$?
	[ "$rc" -eq 74 ] || fail "$a >&-: exit $rc, wanted 74"
	grep -qF "scorecard: standard output: Bad file descriptor" \
	    "$TMP/err" || fail "$a >&-: $(cat "$TMP/err")"
done
"$BIN" --help | grep -q '^usage: scorecard' || fail "--help prints no usage"

# The output folder's name, escaped in "wrote".
weird=$TMP/$(printf 'o\033[31m')
"$BIN" monthly 2026-10 --format csv --input "$in" --output "$weird" \
    2>"$TMP/err"
grep -qF 'scorecard: wrote ' "$TMP/err" || fail "no wrote line: $(cat "$TMP/err")"
if grep -q "$esc" "$TMP/err"; then
	fail "the output folder's name printed raw"
fi
exit 0
