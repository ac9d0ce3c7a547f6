#!/usr/bin/env python3
"""Fails if any secret of this test run appears in what the run printed or wrote.

    python3 tests/scan_secrets.py WORKDIR FILE...

The secrets are read from every `env` file tests/s3server.py wrote under WORKDIR (the servers' secret keys)
plus the deliberately wrong secrets the tests type. Each FILE (and every .log, .md and .txt file under
WORKDIR, except installed packages) is searched. Matches are reported by file name only: the secret itself is never printed.
"""

import sys
from pathlib import Path

# Wrong secrets typed by the tests: they must not be echoed either.
TEST_SECRETS = ["wrong-SECRET-value-123", "wrong-secret-for-e2e", "wrong-secret-for-faults", "wrong-secret-for-wasm"]


def secrets(workdir):
    found = set(TEST_SECRETS)
    for env in workdir.rglob("env"):
        for line in env.read_text().splitlines():
            if "SECRET_ACCESS_KEY=" in line:
                found.add(line.split("=", 1)[1].strip("'"))
    return found


def main():
    workdir = Path(sys.argv[1])
    files = [Path(f) for f in sys.argv[2:]]
    # What the run wrote: logs and reports, not the packages a JupyterLab build installed.
    files += [
        p for p in workdir.rglob("*")
        if p.is_file() and p.suffix in (".log", ".md", ".txt") and "node_modules" not in p.parts and "staging" not in p.parts
    ]
    values = [s.encode() for s in secrets(workdir) if len(s) >= 8]
    leaks = [str(f) for f in files if f.exists() and any(v in f.read_bytes() for v in values)]
    if leaks:
        sys.exit("A secret appears in: " + ", ".join(sorted(set(leaks))))
    print(f"secret scan: {len(values)} secrets, {len(files)} files, no secret found")


if __name__ == "__main__":
    main()
