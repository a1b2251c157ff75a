"""Packaging a capture as WACZ 1.1.1 (written from the specification): the WARC under
archive/, its CDXJ index under indexes/, the pages under pages/pages.jsonl, and
datapackage.json listing every file with its SHA-256, itself hashed in
datapackage-digest.json. Compressed files are stored, not compressed again, so that a
reader can seek into them."""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gavah.pipelines.capture.warc import WARC_NAME

WACZ_VERSION = "1.1.1"
ARCHIVE = f"archive/{WARC_NAME}"
INDEX = "indexes/index.cdxj"
PAGES = "pages/pages.jsonl"
PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}


@dataclass
class Page:
    url: str
    ts: str  # RFC 3339
    title: str | None = None
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"url": self.url, "ts": self.ts}
        if self.id:
            out["id"] = self.id
        if self.title:
            out["title"] = self.title
        return out


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return f"sha256:{digest.hexdigest()}"


def _zip_time(ts: str) -> tuple[int, int, int, int, int, int]:
    """ZIP entry times from an RFC 3339 capture time, so the package says when it was
    made rather than when the file happened to be written."""
    digits = "".join(c for c in ts if c.isdigit())
    year, month, day = int(digits[0:4]), int(digits[4:6]), int(digits[6:8])
    return (max(year, 1980), month, day, int(digits[8:10]), int(digits[10:12]),
            int(digits[12:14]))


def package(target: Path, warc: Path, cdxj: bytes, pages: list[Page], created: str,
            software: str, title: str, description: str) -> None:
    """Write the WACZ to `target` (a new file)."""
    when = _zip_time(created)
    pages_bytes = "".join(json.dumps(p, ensure_ascii=False) + "\n"
                          for p in [PAGES_HEADER, *(pg.to_dict() for pg in pages)]).encode()
    resources = [
        {"name": "pages.jsonl", "path": PAGES,
         "hash": f"sha256:{hashlib.sha256(pages_bytes).hexdigest()}",
         "bytes": len(pages_bytes)},
        {"name": WARC_NAME, "path": ARCHIVE, "hash": _hash_file(warc),
         "bytes": warc.stat().st_size},
        {"name": "index.cdxj", "path": INDEX,
         "hash": f"sha256:{hashlib.sha256(cdxj).hexdigest()}", "bytes": len(cdxj)},
    ]
    datapackage: dict[str, Any] = {
        "profile": "data-package", "wacz_version": WACZ_VERSION, "resources": resources,
        "title": title, "description": description, "created": created,
        "modified": created, "software": software,
    }
    if pages:
        datapackage["mainPageUrl"] = pages[0].url
        datapackage["mainPageDate"] = pages[0].ts
    package_bytes = json.dumps(datapackage, indent=2, ensure_ascii=False).encode()
    digest_bytes = json.dumps({
        "path": "datapackage.json",
        "hash": f"sha256:{hashlib.sha256(package_bytes).hexdigest()}"}, indent=2).encode()

    def info(name: str, compress: int) -> zipfile.ZipInfo:
        entry = zipfile.ZipInfo(name, date_time=when)
        entry.compress_type = compress
        entry.external_attr = 0o644 << 16
        return entry

    with zipfile.ZipFile(target, "x", allowZip64=True) as archive:
        with open(warc, "rb") as source, \
                archive.open(info(ARCHIVE, zipfile.ZIP_STORED), "w", force_zip64=True) as out:
            while chunk := source.read(1 << 20):
                out.write(chunk)
        archive.writestr(info(INDEX, zipfile.ZIP_DEFLATED), cdxj)
        archive.writestr(info(PAGES, zipfile.ZIP_DEFLATED), pages_bytes)
        archive.writestr(info("datapackage.json", zipfile.ZIP_DEFLATED), package_bytes)
        archive.writestr(info("datapackage-digest.json", zipfile.ZIP_DEFLATED), digest_bytes)
