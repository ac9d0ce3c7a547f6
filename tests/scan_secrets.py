#!/usr/bin/env python3
"""Fails if any secret of this test run appears in what the run printed or wrote.

    python3 tests/scan_secrets.py WORKDIR [FILE|DIR]...   # scans; exit 1 naming the files that leak
    python3 tests/scan_secrets.py --self-test             # plants a secret in each form; must be found

The secrets are read from every `env` file under WORKDIR (tests/s3server.py's: the servers' secret keys, the
restricted user's, any session token; tests/e2e's: the wrong secret the browser tests type), plus the
wrong secrets the Rust and Python tests pass. Every
file under WORKDIR and under each FILE or DIR given is searched, whatever its extension, except the places
that hold a secret by design (below). Each secret is looked for raw, URL-encoded, JSON-escaped and in
base64 (at each of the three alignments it can take inside a longer base64 text). Matches are reported
by file name and form only: the secret itself is never printed.
"""

import base64
import json
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

# Wrong secrets the Rust and Python tests pass: they must not be echoed either. (The browser tests' wrong
# secret is made anew each run, in an env file: tests/e2e.)
TEST_SECRETS = ["wrong-SECRET-value-123", "wrong-secret-for-wasm"]

# Names of the variables in tests/s3server.py's env files whose values are secrets.
SECRET_VARIABLES = ("SECRET_ACCESS_KEY", "SESSION_TOKEN")

# Files that hold a secret by design: the servers' env files, and JupyterLab's user settings, where the
# "settings" credential mode keeps the secret (as a user's own settings file does).
def holds_secret_by_design(path):
    return path.name == "env" or path.suffix == ".jupyterlab-settings"


# Installed packages a JupyterLab build puts in the work folder are not the run's output.
def is_installed_package(path):
    return "node_modules" in path.parts or "staging" in path.parts


def secrets(workdir):
    found = set(TEST_SECRETS)
    for env in workdir.rglob("env"):
        if not env.is_file():
            continue
        for line in env.read_text(errors="replace").splitlines():
            name, _, value = line.removeprefix("export ").partition("=")
            if name.endswith(SECRET_VARIABLES) and value:
                found.add(value.strip("'\""))
    return {s for s in found if len(s) >= 8}


def base64_forms(secret):
    """The part of base64 that stays the same wherever the secret sits in a longer base64 text."""
    raw = secret.encode()
    forms = set()
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + raw).decode()
        # Skip the characters that mix in the prefix, and the last group, which mixes in what follows.
        start = -(-offset * 4 // 3)
        stable = encoded[start: 4 * ((offset + len(raw)) // 3)]
        if len(stable) >= 8:
            forms.add(stable)
            forms.add(stable.replace("+", "-").replace("/", "_"))
    return forms


def forms(secret):
    """Each way the secret may be written, by name."""
    found = {"raw": {secret}, "URL-encoded": {quote(secret, safe=""), quote(secret)},
             "JSON-escaped": {json.dumps(secret)[1:-1], secret.replace("/", "\\/")},
             "base64": base64_forms(secret)}
    return {name: {v.encode() for v in values} for name, values in found.items()}


def files_under(roots):
    for root in roots:
        paths = [root] if root.is_file() else root.rglob("*") if root.is_dir() else []
        for path in paths:
            if path.is_file() and not path.is_symlink() and not holds_secret_by_design(path) and not is_installed_package(path):
                yield path


def leaks(roots, secret_values):
    """(file, form) pairs where a secret appears."""
    patterns = [(name, value) for secret in secret_values for name, values in forms(secret).items() for value in values]
    found, count = [], 0
    for path in files_under(roots):
        count += 1
        content = path.read_bytes()
        for name in sorted({name for name, value in patterns if value in content}):
            found.append((path, name))
    return found, count


def self_test():
    """Plants a made-up secret in a scratch log in each form; the scan must find every one."""
    secret = "Sl+fT/3st" + "k3y" * 6
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        (work / "env").write_text(f"export BOOKSTORE_TEST_SECRET_ACCESS_KEY={secret}\n")
        planted = {}
        for name, values in forms(secret).items():
            for i, value in enumerate(sorted(values)):
                log = work / f"{name.replace(' ', '-')}-{i}.log"
                log.write_bytes(b"request failed: " + value + b" (end)\n")
                planted[log] = name
        # base64 inside a longer text, at each alignment.
        for offset in range(3):
            log = work / f"base64-embedded-{offset}.json"
            log.write_text(json.dumps({"blob": base64.b64encode(b"x" * offset + secret.encode() + b"tail").decode()}))
            planted[log] = "base64"
        (work / "clean.log").write_text("nothing here\n")
        found, _ = leaks([work], secrets(work))
        missed = [f"{path.name} ({name})" for path, name in planted.items() if (path, name) not in found]
        if missed or any(path.name == "clean.log" for path, _ in found):
            sys.exit(f"secret scan self-test FAILED: missed {missed or 'nothing'}, found {len(found)}")
        print(f"secret scan self-test: {len(planted)} planted secrets found ({', '.join(sorted(set(planted.values())))}), clean file passed")


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    workdir = Path(sys.argv[1])
    roots = [workdir] + [Path(p) for p in sys.argv[2:]]
    secret_values = secrets(workdir)
    found, count = leaks(roots, secret_values)
    if found:
        sys.exit("A secret appears in: " + ", ".join(f"{path} ({form})" for path, form in found))
    print(f"secret scan: {len(secret_values)} secrets in 4 forms, {count} files, no secret found")


if __name__ == "__main__":
    main()
