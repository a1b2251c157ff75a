"""SHA-256 over streams, in constant memory."""

from __future__ import annotations

import hashlib
from typing import IO

CHUNK = 1 << 20  # 1 MiB: large enough that hashlib releases the GIL, small enough to stream


class TooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} bytes")
        self.limit = limit


def hash_copy(source: IO[bytes], sink: IO[bytes] | None = None, limit: int | None = None,
              keep: int = 0) -> tuple[str, int, bytes]:
    """(sha256, size, the first `keep` bytes) of everything left in `source`, written to
    `sink` in the same pass when given. Raises TooLarge past `limit` bytes."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    while True:
        count = source.readinto(view)  # type: ignore[attr-defined]
        if not count:
            break
        size += count
        if limit is not None and size > limit:
            raise TooLarge(limit)
        chunk = view[:count]
        if len(head) < keep:
            head += bytes(chunk[: keep - len(head)])
        digest.update(chunk)
        if sink is not None:
            sink.write(chunk)
    return digest.hexdigest(), size, head


def sha256_stream(stream: IO[bytes]) -> tuple[str, int]:
    """(hex digest, byte count) of everything left in `stream`."""
    sha, size, _ = hash_copy(stream)
    return sha, size



def is_sha256(value: str) -> bool:
    return len(value) == 64 and all(c in "0123456789abcdef" for c in value)
