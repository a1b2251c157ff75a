"""Archives (zip, tar, gzip/bzip2/xz): members become child items. Sizes, counts and
compression ratios are checked against limits before anything is unpacked, and
again while reading, so a compression bomb is refused, not expanded."""

from __future__ import annotations

import bz2
import contextlib
import gzip
import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import IO, BinaryIO

from gavah.pipelines.extract.base import (
    Child,
    Extraction,
    ExtractionFailed,
    Limits,
    tool_name,
)

TOOL = tool_name("gavah-archive/1")
def _gzip(stream: BinaryIO) -> IO[bytes]:
    return gzip.GzipFile(fileobj=stream)  # type: ignore[return-value]


OPENERS: dict[str, Callable[[BinaryIO], IO[bytes]]] = {
    "application/gzip": _gzip, "application/x-gzip": _gzip,
    "application/x-bzip2": bz2.BZ2File, "application/x-xz": lzma.LZMAFile,
}


def _size(stream: BinaryIO) -> int:
    position = stream.tell()
    end = stream.seek(0, 2)
    stream.seek(position)
    return end


def _refuse(reason: str) -> ExtractionFailed:
    return ExtractionFailed(f"archive refused, not unpacked: {reason}")


class _Budget:
    def __init__(self, packed: int, limits: Limits) -> None:
        self.limits = limits
        # The whole archive may unpack to at most this many bytes.
        self.total = min(limits.max_unpacked, max(packed * limits.max_ratio, limits.ratio_floor))
        self.declared = 0
        self.count = 0

    def add(self, name: str, size: int, packed: int | None) -> None:
        self.count += 1
        self.declared += size
        if self.count > self.limits.max_members:
            raise _refuse(f"more than {self.limits.max_members} files")
        if self.declared > self.total:
            raise _refuse(f"its files add up to more than {self.total} bytes at {name!r} "
                          f"(limit from the archive's size and a ratio of "
                          f"{self.limits.max_ratio}:1, at most {self.limits.max_unpacked}); "
                          "a compression bomb?")
        if (packed and size > self.limits.ratio_floor
                and size / packed > self.limits.max_ratio):
            raise _refuse(f"{name!r} expands {size // packed}:1 "
                          f"(limit {self.limits.max_ratio}:1); a compression bomb?")


def _zip(stream: BinaryIO, limits: Limits) -> Extraction:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ExtractionFailed(f"not a readable zip archive: {exc}") from None
    result = Extraction(TOOL, metadata={"format": "zip"})
    budget = _Budget(_size(stream), limits)
    for info in archive.infolist():
        if info.is_dir():
            continue
        budget.add(info.filename, info.file_size, info.compress_size)
        if info.flag_bits & 0x1:
            result.warnings.append(f"{info.filename!r} is encrypted; kept inside the archive")
            continue
        modified = None
        with contextlib.suppress(ValueError):
            modified = datetime(*info.date_time).isoformat()
        result.children.append(Child(
            name=info.filename, relation="archive-member", modified=modified,
            declared_size=info.file_size,
            open=partial(archive.open, info)))
    result.metadata["members"] = len(result.children)
    return result


def _member(archive: tarfile.TarFile, member: tarfile.TarInfo) -> BinaryIO:
    stream = archive.extractfile(member)
    if stream is None:
        raise OSError(f"{member.name!r} has no content")
    return stream  # type: ignore[return-value]


def _tar(stream: BinaryIO, limits: Limits) -> Extraction:
    try:
        archive = tarfile.open(fileobj=stream, mode="r:*")  # noqa: SIM115 - read lazily later
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise ExtractionFailed(f"not a readable tar archive: {exc}") from None
    result = Extraction(TOOL, metadata={"format": "tar"})
    budget = _Budget(_size(stream), limits)
    try:
        while (member := archive.next()) is not None:
            if member.isdir():
                continue
            if not member.isfile():
                result.warnings.append(f"{member.name!r} is not a regular file "
                                       "(link or device); not unpacked")
                continue
            budget.add(member.name, member.size, None)
            result.children.append(Child(
                name=member.name, relation="archive-member", declared_size=member.size,
                modified=datetime.fromtimestamp(member.mtime).isoformat() if member.mtime
                else None,
                open=partial(_member, archive, member)))
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise ExtractionFailed(f"damaged tar archive: {exc}") from None
    result.metadata["members"] = len(result.children)
    return result


def _single(stream: BinaryIO, media_type: str, limits: Limits) -> Extraction:
    """A compressed single file: one child, unpacked under the ratio limit."""
    packed = _size(stream)
    opener = OPENERS[media_type]
    result = Extraction(TOOL, metadata={"format": media_type.split("/")[-1]})
    cap = min(limits.max_unpacked, max(packed * limits.max_ratio, limits.ratio_floor))
    result.children.append(Child(name="", relation="archive-member", limit=cap,
                                 open=partial(opener, stream)))
    return result


def extract(stream: BinaryIO, media_type: str, limits: Limits) -> Extraction:
    if media_type in ("application/zip", "application/wacz"):
        return _zip(stream, limits)
    if media_type == "application/x-tar":
        return _tar(stream, limits)
    # Compressed: a tarball if tarfile can read it, else a single compressed file.
    start = stream.tell()
    try:
        with tarfile.open(fileobj=stream, mode="r:*") as probe:
            is_tar = probe.next() is not None
    except (tarfile.TarError, OSError, EOFError, zlib.error):
        is_tar = False
    stream.seek(start)
    if is_tar:
        return _tar(stream, limits)
    return _single(stream, media_type, limits)
