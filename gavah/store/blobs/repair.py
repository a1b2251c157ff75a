"""Put good bytes back under a hash whose stored copy no longer hashes to it.

Stores never overwrite a hash key, and gavah deletes no blob: the altered copy is moved
aside to `.quarantine/<sha256>-<time>` (kept for whoever investigates how it changed),
then the good bytes are written under the hash by the store's own put(), which hashes
what it stored. Only a blob that fails its re-hash is ever replaced."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from gavah.store.blobs.base import BlobStore, StoredBlob
from gavah.store.blobs.local import LocalBlobStore

QUARANTINE = ".quarantine"


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def replace(store: BlobStore, sha256: str, stream: IO[bytes]) -> StoredBlob:
    """Replace the stored copy of `sha256` (which must not hash to it) with `stream`,
    whose bytes must. Raises ValueError when either condition fails; then nothing moved."""
    actual: str | None
    try:
        actual, _ = store.rehash(sha256)
    except FileNotFoundError:
        actual = None
    if actual == sha256:
        raise ValueError(f"blob {sha256} is intact; it is not replaced")
    staged = store.stage(stream)
    if staged.sha256 != sha256:
        store.discard([staged])
        raise ValueError(f"the copy offered for {sha256} hashes to {staged.sha256}")
    if actual is not None:
        _quarantine(store, sha256)
    return store.commit([staged])[0]


def _quarantine(store: BlobStore, sha256: str) -> None:
    name = f"{QUARANTINE}/{sha256}-{_stamp()}"
    if isinstance(store, LocalBlobStore):
        path = store.path(sha256)
        target = store.root / name
        target.parent.mkdir(mode=0o700, exist_ok=True)
        os.replace(path, target)
        target.chmod(stat.S_IRUSR)
        return
    from gavah.store.blobs.s3 import S3BlobStore

    if not isinstance(store, S3BlobStore):
        raise TypeError(f"cannot move a blob aside in {store.location}")
    # S3 has no rename: copied aside first, and only then removed from under the hash so
    # that commit() writes the good bytes there.
    store.client.copy_object(CopySource={"Bucket": store.bucket, "Key": store.key(sha256)},
                             Bucket=store.bucket, Key=store._key(name))
    store.client.delete_object(Bucket=store.bucket, Key=store.key(sha256))


def quarantined(store: BlobStore) -> list[str]:
    """Names of the altered copies moved aside (local stores)."""
    if isinstance(store, LocalBlobStore):
        return sorted(p.name for p in (Path(store.root) / QUARANTINE).glob("*"))
    return []
