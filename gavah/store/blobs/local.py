"""Blobs in a local folder: <root>/ab/cd/<sha256>, read-only once written.

A blob is first staged (written to a temp file and hashed), then committed (made durable,
then renamed to its hash). Committing many at once syncs the filesystem twice for the
whole batch instead of fsyncing every file and every folder it lands in."""

from __future__ import annotations

import ctypes
import hashlib
import io
import os
import stat
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO

from gavah.core.hashing import hash_copy, hash_own_file, is_sha256, sha256_stream
from gavah.store.blobs import sealed as sealing
from gavah.store.blobs.base import HEAD_SIZE, KeySource, NoDataKey, Staged, StoredBlob

INCOMING = ".incoming"  # temp files; same filesystem as the blobs so rename is atomic
STALE_SECONDS = 24 * 3600  # another process may still be writing younger temp files
BATCH_SYNC_FROM = 4  # from this many blobs one filesystem sync beats an fsync each


def _libc(name: str, *argtypes: Any) -> Any:
    """A Linux system call Python's os module lacks, or None where there is none. Looked
    up among the symbols the interpreter already has (its C library), not by
    ctypes.util.find_library, which runs `ldconfig -p` in a new process each time."""
    try:
        function = getattr(ctypes.CDLL(None, use_errno=True), name)
    except (OSError, AttributeError, TypeError):  # TypeError: no CDLL(None) on Windows
        return None
    function.argtypes = list(argtypes)
    function.restype = ctypes.c_int
    return function


_SYNCFS = _libc("syncfs", ctypes.c_int)
_SYNC_FILE_RANGE = _libc("sync_file_range", ctypes.c_int, ctypes.c_int64, ctypes.c_int64,
                         ctypes.c_uint)
SYNC_FILE_RANGE_WRITE = 2  # start writing dirty pages out; do not wait
EARLY_WRITEBACK_FROM = 8 << 20  # bytes; smaller files are written out fast enough later


# A large file is copied this much at a time, each part's writing out started as soon as
# it is copied: the disk, the floor of a large ingest, is kept busy from the first part.
WRITEBACK_STEP = 32 << 20


def _start_writeback(fd: int, offset: int = 0, count: int = 0) -> None:
    """Have the disk start writing (a part of) a large staged file while the rest is
    copied and hashed, so the sync in commit() has less left to wait for (count 0: to the
    end). Only a hint: errors are the sync's to report."""
    if _SYNC_FILE_RANGE is not None:
        _SYNC_FILE_RANGE(fd, offset, count, SYNC_FILE_RANGE_WRITE)


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
        while count := os.copy_file_range(fileno, target.fileno(), WRITEBACK_STEP):
            copied += count
            if copied >= EARLY_WRITEBACK_FROM:  # the disk starts on it while copying goes on
                _start_writeback(target.fileno(), copied - count, count)
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
        self.location = str(self.root)
        self.readers = os.cpu_count() or 2  # hashing is bound by the cores
        self.data_key: KeySource | None = None

    def ensure(self) -> None:
        self.incoming.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        if not is_sha256(sha256):
            raise ValueError(f"not a sha256: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def sealed_path(self, sha256: str) -> Path:
        path = self.path(sha256)
        return path.with_name(path.name + sealing.SUFFIX)

    def _key(self) -> bytes:
        if self.data_key is None:
            raise NoDataKey(f"{self.location} holds sealed blobs but was given no data key")
        return self.data_key.get()

    def put(self, stream: IO[bytes], limit: int | None = None) -> StoredBlob:
        return self.commit([self.stage(stream, limit)])[0]

    def stage(self, stream: IO[bytes], limit: int | None = None, seal: bool = False
              ) -> Staged:
        fd, temp_name = tempfile.mkstemp(dir=self.incoming, prefix="blob-")
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb+", buffering=0) as out:
                if seal:
                    # The plaintext is hashed as it is encrypted; only ciphertext is written.
                    sha, size, head = sealing.seal_copy(stream, out, self._key(), limit,
                                                        HEAD_SIZE)
                    if size >= EARLY_WRITEBACK_FROM:
                        _start_writeback(out.fileno())
                    os.fchmod(out.fileno(), 0o400)
                    self.path(sha).parent.mkdir(parents=True, exist_ok=True)
                    return Staged(str(temp), sha, size, head, sealed=True)
                copied = _kernel_copy(stream, out) if limit is None else None
                if copied is not None:
                    # The kernel copied the file; hash what was stored, read back from
                    # memory while it is written out. The name is then the hash of the
                    # stored bytes themselves, whatever the source does meanwhile.
                    sha, size, head = hash_own_file(out, keep=HEAD_SIZE)
                else:
                    sha, size, head = hash_copy(stream, out, limit, HEAD_SIZE)
                os.fchmod(out.fileno(), 0o400)  # read-only, and its owner's alone
            # Ready for commit() to only rename: the folder made here, on many threads or
            # processes at once, not one by one there.
            self.path(sha).parent.mkdir(parents=True, exist_ok=True)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return Staged(str(temp), sha, size, head)

    def commit(self, staged: Sequence[Staged]) -> list[StoredBlob]:
        try:
            batch = len(staged) >= BATCH_SYNC_FROM and _SYNCFS is not None
            if batch:
                self._syncfs()  # every staged byte durable before any gets its name
            else:
                for blob in staged:
                    with open(blob.temp, "rb") as handle:
                        os.fsync(handle.fileno())
            stored = [self._publish(blob, sync_dir=not batch) for blob in staged]
            if batch:
                self._syncfs()  # and the names themselves
            return stored
        except BaseException:
            self.discard(staged)
            raise

    def _publish(self, blob: Staged, sync_dir: bool) -> StoredBlob:
        plain = self.path(blob.sha256)
        sealed = plain.with_name(plain.name + sealing.SUFFIX)
        final = sealed if blob.sealed else plain
        temp = Path(blob.temp)
        # Stored already, in clear or sealed (a sealed copy stands for the plain one).
        if final.exists() or (not blob.sealed and sealed.is_file()):
            temp.unlink()
            return StoredBlob(blob.sha256, blob.size, blob.head, new=False,
                              sealed=self.is_sealed(blob.sha256))
        os.replace(temp, final)
        if sync_dir:
            _fsync_dir(final.parent)
        return StoredBlob(blob.sha256, blob.size, blob.head, new=True, sealed=blob.sealed)

    def _syncfs(self) -> None:
        assert _SYNCFS is not None
        fd = os.open(self.incoming, os.O_RDONLY)
        try:
            if _SYNCFS(fd) != 0:
                error = ctypes.get_errno()
                raise OSError(error, f"syncfs failed: {os.strerror(error)}")
        finally:
            os.close(fd)

    def discard(self, staged: Sequence[Staged]) -> None:
        for blob in staged:
            Path(blob.temp).unlink(missing_ok=True)

    def put_bytes(self, data: bytes) -> StoredBlob:
        sha = hashlib.sha256(data).hexdigest()
        if self.exists(sha):  # in memory already: no need to write it to find out
            return StoredBlob(sha, len(data), data[:HEAD_SIZE], new=False)
        return self.put(io.BytesIO(data))

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file() or self.sealed_path(sha256).is_file()

    def is_sealed(self, sha256: str) -> bool:
        return self.sealed_path(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        try:
            return open(self.path(sha256), "rb")
        except FileNotFoundError:
            raw = open(self.sealed_path(sha256), "rb")  # noqa: SIM115 - handed on
            return sealing.open_plain(raw, self._key())

    def open_stored(self, sha256: str) -> BinaryIO:
        try:
            return open(self.path(sha256), "rb")
        except FileNotFoundError:
            return open(self.sealed_path(sha256), "rb")

    def seal(self, sha256: str) -> bool:
        if self.is_sealed(sha256):  # a plaintext copy left (an interrupted seal, a race)
            try:
                self.path(sha256).unlink()
            except FileNotFoundError:
                return False
            _fsync_dir(self.path(sha256).parent)
            return True
        with open(self.path(sha256), "rb") as plain:
            staged = self.stage(plain, seal=True)
        if staged.sha256 != sha256:
            self.discard([staged])
            raise OSError(f"blob {sha256} hashes to {staged.sha256}: not sealed")
        self.commit([staged])  # durable under its sealed name before the plaintext goes
        self.path(sha256).unlink()
        _fsync_dir(self.path(sha256).parent)
        return True

    def open_staged(self, staged: Staged) -> BinaryIO:
        raw = open(staged.temp, "rb")  # noqa: SIM115 - handed on
        return sealing.open_plain(raw, self._key()) if staged.sealed else raw

    def size(self, sha256: str) -> int:
        try:
            return self.path(sha256).stat().st_size
        except FileNotFoundError:
            return sealing.plain_size(self.sealed_path(sha256).stat().st_size)

    def rehash(self, sha256: str) -> tuple[str, int]:
        try:
            with open(self.path(sha256), "rb", buffering=0) as stream:
                return sha256_stream(stream)
        except FileNotFoundError:
            pass
        raw = open(self.sealed_path(sha256), "rb", buffering=0)  # noqa: SIM115 - closed by rehash
        try:
            return sealing.rehash(raw, self._key())
        except sealing.SealBroken as exc:
            return f"unreadable ({exc})", self.size(sha256)

    def iter_shas(self) -> Iterator[str]:
        for path in self.root.glob("??/??/*"):
            name = path.name.removesuffix(sealing.SUFFIX)
            if is_sha256(name):
                yield name

    def leftovers(self) -> list[str]:
        return sorted(str(path) for path in self.incoming.glob("blob-*"))

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
