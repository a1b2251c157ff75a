"""Provenance a file already carries, checked at intake: C2PA manifests in pictures,
video and sound, digital signatures in PDFs, the hashes and signature of a WACZ web
archive. Each result is a derivative with the tool and version that made it; the
original is only read.

The libraries (c2pa-python, pyhanko) are slow to import and most files carry nothing,
so a cheap scan for the bytes each format must contain comes first, and a library is
imported only for a file that has them. Nothing here touches the network: C2PA remote
manifests and certificate status (OCSP) are not fetched, nor are certificates for PDF
signatures."""

from __future__ import annotations

import zipfile
from typing import BinaryIO

from gavah.pipelines.extract.base import Provenance

CHUNK = 1 << 20
# Formats c2pa-python reads; pictures go by prefix.
C2PA_TYPES = {"video/mp4", "video/quicktime", "video/x-msvideo", "video/avi",
              "audio/mpeg", "audio/mp4", "audio/x-m4a", "audio/wav", "audio/x-wav",
              "audio/vnd.wave", "application/pdf"}
# Media types that are read for provenance only (no text to extract from them).
ONLY_PROVENANCE = C2PA_TYPES - {"application/pdf"}
WACZ_TYPES = {"application/zip", "application/wacz"}
# A C2PA manifest store is a JUMBF box labelled "c2pa" in every format that embeds one;
# a PDF signature dictionary is never compressed (its byte range is patched in place).
C2PA_MARK = b"c2pa"
PDF_SIGNATURE_MARK = b"/ByteRange"


def may_carry(media_type: str) -> bool:
    return (media_type.startswith("image/") or media_type in C2PA_TYPES
            or media_type in WACZ_TYPES)


def _contains(stream: BinaryIO, *marks: bytes) -> set[bytes]:
    """Which of `marks` occur anywhere in the stream (read in chunks, overlapping)."""
    found: set[bytes] = set()
    overlap = max(len(m) for m in marks) - 1
    stream.seek(0)
    tail = b""
    while len(found) < len(marks):
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        window = tail + chunk
        found.update(m for m in marks if m in window)
        tail = window[-overlap:]
    stream.seek(0)
    return found


def _is_wacz(stream: BinaryIO) -> bool:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    finally:
        stream.seek(0)
    return "datapackage.json" in names


def check(stream: BinaryIO, media_type: str) -> list[Provenance]:
    """Every kind of provenance the file carries, each checked. Leaves the stream at 0."""
    if not may_carry(media_type):
        return []
    results: list[Provenance] = []
    if media_type in WACZ_TYPES:
        if _is_wacz(stream):
            from gavah.pipelines.extract.provenance import wacz_package

            results.append(wacz_package.check(stream))
        stream.seek(0)
        return results
    marks = _contains(stream, C2PA_MARK, PDF_SIGNATURE_MARK)
    if C2PA_MARK in marks:
        from gavah.pipelines.extract.provenance import content_credentials

        found = content_credentials.check(stream, media_type)
        if found is not None:
            results.append(found)
        stream.seek(0)
    if media_type == "application/pdf" and PDF_SIGNATURE_MARK in marks:
        from gavah.pipelines.extract.provenance import pdf_signatures

        signed = pdf_signatures.check(stream)
        if signed is not None:
            results.append(signed)
        stream.seek(0)
    return results


def verdict(results: list[Provenance]) -> list[dict[str, str]]:
    """What the custody entry says of each check: its kind and status."""
    return [{"kind": p.kind, "status": str(p.result.get("status"))} for p in results]
