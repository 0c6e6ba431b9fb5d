#!/bin/sh
# scorecard send with STARTTLS or smtps:// and AUTH (docs/output.md §8): a private CA
# from SCORECARD_SMTP_CAFILE (a throw-away self-signed certificate made
# here with openssl), the login accepted (0) or refused (77); a
# certificate not trusted, or a server without STARTTLS while a password
# is set, sends nothing (69): never AUTH in clear, never verification
# turned off.  The SMTP password is never shown.
set -eu
. "$(dirname "$0")/../send_lib.sh"

ws=$TMP/ws
out=$TMP/out
make_workspace "$ws"
monthly "$ws" "$out"
unset SCORECARD_SMTP_FROM 2>/dev/null || true
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$TMP/key.pem" \
    -out "$TMP/cert.pem" >/dev/null 2>&1 || fail "openssl could not make a certificate"
SMTP_PW='s3cret-smtp-密'

# send URL PASSWORD [CAFILE]: the status of a run
send() {
	rc=0
	SCORECARD_SMTP_URL=$1 SCORECARD_SMTP_USER=scorecard \
	    SCORECARD_SMTP_PASSWORD=$2 SCORECARD_SMTP_CAFILE=${3:-} \
	    "$BIN" send 2026-01 --input "$ws" --output "$out" >"$TMP/o" \
	    2>"$TMP/e" || rc=$?
	! grep -qF "$SMTP_PW" "$TMP/o" "$TMP/e" || fail "the SMTP password was shown"
	echo $rc
}

start_server tls --tls "$TMP/cert.pem" "$TMP/key.pem" --auth "scorecard:$SMTP_PW"
url="smtp://127.0.0.1:$PORT"

# the certificate not trusted: 69, nothing sent
rc=$(send "$url" "$SMTP_PW")
[ "$rc" -eq 69 ] || fail "untrusted certificate: exit $rc, not 69: $(cat "$TMP/e")"
grep -q 'SCORECARD_SMTP_CAFILE' "$TMP/e" || fail "untrusted certificate: the CA file not suggested"
[ "$(count "$TMP/tls.store")" -eq 0 ] || fail "untrusted certificate: sent"

# the wrong password: 77, nothing sent
rc=$(send "$url" wrong "$TMP/cert.pem")
[ "$rc" -eq 77 ] || fail "wrong password: exit $rc, not 77: $(cat "$TMP/e")"
[ "$(count "$TMP/tls.store")" -eq 0 ] || fail "wrong password: sent"
! grep -q ',sent$' "$out/.send/2026-01.csv" 2>/dev/null || fail "wrong password: logged as sent"

# no login given to a server that wants one: 77, nothing sent
rc=0
SCORECARD_SMTP_URL=$url SCORECARD_SMTP_CAFILE=$TMP/cert.pem "$BIN" send 2026-01 \
    --input "$ws" --output "$out" >"$TMP/o" 2>"$TMP/e" || rc=$?
[ "$rc" -eq 77 ] || fail "no login: exit $rc, not 77: $(cat "$TMP/e")"
[ "$(count "$TMP/tls.store")" -eq 0 ] || fail "no login: sent"

# the right one: STARTTLS, AUTH, every message on one connection
rc=$(send "$url" "$SMTP_PW" "$TMP/cert.pem")
[ "$rc" -eq 0 ] || fail "STARTTLS + AUTH: exit $rc: $(cat "$TMP/e")"
[ "$(count "$TMP/tls.store")" -eq 5 ] || fail "STARTTLS + AUTH: $(count "$TMP/tls.store") sent"
[ "$(grep -h '^auth yes' "$TMP/tls.store"/*.env | wc -l)" -eq 5 ] || fail "sent without AUTH"
[ "$(grep -h '^peer' "$TMP/tls.store"/*.env | sort -u | wc -l)" -eq 1 ] || fail "not one connection"
check_store "$TMP/tls.store" "$out/2026-01" >/dev/null || fail "the messages over TLS"
! grep -rqF "$SMTP_PW" "$out/.send" || fail "the SMTP password in output/.send"
stop_servers

# smtps://: TLS from the first byte
rm -rf "$out/.send"
start_server implicit --tls "$TMP/cert.pem" "$TMP/key.pem" --implicit-tls --auth "scorecard:$SMTP_PW"
rc=$(send "smtps://127.0.0.1:$PORT" "$SMTP_PW" "$TMP/cert.pem")
[ "$rc" -eq 0 ] || fail "smtps://: exit $rc: $(cat "$TMP/e")"
[ "$(count "$TMP/implicit.store")" -eq 5 ] || fail "smtps://: $(count "$TMP/implicit.store") sent"
check_store "$TMP/implicit.store" "$out/2026-01" >/dev/null || fail "the messages over smtps://"
stop_servers

# a password and a server without STARTTLS: nothing sent, no AUTH
rm -rf "$out/.send"
start_server plain
rc=$(send "smtp://127.0.0.1:$PORT" "$SMTP_PW" "$TMP/cert.pem")
[ "$rc" -eq 69 ] || fail "no STARTTLS with a password: exit $rc, not 69: $(cat "$TMP/e")"
[ "$(count "$TMP/plain.store")" -eq 0 ] || fail "sent in clear"

# not an SMTP URL, or a password without a user: 64
rc=0
SCORECARD_SMTP_URL="http://127.0.0.1:$PORT" "$BIN" send 2026-01 --input "$ws" \
    --output "$out" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 64 ] || fail "http:// URL: exit $rc, not 64"
rc=0
SCORECARD_SMTP_URL="smtp://127.0.0.1:$PORT" SCORECARD_SMTP_PASSWORD=x "$BIN" send \
    2026-01 --input "$ws" --output "$out" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 64 ] || fail "a password without a user: exit $rc, not 64"
echo ok
