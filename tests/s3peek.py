#!/usr/bin/env python3
"""What S3 holds, seen by an independent client (boto3), for the end-to-end tests to compare with.

    python3 tests/s3peek.py versions KEY    # {"versions": [{"versionId", "isLatest", "body"}...]}, newest first
    python3 tests/s3peek.py hashes KEY      # {"versions": [{"versionId", "size", "sha256"}...]}, for big bodies
    python3 tests/s3peek.py put BUCKET KEY  # stores a small notebook there
    python3 tests/s3peek.py put-text BUCKET KEY TEXT  # stores TEXT there (something that is no notebook)
    python3 tests/s3peek.py put-big BUCKET KEY BYTES  # stores a notebook of exactly BYTES bytes (padded metadata)
    python3 tests/s3peek.py tags KEY        # {"versions": [{"versionId", "tags": {key: value}}...]}, newest first
    python3 tests/s3peek.py seed KEY COUNT  # stores COUNT versions of a small notebook at KEY (16 at a time)
    python3 tests/s3peek.py put-as KEY      # tries a PUT with the temporary credentials in BOOKSTORE_AS_*
                                            # (ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN): {"error": code or null}

Reads the server and credentials from the environment written by tests/s3server.py.
"""

import json
import os
import sys

import boto3
from botocore.config import Config

def client(key_id, secret, token=None):
    """A boto3 S3 client of the test server, with these credentials."""
    return boto3.client("s3", endpoint_url=os.environ["BOOKSTORE_TEST_ENDPOINT"], aws_access_key_id=key_id,
                        aws_secret_access_key=secret, aws_session_token=token, region_name="us-east-1",
                        config=Config(s3={"addressing_style": "path"}))


# The bucket owner's view.
s3 = client(os.environ["BOOKSTORE_TEST_ACCESS_KEY_ID"], os.environ["BOOKSTORE_TEST_SECRET_ACCESS_KEY"])


def read(bucket, key, version_id):
    """A version's body. On RGW an object written through the STS role belongs to its user (alice), and
    the bucket owner may not read it: it is read as her."""
    from botocore.exceptions import ClientError

    try:
        return s3.get_object(Bucket=bucket, Key=key, VersionId=version_id)["Body"]
    except ClientError as error:
        owner_key = os.environ.get("BOOKSTORE_TEST_STS_ACCESS_KEY_ID")
        if error.response["Error"]["Code"] != "AccessDenied" or not owner_key:
            raise
        alice = client(owner_key, os.environ["BOOKSTORE_TEST_STS_SECRET_ACCESS_KEY"])
        return alice.get_object(Bucket=bucket, Key=key, VersionId=version_id)["Body"]


def versions_of(key):
    """The versions of exactly `key` (not of keys it prefixes), newest first, each with its body stream."""
    bucket = os.environ["BOOKSTORE_TEST_BUCKET"]
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix=key):
        for v in page.get("Versions", []):
            if v["Key"] == key:
                yield v, read(bucket, key, v["VersionId"])


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


def tags(key):
    bucket = os.environ["BOOKSTORE_TEST_BUCKET"]
    found = []
    for v, _ in versions_of(key):
        tag_set = s3.get_object_tagging(Bucket=bucket, Key=key, VersionId=v["VersionId"])["TagSet"]
        found.append({"versionId": v["VersionId"], "tags": {t["Key"]: t["Value"] for t in tag_set}})
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


def put_as(key):
    """What S3 answers a PUT of `key` made with someone's temporary credentials (what their policy allows)."""
    from botocore.exceptions import ClientError

    someone = client(os.environ["BOOKSTORE_AS_ACCESS_KEY_ID"], os.environ["BOOKSTORE_AS_SECRET_ACCESS_KEY"],
                     os.environ["BOOKSTORE_AS_SESSION_TOKEN"])
    try:
        someone.put_object(Bucket=os.environ["BOOKSTORE_TEST_BUCKET"], Key=key, Body=b"{}")
        print(json.dumps({"error": None}))
    except ClientError as error:
        print(json.dumps({"error": error.response["Error"]["Code"]}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["versions"] and len(sys.argv) == 3:
        versions(sys.argv[2])
    elif sys.argv[1:2] == ["hashes"] and len(sys.argv) == 3:
        hashes(sys.argv[2])
    elif sys.argv[1:2] == ["tags"] and len(sys.argv) == 3:
        tags(sys.argv[2])
    elif sys.argv[1:2] == ["put"] and len(sys.argv) == 4:
        put(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["put-text"] and len(sys.argv) == 5:
        put(sys.argv[2], sys.argv[3], sys.argv[4].encode())
    elif sys.argv[1:2] == ["put-big"] and len(sys.argv) == 5:
        put_big(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1:2] == ["put-as"] and len(sys.argv) == 3:
        put_as(sys.argv[2])
    elif sys.argv[1:2] == ["seed"] and len(sys.argv) == 4:
        seed(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)
