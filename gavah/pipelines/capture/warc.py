"""Writing what the browser exchanged as WARC 1.1 records (warcio), each gzip-compressed
on its own so that an index can point at it, and the CDXJ lines that index them."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from typing import IO, Any
from uuid import uuid4

from gavah.core import urls

WARC_NAME = "data.warc.gz"
# Headers that describe the bytes on the wire, not the decoded body the browser gives:
# kept under another name so that the record stays true and replays as recorded.
WIRE_HEADERS = ("content-encoding", "transfer-encoding", "content-length")
ORIGINAL_PREFIX = "x-archive-orig-"


@dataclass
class Exchange:
    """One request and the response the browser received for it."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    request_body: bytes | None
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    body: bytes
    truncated: bool = False  # the size budget ran out: only the start of the body kept
    remote: str | None = None  # server address and port


@dataclass
class Indexed:
    """A CDXJ line's fields for one record."""

    url: str
    timestamp: str  # 14 digits
    mime: str
    status: int | None
    digest: str
    offset: int
    length: int
    record_type: str

    def line(self) -> str:
        fields: dict[str, Any] = {"url": self.url, "mime": self.mime, "digest": self.digest,
                                  "length": str(self.length), "offset": str(self.offset),
                                  "filename": WARC_NAME}
        if self.status is not None:
            fields["status"] = str(self.status)
        if self.record_type != "response":
            fields["recordType"] = self.record_type
        return f"{urls.surt(self.url)} {self.timestamp} {json.dumps(fields, sort_keys=True)}"


@dataclass
class WarcFile:
    """Records appended to one file, in order; `index` holds a CDXJ entry for each
    response and resource record."""

    out: IO[bytes]
    software: str
    index: list[Indexed] = field(default_factory=list)
    bytes_recorded: int = 0

    def __post_init__(self) -> None:
        from warcio.warcwriter import WARCWriter

        self._writer = WARCWriter(self.out, gzip=True, warc_version="1.1")
        info = self._writer.create_warcinfo_record(WARC_NAME, {
            "software": self.software, "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/"
                          "warc-format/warc-1.1/"})
        self._writer.write_record(info)

    def _write(self, record: Any, url: str, status: int | None, mime: str) -> Indexed:
        offset = self.out.tell()
        self._writer.write_record(record)
        headers = record.rec_headers
        date = headers.get_header("WARC-Date") or ""
        entry = Indexed(url=url, timestamp="".join(c for c in date if c.isdigit())[:14],
                        mime=mime, status=status,
                        digest=headers.get_header("WARC-Payload-Digest")
                        or headers.get_header("WARC-Block-Digest") or "",
                        offset=offset, length=self.out.tell() - offset,
                        record_type=headers.get_header("WARC-Type") or "")
        return entry

    def exchange(self, ex: Exchange) -> Indexed:
        from warcio.statusandheaders import StatusAndHeaders

        response_headers = [(f"{ORIGINAL_PREFIX}{k}" if k.lower() in WIRE_HEADERS else k, v)
                            for k, v in ex.response_headers]
        response_headers.append(("Content-Length", str(len(ex.body))))
        http = StatusAndHeaders(f"{ex.status} {ex.reason or ''}".strip(), response_headers,
                                protocol="HTTP/1.1")
        warc_headers = {"WARC-Record-ID": f"<urn:uuid:{uuid4()}>"}
        if ex.remote:
            warc_headers["WARC-IP-Address"] = ex.remote.rsplit(":", 1)[0].strip("[]")
        if ex.truncated:
            warc_headers["WARC-Truncated"] = "length"
        response = self._writer.create_warc_record(
            ex.url, "response", payload=io.BytesIO(ex.body), length=len(ex.body),
            http_headers=http, warc_headers_dict=warc_headers)
        mime = _mime(ex.response_headers)
        entry = self._write(response, ex.url, ex.status, mime)
        self.index.append(entry)
        request_body = ex.request_body or b""
        path = _request_target(ex.url)
        request = self._writer.create_warc_record(
            ex.url, "request", payload=io.BytesIO(request_body), length=len(request_body),
            http_headers=StatusAndHeaders(f"{ex.method} {path} HTTP/1.1",
                                          ex.request_headers, protocol="HTTP/1.1",
                                          is_http_request=True),
            warc_headers_dict={"WARC-Concurrent-To": warc_headers["WARC-Record-ID"]})
        self._writer.write_record(request)
        self.bytes_recorded += len(ex.body) + len(request_body)
        return entry

    def resource(self, uri: str, mime: str, data: bytes) -> Indexed:
        """A record of something gavah made while capturing (the rendered page, its
        screenshot, the capture's metadata), under a urn: of its own."""
        record = self._writer.create_warc_record(
            uri, "resource", payload=io.BytesIO(data), length=len(data),
            warc_content_type=mime)
        entry = self._write(record, uri, None, mime)
        self.index.append(entry)
        return entry

    def cdxj(self) -> bytes:
        return "".join(sorted(f"{e.line()}\n" for e in self.index)).encode()


def _mime(headers: list[tuple[str, str]]) -> str:
    for name, value in headers:
        if name.lower() == "content-type":
            return value.split(";", 1)[0].strip().lower() or "unk"
    return "unk"


def _request_target(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
