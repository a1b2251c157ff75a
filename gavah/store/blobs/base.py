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
    sealed: bool = False  # stored encrypted (gavah.store.blobs.sealed)


@dataclass(frozen=True)
class Staged:
    """Bytes written and hashed but not yet durable nor visible: commit() or discard()."""

    temp: str  # where the store keeps them until then
    sha256: str
    size: int
    head: bytes
    sealed: bool = False  # the temp holds the sealed form; sha256 and size are the plaintext's


class NoDataKey(OSError):
    """A sealed blob was to be read by a store given no data key."""


class KeySource(Protocol):
    """Where a store gets the data key that seals blobs (gavah.store.datakey.DataKey)."""

    def get(self) -> bytes: ...


BlobTooLarge = TooLarge  # put() with a limit raises it; .limit says which


class BlobStore(Protocol):
    location: str  # where the blobs are: a folder, or s3://BUCKET/PREFIX
    readers: int  # how many blobs to read at once on threads (cores, or network requests)
    data_key: KeySource | None  # for sealed blobs; set by the workspace

    def ensure(self) -> None:
        """Make the store ready for writing (folders, bucket)."""
        ...

    def put(self, stream: IO[bytes], limit: int | None = None) -> StoredBlob:
        """Store everything left in `stream`, hashing it in the same pass. Atomic: the
        blob becomes visible under its hash only once all bytes are durable."""
        ...

    def stage(self, stream: IO[bytes], limit: int | None = None, seal: bool = False
              ) -> Staged:
        """The first half of put(): write and hash, without making anything durable.
        `seal`: store the bytes encrypted (named by the plaintext's hash all the same)."""
        ...

    def commit(self, staged: Sequence[Staged]) -> list[StoredBlob]:
        """The second half: make staged blobs durable, then visible under their hashes.
        Cheaper per blob for many at once. On failure none is left staged."""
        ...

    def discard(self, staged: Sequence[Staged]) -> None: ...

    def put_bytes(self, data: bytes) -> StoredBlob: ...

    def exists(self, sha256: str) -> bool: ...

    def open(self, sha256: str) -> BinaryIO:
        """A seekable reader of the plaintext, sealed or not. Raises FileNotFoundError
        when the blob is missing."""
        ...

    def is_sealed(self, sha256: str) -> bool:
        """True when the blob is stored encrypted."""
        ...

    def seal(self, sha256: str) -> bool:
        """Encrypt a stored blob in place (streamed). The plaintext copy is removed once
        the sealed one is durable. True when the store held the plaintext before."""
        ...

    def open_stored(self, sha256: str) -> BinaryIO:
        """The bytes exactly as stored (sealed ones encrypted), for copies that must
        not hold plaintext, such as backups."""
        ...

    def open_staged(self, staged: Staged) -> BinaryIO:
        """The staged bytes, before commit()."""
        ...

    def size(self, sha256: str) -> int:
        """The plaintext's size. Raises FileNotFoundError when the blob is missing."""
        ...

    def rehash(self, sha256: str) -> tuple[str, int]:
        """Hash the stored bytes again: (actual sha256, size), of the plaintext for a
        sealed blob, each of whose chunks is authenticated too."""
        ...

    def iter_shas(self) -> Iterator[str]: ...

    def leftovers(self) -> list[str]:
        """Temporary names of writes neither committed nor discarded (yet)."""
        ...

    def cleanup(self) -> int:
        """Remove leftovers of interrupted writes; return how many."""
        ...
