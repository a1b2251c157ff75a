"""Reading a WACZ: check it (every file against datapackage.json, the manifest against
datapackage-digest.json, every index line against the record it points at, every
recorded response present in the index), list its pages, and find the recorded
response for a URL through its CDXJ index, as a replay does."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from gavah.core import urls

MAX_RECORD = 512 << 20  # bytes of one record a reader will load


@dataclass
class Entry:
    key: str
    timestamp: str
    url: str
    mime: str
    status: int | None
    offset: int
    length: int
    filename: str
    record_type: str


@dataclass
class Recorded:
    url: str
    record_type: str
    status: int | None
    headers: list[tuple[str, str]]
    body: bytes
    content_type: str


def _parse(line: str) -> Entry:
    key, timestamp, data = line.split(" ", 2)
    fields = json.loads(data)
    status = fields.get("status")
    return Entry(key=key, timestamp=timestamp, url=fields["url"], mime=fields.get("mime", ""),
                 status=int(status) if status and str(status).isdigit() else None,
                 offset=int(fields["offset"]), length=int(fields["length"]),
                 filename=fields["filename"],
                 record_type=fields.get("recordType", "response"))


class Wacz:
    def __init__(self, stream: IO[bytes]) -> None:
        try:
            self.zip = zipfile.ZipFile(stream)
        except zipfile.BadZipFile as exc:
            raise ValueError(f"not a ZIP file: {exc}") from None
        self.names = set(self.zip.namelist())

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> Wacz:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def datapackage(self) -> dict[str, Any]:
        return dict(json.loads(self.zip.read("datapackage.json")))

    def index(self) -> list[Entry]:
        out = []
        for name in sorted(n for n in self.names if n.startswith("indexes/")):
            raw = self.zip.read(name)
            if name.endswith(".gz"):
                import gzip

                raw = gzip.decompress(raw)
            out += [_parse(line) for line in raw.decode().splitlines()
                    if line.strip() and not line.startswith("!")]
        return out

    def pages(self) -> list[dict[str, Any]]:
        lines = self.zip.read("pages/pages.jsonl").decode().splitlines()
        return [json.loads(line) for line in lines[1:] if line.strip()]

    def lookup(self, url: str) -> list[Entry]:
        """Index entries for `url` (responses and resources), newest first."""
        key = urls.surt(url)
        wanted = urls.normalize(url) if url.startswith(urls.SCHEMES) else url
        found = [e for e in self.index() if e.key == key and
                 (urls.normalize(e.url) if e.url.startswith(urls.SCHEMES) else e.url) == wanted]
        return sorted(found, key=lambda e: e.timestamp, reverse=True)

    def read(self, entry: Entry) -> Recorded:
        if entry.length > MAX_RECORD:
            raise ValueError(f"record of {entry.length} bytes is larger than {MAX_RECORD}")
        with self.zip.open(f"archive/{entry.filename}") as warc:
            warc.seek(entry.offset)
            chunk = warc.read(entry.length)
        return _record(chunk)

    def records(self, filename: str) -> Iterator[tuple[int, int, Recorded]]:
        """(offset, length, record) of every record in one WARC of the package."""
        from warcio.archiveiterator import ArchiveIterator

        with self.zip.open(f"archive/{filename}") as warc:
            data = warc.read()
        iterator = ArchiveIterator(io.BytesIO(data))
        for record in iterator:
            offset = iterator.get_record_offset()
            recorded = _from_warcio(record)
            yield offset, iterator.get_record_length(), recorded

    def problems(self) -> list[str]:
        """Everything wrong with the package, as sentences; empty when it is sound."""
        found: list[str] = []
        for name in ("datapackage.json", "pages/pages.jsonl"):
            if name not in self.names:
                found.append(f"{name} is missing")
        if found:
            return found
        package = self.datapackage()
        listed = set()
        for resource in package.get("resources", []):
            path = resource.get("path", "")
            listed.add(path)
            if path not in self.names:
                found.append(f"{path} is listed in datapackage.json but missing")
                continue
            algorithm, _, expected = str(resource.get("hash", "")).partition(":")
            if algorithm != "sha256":
                found.append(f"{path}: unsupported hash {algorithm!r}")
                continue
            digest = hashlib.sha256()
            size = 0
            with self.zip.open(path) as stream:
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
                    size += len(chunk)
            if digest.hexdigest() != expected:
                found.append(f"{path}: its SHA-256 is not the one datapackage.json records")
            if resource.get("bytes") is not None and int(resource["bytes"]) != size:
                found.append(f"{path}: {size} bytes, datapackage.json says {resource['bytes']}")
        for name in sorted(self.names - listed - {"datapackage.json",
                                                  "datapackage-digest.json"}):
            if not name.endswith("/"):
                found.append(f"{name} is not listed in datapackage.json")
        if "datapackage-digest.json" in self.names:
            digest_doc = json.loads(self.zip.read("datapackage-digest.json"))
            actual = hashlib.sha256(self.zip.read("datapackage.json")).hexdigest()
            if digest_doc.get("hash") != f"sha256:{actual}":
                found.append("datapackage.json does not match datapackage-digest.json")
        if not any(n.startswith("archive/") for n in self.names):
            found.append("no WARC under archive/")
        if not any(n.startswith("indexes/") for n in self.names):
            found.append("no index under indexes/")
        if found:
            return found
        return found + self._index_problems()

    def _index_problems(self) -> list[str]:
        found = []
        entries = self.index()
        indexed = {(e.filename, e.offset) for e in entries}
        for entry in entries:
            try:
                record = self.read(entry)
            except Exception as exc:  # a broken record, whatever the reason, is a finding
                found.append(f"index line for {entry.url} points at no readable record "
                             f"({type(exc).__name__})")
                continue
            if record.url != entry.url:
                found.append(f"index line for {entry.url} points at a record of {record.url}")
        for filename in sorted(n[len("archive/"):] for n in self.names
                               if n.startswith("archive/") and not n.endswith("/")):
            for offset, _, record in self.records(filename):
                if record.record_type in ("response", "resource") and \
                        (filename, offset) not in indexed:
                    found.append(f"the {record.record_type} record for {record.url} "
                                 "is not in the index")
        return found


def _record(chunk: bytes) -> Recorded:
    from warcio.archiveiterator import ArchiveIterator

    for record in ArchiveIterator(io.BytesIO(chunk)):
        return _from_warcio(record)
    raise ValueError("no WARC record at this offset")


def _from_warcio(record: Any) -> Recorded:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    body = record.content_stream().read(MAX_RECORD)
    if record.http_headers is not None and record.rec_type in ("response", "request"):
        headers = list(record.http_headers.headers)
        code = record.http_headers.get_statuscode()
        status = int(code) if code and code.isdigit() else None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        headers = []
        status = None
        content_type = record.rec_headers.get_header("Content-Type") or ""
    return Recorded(url=url, record_type=record.rec_type, status=status, headers=headers,
                    body=body, content_type=content_type)
