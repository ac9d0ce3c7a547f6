"""An optional credentials endpoint: `GET {base_url}bookstore/credentials` answers short-lived S3
credentials for the signed-in user, so that nobody types keys (the browser's "url" credentials mode).

Off unless a role is configured (`c.BookstoreCredentials.role_arn`, or `BOOKSTORE_ROLE_ARN`). The
credentials come from the `bookstore` command (the same Rust crate as the browser's client, so STS
requests are signed by the project's one SigV4 implementation): it assumes the role with the server's
own identity (environment keys, a profile, or the pod's web-identity token file) and narrows it with a
session policy to this user's prefixes. The command reads the bucket, endpoint and prefixes from the
server's environment (`BOOKSTORE_BUCKET`, `AWS_ENDPOINT_URL`, `BOOKSTORE_WORKSPACE_PREFIX`...).

Answers are kept until five minutes before they expire; they are never logged.
"""

import asyncio
import getpass
import json
import os
import time
from datetime import datetime

from jupyter_server.base.handlers import APIHandler
from tornado import web
from traitlets import List, Unicode
from traitlets.config import Configurable

# A renewal this long before expiry leaves the browser most of a credential's life (it renews a
# quarter of the lifetime, at most 5 minutes, ahead).
RENEW_AHEAD_SECONDS = 300
COMMAND_TIMEOUT_SECONDS = 60


class BookstoreCredentials(Configurable):
    role_arn = Unicode(
        os.environ.get("BOOKSTORE_ROLE_ARN", ""),
        help="The role to assume for each user; empty turns the endpoint off.",
    ).tag(config=True)
    user = Unicode(
        os.environ.get("JUPYTERHUB_USER") or getpass.getuser(),
        help="Replaces {user} in the prefixes the credentials are narrowed to (JupyterHub's user name).",
    ).tag(config=True)
    command = List(
        Unicode(), ["bookstore"], help="The bookstore command (built with `cargo install --features cli`)."
    ).tag(config=True)


class CredentialsHandler(APIHandler):
    def initialize(self, vendor):
        self.vendor = vendor

    @web.authenticated
    async def get(self):
        self.set_header("Cache-Control", "no-store")
        try:
            document = await self.vendor.credentials()
        except VendingFailed as failure:
            self.set_status(502)
            return self.finish(json.dumps({"message": str(failure)}))
        self.set_header("Content-Type", "application/json")
        self.finish(document)


class VendingFailed(Exception):
    """The command failed; its message is the command's one-line error (never a secret)."""


class Vendor:
    """Runs the command, one run at a time, and keeps its answer until it is due for renewal."""

    def __init__(self, config, log):
        self.config = config
        self.log = log
        self.lock = asyncio.Lock()
        self.cached = None  # (document, renew_at)

    async def credentials(self):
        async with self.lock:
            if self.cached and time.time() < self.cached[1]:
                return self.cached[0]
            document = await self.run()
            try:
                self.cached = (document, renew_at(json.loads(document)))
            except (ValueError, AttributeError):
                raise VendingFailed("the command did not print credentials") from None
            return document

    async def run(self):
        env = dict(os.environ)
        env.setdefault("BOOKSTORE_USER", self.config.user)
        argv = [*self.config.command, "credentials", "--role-arn", self.config.role_arn]
        try:
            process = await asyncio.create_subprocess_exec(
                *argv, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
            )
            out, err = await asyncio.wait_for(process.communicate(), COMMAND_TIMEOUT_SECONDS)
        except (OSError, asyncio.TimeoutError) as e:
            raise VendingFailed(f"could not run {self.config.command[0]}: {type(e).__name__}") from None
        if process.returncode != 0:
            message = err.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
            self.log.warning("Bookstore credentials: %s", message[0])
            raise VendingFailed(message[0])
        return out.decode().strip()


def renew_at(document):
    expiration = document.get("Expiration")
    if not expiration:
        return float("inf")
    expires = datetime.fromisoformat(expiration.replace("Z", "+00:00")).timestamp()
    return expires - RENEW_AHEAD_SECONDS


def setup(server_app):
    config = BookstoreCredentials(parent=server_app)
    if not config.role_arn:
        server_app.log.info("Bookstore credentials endpoint off (no role_arn configured).")
        return
    web_app = server_app.web_app
    route = web_app.settings["base_url"].rstrip("/") + "/bookstore/credentials"
    vendor = Vendor(config, server_app.log)
    web_app.add_handlers(".*$", [(route, CredentialsHandler, {"vendor": vendor})])
    server_app.log.info("Bookstore credentials endpoint at %s for user %s.", route, config.user)
