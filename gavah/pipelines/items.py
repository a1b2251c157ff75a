"""Reading items: list, show (metadata, derivatives, children, custody history)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gavah.core.actions import read_actions
from gavah.core.custody import READ_ITEMS, Entry
from gavah.store import items as item_store
from gavah.store.custody import item_history, iter_entries
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
    blob = item_store.blob_row(session, item.sha256)
    out = item_store.item_dict(item, blob, item_store.tags_of(session, [item.id])[item.id])
    out["metadata"] = item_store.metadata_of(blob)
    if derivatives is None:
        derivatives = item_store.derivatives_of(session, item.sha256)
    out["derivatives"] = [
        {"id": d.id, "kind": d.kind, "label": d.label, "sha256": d.sha256,
         "media_type": d.media_type, "tool": d.tool, "created_at": d.created_at,
         "custody_seq": d.custody_seq}
        for d in derivatives]
    out["children"] = [
        {"id": c.id, "original_name": c.original_name, "relation": c.relation,
         "sha256": c.sha256, "classification": c.classification}
        for c in item_store.children_of(session, item.id)
        if levels is None or c.classification in levels]
    out["acquisitions_of_same_bytes"] = [
        i for i in item_store.ids_with_bytes(session, item.sha256, levels) if i != item.id]
    if custody_limit is None:
        out["custody"] = [_shown(e, levels) for e in iter_entries(session, item.id)]
        return out
    # Its changes (acquired, derived, reclassified...), which a much-read item's reads
    # would otherwise push off the page, and its newest reads.
    reads = custody_limit if reads_limit is None else reads_limit
    shown, total = item_history(session, item.id, custody_limit, reads)
    out["custody"] = [_shown(e, levels) for e in shown]
    out["custody_not_shown"] = total - len(shown)
    return out


READ_DETAILS_SHOWN = {READ_ITEMS, "classification", "via"}


def _shown(entry: Entry, levels: Sequence[str] | None) -> dict[str, Any]:
    """The entry as this reader may see it: a read of several items lists only those at
    or below their clearance (the others' ids and levels are not theirs to know)."""
    shown = entry.to_dict()
    listed = shown["details"].get(READ_ITEMS) if entry.read_items() else None
    if levels is not None and listed is not None:
        shown["details"] = shown["details"] | {READ_ITEMS: [
            pair for pair in listed if len(pair) > 1 and pair[1] in levels]}
    if levels is not None and entry.action in read_actions():
        # Who read it, when and where is the item's history; what another reader searched
        # for, or which (perhaps hidden) entity, claim or event page showed it, is not.
        shown["details"] = {k: v for k, v in shown["details"].items()
                            if k in READ_DETAILS_SHOWN}
    return shown
