# Shared by the tests/e2e/scripts/send*.sh tests of `scorecard send`
# (sourced; BIN and TMP set by tests/run.sh): a small workspace with its
# statements, a real SMTP server on 127.0.0.1 (tests/e2e/smtp_server.py,
# Debian's python3-aiosmtpd) started and stopped by the test, and a
# checker that parses the stored messages back with Python's email
# package.
LC_ALL=C
export LC_ALL
PY=/usr/bin/python3
LIB_DIR=$(cd "$(dirname "$0")/.." && pwd)
SERVER_PIDS=""

fail() {
	echo "$(basename "$0"): $*" >&2
	exit 1
}

stop_servers() {
	for p in $SERVER_PIDS; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	SERVER_PIDS=""
}
trap 'stop_servers' EXIT
trap 'stop_servers; exit 130' INT TERM HUP

# The statement passwords, never to be seen in any output.
PW_M1='月亮-secret-M1'
PW_A1='pa$$ A1 "quoted"'
PW_A2='A2-密码'
export PW_M1 PW_A1 PW_A2

# make_workspace DIR [password-header]: four people in two teams; M1
# manages east and is measured on it; west has nobody measured on it.
make_workspace() {
	mkdir -p "$1"
	cat >"$1/policy.yaml" <<'EOF'
organisation:
  company: 明川软件
  teams: {east: 华东大区, west: 华西大区}
  sender: 人力资源部 <hr@example.cn>
tiers:
  - {name: A, min_score: 80, multiplier: 1.2}
  - {name: B, min_score: 0, multiplier: 1.0}
team_scope_roles: [manager]
EOF
	{
		echo "rep_id,name,team,role,manager_id,hire_date,leave_date,email,${2:-statement_password}"
		echo "M1,陈志强,east,manager,,,,m1@example.cn,$PW_M1"
		echo "A1,张伟,east,sales,M1,,,a1@example.cn,\"$(printf '%s' "$PW_A1" | sed 's/"/""/g')\""
		echo "A2,李娜,east,sales,M1,,,a2@example.cn,$PW_A2"
		echo "B1,王磊,west,sales,,,,b1@example.cn,"
	} >"$1/team.csv"
	cat >"$1/sales.csv" <<'EOF'
date,rep_id,customer_id,amount,order_id
2026-01-10,A1,C1,60000.00,O1
2026-01-11,A2,C2,30000.00,O2
2026-01-12,M1,C3,5000.00,O3
2026-01-13,B1,C4,20000.00,O4
EOF
	cat >"$1/targets.csv" <<'EOF'
period,scope,id,kpi,target
2026-01,rep,A1,revenue,50000.00
2026-01,rep,A2,revenue,40000.00
2026-01,rep,M1,revenue,10000.00
2026-01,rep,B1,revenue,30000.00
EOF
}

# monthly WS OUT: the month's statements (PDF and CSV).
monthly() {
	"$BIN" -q monthly 2026-01 --format pdf,csv --input "$1" --output "$2" \
	    2>"$TMP/monthly.err" || fail "monthly failed: $(cat "$TMP/monthly.err")"
}

# start_server NAME [options of smtp_server.py]: a server storing into
# $TMP/NAME.store; sets PORT.
start_server() {
	name=$1
	shift
	rm -f "$TMP/$name.port"
	mkdir -p "$TMP/$name.store"
	$PY "$LIB_DIR/smtp_server.py" --store "$TMP/$name.store" \
	    --port-file "$TMP/$name.port" --lifetime 100 "$@" \
	    >"$TMP/$name.log" 2>&1 &
	SERVER_PIDS="$SERVER_PIDS $!"
	i=0
	while [ ! -s "$TMP/$name.port" ]; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "the SMTP server did not start: $(cat "$TMP/$name.log")"
		sleep 0.1
	done
	PORT=$(cat "$TMP/$name.port")
}

# count STORE: the messages stored.
count() {
	find "$1" -name '*.eml' | wc -l | tr -d ' '
}

# check_store STORE OUT/PERIOD [--encrypted]: every stored message parsed
# back: one recipient, To = the envelope, the attachment byte-identical
# to the statement it names (or, encrypted, opening only with the
# recipient's password), Chinese subject and file name decoding exactly;
# prints "kind id address" per message.
check_store() {
	$PY - "$@" <<'EOF'
import email, email.policy, os, subprocess, sys, tempfile
store, folder = sys.argv[1], sys.argv[2]
encrypted = "--encrypted" in sys.argv
people = {"m1@example.cn": ("M1", "陈志强"), "a1@example.cn": ("A1", "张伟"),
          "a2@example.cn": ("A2", "李娜"), "b1@example.cn": ("B1", "王磊")}
passwords = {"M1": os.environ.get("PW_M1"), "A1": os.environ.get("PW_A1"),
             "A2": os.environ.get("PW_A2")}
def die(msg):
    print("check_store: " + msg, file=sys.stderr)
    sys.exit(1)
def text_of(pdf, pw=None):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf); f.flush()
        args = ["pdftotext"] + (["-upw", pw] if pw is not None else []) + [f.name, "-"]
        r = subprocess.run(args, capture_output=True)
        return r.returncode, r.stdout
for name in sorted(os.listdir(store)):
    if not name.endswith(".eml"):
        continue
    raw = open(os.path.join(store, name), "rb").read()
    env = open(os.path.join(store, name[:-4] + ".env")).read().split("\n")
    rcpts = [l[5:] for l in env if l.startswith("rcpt ")]
    if len(rcpts) != 1:
        die("%s: %d recipients" % (name, len(rcpts)))
    for line in raw.split(b"\r\n"):
        if len(line) > 998:
            die("%s: a line of %d characters" % (name, len(line)))
    head = raw.split(b"\r\n\r\n", 1)[0]
    for line in head.split(b"\r\n"):
        if len(line) > 78 and not line.startswith(b"Message-ID:"):
            die("%s: a header line of %d characters" % (name, len(line)))
        low = line.lower()
        if low.startswith(b"bcc") or low.startswith(b"cc:"):
            die("%s: a Bcc or Cc header" % name)
    if b"\n" in raw.replace(b"\r\n", b""):
        die("%s: a bare line feed" % name)
    m = email.message_from_bytes(raw, policy=email.policy.default)
    to = m["To"].addresses
    if len(to) != 1 or to[0].addr_spec != rcpts[0]:
        die("%s: To %s, envelope %s" % (name, m["To"], rcpts))
    rep, pname = people[rcpts[0]]
    atts = list(m.iter_attachments())
    if len(atts) != 1:
        die("%s: %d attachments" % (name, len(atts)))
    fn = atts[0].get_filename()
    subject = str(m["Subject"])
    if fn == "%s-2026年1月-绩效报表.pdf" % pname:
        kind, doc = "rep", rep
        want = "明川软件 · %s · 2026年1月 绩效报表" % pname
    elif fn == "华东大区-2026年1月-团队报表.pdf":
        kind, doc = "team", "east"
        want = "明川软件 · 华东大区 · 2026年1月 团队报表"
    else:
        die("%s: file name %r" % (name, fn))
    if subject != want:
        die("%s: subject %r, not %r" % (name, subject, want))
    if m["From"].addresses[0].display_name != "人力资源部":
        die("%s: From %s" % (name, m["From"]))
    pdf = open(os.path.join(folder, "reps" if kind == "rep" else "teams",
                            doc + ".pdf"), "rb").read()
    got = atts[0].get_content()
    if not encrypted:
        if got != pdf:
            die("%s: the attachment differs from %s.pdf" % (name, doc))
    else:
        if got == pdf or b"/Encrypt" not in got:
            die("%s: the attachment is not encrypted" % name)
        rc, _ = text_of(got)
        if rc == 0:
            die("%s: the attachment opens without a password" % name)
        rc, text = text_of(got, passwords[rep])
        rc0, text0 = text_of(pdf)
        if rc != 0 or text != text0 or not text:
            die("%s: the attachment does not open with %s's password to the same text" % (name, rep))
    if m.get_body(("plain",)) is None or m.get_body(("html",)) is None:
        die("%s: no text or no HTML alternative" % name)
    if pname not in m.get_body(("plain",)).get_content():
        die("%s: the text does not greet %s" % (name, pname))
    print(kind, doc, rcpts[0])
EOF
}
