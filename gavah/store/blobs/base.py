"""The blob store interface: bytes by SHA-256, written once, never changed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, BinaryIO, Protocol

from gavah.core.hashing import TooLarge

HEAD_SIZE = 1 << 16  # bytes kept from the start of each blob for media type sniffing


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    head: bytes  # the first HEAD_SIZE bytes, for sniffing without a second read
    new: bool  # False when the store already held these bytes


@dataclass(frozen=True)
class Staged:
    """Bytes written and hashed but not yet durable nor visible: commit() or discard()."""

    temp: str  # where the store keeps them until then
    sha256: str
    size: int
    head: bytes


BlobTooLarge = TooLarge  # put() with a limit raises it; .limit says which


class BlobStore(Protocol):
    location: str  # where the blobs are: a folder, or s3://BUCKET/PREFIX
    readers: int  # how many blobs to read at once on threads (cores, or network requests)

    def ensure(self) -> None:
        """Make the store ready for writing (folders, bucket)."""
        ...

    def put(self, stream: IO[bytes], limit: int | None = None) -> StoredBlob:
        """Store everything left in `stream`, hashing it in the same pass. Atomic: the
        blob becomes visible under its hash only once all bytes are durable."""
        ...

    def stage(self, stream: IO[bytes], limit: int | None = None) -> Staged:
        """The first half of put(): write and hash, without making anything durable."""
        ...

    def commit(self, staged: Sequence[Staged]) -> list[StoredBlob]:
        """The second half: make staged blobs durable, then visible under their hashes.
        Cheaper per blob for many at once. On failure none is left staged."""
        ...

    def discard(self, staged: Sequence[Staged]) -> None: ...

    def put_bytes(self, data: bytes) -> StoredBlob: ...

    def exists(self, sha256: str) -> bool: ...

    def open(self, sha256: str) -> BinaryIO:
        """A seekable reader. Raises FileNotFoundError when the blob is missing."""
        ...

    def open_staged(self, staged: Staged) -> BinaryIO:
        """The staged bytes, before commit()."""
        ...

    def size(self, sha256: str) -> int:
        """Raises FileNotFoundError when the blob is missing."""
        ...

    def rehash(self, sha256: str) -> tuple[str, int]:
        """Hash the stored bytes again: (actual sha256, size)."""
        ...

    def iter_shas(self) -> Iterator[str]: ...

    def leftovers(self) -> list[str]:
        """Temporary names of writes neither committed nor discarded (yet)."""
        ...

    def cleanup(self) -> int:
        """Remove leftovers of interrupted writes; return how many."""
        ...
