import hashlib
import io
import os
import stat
import tracemalloc
from pathlib import Path

import pytest

from gavah.store.blobs import BlobTooLarge, LocalBlobStore, local


@pytest.fixture
def store(tmp_path: Path) -> LocalBlobStore:
    s = LocalBlobStore(tmp_path / "blobs")
    s.ensure()
    return s


def test_blob_is_stored_by_hash_read_only_and_once(store: LocalBlobStore) -> None:
    data = b"fictional evidence"
    first = store.put_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    assert (first.sha256, first.size, first.new) == (sha, len(data), True)
    path = store.root / sha[:2] / sha[2:4] / sha
    assert path.read_bytes() == data
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    second = store.put_bytes(data)
    assert second.new is False and second.sha256 == sha
    assert list(store.iter_shas()) == [sha]
    assert not list(store.incoming.iterdir()), "no temp file is left behind"


def test_limit_refuses_and_leaves_nothing(store: LocalBlobStore) -> None:
    with pytest.raises(BlobTooLarge):
        store.put(io.BytesIO(b"x" * 1000), limit=999)
    assert list(store.iter_shas()) == []
    assert not list(store.incoming.iterdir())


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
        assert path.read_bytes() == body and stat.S_IMODE(path.stat().st_mode) == 0o444
    assert not list(store.incoming.iterdir())


def test_discarded_blobs_leave_nothing(store: LocalBlobStore) -> None:
    staged = [store.stage(io.BytesIO(b"fictional draft %d" % i)) for i in range(3)]
    store.discard(staged)
    assert list(store.iter_shas()) == [] and not list(store.incoming.iterdir())
