"""Blobs in a local folder: <root>/ab/cd/<sha256>, read-only once written."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, BinaryIO

from gavah.core.hashing import hash_copy, is_sha256, sha256_stream
from gavah.store.blobs.base import HEAD_SIZE, StoredBlob

INCOMING = ".incoming"  # temp files; same filesystem as the blobs so rename is atomic
STALE_SECONDS = 24 * 3600  # another process may still be writing younger temp files


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _kernel_copy(source: IO[bytes], target: IO[bytes]) -> int | None:
    """Copy the rest of a regular file with copy_file_range (no trip through Python);
    None when the source is not a regular file or the kernel cannot (then nothing was
    copied and the source is where it was)."""
    try:
        fileno = source.fileno()
        if not stat.S_ISREG(os.fstat(fileno).st_mode):
            return None
        start = os.lseek(fileno, 0, os.SEEK_CUR)
    except (AttributeError, OSError, io.UnsupportedOperation):
        return None
    copied = 0
    try:
        while count := os.copy_file_range(fileno, target.fileno(), 1 << 30):
            copied += count
    except OSError:  # EXDEV, ENOSYS, EINVAL: another filesystem or an old kernel
        os.lseek(fileno, start, os.SEEK_SET)
        target.seek(0)
        target.truncate()
        return None
    return copied


class LocalBlobStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.incoming = self.root / INCOMING

    def ensure(self) -> None:
        self.incoming.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        if not is_sha256(sha256):
            raise ValueError(f"not a sha256: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, stream: IO[bytes], limit: int | None = None) -> StoredBlob:
        fd, temp_name = tempfile.mkstemp(dir=self.incoming, prefix="blob-")
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb+", buffering=0) as out:
                copied = _kernel_copy(stream, out) if limit is None else None
                if copied is not None:
                    # The kernel copied the file; hash what was stored, read back from
                    # memory while it is written out. The name is then the hash of the
                    # stored bytes themselves, whatever the source does meanwhile.
                    out.seek(0)
                    sha, size, head = hash_copy(out, keep=HEAD_SIZE)
                else:
                    sha, size, head = hash_copy(stream, out, limit, HEAD_SIZE)
                os.fsync(out.fileno())
            final = self.path(sha)
            if final.exists():
                temp.unlink()
                return StoredBlob(sha, size, head, new=False)
            os.chmod(temp, 0o444)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temp, final)
            _fsync_dir(final.parent)
            return StoredBlob(sha, size, head, new=True)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise

    def put_bytes(self, data: bytes) -> StoredBlob:
        sha = hashlib.sha256(data).hexdigest()
        if self.exists(sha):  # in memory already: no need to write it to find out
            return StoredBlob(sha, len(data), data[:HEAD_SIZE], new=False)
        return self.put(io.BytesIO(data))

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        return open(self.path(sha256), "rb")

    def rehash(self, sha256: str) -> tuple[str, int]:
        with open(self.path(sha256), "rb", buffering=0) as stream:
            return sha256_stream(stream)

    def iter_shas(self) -> Iterator[str]:
        for path in self.root.glob("??/??/*"):
            if is_sha256(path.name):
                yield path.name

    def cleanup(self) -> int:
        removed = 0
        now = time.time()
        for path in self.incoming.glob("blob-*"):
            try:
                if now - path.stat().st_mtime > STALE_SECONDS:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
        return removed
