#!/usr/bin/env python3
"""What S3 holds, seen by an independent client (boto3), for the end-to-end tests to compare with.

    python3 tests/s3peek.py versions KEY    # {"versions": [{"versionId", "isLatest", "body"}...]}, newest first
    python3 tests/s3peek.py hashes KEY      # {"versions": [{"versionId", "size", "sha256"}...]}, for big bodies
    python3 tests/s3peek.py put BUCKET KEY  # stores a small notebook there
    python3 tests/s3peek.py put-text BUCKET KEY TEXT  # stores TEXT there (something that is no notebook)
    python3 tests/s3peek.py put-big BUCKET KEY BYTES  # stores a notebook of exactly BYTES bytes (padded metadata)
    python3 tests/s3peek.py seed KEY COUNT  # stores COUNT versions of a small notebook at KEY (16 at a time)

Reads the server and credentials from the environment written by tests/s3server.py.
"""

import json
import os
import sys

import boto3
from botocore.config import Config

s3 = boto3.client(
    "s3",
    endpoint_url=os.environ["BOOKSTORE_TEST_ENDPOINT"],
    aws_access_key_id=os.environ["BOOKSTORE_TEST_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["BOOKSTORE_TEST_SECRET_ACCESS_KEY"],
    region_name="us-east-1",
    config=Config(s3={"addressing_style": "path"}),
)


def versions_of(key):
    """The versions of exactly `key` (not of keys it prefixes), newest first, each with its body stream."""
    bucket = os.environ["BOOKSTORE_TEST_BUCKET"]
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix=key):
        for v in page.get("Versions", []):
            if v["Key"] == key:
                yield v, s3.get_object(Bucket=bucket, Key=key, VersionId=v["VersionId"])["Body"]


def versions(key):
    found = [{"versionId": v["VersionId"], "isLatest": v["IsLatest"], "body": body.read().decode("utf-8")}
             for v, body in versions_of(key)]
    print(json.dumps({"versions": found}))


def hashes(key):
    import hashlib

    found = []
    for v, body in versions_of(key):
        digest = hashlib.sha256()
        for chunk in body.iter_chunks(1 << 20):
            digest.update(chunk)
        found.append({"versionId": v["VersionId"], "size": v["Size"], "sha256": digest.hexdigest()})
    print(json.dumps({"versions": found}))


def put(bucket, key, body=None):
    notebook = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    s3.put_object(Bucket=bucket, Key=key, Body=body or json.dumps(notebook).encode(), ContentType="application/x-ipynb+json")


def put_big(bucket, key, size):
    """A valid notebook whose metadata holds a string long enough to make it `size` bytes."""
    head, tail = b'{"cells": [], "metadata": {"padding": "', b'"}, "nbformat": 4, "nbformat_minor": 5}'
    put(bucket, key, head + b"x" * (size - len(head) - len(tail)) + tail)


def seed(key, count):
    from concurrent.futures import ThreadPoolExecutor

    bucket = os.environ["BOOKSTORE_TEST_BUCKET"]

    def one(i):
        notebook = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": [f"seeded version {i}"]}],
                    "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        s3.put_object(Bucket=bucket, Key=key, Body=json.dumps(notebook).encode(), ContentType="application/x-ipynb+json")

    with ThreadPoolExecutor(16) as pool:
        list(pool.map(one, range(count)))


if __name__ == "__main__":
    if sys.argv[1:2] == ["versions"] and len(sys.argv) == 3:
        versions(sys.argv[2])
    elif sys.argv[1:2] == ["hashes"] and len(sys.argv) == 3:
        hashes(sys.argv[2])
    elif sys.argv[1:2] == ["put"] and len(sys.argv) == 4:
        put(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["put-text"] and len(sys.argv) == 5:
        put(sys.argv[2], sys.argv[3], sys.argv[4].encode())
    elif sys.argv[1:2] == ["put-big"] and len(sys.argv) == 5:
        put_big(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1:2] == ["seed"] and len(sys.argv) == 4:
        seed(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)
