#!/usr/bin/env python3
"""What S3 holds, seen by an independent client (boto3), for the end-to-end tests to compare with.

    python3 tests/s3peek.py KEY   # prints {"versions": [{"versionId", "isLatest", "body"}...]}, newest first

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
bucket, key = os.environ["BOOKSTORE_TEST_BUCKET"], sys.argv[1]
versions = []
for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket, Prefix=key):
    for v in page.get("Versions", []):
        if v["Key"] == key:
            body = s3.get_object(Bucket=bucket, Key=key, VersionId=v["VersionId"])["Body"].read()
            versions.append({"versionId": v["VersionId"], "isLatest": v["IsLatest"], "body": body.decode("utf-8")})
print(json.dumps({"versions": versions}))
