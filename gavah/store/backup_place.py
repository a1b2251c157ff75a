"""Where a backup is kept: a folder, or s3://BUCKET/PREFIX. Blobs go below `blobs/`
through the blob store interface (the same rules as the workspace's store); the other
files (manifest, database dump, encrypted key) are written whole under their names.

A folder backup is its owner's alone (0700 folders, 0600 files): it holds the database
and every original. In S3, who may read the bucket is the bucket's policy."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from gavah.core.hashing import sha256_stream
from gavah.store.blobs import S3_SCHEME, BlobStore, open_store

BLOBS = "blobs"
CHUNK = 1 << 20


class BackupPlace(Protocol):
    location: str
    blobs: BlobStore

    def ensure(self) -> None: ...

    def write(self, name: str, data: bytes) -> None:
        """Write `data` under `name`, whole or not at all."""
        ...

    def write_file(self, name: str, path: Path) -> None: ...

    def read(self, name: str) -> bytes:
        """Raises FileNotFoundError when there is no such file."""
        ...

    def fetch(self, name: str, path: Path) -> None:
        """Copy the file `name` to the local `path`."""
        ...

    def exists(self, name: str) -> bool: ...

    def hash(self, name: str) -> tuple[str, int]:
        """(sha256, size) of the file as stored. Raises FileNotFoundError."""
        ...


def _safe_name(name: str) -> str:
    parts = name.split("/")
    if not name or name.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"not a backup file name: {name!r}")
    return name


class FolderPlace:
    def __init__(self, root: Path) -> None:
        self.root = Path(root).absolute()  # as the custody entry records it
        self.location = str(self.root)
        self.blobs = open_store(str(self.root / BLOBS))

    def ensure(self) -> None:
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.blobs.ensure()

    def _path(self, name: str) -> Path:
        return self.root / _safe_name(name)

    def _atomic(self, name: str) -> tuple[Path, int, str]:
        final = self._path(name)
        final.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=final.parent, prefix=".part-")
        return final, fd, temp

    def _publish(self, fd: int, temp: str, final: Path) -> None:
        os.fsync(fd)
        os.close(fd)
        os.replace(temp, final)
        dir_fd = os.open(final.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def write(self, name: str, data: bytes) -> None:
        final, fd, temp = self._atomic(name)
        try:
            _write_all(fd, data)
            self._publish(fd, temp, final)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def write_file(self, name: str, path: Path) -> None:
        final, fd, temp = self._atomic(name)
        try:
            with open(path, "rb") as source, os.fdopen(os.dup(fd), "wb") as out:
                shutil.copyfileobj(source, out, CHUNK)
            self._publish(fd, temp, final)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def read(self, name: str) -> bytes:
        return self._path(name).read_bytes()

    def fetch(self, name: str, path: Path) -> None:
        shutil.copyfile(self._path(name), path)

    def exists(self, name: str) -> bool:
        return self._path(name).is_file()

    def hash(self, name: str) -> tuple[str, int]:
        with open(self._path(name), "rb", buffering=0) as stream:
            return sha256_stream(stream)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class S3Place:
    def __init__(self, location: str) -> None:
        from gavah.store.blobs.s3 import S3BlobStore, parse

        self.bucket, self.prefix = parse(location)
        self.location = f"{S3_SCHEME}{self.bucket}/{self.prefix}".rstrip("/")
        store = S3BlobStore(f"{self.location}/{BLOBS}")
        self.blobs: BlobStore = store
        self._store = store

    @property
    def _client(self) -> Any:
        return self._store.client

    def _key(self, name: str) -> str:
        name = _safe_name(name)
        return f"{self.prefix}/{name}" if self.prefix else name

    def ensure(self) -> None:
        self._store.ensure()

    def write(self, name: str, data: bytes) -> None:
        self._client.put_object(Bucket=self.bucket, Key=self._key(name), Body=data)

    def write_file(self, name: str, path: Path) -> None:
        self._client.upload_file(str(path), self.bucket, self._key(name))  # multipart

    def _body(self, name: str) -> Any:
        from gavah.store.blobs.s3 import _missing

        try:
            return self._client.get_object(Bucket=self.bucket, Key=self._key(name))["Body"]
        except Exception as exc:
            if _missing(exc):
                raise FileNotFoundError(f"{self.location}/{name}") from None
            raise

    def read(self, name: str) -> bytes:
        body = self._body(name)
        try:
            return bytes(body.read())
        finally:
            body.close()

    def fetch(self, name: str, path: Path) -> None:
        body: BinaryIO = self._body(name)
        try:
            with open(path, "wb") as out:
                shutil.copyfileobj(body, out, CHUNK)
        finally:
            body.close()

    def hash(self, name: str) -> tuple[str, int]:
        body = self._body(name)
        try:
            return sha256_stream(body)
        finally:
            body.close()

    def exists(self, name: str) -> bool:
        try:
            self._body(name).close()
        except FileNotFoundError:
            return False
        return True


def open_place(location: str) -> BackupPlace:
    if location.startswith(S3_SCHEME):
        return S3Place(location)
    return FolderPlace(Path(location))
