"""Named versions and retention, against the S3 server of tests/run (moto or Ceph RGW).

With tagging on (BOOKSTORE_TAG_VERSIONS, the extension's `tagVersions`), each automatic version is
stored with the tag bookstore-retention=auto and a named one gets `named`; the lifecycle rule of the
README (docs/retention-lifecycle.json) then expires old automatic versions and keeps named ones. RGW
runs lifecycle rules on demand (`radosgw-admin lc process`, with a 10-second "day" set by
tests/s3server.py); moto stores rules but never runs them, so there the expiry test is skipped.
"""

import json
import subprocess
import time
from pathlib import Path

import pytest

from bookstore_s3 import BookstoreError, Client
from test_bookstore_s3 import place, s3, variable  # noqa: F401 (fixtures)

RULE = Path(__file__).resolve().parents[2] / "docs" / "retention-lifecycle.json"


def notebook(marker):
    cell = {"cell_type": "markdown", "metadata": {}, "source": [marker]}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()


def tags(s3, key, version_id):
    answer = s3.get_object_tagging(Bucket=variable("BOOKSTORE_TEST_BUCKET"), Key=key, VersionId=version_id)
    return {tag["Key"]: tag["Value"] for tag in answer["TagSet"]}


@pytest.fixture
def tagging(place, monkeypatch):
    monkeypatch.setenv("BOOKSTORE_TAG_VERSIONS", "1")
    return Client()


def test_a_named_version_is_listed_for_everyone_and_tagged_to_be_kept(tagging, s3):
    path = "named.ipynb"
    first, second = tagging.archive(path, notebook("one")), tagging.archive(path, notebook("two"))
    key = tagging.key_for(path)
    assert tags(s3, key, first.version_id) == {"bookstore-retention": "auto"}

    tagging.name(path, first.version_id, "sent to reviewers")
    # Another client (a collaborator) sees the name: it is in S3, not in this one.
    assert Client().names(path) == {first.version_id: "sent to reviewers"}
    assert tags(s3, key, first.version_id) == {"bookstore-retention": "named"}
    assert tags(s3, key, second.version_id) == {"bookstore-retention": "auto"}

    # Renamed, the newest name wins; named "" it is an automatic version again.
    tagging.name(path, first.version_id, "  accepted\n")
    tagging.name(path, second.version_id, "draft")
    tagging.name(path, second.version_id, "")
    assert tagging.names(path) == {first.version_id: "accepted"}
    assert tags(s3, key, second.version_id) == {"bookstore-retention": "auto"}

    with pytest.raises(BookstoreError) as refused:
        tagging.name(path, first.version_id, "x" * 81)
    assert "at most 80 characters" in str(refused.value)
    assert tagging.names(path) == {first.version_id: "accepted"}


def test_without_tagging_versions_carry_no_tag(place, s3):
    client = Client()
    stored = client.archive("plain.ipynb", notebook("one"))
    assert tags(s3, client.key_for("plain.ipynb"), stored.version_id) == {}


def test_the_readme_rule_expires_unnamed_noncurrent_versions_and_keeps_named_ones(tagging, s3, place):
    if variable("BOOKSTORE_TEST_SERVER") != "rgw":
        pytest.skip("moto stores lifecycle rules but never runs them; RGW runs them on demand")
    path = "expiring.ipynb"
    named = tagging.archive(path, notebook("one"))
    unnamed = tagging.archive(path, notebook("two"))
    current = tagging.archive(path, notebook("three"))
    tagging.name(path, named.version_id, "kept")
    # The README's rule, for this test's prefix only, and with the shortest expiry (a 10-second day here).
    rule = json.loads(RULE.read_text())["Rules"][0]
    rule["Filter"]["And"]["Prefix"] = f"{place}/workspace/"
    rule["NoncurrentVersionExpiration"]["NoncurrentDays"] = 1
    bucket = variable("BOOKSTORE_TEST_BUCKET")
    s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": [rule]})
    try:
        left = None
        for _ in range(12):
            time.sleep(10)
            subprocess.run(["radosgw-admin", "-c", variable("BOOKSTORE_TEST_RGW_CONF"), "lc", "process"],
                           check=True, capture_output=True, timeout=120)
            left = [v.version_id for v in tagging.versions(path)]
            if unnamed.version_id not in left:
                break
        assert left == [current.version_id, named.version_id], "the unnamed noncurrent version was not expired"
    finally:
        s3.delete_bucket_lifecycle(Bucket=bucket)
