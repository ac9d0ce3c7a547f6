"""Notebook versions on S3 from Python: the Bookstore client (the same Rust code as the JupyterLab
extension and the ``bookstore`` command) for scheduler code, and a papermill handler for
``bookstore://`` paths (``bookstore_s3.papermill``).

Settings come from the environment as for the ``bookstore`` command (``BOOKSTORE_BUCKET``,
``AWS_ENDPOINT_URL``, ``AWS_REGION``, ``BOOKSTORE_WORKSPACE_PREFIX``, ``BOOKSTORE_PUBLISHED_PREFIX``,
``BOOKSTORE_PATH_STYLE``, ``BOOKSTORE_USER``; credentials as AWS tools find them), or from the
arguments of :class:`Client`::

    import bookstore_s3 as bookstore
    for version in bookstore.versions("reports/sales.ipynb")[:3]:
        print(version.version_id, version.last_modified)
    old = bookstore.read("reports/sales.ipynb", version_id=version.version_id)
    stored = bookstore.archive("reports/sales.ipynb", old)
"""

import json
from dataclasses import dataclass
from typing import Dict, List, Optional

from ._errors import BookstoreError
from ._native import Client as _NativeClient
from ._native import diff_notebooks as _diff_notebooks

__all__ = ["BookstoreError", "Client", "Stored", "Version", "archive", "diff", "publish", "read", "versions"]


@dataclass(frozen=True)
class Version:
    """One version of a notebook, as the history panel lists it."""

    version_id: str
    last_modified: str
    size: int
    etag: str
    is_latest: bool
    is_delete_marker: bool


@dataclass(frozen=True)
class Stored:
    """A version just written; ``unchanged`` when the content was already the latest version."""

    bucket: str
    key: str
    version_id: str
    etag: str
    size: int
    unchanged: bool

    @property
    def uri(self) -> str:
        """``s3://bucket/key?versionId=…``: what ``bookstore clone`` and clone links take."""
        return f"s3://{self.bucket}/{self.key}?versionId={self.version_id}"


def _stored(text: str) -> Stored:
    raw = json.loads(text)
    return Stored(
        raw["bucket"], raw["key"], raw["versionId"], raw.get("etag", ""), raw["size"], raw.get("unchanged", False)
    )


class Client:
    """One bucket's notebooks. Arguments left out come from the environment."""

    def __init__(
        self,
        bucket: Optional[str] = None,
        *,
        endpoint: Optional[str] = None,
        region: Optional[str] = None,
        workspace_prefix: Optional[str] = None,
        published_prefix: Optional[str] = None,
        path_style: Optional[bool] = None,
        user: Optional[str] = None,
        profile: Optional[str] = None,
    ):
        self._native = _NativeClient(
            bucket, endpoint, region, workspace_prefix, published_prefix, path_style, user, profile
        )

    @property
    def bucket(self) -> str:
        return self._native.bucket

    def key_for(self, path: str, published: bool = False) -> str:
        """The S3 key of ``path`` under the workspace (or published) prefix."""
        return self._native.key_for(path, published)

    def versions(self, path: str, published: bool = False) -> List[Version]:
        """Every version of ``path``, newest first."""
        return [
            Version(v["versionId"], v["lastModified"], v["size"], v["etag"], v["isLatest"], v["isDeleteMarker"])
            for v in json.loads(self._native.versions(path, published))
        ]

    def read(self, path: str, version_id: Optional[str] = None, published: bool = False) -> bytes:
        """The bytes of ``path``: that version, or the latest."""
        return self._native.read(path, version_id, published)[0]

    def archive(self, path: str, content: bytes) -> Stored:
        """Stores ``content`` as a new version of ``path`` under the workspace prefix, unless unchanged."""
        return _stored(self._native.archive(path, bytes(content), False))

    def publish(self, path: str, content: bytes) -> Stored:
        """Stores ``content`` as a new version of ``path`` under the published prefix, unless unchanged."""
        return _stored(self._native.archive(path, bytes(content), True))

    def name(self, path: str, version_id: str, name: str) -> None:
        """Names a version of ``path`` ("sent to reviewers"), as the history panel does; "" removes it."""
        self._native.name_version(path, version_id, name)

    def names(self, path: str) -> Dict[str, str]:
        """The names of the versions of ``path``: version id to name."""
        return {n["versionId"]: n["name"] for n in json.loads(self._native.names(path))}


_default: Optional[Client] = None


def _client() -> Client:
    global _default
    if _default is None:
        _default = Client()
    return _default


def versions(path: str, published: bool = False) -> List[Version]:
    """Every version of ``path``, newest first (settings from the environment)."""
    return _client().versions(path, published)


def read(path: str, version_id: Optional[str] = None, published: bool = False) -> bytes:
    """The bytes of ``path``: that version, or the latest (settings from the environment)."""
    return _client().read(path, version_id, published)


def archive(path: str, content: bytes) -> Stored:
    """Stores ``content`` as a new version of ``path``, unless unchanged (settings from the environment)."""
    return _client().archive(path, content)


def publish(path: str, content: bytes) -> Stored:
    """Publishes ``content`` at ``path``, unless unchanged (settings from the environment)."""
    return _client().publish(path, content)


def diff(
    base,
    remote,
    ignore_outputs: bool = False,
    ignore_metadata: bool = False,
    ignore_execution_counts: bool = False,
) -> list:
    """The diff of notebook ``base`` into ``remote`` in nbdime's diff format (a list of entries, what
    ``nbdime.diff_notebooks`` returns). Each notebook is its JSON text, bytes, or a dict; for example two
    versions from :func:`read`. Nothing is sent anywhere: the diff is computed here.
    """

    def text(notebook) -> str:
        if isinstance(notebook, dict):
            return json.dumps(notebook)
        return notebook.decode("utf-8") if isinstance(notebook, bytes) else notebook

    return json.loads(
        _diff_notebooks(text(base), text(remote), ignore_outputs, ignore_metadata, ignore_execution_counts)
    )
