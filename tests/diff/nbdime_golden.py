"""Golden test: the crate's notebook diff (through the Python module bookstore_s3) against nbdime 4.0.4's
`diff_notebooks`, on nbdime's own test notebooks.

The notebooks are read from the installed nbdime wheel (`nbdime/tests/files/`), not copied here. They are
nbdime's, under its license: Copyright (c) Jupyter Development Team, Modified BSD License (the
`LICENSE.md` of https://github.com/jupyter/nbdime, in the wheel's `dist-info`).

Pairs: every two notebooks of one family (`<base>.ipynb` and `<base>--<variant>.ipynb`, and the
`multilevel-test-*` family), in both directions. nbdime reads each with `nbformat.read(f, as_version=4)`;
the crate is given the raw file and does the same reading itself.

Normalisation before comparing: none beyond parsing both diffs as JSON (key order inside an entry does not
matter; entry order does). A pair listed in KNOWN_DIFFERENCES must differ, for the reason given; any other
pair must be equal. Every pair, listed or not, must patch: nbdime's `patch(first, crate's diff)` gives
the second notebook. The run prints how many pairs are equal out of how many, and fails under 95%.

Usage: .tmp/nbdime-venv/bin/python tests/diff/nbdime_golden.py (the venv scripts/setup makes for nbdime)
"""

import itertools
import json
import os
import sys
import warnings

import nbdime
import nbformat
from nbdime import diff_notebooks, patch
from nbdime.diff_format import DiffEntry

import bookstore_s3

# Pairs the crate diffs differently from nbdime, each with why.
NO_ID = (
    "cellids--base.ipynb has a cell without an id in an nbformat 4.5 notebook; nbformat.read gives it a "
    "random id, so nbdime's diff adds a cell with an id no run repeats; the crate keeps the cell as stored "
    "(without an id). The rest of the two diffs is equal."
)
KNOWN_DIFFERENCES = {
    "cellids--local.ipynb -> cellids--base.ipynb": NO_ID,
    "cellids--remote.ipynb -> cellids--base.ipynb": NO_ID,
}

GOAL = 0.95


def families(folder):
    """Notebook families: file names grouped by what comes before `--` (or the multilevel-test prefix)."""
    groups = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".ipynb"):
            continue
        stem = name[: -len(".ipynb")]
        family = "multilevel-test" if stem.startswith("multilevel-test-") else stem.split("--")[0]
        groups.setdefault(family, []).append(name)
    return groups


def read(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nbformat warns about missing cell ids in older test files
        return nbformat.read(path, as_version=4)


def nbdime_diff(path_a, path_b):
    return json.loads(json.dumps(diff_notebooks(read(path_a), read(path_b))))


def entries(diff):
    """A diff parsed from JSON as the DiffEntry objects nbdime's patch takes."""
    return [DiffEntry({k: entries(v) if k == "diff" else v for k, v in e.items()}) for e in diff]


def as_stored(path):
    """The notebook as nbformat reads it, minus the ids nbformat invents for cells stored without one."""
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    notebook = json.loads(json.dumps(read(path)))
    for stored, cell in zip(raw["cells"], notebook["cells"]):
        if "id" not in stored:
            cell.pop("id", None)
    return notebook


def crate_diff(path_a, path_b):
    with open(path_a, encoding="utf-8") as fa, open(path_b, encoding="utf-8") as fb:
        return bookstore_s3.diff(fa.read(), fb.read())


def main():
    if nbdime.__version__ != "4.0.4":
        sys.exit(f"nbdime 4.0.4 is needed (found {nbdime.__version__}): run this with .tmp/nbdime-venv/bin/python, which scripts/setup makes")
    folder = os.path.join(os.path.dirname(nbdime.__file__), "tests", "files")
    pairs = [
        pair
        for names in families(folder).values()
        for pair in itertools.permutations(names, 2)
    ]
    equal, unexpected, stale, unpatched = 0, [], [], []
    for a, b in pairs:
        key = f"{a} -> {b}"
        path_a, path_b = os.path.join(folder, a), os.path.join(folder, b)
        ours = crate_diff(path_a, path_b)
        same = nbdime_diff(path_a, path_b) == ours
        # Whatever nbdime would say, the crate's diff must turn the first notebook into the second.
        if patch(as_stored(path_a), entries(ours)) != as_stored(path_b):
            unpatched.append(key)
        equal += same
        if not same and key not in KNOWN_DIFFERENCES:
            unexpected.append(key)
        if same and key in KNOWN_DIFFERENCES:
            stale.append(key)
    for key, why in KNOWN_DIFFERENCES.items():
        print(f"differs, known: {key}: {why}")
    for key in unexpected:
        print(f"DIFFERS, not known: {key}")
    for key in unpatched:
        print(f"PATCH FAILS: nbdime.patch(first, crate's diff) is not the second notebook: {key}")
    for key in stale:
        print(f"EQUAL now, remove it from KNOWN_DIFFERENCES: {key}")
    share = equal / len(pairs)
    print(f"nbdime golden: {equal} of {len(pairs)} pairs equal ({share:.1%}; goal {GOAL:.0%})")
    if unexpected or stale or unpatched or share < GOAL:
        sys.exit(1)


if __name__ == "__main__":
    main()
