"""The dashboard: counts, recent changes, the last verify run, failed extractions.
It names no protected item: those appear by number and level only, so that opening the
dashboard is not a read of protected material (opening the item is, and is recorded)."""

from __future__ import annotations

from typing import Any

from gavah.core.levels import is_protected
from gavah.pipelines.access import Viewer
from gavah.store import items as item_store
from gavah.store import overview as store
from gavah.store.workspace import Workspace


def _redact_item(row: dict[str, Any]) -> dict[str, Any]:
    if not is_protected(row["classification"]):
        return row
    return {"id": row["id"], "classification": row["classification"],
            "media_type": row["media_type"], "redacted": True}


def dashboard(ws: Workspace, viewer: Viewer, show_account_changes: bool = False,
              recent: int = 15, failed: int = 20) -> dict[str, Any]:
    levels = viewer.levels
    with ws.db.read() as session:
        entries = store.recent_entries(session, levels, show_account_changes, recent)
        level_of = store.classifications(
            session, [e["item"] for e in entries if e["item"] is not None])
        failed_rows = item_store.list_items(session, levels, failed, 0, failed_only=True)
        data: dict[str, Any] = {"counts": store.counts(session, levels),
                "last_verify": store.last_verify(session)}
    for entry in entries:
        level = level_of.get(entry["item"]) if entry["item"] is not None else None
        entry["classification"] = level
        if level is not None and is_protected(level):
            entry["details"] = {}
            entry["redacted"] = True
    data["recent"] = entries
    data["failed"] = [_redact_item(r) for r in failed_rows]
    return data
