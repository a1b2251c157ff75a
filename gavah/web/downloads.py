"""Originals leave as attachments with a type no browser renders, whatever their name
or content, so hostile files are saved, never opened in the app's origin."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

from fastapi.responses import StreamingResponse

from gavah.pipelines.reading import Original

CHUNK = 1 << 16
_UNSAFE = re.compile(r'[^A-Za-z0-9._ -]')


def content_disposition(name: str) -> str:
    """RFC 6266: an ASCII fallback with anything odd replaced, plus the exact UTF-8 name."""
    fallback = _UNSAFE.sub("_", name).strip(" .") or "download"
    return f"attachment; filename=\"{fallback[:150]}\"; filename*=UTF-8''{quote(name[:300])}"


def attachment(original: Original) -> StreamingResponse:
    def chunks() -> Iterator[bytes]:
        with original.open() as stream:
            while chunk := stream.read(CHUNK):
                yield chunk

    return StreamingResponse(chunks(), media_type="application/octet-stream", headers={
        "content-disposition": content_disposition(original.name),
        "content-length": str(original.size), "x-content-type-options": "nosniff",
        "cache-control": "no-store", "x-gavah-sha256": original.sha256,
        "content-security-policy": "default-src 'none'; sandbox"})
