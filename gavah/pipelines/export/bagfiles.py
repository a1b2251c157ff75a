"""BagIt (RFC 8493) files of a package, written as the payload is: every payload file is
hashed while it is copied or written, so no byte of evidence is read twice, and the
manifests come from those hashes rather than from reading the bag back.

The files written are the ones the `bagit` library writes (bagit.txt, bag-info.txt with
its Payload-Oxum, manifest-sha256.txt, tagmanifest-sha256.txt); the tests check every
package with that library."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, BinaryIO

CHUNK = 1 << 20
BAGIT = "BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n"
MANIFEST = "manifest-sha256.txt"
TAGMANIFEST = "tagmanifest-sha256.txt"


def _encode(rel: str) -> str:
    # RFC 8493 section 2.1.3: CR, LF and % are percent-encoded in manifest paths.
    return rel.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _lines(digests: dict[str, str]) -> bytes:
    return "".join(f"{digest}  {_encode(rel)}\n"
                   for rel, digest in sorted(digests.items())).encode()


class Hashing:
    """A binary file that hashes what is written to it. Small writes (a line of the case
    file, of the custody chain) are gathered and hashed and written a MiB at a time:
    hundreds of thousands of calls into the hash and the file cost more than the
    bytes."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle, self.digest, self.size = handle, hashlib.sha256(), 0
        self._pending: list[bytes] = []
        self._pending_size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if len(data) >= CHUNK:
            self.flush()
            self.digest.update(data)
            return self.handle.write(data)
        self._pending.append(data)
        self._pending_size += len(data)
        if self._pending_size >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self._pending:
            data = b"".join(self._pending)
            self._pending.clear()
            self._pending_size = 0
            self.digest.update(data)
            self.handle.write(data)


class BagWriter:
    """The payload and tag files of one bag at `root`, with their SHA-256."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.payload: dict[str, str] = {}
        self.tags: dict[str, str] = {}
        self.size = 0
        self._folders: set[Path] = set()  # made already: a mkdir per file is costly
        self._lock = threading.Lock()  # files may be copied by several threads

    def _target(self, rel: str) -> Path:
        target = self.root / rel
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            with self._lock:
                self._folders.update((target.parent, *target.parent.parents))
        return target

    def _record(self, rel: str, digest: str, size: int) -> str:
        with self._lock:
            if rel.startswith("data/"):
                self.payload[rel] = digest
                self.size += size
            else:
                self.tags[rel] = digest
        return digest

    @contextmanager
    def open(self, rel: str) -> Iterator[IO[bytes]]:
        """A file of the bag to write in pieces; hashed as it is written."""
        with self._target(rel).open("wb") as out:
            hashing = Hashing(out)
            yield hashing  # type: ignore[misc]
            hashing.flush()
        self._record(rel, hashing.digest.hexdigest(), hashing.size)

    def copy(self, source: BinaryIO, rel: str) -> str:
        """Stream `source` into the bag; returns its SHA-256."""
        with self.open(rel) as out:
            while chunk := source.read(CHUNK):
                out.write(chunk)
        return self.payload.get(rel) or self.tags[rel]

    def write(self, rel: str, data: bytes) -> str:
        self._target(rel).write_bytes(data)
        return self._record(rel, hashlib.sha256(data).hexdigest(), len(data))

    def expect(self, rel: str, sha256: str, size: int) -> None:
        """List `rel` now with the SHA-256 and size its bytes must have: a file another
        process writes (see copier.py, which checks it)."""
        self._record(rel, sha256, size)

    def close_payload(self, info: dict[str, str]) -> str:
        """bagit.txt, bag-info.txt and the payload manifest; returns the manifest's SHA-256
        (named on the report's cover)."""
        info = {"Bagging-Date": date.today().isoformat(),
                "Payload-Oxum": f"{self.size}.{len(self.payload)}", **info}
        self.write("bagit.txt", BAGIT.encode())
        self.write("bag-info.txt", "".join(f"{key}: {value}\n" for key, value in
                                           info.items()).encode())
        return self.write(MANIFEST, _lines(self.payload))

    def close_tags(self) -> bytes:
        """The tag manifest over every tag file written; returns its bytes (to sign)."""
        manifest = _lines(self.tags)
        (self.root / TAGMANIFEST).write_bytes(manifest)
        return manifest
