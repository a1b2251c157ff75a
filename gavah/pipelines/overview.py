"""The dashboard: counts, recent changes, the last verify run, failed extractions.
It names no protected item: those appear by number and level only, so that opening the
dashboard is not a read of protected material (opening the item is, and is recorded)."""

from __future__ import annotations

from typing import Any

from gavah.core.levels import is_protected
from gavah.pipelines.access import Viewer
from gavah.store import custody as custody_store
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
    """Kept per clearance and change version (counting 100,000 items takes a second),
    but for the last verify run and the custody entries written since, which every
    view adds to."""
    levels = viewer.levels
    version = ws.cache.change_version()
    data: dict[str, Any] = dict(ws.cache.get(
        ["dashboard", levels, show_account_changes, recent, failed], version,
        lambda: _changes(ws, levels, show_account_changes, recent, failed), shared=True))
    data["counts"] = dict(data["counts"])  # the kept page is shared by readers
    # The custody entries about visible items up to a seq, per clearance and version,
    # so that each view counts only the entries (reads) written since the last one.
    counted = ws.cache.region("dashboard-count")
    key = (tuple(levels), version)
    as_of, count = counted.get(key) or (data["as_of"], data["counts"]["custody_entries"])
    with ws.db.read() as session:
        data["last_verify"] = store.last_verify(session)
        newest, added = store.custody_count_since(session, levels, as_of)
    counted.put(key, (newest, count + added))
    data["counts"]["custody_entries"] = count + added
    return data


def _changes(ws: Workspace, levels: list[str], show_account_changes: bool, recent: int,
             failed: int) -> dict[str, Any]:
    with ws.db.read() as session:
        as_of = custody_store.newest_seq(session)
        entries = store.recent_entries(session, levels, show_account_changes, recent)
        level_of = store.classifications(
            session, [e["item"] for e in entries if e["item"] is not None])
        failed_rows = item_store.list_items(session, levels, failed, 0, failed_only=True)
        counts = store.counts(session, levels)
        counts["custody_entries"] = store.custody_count(session, levels, as_of)
    for entry in entries:
        level = level_of.get(entry["item"]) if entry["item"] is not None else None
        entry["classification"] = level
        if level is not None and is_protected(level):
            entry["details"] = {}
            entry["redacted"] = True
    return {"counts": counts, "recent": entries, "as_of": as_of,
            "failed": [_redact_item(r) for r in failed_rows]}
