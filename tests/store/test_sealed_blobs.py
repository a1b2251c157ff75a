"""Originals sealed (encrypted at rest) in both blob stores: named and hashed by their
plaintext, readable as plaintext with seeks, never stored in clear, tampering found.
Every byte here is FICTIONAL test data."""

import hashlib
import io
import os
import tracemalloc
from pathlib import Path

import pytest

from gavah.store.blobs import BlobStore, LocalBlobStore, s3, sealed


class FixedKey:
    def __init__(self, key: bytes) -> None:
        self.key = key

    def get(self) -> bytes:
        return self.key


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> BlobStore:
    made: BlobStore
    if request.param == "local":
        made = LocalBlobStore(tmp_path / "blobs")
    else:
        made = s3.S3BlobStore(request.getfixturevalue("s3_location"))
    made.ensure()
    made.data_key = FixedKey(os.urandom(32))
    return made


def _stored(store: BlobStore, sha: str) -> bytes:
    with store.open_stored(sha) as raw:
        return raw.read()


@pytest.mark.parametrize("size", [0, 1, sealed.CHUNK - 1, sealed.CHUNK, 2 * sealed.CHUNK + 5])
def test_sealed_blob_reads_back_as_plaintext_and_is_named_by_it(store: BlobStore,
                                                                 size: int) -> None:
    data = (b"FICTIONAL witness statement " * (size // 28 + 1))[:size]
    sha = hashlib.sha256(data).hexdigest()
    staged = store.stage(io.BytesIO(data), seal=True)
    with store.open_staged(staged) as stream:
        assert stream.read() == data
    blob = store.commit([staged])[0]
    assert (blob.sha256, blob.size, blob.sealed, blob.new) == (sha, size, True, True)
    assert blob.head == data[:len(blob.head)] and store.exists(sha) and store.is_sealed(sha)
    assert store.size(sha) == size
    assert store.rehash(sha) == (sha, size)
    assert list(store.iter_shas()) == [sha]
    with store.open(sha) as stream:
        assert stream.read() == data
        stream.seek(max(0, size - 40))
        assert stream.read() == data[max(0, size - 40):]
        stream.seek(size // 2)
        assert stream.read(10) == data[size // 2:size // 2 + 10]
    stored = _stored(store, sha)
    assert len(stored) > size
    if size:
        assert b"FICTIONAL witness" not in stored


def test_sealing_a_stored_blob_removes_its_plaintext(store: BlobStore) -> None:
    data = b"FICTIONAL: the name of a protected witness, " * 100
    blob = store.put_bytes(data)
    assert not store.is_sealed(blob.sha256)
    assert store.seal(blob.sha256) is True
    assert store.seal(blob.sha256) is False, "sealing twice changes nothing"
    assert store.is_sealed(blob.sha256)
    assert b"protected witness" not in _stored(store, blob.sha256)
    if isinstance(store, LocalBlobStore):
        assert not store.path(blob.sha256).exists()
        assert sorted(p.name for p in store.path(blob.sha256).parent.iterdir()) == [
            blob.sha256 + sealed.SUFFIX]
    else:
        assert not store._has(store.key(blob.sha256))
    with store.open(blob.sha256) as stream:
        assert stream.read() == data
    assert store.rehash(blob.sha256) == (blob.sha256, len(data))


def test_a_flipped_byte_or_another_key_does_not_decrypt(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path / "blobs")
    store.ensure()
    store.data_key = FixedKey(os.urandom(32))
    data = os.urandom(sealed.CHUNK + 100)
    blob = store.commit([store.stage(io.BytesIO(data), seal=True)])[0]
    path = store.sealed_path(blob.sha256)
    sealed_bytes = bytearray(path.read_bytes())
    path.chmod(0o600)
    sealed_bytes[sealed.HEADER + sealed.CHUNK + 20] ^= 1  # in the second chunk
    path.write_bytes(bytes(sealed_bytes))
    actual, _ = store.rehash(blob.sha256)
    assert actual != blob.sha256 and "does not authenticate" in actual
    with store.open(blob.sha256) as stream:
        assert stream.read(100) == data[:100], "the first chunk is intact"
        with pytest.raises(sealed.SealBroken):
            stream.read()
    sealed_bytes[sealed.HEADER + sealed.CHUNK + 20] ^= 1
    path.write_bytes(bytes(sealed_bytes[:-1]))  # truncated: the last chunk fails
    assert store.rehash(blob.sha256)[0] != blob.sha256
    path.write_bytes(bytes(sealed_bytes))
    assert store.rehash(blob.sha256) == (blob.sha256, len(data))
    store.data_key = FixedKey(os.urandom(32))
    assert store.rehash(blob.sha256)[0] != blob.sha256


def test_sealing_streams_with_bounded_memory(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path / "blobs")
    store.ensure()
    store.data_key = FixedKey(os.urandom(32))
    size = 48 << 20
    source = tmp_path / "large.bin"
    with source.open("wb") as out:
        for _ in range(size >> 20):
            out.write(os.urandom(1 << 20))
    tracemalloc.start()
    try:
        with source.open("rb") as stream:
            blob = store.commit([store.stage(stream, seal=True)])[0]
        assert store.rehash(blob.sha256) == (blob.sha256, size)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 12 * sealed.CHUNK, f"peak {peak} bytes for a {size}-byte file"


def test_a_limit_counts_plaintext_bytes(store: BlobStore) -> None:
    from gavah.store.blobs import BlobTooLarge

    with pytest.raises(BlobTooLarge):
        store.stage(io.BytesIO(b"x" * 1000), limit=999, seal=True)
    assert store.leftovers() == []


def test_both_writers_make_bytes_that_decrypt_the_same(tmp_path: Path) -> None:
    key = os.urandom(32)
    data = os.urandom(2 * sealed.CHUNK + 3)
    out = io.BytesIO()
    sha, size, head = sealed.seal_copy(io.BytesIO(data), out, key, keep=10)
    streamed = sealed.EncryptingReader(io.BytesIO(data), key, keep=10).read()
    assert (sha, size, head) == (hashlib.sha256(data).hexdigest(), len(data), data[:10])
    assert len(out.getvalue()) == len(streamed)
    for sealed_bytes in (out.getvalue(), streamed):
        assert sealed.rehash(io.BytesIO(sealed_bytes), key) == (sha, size)  # type: ignore[arg-type]
