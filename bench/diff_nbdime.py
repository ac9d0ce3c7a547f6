#!/usr/bin/env python3
"""nbdime's own diff of two notebooks, timed: the peer of the crate's diff in bench/diff.mjs.

    python3 bench/diff_nbdime.py BASE REMOTE RUNS   # prints {"runs": [ms...], "reads": [ms...], "entries": N}

Each run reads both files with nbformat, as `nbdime diff` does (timed apart: `reads`), then calls
nbdime.diff_notebooks (timed: `runs`, the peer of the crate's diff, whose time includes its own parsing).
"""

import json
import sys
import time

import nbformat
from nbdime import diff_notebooks


def main():
    base_path, remote_path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    times, reads, diff = [], [], None
    for run in range(runs + 1):
        started = time.perf_counter()
        base = nbformat.read(base_path, as_version=4)
        remote = nbformat.read(remote_path, as_version=4)
        read = time.perf_counter()
        diff = diff_notebooks(base, remote)
        if run > 0:  # the first run warms up
            reads.append((read - started) * 1000)
            times.append((time.perf_counter() - read) * 1000)
    print(json.dumps({"runs": times, "reads": reads, "entries": len(diff)}))


if __name__ == "__main__":
    main()
