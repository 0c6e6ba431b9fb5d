#!/bin/sh
# scorecard send when the server fails (docs/output.md §8): a 421 or a
# dropped connection mid-batch stops the run (75) with the delivery log
# complete up to there, and the next run sends exactly the rest; a 550
# for one address marks that one failed while the others go on (69), and
# the next run retries it alone; a log whose last line was cut short is
# repaired; a run interrupted mid-batch ends between messages with the log
# complete.  No (document, address) pair ever reaches the server twice.
set -eu
. "$(dirname "$0")/../send_lib.sh"

ws=$TMP/ws
out=$TMP/out
log=$out/.send/2026-01.csv
make_workspace "$ws"
monthly "$ws" "$out"
unset SCORECARD_SMTP_USER SCORECARD_SMTP_PASSWORD SCORECARD_SMTP_CAFILE \
    SCORECARD_SMTP_FROM 2>/dev/null || true

# send [args]: the status of a run against $PORT
send() {
	rc=0
	SCORECARD_SMTP_URL="smtp://127.0.0.1:$PORT" "$BIN" send 2026-01 \
	    --input "$ws" --output "$out" "$@" >"$TMP/o" 2>"$TMP/e" || rc=$?
	echo $rc
}

# no two messages with one Message-ID across the stores given
no_twice() {
	cat "$@" | grep -h '^Message-ID' | sort | uniq -d >"$TMP/dups"
	[ ! -s "$TMP/dups" ] || fail "sent twice: $(cat "$TMP/dups")"
}

# a 421 after two messages: 75, two rows; the rest on the next run
start_server busy --fail-after 2
rc=$(send)
[ "$rc" -eq 75 ] || fail "421: exit $rc, not 75: $(cat "$TMP/e")"
grep -q '421' "$TMP/e" || fail "421: the reply not shown: $(cat "$TMP/e")"
[ "$(count "$TMP/busy.store")" -eq 2 ] || fail "421: $(count "$TMP/busy.store") accepted"
[ "$(grep -c ',sent$' "$log")" -eq 2 ] || fail "421: the log has $(grep -c ',sent$' "$log") sent rows, not 2"
[ "$(wc -l <"$log")" -eq 3 ] || fail "421: the log: $(cat "$log")"
stop_servers
start_server rest
rc=$(send)
[ "$rc" -eq 0 ] || fail "after 421: exit $rc: $(cat "$TMP/e")"
[ "$(count "$TMP/rest.store")" -eq 3 ] || fail "after 421: $(count "$TMP/rest.store") sent, not the 3 left"
check_store "$TMP/busy.store" "$out/2026-01" >"$TMP/a" || fail "the first part"
check_store "$TMP/rest.store" "$out/2026-01" >>"$TMP/a" || fail "the rest"
[ "$(sort -u "$TMP/a" | wc -l)" -eq 5 ] || fail "not every message once: $(cat "$TMP/a")"
no_twice "$TMP/busy.store"/*.eml "$TMP/rest.store"/*.eml
rc=$(send)
[ "$rc" -eq 0 ] && [ "$(count "$TMP/rest.store")" -eq 3 ] || fail "a third run sent again"
stop_servers

# the connection dropped after one message: 75, one row
rm -rf "$out/.send"
start_server drop --drop-after 1
rc=$(send)
[ "$rc" -eq 75 ] || fail "dropped: exit $rc, not 75: $(cat "$TMP/e")"
[ "$(grep -c ',sent$' "$log")" -eq 1 ] && [ "$(count "$TMP/drop.store")" -eq 1 ] ||
    fail "dropped: $(count "$TMP/drop.store") accepted, log $(cat "$log")"
stop_servers
# a cut-short last line (a crash while writing) is removed, with a warning
printf 'rep,A2,a2@exa' >>"$log"
start_server after_drop
rc=$(send)
[ "$rc" -eq 0 ] || fail "after the drop: exit $rc: $(cat "$TMP/e")"
grep -q 'cut short' "$TMP/e" || fail "the cut line not said: $(cat "$TMP/e")"
[ "$(count "$TMP/after_drop.store")" -eq 4 ] || fail "after the drop: $(count "$TMP/after_drop.store") sent, not 4"
[ "$(grep -c ',sent$' "$log")" -eq 5 ] && [ "$(wc -l <"$log")" -eq 6 ] || fail "the log after the repair: $(cat "$log")"
no_twice "$TMP/drop.store"/*.eml "$TMP/after_drop.store"/*.eml
stop_servers

# a 550 for A2: the others go on, A2 failed, 69; the next run retries A2
rm -rf "$out/.send"
start_server picky --reject a2@example.cn
rc=$(send)
[ "$rc" -eq 69 ] || fail "550: exit $rc, not 69: $(cat "$TMP/e")"
[ "$(count "$TMP/picky.store")" -eq 4 ] || fail "550: $(count "$TMP/picky.store") accepted, not 4"
grep -q '^rep,A2,a2@example.cn,.*,"\{0,1\}550 .*,failed$' "$log" || fail "550: A2's row: $(grep A2 "$log")"
grep -q '^failed rep A2' "$TMP/o" || fail "550: A2 not listed as failed: $(cat "$TMP/o")"
stop_servers
start_server retry
rc=$(send)
[ "$rc" -eq 0 ] || fail "the retry: exit $rc: $(cat "$TMP/e")"
[ "$(count "$TMP/retry.store")" -eq 1 ] || fail "the retry sent $(count "$TMP/retry.store"), not 1"
check_store "$TMP/retry.store" "$out/2026-01" | grep -q '^rep A2 a2@example.cn$' || fail "the retry was not A2's"
no_twice "$TMP/picky.store"/*.eml "$TMP/retry.store"/*.eml
stop_servers

# interrupted (SIGTERM, handled as Control-C) while the server takes its
# time: the run ends between messages, every message the server took is
# in the log, and the next run sends exactly the rest
rm -rf "$out/.send"
start_server slow --delay 0.4
SCORECARD_SMTP_URL="smtp://127.0.0.1:$PORT" "$BIN" send 2026-01 --input "$ws" \
    --output "$out" >"$TMP/o" 2>"$TMP/e" &
pid=$!
i=0
while [ "$(count "$TMP/slow.store")" -lt 1 ]; do
	i=$((i + 1))
	[ $i -lt 200 ] || fail "the slow server got nothing"
	sleep 0.05
done
kill -TERM $pid
rc=0
wait $pid || rc=$?
[ "$rc" -eq 143 ] || fail "interrupted: exit $rc, not 143: $(cat "$TMP/e")"
n=$(count "$TMP/slow.store")
[ "$n" -lt 5 ] || fail "interrupted: the run went on to the end"
[ "$(grep -c ',sent$' "$log")" -eq "$n" ] || fail "interrupted: $n accepted, the log: $(cat "$log")"
[ "$(tail -c 1 "$log" | od -An -c | tr -d ' ')" = '\n' ] || fail "interrupted: the log's last line is cut"
stop_servers
start_server after_slow
rc=$(send)
[ "$rc" -eq 0 ] || fail "after the interruption: exit $rc: $(cat "$TMP/e")"
[ "$(count "$TMP/after_slow.store")" -eq $((5 - n)) ] || fail "after the interruption: $(count "$TMP/after_slow.store") sent, not $((5 - n))"
no_twice "$TMP/slow.store"/*.eml "$TMP/after_slow.store"/*.eml
stop_servers

# nobody listening: 75, nothing logged as sent
rm -rf "$out/.send"
PORT=1
rc=$(send)
[ "$rc" -eq 75 ] || fail "no server: exit $rc, not 75: $(cat "$TMP/e")"
! grep -q ',sent$' "$log" 2>/dev/null || fail "no server: a row sent"
echo ok
