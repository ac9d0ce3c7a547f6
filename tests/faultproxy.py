#!/usr/bin/env python3
"""A small fault-injecting HTTP proxy in front of a real S3 server, for the fault tests.

    python3 tests/faultproxy.py UPSTREAM_URL PORT   # listens on 127.0.0.1:PORT until killed

Requests are forwarded unchanged (the Host header too, so SigV4 signatures made for the proxy's address
still verify upstream). The faults are set by the tests, through the proxy itself:

    POST /__fault__  {"mode": "down" | "503" | "500" | "drop" | "lost" | "hang" | "delay" | "markup" | "expired"
                      | "pass", "count": N}

`down` and `drop` close the connection without an answer (what a browser sees when a server is
stopped); `lost` forwards PUTs, then breaks their answer off (S3 stored the object; the answer never
arrived whole; other requests pass); `hang` forwards PUTs and then never answers, holding the
connection open until the client gives up (at most 120 s; other requests pass); `delay` holds a request
for `"seconds"` (default 1) before forwarding it, as a slow network does; `503` answers SlowDown and `500` InternalError, as S3 does; `markup` refuses with an
AccessDenied whose message is HTML, for the test that everything shown from S3 is escaped; `expired` refuses PUTs
with ExpiredToken (other requests pass), as S3 does when temporary credentials run out. With `count`, the fault applies to
the next N requests (503 and 500 are not given to CORS preflights), then the proxy passes everything
again; without it, it lasts until the next change. With `"method": "PUT"` (say), only requests of that
method get the fault and count down; the others pass. GET /__fault__ returns the counts of requests seen, faults injected and requests
the server itself refused (403), and the log of the last requests.
Only 127.0.0.1 is served, and each request is handled once: no loop.

Bodies from upstream are relayed in 64 KiB pieces as they come, so a client that hangs up (an aborted
fetch) stops the transfer. Two more fields of the POST say how they go out, until the next POST:
`"chunked": true` drops the Content-Length and sends Transfer-Encoding: chunked (a body whose size the
client learns only by reading), and `"rate": BYTES_PER_SECOND` paces them, as a network would; on
loopback the sockets would otherwise buffer megabytes that the client never read.

The log (`"log"`, the last 5,000 requests, /__fault__ excluded) has for each request its `seq`
(counting from 1), `method`, `path`, `time` (Unix seconds), `fault` (the mode it was given, or null),
`status` (null when the proxy closed the connection) and `sent`, the body bytes the client accepted;
`done` once the proxy is through with it.
Tests read it to check that no request reached the server, or how much of a body reached the browser.

Answers from upstream that carry no CORS headers (Ceph RGW sends none with its 403s) get the ones AWS S3
sends when a bucket CORS rule matches, so that, as on AWS, the page can read S3's error: the clock-skew
test needs the server's time from a refused request.
"""

import http.client
import itertools
import json
import sys
import threading
import time
from xml.sax.saxutils import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

UPSTREAM = urlsplit(sys.argv[1]) if len(sys.argv) == 3 else None
STATE = {"mode": "pass", "remaining": None, "method": None, "seconds": 1.0, "requests": 0, "faults": 0, "refused": 0, "chunked": False, "rate": None,
         "log": []}
LOCK = threading.Lock()
SEQ = itertools.count(1)
LOG_SIZE = 5000
PIECE = 64 << 10

# What the bucket CORS rule exposes: the one rule the extension shows users and tests/s3server.py applies.
CORS_RULE = Path(__file__).resolve().parent.parent / "lab-extension" / "src" / "bucket" / "cors-rule.json"
EXPOSED = ", ".join(json.loads(CORS_RULE.read_text())["ExposeHeaders"])

S3_ERRORS = {
    "503": (503, "SlowDown", "Please reduce your request rate."),
    "500": (500, "InternalError", "We encountered an internal error. Please try again."),
    "markup": (403, "AccessDenied", '<img src=x onerror="window.__bookstoreInjected=1"><b>bold</b>'),
    "expired": (400, "ExpiredToken", "The provided token has expired."),
}


def log_request(method, path):
    """A new entry of the log, updated (under LOCK) as the request goes on."""
    entry = {"seq": next(SEQ), "method": method, "path": path, "time": time.time(), "fault": None,
             "status": None, "sent": 0, "done": False}
    with LOCK:
        STATE["log"].append(entry)
        del STATE["log"][:-LOG_SIZE]
    return entry


def next_fault(method):
    """The fault for this request, counting it down; None to forward it."""
    with LOCK:
        STATE["requests"] += 1
        if STATE["mode"] == "pass" or (method == "OPTIONS" and STATE["mode"] in S3_ERRORS):
            return None
        if STATE["mode"] in ("lost", "hang", "expired") and method != "PUT":
            return None
        if STATE["method"] not in (None, method):
            return None
        mode = STATE["mode"]
        if STATE["remaining"] is not None:
            STATE["remaining"] -= 1
            if STATE["remaining"] <= 0:
                STATE["mode"], STATE["remaining"] = "pass", None
        STATE["faults"] += 1
        return mode


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def allow_origin(self):
        """Lets the page read an answer the proxy makes up itself."""
        origin = self.headers.get("origin")
        if origin:
            self.send_header("access-control-allow-origin", origin)

    def hold(self):
        """Says nothing until the client closes the connection, or 120 s pass."""
        self.connection.settimeout(120)
        try:
            self.connection.recv(1)
        except OSError:
            pass
        self.close_connection = True

    def control(self):
        if self.command == "POST":
            body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
            with LOCK:
                STATE["mode"] = str(body.get("mode", "pass"))
                STATE["remaining"] = body.get("count")
                STATE["method"] = body.get("method")
                STATE["seconds"] = float(body.get("seconds", 1.0))
                STATE["chunked"] = bool(body.get("chunked", False))
                STATE["rate"] = body.get("rate")
        with LOCK:
            answer = json.dumps(STATE).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def relay(self, response, entry, chunked):
        """Sends the upstream body on as it comes, paced and framed as set; stops if the client hangs up."""
        with LOCK:
            rate = STATE["rate"]
        try:
            while piece := response.read(PIECE):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
                with LOCK:
                    entry["sent"] += len(piece)
                if rate:
                    time.sleep(len(piece) / rate)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except (OSError, http.client.HTTPException):
            # The client hung up, or upstream broke off: the client sees the body cut short.
            self.close_connection = True

    def forward(self):
        if self.path.startswith("/__fault__"):
            return self.control()
        entry = log_request(self.command, self.path)
        try:
            self.answer(entry)
        finally:
            with LOCK:
                entry["done"] = True

    def answer(self, entry):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        fault = next_fault(self.command)
        entry["fault"] = fault
        if fault in ("down", "drop"):
            self.close_connection = True
            self.connection.close()
            return
        if fault in S3_ERRORS:
            status, code, message = S3_ERRORS[fault]
            entry["status"] = status
            answer = f"<Error><Code>{code}</Code><Message>{escape(message)}</Message></Error>".encode()
            self.send_response(status)
            self.send_header("content-type", "application/xml")
            self.send_header("content-length", str(len(answer)))
            self.allow_origin()
            self.end_headers()
            # As S3 does, a HEAD gets the status only: a body after it would be read as the next answer.
            if self.command != "HEAD":
                self.wfile.write(answer)
            return
        if fault == "delay":
            with LOCK:
                seconds = STATE["seconds"]
            time.sleep(min(seconds, 60))
        upstream = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=120)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
        upstream.request(self.command, self.path, body=body or None, headers=headers)
        response = upstream.getresponse()
        if fault == "hang":
            upstream.close()
            self.hold()
            return
        if fault == "lost":
            # A few bytes of an answer, then the connection closes: a browser silently sends a PUT
            # again when a reused connection closes before any answer, but not once an answer began.
            upstream.close()
            self.send_response_only(200)
            self.send_header("content-length", "1000")
            self.allow_origin()
            self.end_headers()
            self.wfile.write(b"<partial")
            self.wfile.flush()
            self.close_connection = True
            self.connection.close()
            return
        if response.status == 403:
            with LOCK:
                STATE["refused"] += 1
        entry["status"] = response.status
        length = response.getheader("content-length")
        with LOCK:
            chunked = STATE["chunked"] or length is None
        # A HEAD answer describes the object (keep its length); these statuses never have a body.
        has_body = self.command != "HEAD" and response.status not in (204, 304)
        self.send_response_only(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in ("connection", "keep-alive", "transfer-encoding", "content-length"):
                self.send_header(name, value)
        origin = self.headers.get("origin")
        if origin and response.getheader("access-control-allow-origin") is None and self.command != "OPTIONS":
            self.send_header("access-control-allow-origin", origin)
            self.send_header("access-control-expose-headers", EXPOSED)
        if has_body and chunked:
            self.send_header("transfer-encoding", "chunked")
        else:
            self.send_header("content-length", length or "0")
        self.end_headers()
        if has_body:
            self.relay(response, entry, chunked)
        upstream.close()

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_OPTIONS = forward


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Clients that give up on a dropped connection are part of the tests, not errors.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def main():
    if UPSTREAM is None:
        sys.exit(__doc__)
    server = Server(("127.0.0.1", int(sys.argv[2])), Handler)
    server.serve_forever()


if __name__ == "__main__":
    main()
