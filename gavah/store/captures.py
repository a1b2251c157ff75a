"""Recording a web capture: the item (its original is the WACZ), its derivatives
(screenshot, PDF, main text, capture metadata), the media found in it as child items,
the capture row and the custody entries, all in the caller's write transaction, so that a
capture is stored whole or not at all."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from gavah.core.custody import utc_now
from gavah.store import items as item_store
from gavah.store import search
from gavah.store.bulk import insert_with_ids
from gavah.store.capture_tables import Capture
from gavah.store.custody import CustodyLog
from gavah.store.tables import Blob, Derivative, Item

WACZ_TYPE = "application/wacz"
CAPTURED = "captured"  # the custody action that records a capture and what it made


@dataclass
class Derived:
    """Bytes made from the capture, already in the blob store."""

    sha256: str
    size: int
    kind: str  # screenshot | pdf | text | metadata
    label: str
    media_type: str
    tool: str
    index_form: str | None = None  # text only: folded tokens for the search index


@dataclass
class Media:
    """A video or audio file recorded with the page, already in the blob store."""

    sha256: str
    size: int
    media_type: str
    name: str
    url: str
    extraction: str  # state of new bytes: pending | none
    tool: str | None = None  # what fetched it, when not the browser's recording (yt-dlp)


@dataclass
class Record:
    acquisition: item_store.Acquisition
    wacz_sha256: str
    wacz_size: int
    url: str
    url_key: str
    final_url: str | None
    status: str  # captured | failed
    http_status: int | None
    reason: str | None
    captured_at: str
    facts: dict[str, Any]  # for the signed entry: what a court needs (no floats)
    metadata: dict[str, Any]  # shown with the item (the blob's metadata)
    derivatives: list[Derived] = field(default_factory=list)
    media: list[Media] = field(default_factory=list)


@dataclass
class Recorded:
    item_id: int
    media_ids: list[int]
    derivative_ids: list[int]


def record(session: Session, custody: CustodyLog, actor: str, rec: Record) -> Recorded:
    item_id = item_store.register_many(session, custody, actor, [item_store.Registration(
        rec.acquisition, rec.wacz_sha256, rec.wacz_size, WACZ_TYPE, "done")])[0]
    session.execute(update(Blob).where(Blob.sha256 == rec.wacz_sha256).values(
        extraction="done", extraction_error=None,
        metadata_json=json.dumps(rec.metadata, ensure_ascii=False, sort_keys=True)))
    known = item_store.blobs_in(session, [d.sha256 for d in rec.derivatives])
    for d in rec.derivatives:
        item_store.ensure_blob(session, known, d.sha256, d.size, d.media_type, "none")
    session.flush()
    details = rec.facts | {
        "sha256": rec.wacz_sha256,
        "derivatives": [{"kind": d.kind, "label": d.label, "sha256": d.sha256,
                         "media_type": d.media_type, "tool": d.tool}
                        for d in rec.derivatives],
        "media": [{"url": m.url, "sha256": m.sha256, "media_type": m.media_type}
                  | ({"tool": m.tool} if m.tool else {}) for m in rec.media],
    }
    entry = custody.append(session, actor, CAPTURED, item_id, details, reaches=[])
    now = utc_now()
    rows = [{"source_sha256": rec.wacz_sha256, "sha256": d.sha256, "kind": d.kind,
             "label": d.label, "position": position, "media_type": d.media_type,
             "tool": d.tool, "language": None, "created_at": now,
             "custody_seq": entry.seq} for position, d in enumerate(rec.derivatives)]
    derivative_ids = insert_with_ids(session, Derivative, rows)
    search.add_many(session, [(i, d.index_form) for i, d in
                              zip(derivative_ids, rec.derivatives, strict=True)
                              if d.kind == "text" and d.index_form])
    tags = sorted(set(rec.acquisition.tags))
    children = [item_store.Registration(
        item_store.Acquisition(
            original_name=m.name, original_path=m.url, source=rec.acquisition.source,
            collected_by=rec.acquisition.collected_by, method=rec.acquisition.method,
            note=rec.acquisition.note, classification=rec.acquisition.classification,
            tags=tags, parent_id=item_id, relation="media"),
        m.sha256, m.size, m.media_type, m.extraction) for m in rec.media]
    media_ids = item_store.register_many(session, custody, actor, children)
    text = next((d.sha256 for d in rec.derivatives if d.kind == "text"), None)
    session.add(Capture(item_id=item_id, url_key=rec.url_key, url=rec.url,
                        final_url=rec.final_url, status=rec.status,
                        http_status=rec.http_status, reason=rec.reason,
                        captured_at=rec.captured_at, text_sha256=text))
    return Recorded(item_id, media_ids, derivative_ids)


_COLUMNS = (Capture.item_id, Capture.url, Capture.final_url, Capture.status,
            Capture.http_status, Capture.reason, Capture.captured_at, Capture.text_sha256,
            Item.classification)


def of_item(session: Session, item_id: int) -> Row[Any] | None:
    row: Any = session.execute(select(*_COLUMNS).join(Item, Item.id == Capture.item_id)
                           .where(Capture.item_id == item_id)).first()
    return row


def of_url(session: Session, url_key: str, levels: Sequence[str] | None,
           limit: int = 50) -> list[Row[Any]]:
    """The newest `limit` captures of one page visible at `levels`, oldest first."""
    query = (select(*_COLUMNS).join(Item, Item.id == Capture.item_id)
             .where(Capture.url_key == url_key))
    if levels is not None:
        query = query.where(Item.classification.in_(list(levels)))
    found: Any = session.execute(query.order_by(Capture.item_id.desc()).limit(limit))
    rows: list[Row[Any]] = list(found)
    return rows[::-1]


def url_key_of(session: Session, item_id: int) -> str | None:
    return session.scalar(select(Capture.url_key).where(Capture.item_id == item_id))
