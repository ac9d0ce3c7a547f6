#!/usr/bin/env python3
"""boto3's side of the benchmark, against the server in BOOKSTORE_TEST_* (from tests/s3server.py).

    s3py.py seed KEY COUNT         # COUNT versions at KEY (tests/s3peek.py seed)
    s3py.py list KEY RUNS          # times the list_object_versions paginator over KEY, RUNS times
    s3py.py stored KEY             # versions of KEY and the bytes they hold
    s3py.py put KEY SIZE SEED [ENDPOINT]  # one put_object of a notebook of SIZE bytes (bookstore's way)
    s3py.py cors                   # lets the bucket's CORS also allow the headers @aws-sdk/client-s3 sends

Every command prints one JSON object.
"""

import json
import os
import base64
import random
import subprocess
import sys
import time
from pathlib import Path

import boto3
from botocore.config import Config

BUCKET = os.environ["BOOKSTORE_TEST_BUCKET"]


def client(endpoint=None):
    return boto3.client(
        "s3",
        endpoint_url=endpoint or os.environ["BOOKSTORE_TEST_ENDPOINT"],
        aws_access_key_id=os.environ["BOOKSTORE_TEST_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["BOOKSTORE_TEST_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
        config=Config(s3={"addressing_style": "path"}),
    )


def versions(s3, key):
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=BUCKET, Prefix=key):
        yield from (v for v in page.get("Versions", []) if v["Key"] == key)
        yield from (v for v in page.get("DeleteMarkers", []) if v["Key"] == key)


def list_runs(key, runs):
    s3 = client()
    times, count = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        count = sum(1 for _ in versions(s3, key))
        times.append((time.perf_counter() - start) * 1000)
    return {"ms": times, "count": count}


def stored(key):
    found = list(versions(client(), key))
    return {"versions": len(found), "bytes": sum(v.get("Size", 0) for v in found)}


def put(key, size, seed, endpoint=None):
    # Same shape as the page's notebooks: random text (nothing compresses), the same for the same seed.
    text = base64.b64encode(random.Random(seed).randbytes(size * 3 // 4)).decode()[:size]
    body = json.dumps({"cells": [{"cell_type": "markdown", "metadata": {}, "source": [f"bench {seed}\n", text]}],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()
    start = time.perf_counter()
    client(endpoint).put_object(Bucket=BUCKET, Key=key, Body=body, ContentType="application/x-ipynb+json")
    return {"ms": (time.perf_counter() - start) * 1000, "size": len(body)}


# Sent by @aws-sdk/client-s3 on every request (and the checksum ones when checksums are on); a browser
# refuses the request unless the bucket's CORS rule allows them.
SDK_HEADERS = ["amz-sdk-invocation-id", "amz-sdk-request", "x-amz-checksum-crc32", "x-amz-sdk-checksum-algorithm",
               "x-amz-checksum-mode"]


def cors():
    s3 = client()
    rules = s3.get_bucket_cors(Bucket=BUCKET)["CORSRules"]
    for rule in rules:
        rule["AllowedHeaders"] = sorted(set(rule.get("AllowedHeaders", [])) | set(SDK_HEADERS))
    s3.put_bucket_cors(Bucket=BUCKET, CORSConfiguration={"CORSRules": rules})
    return {"allowedHeaders": rules[0]["AllowedHeaders"]}


def main():
    args = sys.argv[1:]
    if args[:1] == ["seed"] and len(args) == 3:
        peek = Path(__file__).resolve().parent.parent / "tests" / "s3peek.py"
        start = time.perf_counter()
        subprocess.run([sys.executable, str(peek), "seed", args[1], args[2]], check=True)
        result = {"seconds": time.perf_counter() - start}
    elif args[:1] == ["list"] and len(args) == 3:
        result = list_runs(args[1], int(args[2]))
    elif args[:1] == ["stored"] and len(args) == 2:
        result = stored(args[1])
    elif args[:1] == ["put"] and len(args) in (4, 5):
        result = put(args[1], int(args[2]), args[3], args[4] if len(args) == 5 else None)
    elif args == ["cors"]:
        result = cors()
    else:
        sys.exit(__doc__)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
