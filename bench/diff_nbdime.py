#!/usr/bin/env python3
"""nbdime's own diff of two notebooks, timed: the peer of the crate's diff in bench/diff.mjs.

    python3 bench/diff_nbdime.py BASE REMOTE RUNS   # prints {"runs": [ms...], "entries": N}

Each run parses both files with nbformat, as `nbdime diff` does, then calls nbdime.diff_notebooks.
"""

import json
import sys
import time

import nbformat
from nbdime import diff_notebooks


def main():
    base_path, remote_path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    times, diff = [], None
    for run in range(runs + 1):
        started = time.perf_counter()
        base = nbformat.read(base_path, as_version=4)
        remote = nbformat.read(remote_path, as_version=4)
        diff = diff_notebooks(base, remote)
        if run > 0:  # the first run warms up
            times.append((time.perf_counter() - started) * 1000)
    print(json.dumps({"runs": times, "entries": len(diff)}))


if __name__ == "__main__":
    main()
