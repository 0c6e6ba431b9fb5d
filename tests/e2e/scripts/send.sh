#!/bin/sh
# scorecard send (docs/output.md §8) against a real SMTP server on
# 127.0.0.1: the dry run first (the same .eml bytes every time, and the
# same bytes the server receives), then each statement to its person and
# the team's report to its manager over one connection, a re-run that
# sends nothing, a changed statement sent only with --resend, missing
# addresses refused (65) or skipped, no server configured (64), no
# statements (66).  The demo workspace gets a dry run.
set -eu
. "$(dirname "$0")/../send_lib.sh"

ws=$TMP/ws
out=$TMP/out
make_workspace "$ws"
monthly "$ws" "$out"
unset SCORECARD_SMTP_URL SCORECARD_SMTP_USER SCORECARD_SMTP_PASSWORD \
    SCORECARD_SMTP_CAFILE SCORECARD_SMTP_FROM 2>/dev/null || true

# no server and no --dry-run: 64, nothing written
rc=0
"$BIN" send 2026-01 --input "$ws" --output "$out" >"$TMP/o" 2>"$TMP/e" || rc=$?
[ $rc -eq 64 ] || fail "no SCORECARD_SMTP_URL: exit $rc, not 64"
grep -q SCORECARD_SMTP_URL "$TMP/e" || fail "no SCORECARD_SMTP_URL: not said"
[ ! -e "$out/.send" ] || fail "a refused run wrote output/.send"

# no statements for the period: 66
rc=0
"$BIN" send 2026-02 --dry-run --input "$ws" --output "$out" >"$TMP/o" 2>"$TMP/e" || rc=$?
[ $rc -eq 66 ] || fail "no statements: exit $rc, not 66"

# options of send only
rc=0
"$BIN" monthly 2026-01 --dry-run --input "$ws" --output "$out" 2>/dev/null || rc=$?
[ $rc -eq 64 ] || fail "monthly --dry-run: exit $rc, not 64"

# the dry run: 5 messages (4 statements, east's report to M1; west has
# nobody measured on the team), the same bytes twice
"$BIN" send 2026-01 --dry-run --input "$ws" --output "$out" >"$TMP/dry1" 2>"$TMP/e" ||
    fail "dry run failed: $(cat "$TMP/e")"
box=$out/.send/2026-01/outbox
[ "$(ls "$box" | wc -l)" -eq 5 ] || fail "dry run: $(ls "$box" | wc -l) messages, not 5"
[ "$(grep -c '^would send' "$TMP/dry1")" -eq 5 ] || fail "dry run: the summary lists $(grep -c '^would send' "$TMP/dry1") messages"
grep -q '^would send team east m1@example.cn (M1)' "$TMP/dry1" || fail "dry run: east's report not to M1"
grep -q 'team west.*nobody' "$TMP/e" || fail "dry run: west's report to nobody not said"
grep -q '5 messages would be sent' "$TMP/e" || fail "dry run: no count: $(cat "$TMP/e")"
cp -R "$box" "$TMP/box1"
"$BIN" -q send 2026-01 --dry-run --input "$ws" --output "$out" >/dev/null 2>&1
diff -r "$TMP/box1" "$box" >/dev/null || fail "two dry runs differ"
[ ! -e "$out/.send/2026-01.csv" ] || fail "the dry run wrote the delivery log"
mkdir -p "$TMP/drystore"
for f in "$box"/*.eml; do cp "$f" "$TMP/drystore/${f##*/}"; done
for f in "$TMP/drystore"/*.eml; do
	case ${f##*/} in
	rep-*) id=${f##*/rep-}; id=${id%.eml}; a=$(echo "$id" | tr 'A-Z' 'a-z')@example.cn ;;
	team-*) a=m1@example.cn ;;
	esac
	printf 'from hr@example.cn\nrcpt %s\npeer 0\n' "$a" >"${f%.eml}.env"
done
check_store "$TMP/drystore" "$out/2026-01" >/dev/null || fail "the dry run's messages"
# the passwords are never written anywhere
for pw in "$PW_M1" "$PW_A2"; do
	! grep -rqF "$pw" "$box" "$TMP/dry1" "$TMP/e" || fail "a password in the dry run's output"
done

# the real send: 0, every message once, one connection
start_server main
export SCORECARD_SMTP_URL="smtp://127.0.0.1:$PORT"
"$BIN" send 2026-01 --input "$ws" --output "$out" >"$TMP/sent1" 2>"$TMP/e" ||
    fail "send failed: $(cat "$TMP/e")"
[ "$(count "$TMP/main.store")" -eq 5 ] || fail "the server got $(count "$TMP/main.store") messages, not 5"
check_store "$TMP/main.store" "$out/2026-01" | sort >"$TMP/got" || fail "the stored messages"
cat >"$TMP/want" <<'W'
rep A1 a1@example.cn
rep A2 a2@example.cn
rep B1 b1@example.cn
rep M1 m1@example.cn
team east m1@example.cn
W
diff "$TMP/want" "$TMP/got" >/dev/null || fail "who got what: $(cat "$TMP/got")"
[ "$(grep -h '^peer' "$TMP/main.store"/*.env | sort -u | wc -l)" -eq 1 ] ||
    fail "not one connection: $(grep -h '^peer' "$TMP/main.store"/*.env | sort -u | tr '\n' ' ')"
# the server received the dry run's bytes
for f in "$TMP/main.store"/*.eml; do
	found=no
	for g in "$TMP/box1"/*.eml; do
		cmp -s "$f" "$g" && found=yes
	done
	[ $found = yes ] || fail "${f##*/}: not the bytes of the dry run's .eml"
done
log=$out/.send/2026-01.csv
[ "$(head -n 1 "$log")" = "kind,id,address,message_id,statement_sha256,smtp_reply,result" ] ||
    fail "the log's header: $(head -n 1 "$log")"
[ "$(grep -c ',sent$' "$log")" -eq 5 ] || fail "the log: $(grep -c ',sent$' "$log") sent rows"
a1hash=$(sha256sum "$out/2026-01/reps/A1.pdf" | cut -c1-64)
grep -q "^rep,A1,a1@example.cn,<\{0,1\}$a1hash\.2026-01\.A1@example\.cn>\{0,1\},$a1hash,.*,sent$" "$log" ||
    fail "the log's row for A1: $(grep '^rep,A1' "$log")"

# a re-run sends nothing
"$BIN" send 2026-01 --input "$ws" --output "$out" >"$TMP/sent2" 2>"$TMP/e" ||
    fail "the re-run failed: $(cat "$TMP/e")"
[ "$(count "$TMP/main.store")" -eq 5 ] || fail "the re-run sent again"
[ "$(grep -c '^sent before' "$TMP/sent2")" -eq 5 ] || fail "the re-run's summary: $(cat "$TMP/sent2")"

# A1's statement changes: listed, sent only with --resend, then once
sed -i 's/^2026-01-10,A1,C1,60000.00/2026-01-10,A1,C1,61000.00/' "$ws/sales.csv"
monthly "$ws" "$out"
"$BIN" send 2026-01 --input "$ws" --output "$out" >"$TMP/sent3" 2>"$TMP/e" ||
    fail "the run after the change failed: $(cat "$TMP/e")"
[ "$(count "$TMP/main.store")" -eq 5 ] || fail "a changed statement went without --resend"
grep -q 'rep A1 changed since it was sent' "$TMP/e" || fail "the changed statement not listed: $(cat "$TMP/e")"
"$BIN" send 2026-01 --resend --input "$ws" --output "$out" >"$TMP/sent4" 2>"$TMP/e" ||
    fail "--resend failed: $(cat "$TMP/e")"
# A1's statement, east's report and M1's statement (M1 is measured on
# the team, whose revenue changed too)
[ "$(count "$TMP/main.store")" -eq 8 ] || fail "--resend: $(($(count "$TMP/main.store") - 5)) messages, not 3"
grep -q '^sent rep A1 a1@example.cn' "$TMP/sent4" || fail "--resend did not send A1's"
"$BIN" send 2026-01 --resend --input "$ws" --output "$out" >/dev/null 2>&1
[ "$(count "$TMP/main.store")" -eq 8 ] || fail "a second --resend sent again"
# no (document, statement, address) twice on the server
for f in "$TMP/main.store"/*.eml; do
	grep -m1 '^Message-ID' "$f"
done | sort | uniq -d >"$TMP/dups"
[ ! -s "$TMP/dups" ] || fail "a message sent twice: $(cat "$TMP/dups")"

# --rep and --team choose; a missing address refuses (65) and lists all
sed -i 's/^A2,李娜,east,sales,M1,,,a2@example.cn/A2,李娜,east,sales,M1,,,/; s/^B1,王磊,west,sales,,,,b1@example.cn/B1,王磊,west,sales,,,,b1@example..cn/' "$ws/team.csv"
rm -rf "$out/.send"
rc=0
"$BIN" send 2026-01 --input "$ws" --output "$out" >"$TMP/o" 2>"$TMP/e" || rc=$?
[ $rc -eq 65 ] || fail "missing addresses: exit $rc, not 65"
grep -q 'team.csv:4: email: no address (the statement of A2)' "$TMP/e" || fail "A2 not listed: $(cat "$TMP/e")"
grep -q 'team.csv:5: email: not an address' "$TMP/e" || fail "B1 not listed: $(cat "$TMP/e")"
[ "$(count "$TMP/main.store")" -eq 8 ] || fail "a refused run sent something"
"$BIN" send 2026-01 --skip-missing --rep A1 --input "$ws" --output "$out" >"$TMP/o" 2>"$TMP/e" ||
    fail "--rep A1: $(cat "$TMP/e")"
[ "$(count "$TMP/main.store")" -eq 9 ] || fail "--rep A1 sent $(($(count "$TMP/main.store") - 8))"
"$BIN" send 2026-01 --skip-missing --team east --input "$ws" --output "$out" >"$TMP/o" 2>"$TMP/e" ||
    fail "--team east --skip-missing: $(cat "$TMP/e")"
# M1's statement and east's report; A1 sent already, A2 skipped
[ "$(count "$TMP/main.store")" -eq 11 ] || fail "--team east sent $(($(count "$TMP/main.store") - 9)), not 2"
grep -q '^skipped rep A2' "$TMP/o" || fail "--skip-missing: A2 not listed as skipped"
stop_servers

# sales.csv is not read (send never recomputes)
printf 'not,a\n"sales file' >"$ws/sales.csv"
"$BIN" -q send 2026-01 --dry-run --skip-missing --input "$ws" --output "$out" >/dev/null 2>"$TMP/e" ||
    fail "send read sales.csv: $(cat "$TMP/e")"

# a link planted in the folder is not followed, an id that is not one in
# scores.csv never becomes a path: 66, nothing written
echo 'secret text' >"$TMP/secret"
mv "$out/2026-01/reps/A1.pdf" "$TMP/A1.pdf"
ln -s "$TMP/secret" "$out/2026-01/reps/A1.pdf"
rc=0
"$BIN" send 2026-01 --dry-run --rep A1 --input "$ws" --output "$out" >"$TMP/o" 2>"$TMP/e" || rc=$?
[ $rc -eq 66 ] || fail "a planted link: exit $rc, not 66"
grep -q 'reps/A1.pdf: cannot read the statement' "$TMP/e" || fail "a planted link: $(cat "$TMP/e")"
! grep -rq 'c2VjcmV0' "$out/.send" || fail "the linked file was mailed"
rm "$out/2026-01/reps/A1.pdf"
mv "$TMP/A1.pdf" "$out/2026-01/reps/A1.pdf"
sed -i 's#^2026-01,M1,#2026-01,../../M1,#' "$out/2026-01/scores.csv"
rc=0
"$BIN" send 2026-01 --dry-run --team east --input "$ws" --output "$out" >"$TMP/o" 2>"$TMP/e" || rc=$?
[ $rc -eq 66 ] || fail "a path in scores.csv: exit $rc, not 66"
grep -q 'scores.csv: not an id' "$TMP/e" || fail "a path in scores.csv: $(cat "$TMP/e")"

# the demo: a dry run of the month
d=$TMP/demo
"$BIN" -q monthly 2026-10 --input input --output "$d" --format pdf,csv ||
    fail "the demo's month"
"$BIN" -q send 2026-10 --dry-run --input input --output "$d" >"$TMP/demo.out" 2>"$TMP/e" ||
    fail "the demo's dry run: $(cat "$TMP/e")"
n=$(ls "$d/.send/2026-10/outbox" | wc -l)
people=$(awk 'NR > 1' "$d/2026-10/scores.csv" | wc -l)
[ "$n" -gt "$people" ] || fail "the demo's dry run: $n messages for $people people"
echo ok
