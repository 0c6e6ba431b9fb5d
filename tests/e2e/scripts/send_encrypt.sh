#!/bin/sh
# scorecard send --encrypt (docs/output.md §8): each attachment AES-256
# (R6) under the recipient's statement_password (here under its Chinese
# header 报表密码), which poppler needs to open it and with which the text
# extracts as from the statement; the archived PDFs unchanged; a
# recipient without a password refused (65) before anything is sent
# unless --skip-missing; the password shown nowhere (messages, dumps,
# the log, the outbox); a bad one refused without being shown.
set -eu
. "$(dirname "$0")/../send_lib.sh"

ws=$TMP/ws
out=$TMP/out
make_workspace "$ws" 报表密码
monthly "$ws" "$out"
unset SCORECARD_SMTP_USER SCORECARD_SMTP_PASSWORD SCORECARD_SMTP_CAFILE \
    SCORECARD_SMTP_FROM 2>/dev/null || true
(cd "$out/2026-01" && sha256sum reps/*.pdf teams/*.pdf) >"$TMP/before"

start_server enc
export SCORECARD_SMTP_URL="smtp://127.0.0.1:$PORT"

# B1 has no password: 65, nothing sent, B1 listed
rc=0
"$BIN" send 2026-01 --encrypt --input "$ws" --output "$out" >"$TMP/o" 2>"$TMP/e" || rc=$?
[ $rc -eq 65 ] || fail "a missing password: exit $rc, not 65"
grep -q 'team.csv:5: statement_password: no statement_password (--encrypt) (the statement of B1)' "$TMP/e" ||
    fail "B1 not listed: $(cat "$TMP/e")"
[ "$(count "$TMP/enc.store")" -eq 0 ] || fail "a refused run sent"

# with --skip-missing: the four others, encrypted
"$BIN" send 2026-01 --encrypt --skip-missing --input "$ws" --output "$out" \
    >"$TMP/o" 2>"$TMP/e" || fail "--encrypt --skip-missing: $(cat "$TMP/e")"
[ "$(count "$TMP/enc.store")" -eq 4 ] || fail "--encrypt: $(count "$TMP/enc.store") sent, not 4"
check_store "$TMP/enc.store" "$out/2026-01" --encrypted | sort >"$TMP/got" ||
    fail "the encrypted attachments"
printf 'rep A1 a1@example.cn\nrep A2 a2@example.cn\nrep M1 m1@example.cn\nteam east m1@example.cn\n' >"$TMP/want"
diff "$TMP/want" "$TMP/got" >/dev/null || fail "who got what: $(cat "$TMP/got")"
# AES-256: R6, V5 in the encryption dictionary
$PY - "$TMP/enc.store" <<'PYEOF' || fail "not AES-256 R6"
import email, email.policy, os, re, sys
for n in os.listdir(sys.argv[1]):
    if n.endswith(".eml"):
        m = email.message_from_bytes(open(os.path.join(sys.argv[1], n), "rb").read(),
                                     policy=email.policy.default)
        pdf = next(m.iter_attachments()).get_content()
        if not re.search(rb"/R 6\b", pdf) or not re.search(rb"/V 5\b", pdf) or b"/AESV3" not in pdf:
            sys.exit(1)
PYEOF
(cd "$out/2026-01" && sha256sum reps/*.pdf teams/*.pdf) >"$TMP/after"
cmp -s "$TMP/before" "$TMP/after" || fail "the archived statements changed"

# the dry run encrypts too (its attachments differ from run to run)
"$BIN" -q send 2026-01 --encrypt --skip-missing --dry-run --resend --input "$ws" \
    --output "$out" >"$TMP/dry" 2>&1 || fail "--encrypt --dry-run: $(cat "$TMP/dry")"

# the passwords are nowhere
"$BIN" monthly 2026-01 --dump model --input "$ws" --output "$out" >"$TMP/dump" 2>&1 || true
"$BIN" check --input "$ws" >"$TMP/check" 2>&1 || true
for pw in "$PW_M1" "$PW_A1" "$PW_A2"; do
	! grep -rqF -- "$pw" "$TMP/o" "$TMP/e" "$TMP/dry" "$TMP/dump" "$TMP/check" \
	    "$out/.send" "$out/2026-01" || fail "a statement password is shown"
done

# a password too long: refused, not shown
long=$(printf 'x%.0s' $(seq 1 128))
sed -i "s/^B1,王磊,west,sales,,,,b1@example.cn,.*/B1,王磊,west,sales,,,,b1@example.cn,$long/" "$ws/team.csv"
rc=0
"$BIN" check --input "$ws" >"$TMP/o" 2>"$TMP/e" || rc=$?
[ $rc -eq 65 ] || fail "a 128-byte password: check exit $rc, not 65"
grep -q 'team.csv:5: statement_password: a statement password is 1 to 127 bytes' "$TMP/e" ||
    fail "the long password not reported: $(cat "$TMP/e")"
! grep -qF "$long" "$TMP/e" || fail "the bad password was shown"
echo ok
