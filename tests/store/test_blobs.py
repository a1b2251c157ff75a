import hashlib
import io
import os
import stat
import tracemalloc
from pathlib import Path

import pytest

from gavah.store.blobs import BlobStore, BlobTooLarge, LocalBlobStore, local, s3


@pytest.fixture
def store(tmp_path: Path) -> LocalBlobStore:
    s = LocalBlobStore(tmp_path / "blobs")
    s.ensure()
    return s


@pytest.fixture(params=["local", "s3"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> BlobStore:
    """The contract every store keeps: the folder, and a prefix on the S3 server."""
    if request.param == "local":
        return LocalBlobStore(tmp_path / "blobs")  # type: ignore[no-any-return]
    return s3.S3BlobStore(request.getfixturevalue("s3_location"))


def test_blob_is_stored_by_hash_read_only_and_once(any_store: BlobStore) -> None:
    store = any_store
    store.ensure()
    data = b"fictional evidence"
    first = store.put_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    assert (first.sha256, first.size, first.new) == (sha, len(data), True)
    with store.open(sha) as stream:
        assert stream.read() == data
    assert store.size(sha) == len(data) and store.exists(sha)
    if isinstance(store, LocalBlobStore):
        path = store.root / sha[:2] / sha[2:4] / sha
        assert path.read_bytes() == data
        assert stat.S_IMODE(path.stat().st_mode) == 0o400
    second = store.put_bytes(data)
    assert second.new is False and second.sha256 == sha
    assert store.put(io.BytesIO(data)).new is False, "an existing blob is not written again"
    assert list(store.iter_shas()) == [sha]
    assert store.leftovers() == [], "no temp file is left behind"
    with pytest.raises(FileNotFoundError):
        store.open(hashlib.sha256(b"never stored").hexdigest())
    assert store.rehash(sha) == (sha, len(data))


def test_limit_refuses_and_leaves_nothing(any_store: BlobStore) -> None:
    any_store.ensure()
    with pytest.raises(BlobTooLarge):
        any_store.put(io.BytesIO(b"x" * 1000), limit=999)
    assert list(any_store.iter_shas()) == []
    assert any_store.leftovers() == []


class Zeros(io.RawIOBase):
    """A stream of n zero bytes that never exists in memory at once."""

    def __init__(self, n: int) -> None:
        self.left = n

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        count = min(len(buffer), self.left)
        buffer[:count] = bytes(count)
        self.left -= count
        return count


def test_streaming_uses_constant_memory(store: LocalBlobStore) -> None:
    size = 200 << 20
    tracemalloc.start()
    blob = store.put(Zeros(size))  # type: ignore[arg-type]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert blob.size == size
    assert peak < 8 << 20, f"peak {peak} bytes while storing {size}"
    assert store.rehash(blob.sha256) == (blob.sha256, size)


def test_cleanup_removes_only_stale_temp_files(store: LocalBlobStore) -> None:
    old = store.incoming / "blob-old"
    young = store.incoming / "blob-young"
    old.write_bytes(b"half")
    young.write_bytes(b"half")
    os.utime(old, (0, 0))
    assert store.cleanup() == 1
    assert young.exists() and not old.exists()


def test_regular_files_are_copied_by_the_kernel_and_hashed_as_stored(
        store: LocalBlobStore, tmp_path: Path) -> None:
    source = tmp_path / "source.bin"
    data = os.urandom(3 << 20) + b"tail"
    source.write_bytes(data)
    with open(source, "rb", buffering=0) as stream:
        stream.seek(10)  # only what is left of the stream is stored
        blob = store.put(stream)
    assert blob.sha256 == hashlib.sha256(data[10:]).hexdigest()
    assert blob.size == len(data) - 10 and blob.head == data[10:10 + 65536]
    assert store.rehash(blob.sha256) == (blob.sha256, blob.size)
    with open(source, "rb", buffering=0) as stream, pytest.raises(BlobTooLarge):
        store.put(stream, limit=100)  # a limit takes the checked path


@pytest.mark.parametrize("syncfs", [True, False], ids=["syncfs", "fsync-each"])
def test_staged_blobs_appear_only_when_committed_together(
        store: LocalBlobStore, monkeypatch: pytest.MonkeyPatch, syncfs: bool) -> None:
    if not syncfs:  # the portable path, taken where the platform has no syncfs(2)
        monkeypatch.setattr(local, "_SYNCFS", None)
    elif local._SYNCFS is None:
        pytest.skip("this platform has no syncfs")
    bodies = [f"fictional note {i}".encode() for i in range(6)] + [b"fictional note 0"]
    staged = [store.stage(io.BytesIO(body)) for body in bodies]
    assert list(store.iter_shas()) == [], "nothing is visible before commit"
    assert len(list(store.incoming.iterdir())) == len(bodies)
    stored = store.commit(staged)
    assert [s.sha256 for s in stored] == [hashlib.sha256(b).hexdigest() for b in bodies]
    assert [s.new for s in stored] == [True] * 6 + [False], "the same bytes twice: once"
    assert sorted(store.iter_shas()) == sorted({s.sha256 for s in stored})
    for body, blob in zip(bodies, stored, strict=True):
        path = store.path(blob.sha256)
        assert path.read_bytes() == body and stat.S_IMODE(path.stat().st_mode) == 0o400
    assert not list(store.incoming.iterdir())


def test_discarded_blobs_leave_nothing(any_store: BlobStore) -> None:
    any_store.ensure()
    staged = [any_store.stage(io.BytesIO(b"fictional draft %d" % i)) for i in range(3)]
    assert len(any_store.leftovers()) == 3
    with any_store.open_staged(staged[1]) as stream:
        assert stream.read() == b"fictional draft 1"
    any_store.discard(staged)
    assert list(any_store.iter_shas()) == [] and any_store.leftovers() == []


@pytest.fixture
def s3_store(s3_location: str) -> s3.S3BlobStore:
    return s3.S3BlobStore(s3_location)


@pytest.mark.parametrize("size", [0, 5 << 20, (5 << 20) + 1, 12 << 20])
def test_s3_parts_add_up_to_the_blob(s3_store: s3.S3BlobStore, monkeypatch: pytest.MonkeyPatch,
                                     size: int) -> None:
    """Uploads of one part and of several (5 MiB: the smallest part S3 allows), at and
    across the part boundary, store exactly the bytes."""
    monkeypatch.setattr(s3, "PART_SIZE", 5 << 20)
    data = os.urandom(size)
    blob = s3_store.put(io.BytesIO(data))
    assert (blob.sha256, blob.size, blob.head) == (hashlib.sha256(data).hexdigest(), size,
                                                   data[:65536])
    with s3_store.open(blob.sha256) as stream:
        assert stream.read() == data
    assert s3_store.leftovers() == []


def test_s3_streaming_uses_bounded_memory(s3_store: s3.S3BlobStore,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory follows the part size (a few parts' worth in flight), not the blob's."""
    monkeypatch.setattr(s3, "PART_SIZE", 5 << 20)
    size = 40 << 20
    s3_store.put_bytes(b"fictional warm-up")  # boto3 loads its models once, not counted
    tracemalloc.start()
    blob = s3_store.put(Zeros(size))  # type: ignore[arg-type]
    assert s3_store.rehash(blob.sha256) == (blob.sha256, size)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert blob.size == size
    assert peak < 24 << 20, f"peak {peak} bytes while storing {size}"


def test_s3_names_a_blob_by_what_the_server_holds(s3_store: s3.S3BlobStore,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Bytes that change between sending and storing (on the wire, on the server) are
    refused: the temp object is read back and hashed before it gets a name."""
    upload = s3.S3BlobStore._upload

    def corrupted(self: s3.S3BlobStore, stream, key, limit):  # type: ignore[no-untyped-def]
        sent = upload(self, stream, key, limit)
        self.client.put_object(Bucket=self.bucket, Key=key, Body=b"FICTIONAL other bytes")
        return sent

    monkeypatch.setattr(s3.S3BlobStore, "_upload", corrupted)
    with pytest.raises(OSError, match="other bytes than were sent"):
        s3_store.put(io.BytesIO(b"fictional evidence as sent"))
    assert list(s3_store.iter_shas()) == [] and s3_store.leftovers() == []


def test_s3_stale_temp_objects_are_cleaned_up(s3_store: s3.S3BlobStore,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    s3_store.stage(io.BytesIO(b"fictional interrupted write"))
    assert s3_store.cleanup() == 0, "a young temp object may still be committed"
    monkeypatch.setattr(s3, "STALE_SECONDS", -1)
    assert s3_store.cleanup() == 1 and s3_store.leftovers() == []


def test_s3_location_must_name_a_bucket() -> None:
    with pytest.raises(ValueError, match="no bucket"):
        s3.S3BlobStore("s3:///prefix")
    assert s3.parse("s3://bucket/a/b/") == ("bucket", "a/b")
