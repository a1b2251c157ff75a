"""The exporter's copier: originals copied by worker processes from a local blob store,
or through the store (sealed blobs, S3) by threads; every copy checked against the
SHA-256 and size it was listed with. Every byte here is FICTIONAL test data."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from gavah.pipelines.export.copier import Copier, Mismatch
from gavah.store.blobs import LocalBlobStore


class FixedKey:
    def __init__(self, key: bytes) -> None:
        self.key = key

    def get(self) -> bytes:
        return self.key


@pytest.fixture
def store(tmp_path: Path) -> LocalBlobStore:
    made = LocalBlobStore(tmp_path / "blobs")
    made.ensure()
    made.data_key = FixedKey(os.urandom(32))
    return made


def _blobs(store: LocalBlobStore) -> list[tuple[str, bytes]]:
    # sizes around the copy's 1 MiB chunk, and an empty file
    datas = [b"", b"FICTIONAL statement\n", os.urandom((1 << 20) + 7),
             b"FICTIONAL photograph " * 70_000]
    return [(store.put_bytes(data).sha256, data) for data in datas]


@pytest.mark.parametrize("workers", [True, False], ids=["processes", "threads"])
def test_copies_are_the_listed_bytes(store: LocalBlobStore, tmp_path: Path,
                                     workers: bool) -> None:
    blobs = _blobs(store)
    store.seal(blobs[1][0])  # a sealed blob: the worker leaves it to the store's reader
    copier = Copier(tmp_path / "bag", store, store.root if workers else None)
    for n, (sha256, data) in enumerate(blobs):
        copier.copy(sha256, len(data), f"data/items/{n}/original/file {n}.bin")
    copier.write("data/items/0/metadata.json", b'{"name": "FICTIONAL \xd8\xb4"}\n')
    copier.wait()
    for n, (_sha256, data) in enumerate(blobs):
        assert (tmp_path / "bag" / f"data/items/{n}/original/file {n}.bin").read_bytes() \
            == data
    assert (tmp_path / "bag" / "data/items/0/metadata.json").read_bytes() == \
        b'{"name": "FICTIONAL \xd8\xb4"}\n'


@pytest.mark.parametrize("workers", [True, False], ids=["processes", "threads"])
def test_altered_blob_is_a_mismatch(store: LocalBlobStore, tmp_path: Path,
                                    workers: bool) -> None:
    blobs = _blobs(store)
    altered = store.path(blobs[3][0])
    altered.chmod(0o600)
    altered.write_bytes(altered.read_bytes().replace(b"photograph", b"photocopy!"))
    copier = Copier(tmp_path / "bag", store, store.root if workers else None)
    for n, (sha256, data) in enumerate(blobs):
        copier.copy(sha256, len(data), f"data/items/{n}/original/f")
    with pytest.raises(Mismatch) as raised:
        copier.wait()
    assert raised.value.sha256 == blobs[3][0]
    assert raised.value.read.startswith(hashlib.sha256(altered.read_bytes()).hexdigest())


def test_a_stopped_worker_is_an_error_not_a_hang(store: LocalBlobStore,
                                                 tmp_path: Path) -> None:
    sha256, data = _blobs(store)[1]
    (tmp_path / "bag").write_bytes(b"a file where the bag's folder should be")
    copier = Copier(tmp_path / "bag", store, store.root)
    copier.copy(sha256, len(data), "data/items/1/original/f")
    with pytest.raises(OSError, match="copier process stopped"):
        copier.wait()
