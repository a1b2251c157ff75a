"""Reading items: list, show (metadata, derivatives, children, custody history)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gavah.pipelines.item_record import base_record, full_record, shown
from gavah.store import items as item_store
from gavah.store.custody import item_history
from gavah.store.db import Row, Session
from gavah.store.tables import Item
from gavah.store.workspace import Workspace


def list_items(ws: Workspace, levels: Sequence[str] | None = None, limit: int | None = None,
               offset: int = 0, failed_only: bool = False) -> list[dict[str, Any]]:
    with ws.db.read() as session:
        return item_store.list_items(session, levels, limit, offset, failed_only)


def show(ws: Workspace, ref: str, levels: Sequence[str] | None = None,
         custody_limit: int | None = None) -> dict[str, Any]:
    """The item's record; with custody_limit, only its newest custody entries (every
    recorded read is one: a much-read item has thousands) and the count of the others."""
    with ws.db.read() as session:
        item = item_store.resolve(session, ref, levels)
        return record(session, item, levels, custody_limit)


def record(session: Session, item: Item | Row[Any], levels: Sequence[str] | None,
           custody_limit: int | None = None,
           derivatives: Sequence[Row[Any]] | None = None,
           reads_limit: int | None = None) -> dict[str, Any]:
    """show() of an item already found (and checked) in the caller's session; pass
    `derivatives` when the caller has loaded them already. With custody_limit, its
    newest custody_limit changes and newest reads_limit reads (default: as many)."""
    reader = item_store.SessionReader(session)
    if derivatives is None:
        derivatives = reader.derivatives_of(item.sha256)
    if custody_limit is None:
        return full_record(reader, item, levels, derivatives)
    out = base_record(reader, item, levels, derivatives)
    # Its changes (acquired, derived, reclassified...), which a much-read item's reads
    # would otherwise push off the page, and its newest reads.
    reads = custody_limit if reads_limit is None else reads_limit
    entries, total = item_history(session, item.id, custody_limit, reads)
    out["custody"] = [shown(e, levels) for e in entries]
    out["custody_not_shown"] = total - len(entries)
    return out
