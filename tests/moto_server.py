#!/usr/bin/env python3
"""moto's S3 server with three fixes, so it behaves as S3 does:

moto (5.2) verifies SigV4 against werkzeug's re-quoted URL, in which `%2F`, `%24`, `%C3%BC`... have been
decoded; a client that signs the canonical form (as AWS requires, and as aws-sigv4 does) then gets
SignatureDoesNotMatch for any query value holding `/`, and every ListObjectVersions of a key has one.
Here the check uses the raw request target instead, so the signature is still verified, byte for byte.

And a CORS preflight (OPTIONS) is never signed by a browser; S3 answers it from the bucket's CORS
configuration. moto tries to authenticate it and fails with a 500, so here preflights skip that check.
So does STS AssumeRoleWithWebIdentity, which AWS answers unsigned (the web-identity token is the proof).

And S3 (like Ceph RGW) sends the bucket CORS rule's `Access-Control-Expose-Headers` with every answer to a
browser, HEAD included; moto sends them with GET but not with HEAD, so a browser could not read a HEAD's
version id or content hash there (the demo greeted every newcomer with "Add ETag and x-amz-version-id to
ExposeHeaders", and saves without changes made new versions). Here HEAD answers carry them too.

And S3 refuses a signed request whose time is more than 15 minutes from its own clock
(RequestTimeTooSkewed, with its ServerTime); moto accepts any time, so a client's skew correction would
never be exercised on it. Here such requests are refused as S3 does.

Usage: same arguments as `moto_server`.
"""

import sys
import uuid
from datetime import datetime, timezone
from urllib.parse import urlsplit, urlunsplit

from moto import server
from moto.core.authorization import ActionAuthenticatorMixin
from moto.core.responses import BaseResponse
from moto.s3.responses import S3Response
from moto.server import DomainDispatcherApplication

_setup_class = BaseResponse.setup_class
_authenticate = ActionAuthenticatorMixin._authenticate_and_authorize_action


def setup_class(self, request, full_url, headers, *args, **kwargs):
    self._raw_request_uri = getattr(request, "environ", {}).get("RAW_URI")
    return _setup_class(self, request, full_url, headers, *args, **kwargs)


UNSIGNED_ACTIONS = {"AssumeRoleWithWebIdentity"}


def authenticate(self, *args, **kwargs):
    if self.method == "OPTIONS" or self._get_action() in UNSIGNED_ACTIONS:
        return None
    raw = getattr(self, "_raw_request_uri", None)
    if not raw:
        return _authenticate(self, *args, **kwargs)
    decoded_uri = self.uri
    parts, raw_parts = urlsplit(decoded_uri), urlsplit(raw)
    self.uri = urlunsplit((parts.scheme, parts.netloc, raw_parts.path, raw_parts.query, ""))
    try:
        return _authenticate(self, *args, **kwargs)
    finally:
        self.uri = decoded_uri


_head_object = S3Response.head_object


def head_object(self, *args, **kwargs):
    status, headers, body = _head_object(self, *args, **kwargs)
    exposed = self._get_cors_headers_other().get("Access-Control-Expose-Headers")
    if exposed:
        headers.setdefault("Access-Control-Expose-Headers", exposed)
    return status, headers, body


MAX_SKEW_SECONDS = 15 * 60
_dispatch = DomainDispatcherApplication.__call__


def skewed(environ):
    """The request's signing time, if it is further from this clock than S3 allows; else None."""
    stamp = environ.get("HTTP_X_AMZ_DATE")
    if not stamp or "HTTP_AUTHORIZATION" not in environ:
        return None
    try:
        sent = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return stamp if abs((datetime.now(timezone.utc) - sent).total_seconds()) > MAX_SKEW_SECONDS else None


def dispatch(self, environ, start_response):
    stamp = skewed(environ)
    if stamp is None:
        return _dispatch(self, environ, start_response)
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = (
        "<Error><Code>RequestTimeTooSkewed</Code>"
        "<Message>The difference between the request time and the current time is too large.</Message>"
        f"<RequestTime>{stamp}</RequestTime><ServerTime>{now}</ServerTime>"
        f"<MaxAllowedSkewMilliseconds>{MAX_SKEW_SECONDS * 1000}</MaxAllowedSkewMilliseconds>"
        f"<RequestId>{uuid.uuid4().hex}</RequestId></Error>"
    ).encode()
    start_response("403 Forbidden", [("Content-Type", "application/xml"), ("Content-Length", str(len(body)))])
    return [body]


DomainDispatcherApplication.__call__ = dispatch
BaseResponse.setup_class = setup_class
S3Response.head_object = head_object
ActionAuthenticatorMixin._authenticate_and_authorize_action = authenticate

if __name__ == "__main__":
    server.main(sys.argv[1:])
