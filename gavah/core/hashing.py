"""SHA-256 over streams, in constant memory."""

from __future__ import annotations

import hashlib
from typing import BinaryIO

CHUNK = 1 << 20  # 1 MiB: large enough that hashlib releases the GIL, small enough to stream


def sha256_stream(stream: BinaryIO) -> tuple[str, int]:
    """Return (hex digest, byte count) of everything left in `stream`."""
    digest = hashlib.sha256()
    size = 0
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    while True:
        count = stream.readinto(view)  # type: ignore[attr-defined]
        if not count:
            break
        digest.update(view[:count])
        size += count
    return digest.hexdigest(), size



def is_sha256(value: str) -> bool:
    return len(value) == 64 and all(c in "0123456789abcdef" for c in value)
