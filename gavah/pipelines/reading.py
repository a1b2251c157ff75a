"""Reading one item as a person does in the web app or through the API: its record and
text, a safe preview, its original bytes. Each read of protected material is recorded."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from gavah.core.errors import NotFound
from gavah.core.text import direction
from gavah.pipelines import items as item_pipeline
from gavah.pipelines.access import Viewer, record_reads
from gavah.pipelines.capture import compare as capture_compare
from gavah.pipelines.item_record import read_provenance
from gavah.store import items as item_store
from gavah.store import timestamps as stamp_store
from gavah.store.db import Row, Session
from gavah.store.tables import Item
from gavah.store.workspace import Workspace

MAX_TEXT = 300_000  # characters of each text shown on the item page
REDACTED_SHOWN = 5  # redacted copies of texts shown whole on the item page (the newest)
PREVIEW_PAGES = 20  # PDF pages a preview may render
HTML_TYPES = ("text/html", "application/xhtml+xml")


def preview_kind(media_type: str) -> str | None:
    if media_type.startswith("image/") and "svg" not in media_type:
        return "image"  # SVG can carry scripts: it gets no preview, only its text
    if media_type == "application/pdf":
        return "pdf"
    if media_type in HTML_TYPES:
        return "html"
    return None


def _find(session: Session, viewer: Viewer, ref: str) -> Item | Row[Any]:
    """The item, or NotFound alike for missing items and items above the viewer's
    clearance."""
    try:
        found = item_store.resolve_row(session, ref, viewer.levels)
    except NotFound:
        raise NotFound(f"no item {ref!r}") from None
    if not viewer.may_see(found.classification):
        raise NotFound(f"no item {ref!r}")
    return found


def _visible(ws: Workspace, viewer: Viewer, ref: str) -> tuple[int, str, str, str, str]:
    """(id, sha256, classification, media type, original name) of a visible item."""
    with ws.db.read() as session:
        found = _find(session, viewer, ref)
        blobs = item_store.blobs_in(session, [found.sha256])
        return (found.id, found.sha256, found.classification,
                blobs[found.sha256].media_type, found.original_name)


@dataclass
class _Blob:
    """A derivative as _read_texts needs it."""

    id: int
    sha256: str
    label: str | None = None
    language: str | None = None


def _read_texts(ws: Workspace, derivatives: Sequence[Row[Any] | _Blob]
                ) -> list[dict[str, Any]]:
    out = []
    for d in derivatives:
        with ws.blobs.open(d.sha256) as stream:
            text = stream.read(MAX_TEXT * 4 + 4).decode("utf-8", errors="replace")
        out.append({"derivative_id": d.id, "label": d.label, "language": d.language,
                    "text": text[:MAX_TEXT], "truncated": len(text) > MAX_TEXT,
                    "direction": direction(text[:5000])})
    return out


def texts(ws: Workspace, sha256: str) -> list[dict[str, Any]]:
    with ws.db.read() as session:
        derivatives = item_store.text_derivatives(session, sha256)
    return _read_texts(ws, derivatives)


def _claim_spans(session: Session, viewer: Viewer,
                 item_id: int) -> dict[int, list[dict[str, Any]]]:
    """The item's claims as spans of its texts: derivative id -> [{id, start, end, kind,
    status, title}], in text order (only the columns a span needs: an item may hold
    hundreds of claims)."""
    from gavah.store import claim_queries  # the claims' tables: only pages with text

    out: dict[int, list[dict[str, Any]]] = {}
    rows = claim_queries.spans_of(session, item_id, viewer.levels)
    for claim_id, derivative_id, start, end, kind, status, speaker, publisher in rows:
        who = speaker or publisher or ""
        out.setdefault(derivative_id, []).append({
            "id": claim_id, "start": start, "end": end, "kind": kind, "status": status,
            "title": f"{kind}: {who}" if who else kind})
    return out


def item(ws: Workspace, viewer: Viewer, ref: str, via: str = "web",
         with_text: bool = True, custody_limit: int | None = None,
         reads_limit: int | None = None, redacted_texts: bool = False) -> dict[str, Any]:
    """The item's record (metadata, hashes, derivatives, children, custody history: the
    newest custody_limit changes and reads_limit reads when given) and, with_text, its
    extracted texts and preview kind; with redacted_texts, the text of each of its
    newest REDACTED_SHOWN redacted text copies as `shown`. One read transaction for all
    of it."""
    with ws.db.read() as session:
        found = _find(session, viewer, ref)
        item_id, level = found.id, found.classification
        derivatives = item_store.derivatives_of(session, found.sha256)
        data = item_pipeline.record(session, found, viewer.levels, custody_limit, derivatives,
                                    reads_limit)
        spans = _claim_spans(session, viewer, item_id) if with_text else {}
        # The first time-stamp over the log at or after the item's acquisition: it
        # proves the item was acquired (as recorded) no later than its time.
        data["existed_by"] = stamp_store.first_covering(session, found.custody_seq)
        capture = capture_compare.find(session, item_id, viewer.levels)
    data["provenance"] = read_provenance(ws.blobs, derivatives)
    if capture is not None:
        data["capture"] = capture_compare.describe(ws, capture)
    if with_text:
        data["texts"] = _read_texts(ws, [d for d in derivatives if d.kind == "text"])
        for text in data["texts"]:
            text["spans"] = spans.get(text["derivative_id"], [])
        data["preview"] = preview_kind(data["media_type"])
    if redacted_texts:
        for copy in [c for c in data.get("redactions", [])
                     if c["media_type"].startswith("text/")][-REDACTED_SHOWN:]:
            copy["shown"] = _read_texts(ws, [_Blob(copy["id"], copy["sha256"])])[0]
    record_reads(ws, viewer, [(item_id, level)], "viewed", {"via": via})
    return data


@dataclass
class Original:
    item_id: int
    name: str
    sha256: str
    size: int
    open: Callable[[], BinaryIO]


def original(ws: Workspace, viewer: Viewer, ref: str, via: str = "web") -> Original:
    item_id, sha, level, _, name = _visible(ws, viewer, ref)
    record_reads(ws, viewer, [(item_id, level)], "downloaded", {"via": via})
    size = ws.blobs.size(sha)
    return Original(item_id, name, sha, size, lambda: ws.blobs.open(sha))


@dataclass
class Preview:
    media_type: str
    body: bytes


def preview(ws: Workspace, viewer: Viewer, ref: str, page: int = 1,
            via: str = "web") -> Preview:
    """A rendering that cannot run code: images and PDF pages re-encoded as PNG, HTML
    sanitized (no scripts, handlers, styles or URLs)."""
    item_id, sha, level, media_type, _ = _visible(ws, viewer, ref)
    kind = preview_kind(media_type)
    if kind is None:
        raise NotFound(f"item {ref} has no preview")
    if kind == "pdf" and not 1 <= page <= PREVIEW_PAGES:
        raise NotFound(f"item {ref} has no preview of page {page}")

    def render() -> Preview:
        from gavah.pipelines import sanitize  # nh3, charset detection: previews only

        with ws.blobs.open(sha) as stream:
            raw = stream.read()
        if kind == "html":
            return Preview("text/html; charset=utf-8", sanitize.html_document(raw).encode())
        if kind == "pdf":
            return Preview("image/png", sanitize.pdf_page_png(raw, page - 1))
        return Preview("image/png", sanitize.image_png(io.BytesIO(raw)))

    # A blob never changes, so neither does its preview: decoded once per process, not
    # per request (the read is still recorded each time).
    result = ws.cache.get(["preview", sha, kind, page if kind == "pdf" else 1], 0, render)
    record_reads(ws, viewer, [(item_id, level)], "viewed", {"via": f"{via}-preview"})
    return result


def replay(ws: Workspace, viewer: Viewer, ref: str, via: str = "web") -> Preview:
    """A web capture shown from its WACZ alone: the rendered page sanitized, its pictures
    re-encoded and embedded (gavah.pipelines.capture.replay)."""
    from gavah.pipelines.capture import replay as capture_replay
    from gavah.pipelines.capture.reader import Wacz
    from gavah.store.captures import WACZ_TYPE

    item_id, sha, level, media_type, _ = _visible(ws, viewer, ref)
    if media_type != WACZ_TYPE:
        raise NotFound(f"item {ref} is not a web capture")
    with ws.db.read() as session:
        capture = capture_compare.find(session, item_id, viewer.levels)
    url = capture.this.final_url or capture.this.url if capture else ""
    with ws.blobs.open(sha) as stream, Wacz(stream) as package:
        body = capture_replay.page(package, url).encode()
    record_reads(ws, viewer, [(item_id, level)], "viewed", {"via": f"{via}-replay"})
    return Preview("text/html; charset=utf-8", body)


@dataclass
class Made:
    """A derivative's bytes, for showing (pictures re-encoded) or saving."""

    name: str
    media_type: str
    body: bytes


def derivative(ws: Workspace, viewer: Viewer, ref: str, derivative_id: int,
               via: str = "web") -> Made:
    """One derivative of a visible item: a picture re-encoded as PNG (safe to show),
    anything else as bytes to save."""
    item_id, sha, level, _, name = _visible(ws, viewer, ref)
    with ws.db.read() as session:
        found = [(d.kind, d.sha256, d.media_type)
                 for d in item_store.derivatives_of(session, sha) if d.id == derivative_id]
        if not found:  # a redacted copy of one of its texts is a derivative of the text
            from gavah.store import redactions

            found = [("redacted", c.sha256, c.media_type)
                     for c in redactions.of_items(session, [item_id])[item_id]
                     if c.derivative_id == derivative_id]
    if not found:
        raise NotFound(f"item {ref} has no derivative {derivative_id}")
    kind, made_sha, media_type = found[0]
    with ws.blobs.open(made_sha) as stream:
        raw = stream.read()
    record_reads(ws, viewer, [(item_id, level)], "viewed", {"via": f"{via}-derivative"})
    if media_type.startswith("image/"):
        from gavah.pipelines import sanitize

        return Made(f"{name}.{kind}.png", "image/png", sanitize.image_png(io.BytesIO(raw)))
    suffix = {"application/pdf": "pdf", "application/json": "json"}.get(media_type, "txt")
    return Made(f"{name}.{kind}.{suffix}", media_type, raw)
