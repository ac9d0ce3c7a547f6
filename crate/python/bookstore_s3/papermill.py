"""papermill I/O for ``bookstore://`` paths (registered through papermill's ``papermill.io`` entry points)::

    papermill 'bookstore://published/reports/sales.ipynb?versionId=ID' \\
        bookstore://runs/sales-2026-11-30.ipynb -p region EU

A path's first segment ``published`` means the published prefix; anything else is a path under the
workspace prefix (``bookstore://workspace/…`` says so explicitly). ``?versionId=`` reads that version.

Reading remembers which version was read; the executed notebook is archived as a version whose object
metadata names that source (key and version id) and the parameters, and the history panel marks it.

papermill writes the output at every cell's start and end; a version is made of the finished notebook
(and, during a long run, of its progress at most every ``BOOKSTORE_RUN_SAVE_EVERY`` seconds, 600 by
default), not of each of those writes. A write held back is stored when the process ends.
"""

import atexit
import json
import os
import threading
import time
from dataclasses import dataclass
from typing import Dict, Optional, Tuple
from urllib.parse import parse_qs, unquote, urlsplit

from . import _client
from ._errors import BookstoreError

SCHEME = "bookstore://"


@dataclass(frozen=True)
class Location:
    """What a ``bookstore://`` path names."""

    path: str
    published: bool
    version_id: Optional[str]


def parse(url: str) -> Location:
    """The notebook a ``bookstore://`` path names; a clear error for anything else."""
    if not url.startswith(SCHEME):
        raise BookstoreError("BadInput", f"{url} is not a bookstore:// path. Write bookstore://PATH.ipynb.")
    parts = urlsplit(url)
    path = unquote(parts.netloc + parts.path)
    version = parse_qs(parts.query).get("versionId", [None])[0]
    scope, _, rest = path.partition("/")
    if scope in ("published", "workspace") and rest:
        return Location(rest, scope == "published", version)
    return Location(path, False, version)


# Per bookstore:// path read: the bucket, key and version read (the run's source).
_read: Dict[str, Tuple[str, str, str]] = {}
# Per output path: when a version was last stored (or the run began), and a held-back write.
_stored_at: Dict[str, float] = {}
_held: Dict[str, str] = {}
_lock = threading.Lock()


def _save_every() -> float:
    return float(os.environ.get("BOOKSTORE_RUN_SAVE_EVERY", "600"))


ERROR_MARKER_TAG = "papermill-error-cell-tag"


def _unfinished(notebook: dict) -> bool:
    """papermill's own state: a run has started and not yet ended (a write from a cell's start or end),
    or it ended in an error and papermill is about to write it again with its error cell on top."""
    state = notebook.get("metadata", {}).get("papermill", {})
    if state.get("start_time") and not state.get("end_time"):
        return True
    marked = any(ERROR_MARKER_TAG in cell.get("metadata", {}).get("tags", []) for cell in notebook.get("cells", []))
    return state.get("exception") is True and not marked


def _source(notebook: dict) -> Optional[Tuple[str, str, str, str]]:
    """The bucket, key and version a run read, and its parameters as JSON; none for a local input."""
    state = notebook.get("metadata", {}).get("papermill", {})
    input_path = state.get("input_path") or ""
    parameters = json.dumps(state.get("parameters") or {}, sort_keys=True, default=str)
    if input_path in _read:
        return (*_read[input_path], parameters)
    if input_path.startswith("s3://"):
        parts = urlsplit(input_path)
        version = parse_qs(parts.query).get("versionId", [""])[0]
        return parts.netloc, unquote(parts.path.lstrip("/")), version, parameters
    return None


def _store(buf: str, path: str) -> None:
    location = parse(path)
    client = _client()
    content = buf.encode("utf-8")
    source = None if location.published else _source(json.loads(buf))
    if location.published:
        client.publish(location.path, content)
    elif source is None:
        client.archive(location.path, content)
    else:
        client._native.archive_run(location.path, content, source)


class BookstoreHandler:
    """papermill's I/O handler interface: ``read``, ``write``, ``listdir``, ``pretty_path``."""

    @classmethod
    def read(cls, path: str) -> str:
        location = parse(path)
        client = _client()
        content, version_id = client._native.read(location.path, location.version_id, location.published)
        _read[path] = (client.bucket, client.key_for(location.path, location.published), version_id or "")
        return content.decode("utf-8")

    @classmethod
    def write(cls, buf: str, path: str) -> None:
        now = time.monotonic()
        with _lock:
            if _unfinished(json.loads(buf)):
                started = _stored_at.setdefault(path, now)
                if now - started < _save_every():
                    _held[path] = buf
                    return
                _stored_at[path] = now
            else:
                _stored_at.pop(path, None)
            _held.pop(path, None)
        try:
            _store(buf, path)
        except BookstoreError:
            # Kept for one more try when the process ends; papermill reports the failure meanwhile.
            with _lock:
                _held.setdefault(path, buf)
            raise

    @classmethod
    def listdir(cls, path: str):
        raise BookstoreError("BadInput", "bookstore:// paths name notebooks, not folders: give a notebook's path.")

    @classmethod
    def pretty_path(cls, path: str) -> str:
        return path


@atexit.register
def _store_held() -> None:
    """A run that never finished (killed between cells, a crashed kernel) keeps its last progress."""
    for path, buf in list(_held.items()):
        try:
            _store(buf, path)
        except BookstoreError as error:
            print(f"bookstore: could not store {path}: {error}")
