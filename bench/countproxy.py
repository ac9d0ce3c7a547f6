#!/usr/bin/env python3
"""Counts the S3 requests that pass through it, for the cost workload.

    python3 bench/countproxy.py UPSTREAM_URL PORT   # listens on 127.0.0.1:PORT until killed

Forwards every request unchanged (the Host header too, so signatures made for the proxy's address still
verify upstream). GET /__count__ returns {"METHOD": n, ..., "bytesSent": n} since the last
POST /__count__, which resets the counts.
"""

import http.client
import json
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

UPSTREAM = urlsplit(sys.argv[1]) if len(sys.argv) == 3 else None
COUNTS = Counter()
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, data, headers=()):
        self.send_response_only(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def forward(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        if self.path.startswith("/__count__"):
            with LOCK:
                if self.command == "POST":
                    COUNTS.clear()
                data = json.dumps(COUNTS).encode()
            return self.answer(200, data, [("content-type", "application/json")])
        # A ListObjectVersions is a GET too; count it apart, it is what a history listing costs.
        kind = "LIST" if self.command == "GET" and "versions" in urlsplit(self.path).query else self.command
        with LOCK:
            COUNTS[kind] += 1
            COUNTS["bytesSent"] += len(body)
        upstream = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=300)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
        upstream.request(self.command, self.path, body=body or None, headers=headers)
        response = upstream.getresponse()
        data = response.read()
        self.send_response_only(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in ("connection", "keep-alive", "transfer-encoding", "content-length"):
                self.send_header(name, value)
        # A HEAD answer describes the object: keep its length.
        length = response.getheader("content-length", "0") if self.command == "HEAD" else str(len(data))
        self.send_header("content-length", length)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        upstream.close()

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_OPTIONS = forward


def main():
    if UPSTREAM is None:
        sys.exit(__doc__)
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
