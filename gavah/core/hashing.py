"""SHA-256 over streams, in constant memory."""

from __future__ import annotations

import hashlib
import mmap
import os
import re
import stat
from typing import IO

CHUNK = 1 << 20  # 1 MiB: large enough that hashlib releases the GIL, small enough to stream
# From this size a file of one's own is hashed through a memory map in one call: hashlib
# then holds no GIL for the whole file, where a loop of reads takes the GIL twice a chunk
# and, beside a busy thread (the command importing its libraries), waits up to the
# switch interval (5 ms) each time: 1 GiB on 2 threads beside one busy thread took
# 1.3-5.3 s so, 0.72-0.83 s mapped (bench/RESULTS.md, Evidence vault).
MAP_FROM = 8 << 20


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


def hash_own_file(stream: IO[bytes], keep: int = 0) -> tuple[str, int, bytes]:
    """hash_copy(stream, keep=keep) from the start of a regular file that only this
    process writes (a staged copy of its own): mapped, not read, when large. Never for
    files others may shorten meanwhile: reading a mapped page past a new end kills the
    process (SIGBUS)."""
    fileno = stream.fileno()
    info = os.fstat(fileno)
    if not stat.S_ISREG(info.st_mode) or info.st_size < MAP_FROM:
        stream.seek(0)
        return hash_copy(stream, keep=keep)
    with mmap.mmap(fileno, 0, access=mmap.ACCESS_READ) as mapped:
        digest = hashlib.sha256(mapped)
        return digest.hexdigest(), len(mapped), mapped[:keep]


def sha256_stream(stream: IO[bytes]) -> tuple[str, int]:
    """(hex digest, byte count) of everything left in `stream`."""
    sha, size, _ = hash_copy(stream)
    return sha, size


_HEX = re.compile("[0-9a-f]{64}")  # checked for every blob path: in C, not a char at a time


def is_sha256(value: str) -> bool:
    return len(value) == 64 and _HEX.fullmatch(value) is not None
