"""Uploads through the web app or the API: each file becomes an item exactly as
`gavah ingest` would make it. Nobody can file evidence above their own clearance (they
could not see it afterwards)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, BinaryIO

from gavah.core.errors import BadInput, GavahError
from gavah.core.levels import allowed
from gavah.pipelines.access import Viewer
from gavah.pipelines.accounts import NotPermitted
from gavah.pipelines.ingest import Options, ingest_stream
from gavah.store.workspace import Workspace

_SEPARATORS = re.compile(r"[\\/]")


@dataclass
class Upload:
    filename: str
    stream: BinaryIO


def split_tags(text: str | None) -> list[str]:
    """'a, b,,c' -> ['a', 'b', 'c'] (the upload form takes tags as one line)."""
    return [t.strip() for t in (text or "").split(",") if t.strip()]


def names(filename: str) -> tuple[str, str | None]:
    """(name, original path): a browser may send a whole path; the name is its last part."""
    filename = filename.replace("\x00", "").strip() or "upload"
    parts = [p for p in _SEPARATORS.split(filename) if p]
    name = parts[-1] if parts and parts[-1] not in (".", "..") else "upload"
    return name, (filename if name != filename else None)


def upload(ws: Workspace, viewer: Viewer, files: list[Upload],
           options: Options) -> list[dict[str, Any]]:
    options.check()
    if not files:
        raise BadInput("no file was sent")
    if not allowed(options.classification, viewer.clearance):
        raise NotPermitted(f"you may not file evidence as {options.classification}: your "
                       f"clearance is {viewer.clearance}")
    report: list[dict[str, Any]] = []
    for upload in files:
        name, path = names(upload.filename)
        try:
            item_id, extraction = ingest_stream(ws, upload.stream, name, options,
                                                viewer.actor, original_path=path)
        except GavahError as exc:  # one bad file does not lose the others
            report.append({"name": name, "error": str(exc)})
            continue
        failed = "; ".join(str(f.get("reason", "")) for f in extraction.failed) or None
        report.append({"name": name, "item": item_id, "extraction_failed": failed})
    return report
