#!/usr/bin/python3
"""A real SMTP server for the tests of `scorecard send` (aiosmtpd).

Listens on 127.0.0.1 only, on a free port it writes to --port-file once
it takes connections, and stores each accepted message as NNNN.eml in
--store, with NNNN.env beside it (the envelope: "from", each "rcpt" and
the client's port, which tells the connections apart).  Stops on SIGTERM
or after --lifetime seconds, whichever comes first, so a test that dies
never leaves it running for long.

Variants:
  --fail-after N      after N accepted messages, answer MAIL FROM with 421
  --drop-after N      after N accepted messages, close the connection at
                      MAIL FROM without a reply
  --reject ADDR       answer RCPT TO:<ADDR> with 550 (may be repeated)
  --tls CERT KEY      offer STARTTLS with this certificate, and require it
  --implicit-tls      with --tls: TLS from the first byte (smtps://)
  --auth USER:PASS    require AUTH (PLAIN or LOGIN) with these
  --delay SECONDS     wait this long before answering each message's data
"""
import argparse
import asyncio
import os
import signal
import socket
import ssl
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Store:
    def __init__(self, args):
        self.args = args
        self.accepted = len([n for n in os.listdir(args.store)
                             if n.endswith(".eml")])
        self.lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address,
                          mail_options):
        n = self.accepted
        if self.args.fail_after is not None and n >= self.args.fail_after:
            return "421 4.3.2 Service not available, closing channel"
        if self.args.drop_after is not None and n >= self.args.drop_after:
            server.transport.close()
            return None
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address,
                          rcpt_options):
        if address.lower() in self.args.reject:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.args.delay:
            await asyncio.sleep(self.args.delay)
        with self.lock:
            self.accepted += 1
            n = self.accepted
        base = os.path.join(self.args.store, "%04d" % n)
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        with open(base + ".tmp", "wb") as f:
            f.write(data)
        with open(base + ".env", "w") as f:
            f.write("from %s\n" % envelope.mail_from)
            for r in envelope.rcpt_tos:
                f.write("rcpt %s\n" % r)
            f.write("peer %s\n" % session.peer[1])
            f.write("auth %s\n" % ("yes" if session.authenticated
                                   else "no"))
        os.rename(base + ".tmp", base + ".eml")
        return "250 2.0.0 Ok: queued as %04d" % n


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--fail-after", type=int)
    ap.add_argument("--drop-after", type=int)
    ap.add_argument("--reject", action="append", default=[])
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    ap.add_argument("--implicit-tls", action="store_true")
    ap.add_argument("--auth")
    ap.add_argument("--delay", type=float, default=0)
    ap.add_argument("--lifetime", type=float, default=120)
    args = ap.parse_args()
    args.reject = [a.lower() for a in args.reject]
    os.makedirs(args.store, exist_ok=True)

    kw = {}
    if args.tls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(args.tls[0], args.tls[1])
        if args.implicit_tls:
            kw["ssl_context"] = ctx
        else:
            kw["tls_context"] = ctx
            kw["require_starttls"] = True
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and
                  auth_data.login == user.encode() and
                  auth_data.password == password.encode())
            return AuthResult(success=ok, handled=False)
        kw["authenticator"] = authenticator
        kw["auth_required"] = True
        # aiosmtpd does not count TLS from the first byte as TLS when
        # it decides to offer AUTH
        kw["auth_require_tls"] = not args.implicit_tls
    port = free_port()
    ctl = Controller(Store(args), hostname="127.0.0.1", port=port,
                     ready_timeout=10, **kw)
    ctl.start()
    with open(args.port_file + ".tmp", "w") as f:
        f.write("%d\n" % port)
    os.rename(args.port_file + ".tmp", args.port_file)

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: done.set())
    signal.signal(signal.SIGINT, lambda *a: done.set())
    done.wait(args.lifetime)
    ctl.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
