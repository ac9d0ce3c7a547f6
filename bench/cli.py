"""Times the `bookstore` command, the AWS CLI and boto3 on the same S3 work, each as a new process (what
a scheduler starts), and prints a Markdown report with the ratios. Run by bench/cli, which starts the
server (tests/s3server.py's environment) and builds the command.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
from botocore.config import Config

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
WORK = Path(os.environ["BENCH_WORK"])
BOOKSTORE = os.environ["BOOKSTORE_BIN"]
ENDPOINT, BUCKET = os.environ["BOOKSTORE_TEST_ENDPOINT"], os.environ["BOOKSTORE_TEST_BUCKET"]
KEY, SECRET = os.environ["BOOKSTORE_TEST_ACCESS_KEY_ID"], os.environ["BOOKSTORE_TEST_SECRET_ACCESS_KEY"]
PREFIX = "bench-cli"
MANY = 10_000
BIG_MB = 50

# The same server and keys for all three, as each reads them.
ENV = {
    **os.environ,
    "AWS_ACCESS_KEY_ID": KEY, "AWS_SECRET_ACCESS_KEY": SECRET, "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_ENDPOINT_URL": ENDPOINT, "AWS_CONFIG_FILE": str(WORK / "aws-config"),
    "BOOKSTORE_BUCKET": BUCKET, "BOOKSTORE_PATH_STYLE": "true", "BOOKSTORE_WORKSPACE_PREFIX": PREFIX,
}
(WORK / "aws-config").write_text("[default]\ns3 =\n    addressing_style = path\n")

BOTO3 = f"""
import boto3, sys
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url="{ENDPOINT}", config=Config(s3={{"addressing_style": "path"}}))
"""


def s3():
    return boto3.client("s3", endpoint_url=ENDPOINT, aws_access_key_id=KEY, aws_secret_access_key=SECRET,
                        region_name="us-east-1", config=Config(s3={"addressing_style": "path"},
                                                              max_pool_connections=16))


def notebook(size, marker):
    """A notebook of about `size` bytes (one markdown cell of padding)."""
    head = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": [marker, "x" * max(0, size - 200)]}],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(head).encode()


def seed():
    client = s3()
    client.put_object(Bucket=BUCKET, Key=f"{PREFIX}/one.ipynb", Body=notebook(1000, "one"))
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda i: client.put_object(Bucket=BUCKET, Key=f"{PREFIX}/many.ipynb",
                                                  Body=notebook(300, f"v{i}")), range(MANY)))
    client.put_object(Bucket=BUCKET, Key=f"{PREFIX}/big.ipynb", Body=notebook(BIG_MB << 20, "big"))


def timed(argv, stdin=None):
    started = time.perf_counter()
    done = subprocess.run(argv, env=ENV, input=stdin, capture_output=True, cwd=WORK)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{argv[:3]} failed: {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed, done.stdout


def boto3_argv(code):
    return [sys.executable, "-c", BOTO3 + code]


def workloads():
    """(name, {tool: argv maker of run i}, check of bookstore's output)."""
    one, many, big = (f"{PREFIX}/{name}.ipynb" for name in ("one", "many", "big"))
    put_file = WORK / "put.ipynb"
    return [
        ("start-up: print the version", {
            "bookstore": lambda i: [BOOKSTORE, "--version"],
            "AWS CLI": lambda i: ["aws", "--version"],
            "boto3": lambda i: [sys.executable, "-c", "import boto3; print(boto3.__version__)"],
        }),
        ("versions of a notebook with 1 version", {
            "bookstore": lambda i: [BOOKSTORE, "versions", "one.ipynb", "--json"],
            "AWS CLI": lambda i: ["aws", "--endpoint-url", ENDPOINT, "s3api", "list-object-versions", "--bucket", BUCKET, "--prefix", one],
            "boto3": lambda i: boto3_argv(f"print(len(s3.list_object_versions(Bucket='{BUCKET}', Prefix='{one}')"
                                          f".get('Versions', [])))"),
        }),
        (f"versions of a notebook with {MANY:,} versions", {
            "bookstore": lambda i: [BOOKSTORE, "versions", "many.ipynb", "--json"],
            "AWS CLI": lambda i: ["aws", "--endpoint-url", ENDPOINT, "s3api", "list-object-versions", "--bucket", BUCKET, "--prefix", many],
            "boto3": lambda i: boto3_argv(
                f"n = sum(len(p.get('Versions', [])) for p in s3.get_paginator('list_object_versions')"
                f".paginate(Bucket='{BUCKET}', Prefix='{many}'))\nprint(n)"),
        }),
        (f"get a {BIG_MB} MB notebook to a file", {
            "bookstore": lambda i: [BOOKSTORE, "get", "big.ipynb", "-o", f"b{i}.ipynb"],
            "AWS CLI": lambda i: ["aws", "--endpoint-url", ENDPOINT, "s3api", "get-object", "--bucket", BUCKET, "--key", big, f"a{i}.ipynb"],
            "boto3": lambda i: boto3_argv(f"s3.download_file('{BUCKET}', '{big}', 'p{i}.ipynb')"),
        }),
        (f"store a {BIG_MB} MB notebook as a new version", {
            "bookstore": lambda i: [BOOKSTORE, "archive", str(put_file), "--as", "put.ipynb"],
            "AWS CLI": lambda i: ["aws", "--endpoint-url", ENDPOINT, "s3api", "put-object", "--bucket", BUCKET, "--key", f"{PREFIX}/put.ipynb",
                                  "--body", str(put_file)],
            "boto3": lambda i: boto3_argv(
                f"s3.put_object(Bucket='{BUCKET}', Key='{PREFIX}/put.ipynb', Body=open('{put_file}', 'rb'))"),
        }),
    ]


def main():
    seed()
    rows = []
    for name, tools in workloads():
        times = {tool: [] for tool in tools}
        for i in range(RUNS):
            for tool, argv in tools.items():
                # Each store is of new content (bookstore stores nothing for unchanged content).
                (WORK / "put.ipynb").write_bytes(notebook(BIG_MB << 20, f"{tool} {i}"))
                times[tool].append(timed(argv(i))[0])
        rows.append((name, {tool: statistics.median(t) for tool, t in times.items()}))
    size = os.path.getsize(BOOKSTORE)
    print("# The bookstore command against the AWS CLI and boto3\n")
    print(f"Median of {RUNS} runs, each a new process, on Ceph RGW on 127.0.0.1 (bench/cli). Ratios above 1 "
          f"mean the peer took longer. The command is {size / 1e6:.1f} MB (release build).\n")
    print("| workload | bookstore | AWS CLI | boto3 | AWS CLI / bookstore | boto3 / bookstore |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, median in rows:
        b, a, p = median["bookstore"], median["AWS CLI"], median["boto3"]
        print(f"| {name} | {b * 1000:.0f} ms | {a * 1000:.0f} ms | {p * 1000:.0f} ms | {a / b:.1f} | {p / b:.1f} |")


if __name__ == "__main__":
    main()
