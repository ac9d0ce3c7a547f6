#!/usr/bin/env python3
"""Record real S3 XML responses as fixtures for the crate's XML tests.

    source WORKDIR/env && python3 tests/record_xml_fixtures.py crate/src/xml/fixtures

Run against each server started by tests/s3server.py; files are named after BOOKSTORE_TEST_SERVER.
"""

import os
import sys
from pathlib import Path

import urllib.error
import urllib.request

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

server = os.environ["BOOKSTORE_TEST_SERVER"]
out = Path(sys.argv[1])
bucket = os.environ["BOOKSTORE_TEST_BUCKET"]
endpoint = os.environ["BOOKSTORE_TEST_ENDPOINT"]
key_id = os.environ["BOOKSTORE_TEST_ACCESS_KEY_ID"]
secret = os.environ["BOOKSTORE_TEST_SECRET_ACCESS_KEY"]
EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def client():
    return boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id=key_id, aws_secret_access_key=secret,
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
    )


def record(name, path, query="", secret_key=None):
    """Sends the request exactly as the Rust client does (no encoding-type=url, which boto3 adds)."""
    url = f"{endpoint}/{path}" + (f"?{query}" if query else "")
    request = AWSRequest(method="GET", url=url, headers={"x-amz-content-sha256": EMPTY_SHA256})
    SigV4Auth(Credentials(key_id, secret_key or secret), "s3", "us-east-1").add_auth(request)
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=dict(request.headers))) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        body = error.read()
    (out / f"{server}-{name}.xml").write_bytes(body)


s3 = client()
prefix = "fixtures/"
for i in range(3):
    s3.put_object(Bucket=bucket, Key=prefix + "a.ipynb", Body=b"{}" * (i + 1))
s3.delete_object(Bucket=bucket, Key=prefix + "a.ipynb")
s3.put_object(Bucket=bucket, Key=prefix + "a.ipynb", Body=b"{}")
s3.put_object(Bucket=bucket, Key=prefix + "a.ipynb.bak", Body=b"{}")

record("versions-truncated", bucket, "max-keys=2&prefix=fixtures%2F&versions")
record("versions-last-page", bucket, "prefix=fixtures%2F&versions")
record("objects-truncated", bucket, "list-type=2&max-keys=1&prefix=fixtures%2F")
record("versioning-enabled", bucket, "versioning")
record("versioning-never", os.environ["BOOKSTORE_TEST_UNVERSIONED_BUCKET"], "versioning")
record("versioning-suspended", os.environ["BOOKSTORE_TEST_SUSPENDED_BUCKET"], "versioning")
record("error-no-such-bucket", "no-such-bucket-here", "list-type=2")
record("error-no-such-key", f"{bucket}/fixtures/missing.ipynb")
record("error-signature", bucket, "list-type=2", secret_key="wrong-secret")
# A well-formed but unknown version id: moto says NoSuchVersion, RGW NoSuchKey.
record("error-no-such-version", f"{bucket}/fixtures/a.ipynb", "versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY")
print(f"recorded {server} fixtures in {out}")
