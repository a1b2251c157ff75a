"""Folders where a capture is assembled before anything of it is stored. Each is locked
by the process that works in it; a folder whose lock is free belongs to a capture that
was killed, and the next capture removes it. Nothing in them is evidence yet: a capture
becomes an item only in the one transaction that records all of it."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

PREFIX = "capture-"
LOCK = ".lock"


@contextlib.contextmanager
def folder(root: Path) -> Iterator[Path]:
    root.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=root))
    fd = os.open(path / LOCK, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        os.close(fd)


def sweep(root: Path) -> int:
    """Remove the folders of captures whose process is gone; returns how many."""
    removed = 0
    if not root.is_dir():
        return 0
    for path in root.glob(f"{PREFIX}*"):
        try:
            fd = os.open(path / LOCK, os.O_RDWR)
        except FileNotFoundError:
            # Made but not locked yet, or its lock already removed: only if it is old.
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # a live capture
        finally:
            os.close(fd)
        shutil.rmtree(path, ignore_errors=True)
        removed += 1
    return removed
