#!/usr/bin/env python3
"""Writes docs/benchmark-results.md (to stdout) from what bench/run measured: OUT/results.json and OUT/sizes.json.

    python3 bench/report.py OUT
"""

import json
import os
import platform
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path


def version(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unknown"


def machine(out):
    cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    mem_kb = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1))
    os_name = re.search(r'PRETTY_NAME="(.*)"', Path("/etc/os-release").read_text())
    return [
        ("CPU", cpu.group(1) if cpu else platform.processor()),
        ("cores", str(os.cpu_count())),
        ("memory", f"{mem_kb / 1024 / 1024:.1f} GiB"),
        ("OS", f"{os_name.group(1) if os_name else platform.system()}, Linux {platform.release()}"),
        ("browser", version(["/usr/bin/chromium", "--version"]) + " (headless, Playwright)"),
        ("node", version(["node", "--version"])),
        ("python", platform.python_version() + ", boto3 " + __import__("boto3").__version__),
        ("load average (1 min)", f"{load(out / 'loadavg-start')} at the start, {load(Path('/proc/loadavg'))} at the end "
         "(other work on the machine lengthens every time measured)"),
        ("S3 server", "Ceph RADOS Gateway (" + version(["radosgw", "--version"]) + "), memstore, on 127.0.0.1"),
    ]


def load(path):
    try:
        return path.read_text().split()[0]
    except (OSError, IndexError):
        return "unknown"


def ms(value):
    return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"


def kb(value):
    return f"{value / 1000:,.1f} KB"


def task(value):
    return ms(value) if value else "none of 50 ms or more"


def ratio(ours, peer):
    return f"{ours / peer:.2f}"


def iqr(values):
    ordered = sorted(values)
    quarter = len(ordered) // 4
    return ordered[-1 - quarter] - ordered[quarter]


def verdict(ok, note=""):
    return ("met" if ok else "**not met**") + (f" ({note})" if note else "")


def main():
    out = Path(sys.argv[1])
    r = json.loads((out / "results.json").read_text())
    sizes = json.loads((out / "sizes.json").read_text())
    n = lambda result: f"n={len(result['runs'])}"
    rows = []
    add = lambda *cells: rows.append("| " + " | ".join(cells) + " |")

    s = sizes
    add("1. Payload size, gzipped (wasm + JS glue)", kb(s["ours"]["gzip"]), f"SDK {kb(s['sdk']['gzip'])}; aws4fetch {kb(s['aws4fetch']['gzip'])}",
        f"{ratio(s['ours']['gzip'], s['sdk']['gzip'])} (SDK); {ratio(s['ours']['gzip'], s['aws4fetch']['gzip'])} (aws4fetch)",
        verdict(s["ours"]["gzip"] < s["sdk"]["gzip"], "ours < SDK"))
    st = r["startup"]
    diff = st["with"]["median"] - st["without"]["median"]
    noise = max(iqr(st["with"]["runs"]), iqr(st["without"]["runs"]))
    add(f"2. JupyterLab start-up ({n(st['with'])} each)", f"with {ms(st['with']['median'])}",
        f"without {ms(st['without']['median'])}", f"{ratio(st['with']['median'], st['without']['median'])} ({diff:+.0f} ms)",
        verdict(abs(diff) <= noise, f"difference within run-to-run spread: interquartile range {noise:.0f} ms"))
    for label, a in r["archive"].items():
        o, p = a["ours"]["median"], a["sdk"]["median"]
        add(f"3. Save to listed, {label} (bench page, {n(a['ours'])})", ms(o), f"SDK {ms(p)}", ratio(o, p), verdict(o <= p, "ratio <= 1"))
    for label, e in r.get("extension", {}).items():
        p = r["archive"][label]["sdk"]["median"]
        parts = f" (reading the file back took {ms(e['readBack'])}, the upload {ms(e['upload'])})" if e.get("upload") is not None else ""
        add(f"3. Save to shown in the history panel, {label} (extension in JupyterLab, {n(e)})", ms(e["median"]) + parts, f"SDK in page, PUT + LIST {ms(p)}",
            ratio(e["median"], p), verdict(e["median"] <= p, "ratio <= 1"))
    li = r["listing"]
    o = li["ours"]["median"]
    add(f"4. Full listing, {li['versions']:,} versions ({n(li['ours'])})", ms(o), f"SDK paginator {ms(li['sdk']['median'])}; boto3 {ms(li['boto3']['median'])}",
        f"{ratio(o, li['sdk']['median'])} (SDK); {ratio(o, li['boto3']['median'])} (boto3)",
        verdict(o < li["sdk"]["median"] and o < li["boto3"]["median"], "below 1 against both"))
    sg = r["signing"]
    add(f"5. Hash + sign 50 MB ({n(sg['ours'])})", f"{sg['ours']['mbPerSecond']:.0f} MB/s",
        f"SDK {sg['sdk']['mbPerSecond']:.0f} MB/s; aws4fetch {sg['aws4fetch']['mbPerSecond']:.0f} MB/s",
        f"{sg['ours']['mbPerSecond'] / sg['sdk']['mbPerSecond']:.2f} (SDK, speed); "
        f"{sg['ours']['mbPerSecond'] / sg['aws4fetch']['mbPerSecond']:.2f} (aws4fetch)", "no budget")
    big = r.get("extension", {}).get("50 MB")
    if big:
        add(f"6. Longest main-thread task, 50 MB archive (extension, {n(big)})",
            f"{task(big['longestTask'])} (worst run; median {task(big['longestTaskMedian'])})", "", "",
            verdict(big["longestTask"] < 50, "under 50 ms"))
    page = r["archive"]["50 MB"]
    # The budget is the product's (the row above, where the client runs in a Web Worker); this row calls the
    # same wasm on a page's main thread, beside the SDK doing the same there.
    add(f"6. Longest main-thread task, 50 MB save to listed (bench page, client on the main thread, {n(page['ours'])})",
        f"{task(page['ours']['longestTask'])} (worst run; median {task(page['ours']['longestTaskMedian'])})",
        f"SDK {task(page['sdk']['longestTask'])} (worst run; median {task(page['sdk']['longestTaskMedian'])})",
        f"{page['ours']['longestTask'] / max(page['sdk']['longestTask'], 1):.2f}",
        "for comparison only: the extension runs the client in a Web Worker (row above)")
    c = r["cost"]

    def requests(counts):
        return ", ".join(f"{n} {k}" for k, n in sorted(counts.items()) if k != "bytesSent" and n) or "none"

    for who, label in (("extension", "extension"), ("ours", "wasm archive"), ("sdk", "SDK PutObject"), ("boto3", "boto3 put_object")):
        if who in c:
            ch, un = c[who]["changed"], c[who]["unchanged"]
            add(f"7. Cost per save: {label}", f"changed: {requests(ch['requests'])}; {ch['newVersions']} version, {kb(ch['bytesStored'])} stored",
                f"unchanged: {requests(un['requests'])}; {un['newVersions']} version, {kb(un['bytesStored'])} stored", "",
                verdict(un["newVersions"] == 0, "unchanged save: no new version") if who in ("extension", "ours") else "")

    d = r.get("diff")
    if d:
        o, p = d["ours"]["median"], d["nbdime"]["median"]
        add(f"8. Notebook diff, {d['cells']} cells, {d['bytes'] / 1e6:.1f} MB, {d['changedCells']} cells changed (n={len(d['ours']['runs'])})",
            f"wasm in Chromium {ms(o)}, parsing included",
            f"nbdime diff_notebooks (Python) {ms(p)}, after nbformat read both files in {ms(d['nbdime']['readMedian'])}",
            ratio(o, p), verdict(o < p / 5, "under 1/5 of diff_notebooks' time"))
        add("8. Diff module payload, gzipped (wasm + JS glue, loaded on first Compare)", kb(d["payload"]["diff"]),
            f"the S3 client's {kb(d['payload']['client'])}", ratio(d["payload"]["diff"], d["payload"]["client"]), "no budget")
    print("# Benchmarks\n")
    print(f"Written by `bench/run` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC. Medians of n runs (given per row) "
          "after one warm-up, each contender's runs alternating with its peers'. Every peer ran against the same server as we did, in the same "
          "browser page (or, for boto3, in Python on the same machine). Ratios are ours / peer: below 1 means ours is "
          "smaller or faster (for throughput, above 1 means ours is faster).\n")
    print("| machine | |\n| --- | --- |")
    for name, value in machine(out):
        print(f"| {name} | {value} |")
    print("\n| workload | ours | peers | ratio | budget |\n| --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    print(Path(__file__).with_name("NOTES.md").read_text())


if __name__ == "__main__":
    main()
