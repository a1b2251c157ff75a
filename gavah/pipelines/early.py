"""A few large files staged while the rest of `gavah ingest` starts. Storing them is
copying and hashing, which release the GIL: begun on threads before the command imports
its database layer and pipelines (a few tenths of a second on one core), they use the
other core meanwhile. Only what the ingest would stage anyway, as it would stage it
(written under a temporary name and hashed as stored; durable and named only when the
ingest commits it): a file found acquired before is then dropped (its hash compared),
and whatever the ingest does not take is discarded. Not for originals to be sealed
(the data key is not read this early) nor for work sent to a cluster."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice
from pathlib import Path
from types import TracebackType

from gavah.pipelines.walk import Candidate, walk
from gavah.store import config as ws_config
from gavah.store.blobs import BlobStore, Staged

# As ingest decides: this few files go to threads (more go to worker processes), and
# from this many bytes on average starting threads pays for itself.
MAX_FILES = 15
MIN_BYTES = 64 << 20


def _stage(blobs: BlobStore, path: str) -> Staged:
    with open(path, "rb", buffering=0) as stream:
        return blobs.stage(stream)


class Early:
    """Files being staged, by the walk's Candidate (path, size and times as walked)."""

    def __init__(self, blobs: BlobStore, candidates: list[Candidate]) -> None:
        self._blobs = blobs
        self._pool = ThreadPoolExecutor(blobs.readers)
        self._staging: dict[Candidate, Future[Staged]] = {
            c: self._pool.submit(_stage, blobs, c.path) for c in candidates}

    def take(self, candidate: Candidate) -> Callable[[], Staged] | None:
        """What waits for this file's staging (and raises its OSError), now the caller's
        to commit or discard; None when it was not staged early (or has changed since:
        another size or modification time)."""
        future = self._staging.pop(candidate, None)
        return future.result if future is not None else None

    def close(self) -> None:
        """Discard what nobody took."""
        self._pool.shutdown()
        for future in self._staging.values():
            if future.exception() is None:
                self._blobs.discard([future.result()])
        self._staging.clear()

    def __enter__(self) -> Early:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def start(home: Path, paths: list[str], classification: str,
          scheduler: str | None) -> Early | None:
    """Start staging when the ingest of `paths` is a few large files (else None)."""
    from gavah.core.levels import seals

    if scheduler is not None or seals(classification):
        return None
    ws_config.require_workspace(home)  # as opening the workspace checks it, first
    ws_config.owner_only(home)
    found = list(islice((c for c in walk(paths, (str(home),)) if isinstance(c, Candidate)),
                        MAX_FILES + 1))
    if not found or len(found) > MAX_FILES or sum(c.size for c in found) < MIN_BYTES:
        return None
    config = ws_config.read_config(home)
    blobs = ws_config.open_blobs(str(config.get("blobs") or home / "blobs"))
    return Early(blobs, found)
