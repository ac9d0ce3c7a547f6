"""The Python module and its papermill handler, against the S3 server of tests/run (moto or Ceph RGW).

Run through tests/run, which builds the module (pip install ./crate), starts the server and sets the
BOOKSTORE_TEST_* variables. What S3 holds is checked with boto3, not with the module itself.
"""

import json
import os
import subprocess
import sys
import time
import uuid

import boto3
import pytest

import bookstore_s3
from bookstore_s3 import BookstoreError, Client


def variable(name):
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run these tests through tests/run")
    return value


@pytest.fixture
def place(monkeypatch):
    """A fresh prefix on the test server, as the environment a scheduler would set."""
    prefix = f"py-{uuid.uuid4().hex[:12]}"
    settings = {
        "AWS_ENDPOINT_URL": variable("BOOKSTORE_TEST_ENDPOINT"),
        "BOOKSTORE_BUCKET": variable("BOOKSTORE_TEST_BUCKET"),
        "BOOKSTORE_PATH_STYLE": "true",
        "BOOKSTORE_WORKSPACE_PREFIX": f"{prefix}/workspace",
        "BOOKSTORE_PUBLISHED_PREFIX": f"{prefix}/published",
        "AWS_ACCESS_KEY_ID": variable("BOOKSTORE_TEST_ACCESS_KEY_ID"),
        "AWS_SECRET_ACCESS_KEY": variable("BOOKSTORE_TEST_SECRET_ACCESS_KEY"),
        "AWS_REGION": "us-east-1",
    }
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    # The module's functions keep the client of the environment they first met.
    monkeypatch.setattr(bookstore_s3, "_default", None)
    return prefix


@pytest.fixture
def s3():
    return boto3.client(
        "s3",
        endpoint_url=variable("BOOKSTORE_TEST_ENDPOINT"),
        aws_access_key_id=variable("BOOKSTORE_TEST_ACCESS_KEY_ID"),
        aws_secret_access_key=variable("BOOKSTORE_TEST_SECRET_ACCESS_KEY"),
        region_name="us-east-1",
    )


def stored_versions(s3, key):
    """The versions S3 holds at exactly `key`, newest first."""
    answer = s3.list_object_versions(Bucket=variable("BOOKSTORE_TEST_BUCKET"), Prefix=key)
    return [v for v in answer.get("Versions", []) if v["Key"] == key]


def notebook(*sources, parameters=None):
    cells = []
    if parameters is not None:
        cells.append({"cell_type": "code", "execution_count": None, "id": "params", "metadata": {"tags": ["parameters"]},
                      "outputs": [], "source": parameters})
    for i, source in enumerate(sources):
        cells.append({"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [],
                      "source": source})
    return json.dumps({
        "cells": cells,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5,
    }).encode()


def test_versions_read_archive_publish_with_a_unicode_path(place, s3):
    path = "reports/café #1+2 50%.ipynb"
    contents = [notebook(f"print({i})") for i in range(3)]
    stored = [bookstore_s3.archive(path, content) for content in contents]
    assert [s.unchanged for s in stored] == [False, False, False]

    listed = bookstore_s3.versions(path)
    assert [v.version_id for v in listed] == [s.version_id for s in reversed(stored)]
    assert listed[0].is_latest and listed[0].size == len(contents[2])

    oldest = bookstore_s3.read(path, version_id=stored[0].version_id)
    held = s3.get_object(Bucket=stored[0].bucket, Key=stored[0].key, VersionId=stored[0].version_id)["Body"].read()
    assert oldest == held == contents[0]
    assert bookstore_s3.read(path) == contents[2]

    again = bookstore_s3.archive(path, contents[2])
    assert again.unchanged and again.version_id == stored[2].version_id
    assert len(stored_versions(s3, stored[0].key)) == 3

    published = bookstore_s3.publish(path, contents[1])
    assert published.key == f"{place}/published/{path}"
    assert s3.get_object(Bucket=published.bucket, Key=published.key)["Body"].read() == contents[1]
    assert published.uri.startswith(f"s3://{published.bucket}/{place}/published/reports/")


def test_failures_raise_the_browsers_codes_and_never_the_secret(place, monkeypatch):
    client = Client()
    bookstore_s3.archive("a.ipynb", notebook("1"))
    with pytest.raises(BookstoreError) as unknown:
        client.read("a.ipynb", version_id="no-such-version")
    assert unknown.value.code == "NoSuchVersion", unknown.value

    with pytest.raises(BookstoreError) as missing:
        Client(bucket=f"missing-{uuid.uuid4().hex[:8]}").versions("a.ipynb")
    assert missing.value.code == "NoSuchBucket", missing.value
    assert "does not exist" in str(missing.value) or "missing-" in str(missing.value)

    with pytest.raises(BookstoreError) as bad_path:
        client.archive("../outside.ipynb", notebook("1"))
    assert bad_path.value.code == "InvalidPath"

    wrong = "wrong-SECRET-value-123"
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", wrong)
    with pytest.raises(BookstoreError) as refused:
        Client().versions("a.ipynb")
    assert refused.value.code == "CredentialsRefused", refused.value
    for error in (unknown, missing, bad_path, refused):
        assert wrong not in str(error.value)
        assert variable("BOOKSTORE_TEST_SECRET_ACCESS_KEY") not in str(error.value)


def test_credentials_from_a_profile_file(place, monkeypatch, tmp_path):
    credentials = tmp_path / "credentials"
    credentials.write_text(
        "[default]\naws_access_key_id = nobody\naws_secret_access_key = nothing\n\n"
        f"[scheduler]\naws_access_key_id = {os.environ['AWS_ACCESS_KEY_ID']}\n"
        f"aws_secret_access_key = {os.environ['AWS_SECRET_ACCESS_KEY']}\n"
    )
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    stored = Client(profile="scheduler").archive("profile.ipynb", notebook("1"))
    assert not stored.unchanged
    with pytest.raises(BookstoreError) as refused:
        Client().versions("profile.ipynb")
    assert refused.value.code == "CredentialsRefused"


def papermill(*args):
    """Runs the papermill command as a scheduler would, with this test's environment."""
    return subprocess.run([sys.executable, "-m", "papermill", "--no-progress-bar", *args],
                          capture_output=True, text=True, timeout=180)


def test_papermill_runs_that_version_and_archives_one_version_naming_its_source(place, s3):
    source = "reports/sales.ipynb"
    first = bookstore_s3.publish(source, notebook('print(f"{region} v1")', parameters='region = "US"'))
    bookstore_s3.publish(source, notebook('print(f"{region} v2")', parameters='region = "US"'))

    run = papermill(f"bookstore://published/{source}?versionId={first.version_id}",
                    "bookstore://runs/sales-2026-11-30.ipynb", "-p", "region", "EU")
    assert run.returncode == 0, run.stderr
    assert variable("BOOKSTORE_TEST_SECRET_ACCESS_KEY") not in run.stdout + run.stderr

    key = f"{place}/workspace/runs/sales-2026-11-30.ipynb"
    versions = stored_versions(s3, key)
    assert len(versions) == 1, "one version per run, not one per cell"
    bucket = variable("BOOKSTORE_TEST_BUCKET")
    executed = json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
    outputs = [o.get("text", "") for cell in executed["cells"] for o in cell.get("outputs", [])]
    assert "EU v1\n" in ["".join(text) for text in outputs], outputs

    metadata = s3.head_object(Bucket=bucket, Key=key)["Metadata"]
    assert metadata["bookstore-source"] == f"s3://{bucket}/{first.key}"
    assert metadata["bookstore-source-version-id"] == first.version_id
    assert json.loads(metadata["bookstore-parameters"]) == {"region": "EU"}

    runs = json.loads(Client()._native.runs("runs/sales-2026-11-30.ipynb"))
    assert runs == [{"versionId": versions[0]["VersionId"], "source": first.uri}]


def test_papermill_latest_version_and_a_failing_notebook(place, s3):
    bookstore_s3.archive("jobs/fails.ipynb", notebook("print('before')", "raise ValueError('planned failure')"))
    run = papermill("bookstore://jobs/fails.ipynb", "bookstore://runs/fails-out.ipynb")
    assert run.returncode != 0 and "planned failure" in run.stderr
    key = f"{place}/workspace/runs/fails-out.ipynb"
    assert len(stored_versions(s3, key)) == 1, "the failed run is kept, once"
    executed = json.loads(s3.get_object(Bucket=variable("BOOKSTORE_TEST_BUCKET"), Key=key)["Body"].read())
    assert executed["metadata"]["papermill"]["exception"] is True
    latest = bookstore_s3.versions("jobs/fails.ipynb")[0].version_id
    metadata = s3.head_object(Bucket=variable("BOOKSTORE_TEST_BUCKET"), Key=key)["Metadata"]
    assert metadata["bookstore-source-version-id"] == latest


def test_papermill_missing_input_says_so(place):
    run = papermill("bookstore://jobs/absent.ipynb", "bookstore://runs/absent-out.ipynb")
    assert run.returncode != 0
    assert "jobs/absent.ipynb" in run.stderr and "BookstoreError" in run.stderr, run.stderr[-2000:]


def test_a_long_run_stores_its_progress_at_most_every_period(place, s3, monkeypatch):
    monkeypatch.setenv("BOOKSTORE_RUN_SAVE_EVERY", "2")
    cells = [f"import time; time.sleep(0.7); print({i})" for i in range(8)]
    bookstore_s3.archive("jobs/slow.ipynb", notebook(*cells))
    started = time.monotonic()
    run = papermill("bookstore://jobs/slow.ipynb", "bookstore://runs/slow-out.ipynb")
    assert run.returncode == 0, run.stderr
    elapsed = time.monotonic() - started
    versions = stored_versions(s3, f"{place}/workspace/runs/slow-out.ipynb")
    # papermill wrote 18 times (each cell's start and end, the start, the end); progress at most every 2 s.
    assert 2 <= len(versions) <= 1 + int(elapsed / 2), (len(versions), elapsed)
