"""Finding the files to ingest under the paths a user gives, without leaving them."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Candidate:
    path: str  # absolute path to read
    shown: str  # path as given/walked, for messages
    size: int
    mtime_ns: int
    ctime_ns: int

    @property
    def resume_key(self) -> str:
        """Same path, size and modification time: probably the same acquisition again."""
        raw = f"{self.path}\0{self.size}\0{self.mtime_ns}".encode()
        return hashlib.sha256(raw).hexdigest()[:40]

    @property
    def modified(self) -> str:
        return _iso(self.mtime_ns)

    @property
    def changed(self) -> str:
        return _iso(self.ctime_ns)


@dataclass(frozen=True)
class Skipped:
    shown: str
    reason: str


def _iso(ns: int) -> str:
    return datetime.fromtimestamp(ns / 1e9, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


def _candidate(path: str, shown: str, st: os.stat_result) -> Candidate | Skipped:
    if not stat.S_ISREG(st.st_mode):
        return Skipped(shown, f"{_kind(st.st_mode)}, not a regular file")
    return Candidate(path, shown, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def walk(paths: list[str], exclude: tuple[str, ...] = ()) -> Iterator[Candidate | Skipped]:
    """Files under `paths` in a stable order. Symbolic links are followed only when
    they stay inside the folder given; links to folders are never followed (loops).
    Folders in `exclude` (the workspace itself) are skipped."""
    excluded = {os.path.realpath(e) for e in exclude}
    for given in paths:
        try:
            real = os.path.realpath(given, strict=True)
            st = os.stat(real)
        except OSError as exc:
            yield Skipped(given, exc.strerror or str(exc))
            continue
        if any(_inside(real, e) for e in excluded):
            yield Skipped(given, "inside the gavah workspace; not ingested")
            continue
        if not stat.S_ISDIR(st.st_mode):
            yield _candidate(real, given, st)
            continue
        errors: list[OSError] = []
        for folder, dirnames, filenames in os.walk(real, onerror=errors.append):
            while errors:
                error = errors.pop()
                yield Skipped(str(error.filename), error.strerror or str(error))
            dirnames.sort()
            shown_folder = os.path.join(given, os.path.relpath(folder, real))
            for name in [d for d in dirnames if os.path.join(folder, d) in excluded]:
                dirnames.remove(name)
                yield Skipped(os.path.normpath(os.path.join(shown_folder, name)),
                              "the gavah workspace itself; not ingested")
            for name in dirnames:
                if os.path.islink(os.path.join(folder, name)):
                    yield Skipped(os.path.normpath(os.path.join(shown_folder, name)),
                                  "symbolic link to a folder, not followed")
            for name in sorted(filenames):
                full = os.path.join(folder, name)
                shown = os.path.normpath(os.path.join(shown_folder, name))
                try:
                    lst = os.lstat(full)
                    if stat.S_ISLNK(lst.st_mode):
                        target = os.path.realpath(full)
                        if not _inside(target, real):
                            yield Skipped(shown, f"symbolic link to {target}, outside {given}; "
                                          "not followed")
                            continue
                        yield _candidate(target, shown, os.stat(target))
                    else:
                        yield _candidate(full, shown, lst)
                except OSError as exc:
                    yield Skipped(shown, exc.strerror or str(exc))
        while errors:
            error = errors.pop()
            yield Skipped(str(error.filename), error.strerror or str(error))


def display_name(path: str) -> str:
    return Path(path).name or path
