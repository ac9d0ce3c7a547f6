#!/usr/bin/env python3
"""A credentials endpoint handing out real temporary S3 credentials, for the tests of the credentials URL.

    . WORKDIR/env && python3 tests/credserver.py PORT   # listens on 127.0.0.1:PORT until killed

It needs the env file of an RGW server started by tests/s3server.py: as the STS user there (alice) it
assumes the role that reads and writes her prefixes, and answers `GET /credentials` the way AWS container
credentials endpoints do:

    {"AccessKeyId": ..., "SecretAccessKey": ..., "Token": ..., "Expiration": "2026-12-01T10:00:00Z"}

or, with the shape set to "process", as a `credential_process` prints them:

    {"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ..., "SessionToken": ..., "Expiration": ...}

The credentials are kept until 60 s before they expire (RGW gives 15 minutes). With BOOKSTORE_CRED_AUTHORIZATION
set, /credentials answers 401 unless the request's Authorization header is exactly that value. Every answer
carries the CORS headers a page needs to fetch it with credentials from another origin (the Lab, from a Web
Worker), and preflights are answered.

The tests steer it through the server itself:

    POST /__cred__  {"mode": "up" | "down" | "unauthorized", "lifetime": SECONDS | null,
                     "shape": "container" | "process", "rotate": true | false, "reset": true}

`down` answers 503 and `unauthorized` 401, as a broken or refusing service would. `lifetime` makes the
reported Expiration now + that many seconds (never later than the real one): the credentials still work
after it, so a test sees the client refresh on time without waiting out 15 minutes. `rotate` assumes the
role again on each fetch, so a test can tell which fetch signed a request. Fields left out keep their value;
`reset` zeroes the counters. GET /__cred__ (and the POST) answer the state: `fetches` (GET /credentials
answered, whatever the status), `served` (answered 200), mode, lifetime, shape and rotate.
GET /token answers a web-identity token (a JWT-shaped text; moto's STS does not check it) and counts
`tokens`. Nothing it prints or answers outside /credentials holds a key or a token. With BOOKSTORE_CRED_ISSUED=FILE
(named `env`), each secret key and session token it hands out is appended there, so that
tests/scan_secrets.py, which reads every `env` file of the run and skips them, looks for those too.
"""

import json
import os
import sys
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

MODES = ("up", "down", "unauthorized")
SHAPES = ("container", "process")
# Fetched credentials are used until this long before they expire, as the AWS SDKs do.
MARGIN = timedelta(seconds=60)
DURATION = 900
SESSION_NAME = "bookstore-test"

STATE = {"fetches": 0, "served": 0, "tokens": 0, "mode": "up", "lifetime": None, "shape": "container", "rotate": False}
LOCK = threading.Lock()
# Separate from LOCK so that the control endpoint answers while STS is being asked.
CREDENTIALS_LOCK = threading.Lock()
CACHED = {"credentials": None}
# The STS client, made by main() once the environment is checked.
STS = None
AUTHORIZATION = os.environ.get("BOOKSTORE_CRED_AUTHORIZATION")
ISSUED = os.environ.get("BOOKSTORE_CRED_ISSUED")


def sts_client():
    env = os.environ
    return boto3.client(
        "sts",
        endpoint_url=env["BOOKSTORE_TEST_ENDPOINT"],
        aws_access_key_id=env["BOOKSTORE_TEST_STS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["BOOKSTORE_TEST_STS_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
        # A stopped gateway should make a quick 502, not a minute of retries.
        config=Config(connect_timeout=5, read_timeout=10, retries={"max_attempts": 2, "mode": "standard"}),
    )


def credentials(rotate):
    """Alice's role credentials: the cached ones while they last, new ones when rotating."""
    with CREDENTIALS_LOCK:
        cached = CACHED["credentials"]
        if rotate or cached is None or cached["Expiration"] - MARGIN <= datetime.now(timezone.utc):
            cached = STS.assume_role(RoleArn=os.environ["BOOKSTORE_TEST_STS_ROLE_ARN"],
                                     RoleSessionName=SESSION_NAME, DurationSeconds=DURATION)["Credentials"]
            CACHED["credentials"] = cached
            record(cached)
        return cached


def record(creds):
    """Tells the secret scan about credentials handed out (see the docstring)."""
    if ISSUED:
        with open(ISSUED, "a") as issued:
            issued.write(f"export ISSUED_SECRET_ACCESS_KEY='{creds['SecretAccessKey']}'\n"
                         f"export ISSUED_SESSION_TOKEN='{creds['SessionToken']}'\n")


def iso(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def document(creds, shape, lifetime):
    expiration = creds["Expiration"]
    if lifetime is not None:
        expiration = min(expiration, datetime.now(timezone.utc) + timedelta(seconds=lifetime))
    if shape == "process":
        return {"Version": 1, "AccessKeyId": creds["AccessKeyId"], "SecretAccessKey": creds["SecretAccessKey"],
                "SessionToken": creds["SessionToken"], "Expiration": iso(expiration)}
    return {"AccessKeyId": creds["AccessKeyId"], "SecretAccessKey": creds["SecretAccessKey"],
            "Token": creds["SessionToken"], "Expiration": iso(expiration)}


def apply(body):
    """Sets the fields of a control POST; returns an error message for a bad one, else None."""
    if body.get("mode", "up") not in MODES:
        return f"mode must be one of {', '.join(MODES)}"
    if body.get("shape", "container") not in SHAPES:
        return f"shape must be one of {', '.join(SHAPES)}"
    lifetime = body.get("lifetime")
    number = isinstance(lifetime, (int, float)) and not isinstance(lifetime, bool)
    if lifetime is not None and not (number and lifetime >= 0):
        return "lifetime must be a number of seconds or null"
    if not isinstance(body.get("rotate", False), bool):
        return "rotate must be true or false"
    with LOCK:
        for field in ("mode", "lifetime", "shape", "rotate"):
            if field in body:
                STATE[field] = body[field]
        if body.get("reset"):
            STATE["fetches"] = STATE["served"] = STATE["tokens"] = 0
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body=b"", content_type="text/plain; charset=utf-8"):
        self.send_response(status)
        origin = self.headers.get("origin")
        if origin:
            self.send_header("access-control-allow-origin", origin)
            self.send_header("vary", "Origin")
        self.send_header("access-control-allow-credentials", "true")
        self.send_header("access-control-allow-headers", "authorization")
        self.send_header("access-control-allow-methods", "GET")
        # Credentials must never come from a cache.
        self.send_header("cache-control", "no-store")
        if body:
            self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def answer_json(self, status, value):
        self.answer(status, json.dumps(value).encode(), "application/json")

    def state(self):
        with LOCK:
            return dict(STATE)

    def do_OPTIONS(self):
        self.answer(204)

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/__cred__":
            return self.answer_json(200, self.state())
        if path == "/token":
            with LOCK:
                STATE["tokens"] += 1
            return self.answer(200, b"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl", "application/jwt")
        if path != "/credentials":
            return self.answer(404, b"not found")
        status, body, content_type = self.fetch()
        with LOCK:
            STATE["fetches"] += 1
            if status == 200:
                STATE["served"] += 1
        self.answer(status, body, content_type)

    def fetch(self):
        """Status, body and content type of the answer to GET /credentials."""
        text = "text/plain; charset=utf-8"
        state = self.state()
        if state["mode"] == "down":
            return 503, b"credentials service unavailable", text
        if state["mode"] == "unauthorized" or (
                AUTHORIZATION is not None and self.headers.get("authorization") != AUTHORIZATION):
            return 401, b"unauthorized", text
        try:
            creds = credentials(state["rotate"])
        except ClientError as e:
            return 502, f"AssumeRole failed: {e.response['Error']['Code']}".encode(), text
        except BotoCoreError as e:
            return 502, f"AssumeRole failed: {type(e).__name__}".encode(), text
        return 200, json.dumps(document(creds, state["shape"], state["lifetime"])).encode(), "application/json"

    def do_POST(self):
        if self.path.split("?", 1)[0] != "/__cred__":
            return self.answer(404, b"not found")
        try:
            body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
        except ValueError:
            return self.answer(400, b"the body must be JSON")
        if not isinstance(body, dict):
            return self.answer(400, b"the body must be a JSON object")
        error = apply(body)
        if error:
            return self.answer(400, error.encode())
        self.answer_json(200, self.state())


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that gives up on a request is not an error of the server.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def main():
    global STS
    if len(sys.argv) != 2 or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    missing = [name for name in ("BOOKSTORE_TEST_ENDPOINT", "BOOKSTORE_TEST_STS_ACCESS_KEY_ID",
                                 "BOOKSTORE_TEST_STS_SECRET_ACCESS_KEY", "BOOKSTORE_TEST_STS_ROLE_ARN")
               if not os.environ.get(name)]
    if missing:
        sys.exit(f"missing {', '.join(missing)}: source the env file of an RGW server from tests/s3server.py")
    STS = sts_client()
    Server(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()


if __name__ == "__main__":
    main()
