"""The captures of one URL side by side: each capture's status and what changed in its
main text since the capture before it (lines added and removed, with a few of each)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gavah.store import captures as capture_store
from gavah.store.workspace import Workspace

EXAMPLES = 5  # changed lines shown of each kind
LINE_SHOWN = 200  # characters of a changed line shown
MAX_TEXT = 2_000_000  # characters of a text compared


@dataclass
class Found:
    this: Any  # a row of gavah.store.captures
    same_url: list[Any]


def find(session: Any, item_id: int, levels: Sequence[str] | None) -> Found | None:
    """The item's capture and the captures of its URL the reader may see, oldest first
    (None when the item is not a capture)."""
    this = capture_store.of_item(session, item_id)
    if this is None:
        return None
    key = capture_store.url_key_of(session, item_id)
    assert key is not None
    return Found(this, capture_store.of_url(session, key, levels))


def _lines(ws: Workspace, sha256: str | None) -> list[str] | None:
    if sha256 is None:
        return None
    with ws.blobs.open(sha256) as stream:
        text = stream.read(MAX_TEXT * 4).decode("utf-8", errors="replace")[:MAX_TEXT]
    return [line.strip() for line in text.splitlines() if line.strip()]


def changes(before: list[str] | None, after: list[str] | None) -> dict[str, Any] | None:
    """Lines added and removed from `before` to `after` (None when either has no text)."""
    if before is None or after is None:
        return None
    added: list[str] = []
    removed: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            removed += before[a0:a1]
        if tag in ("replace", "insert"):
            added += after[b0:b1]
    return {"same": not added and not removed, "added": len(added), "removed": len(removed),
            "added_lines": [line[:LINE_SHOWN] for line in added[:EXAMPLES]],
            "removed_lines": [line[:LINE_SHOWN] for line in removed[:EXAMPLES]]}


def _row(row: Any) -> dict[str, Any]:
    return {"item": row.item_id, "captured_at": row.captured_at, "status": row.status,
            "http_status": row.http_status, "final_url": row.final_url,
            "reason": row.reason, "text_sha256": row.text_sha256}


def describe(ws: Workspace, found: Found) -> dict[str, Any]:
    """The capture and its URL's captures, each with the changes since the one before."""
    captures = []
    previous: list[str] | None = None
    first = True
    for row in found.same_url:
        lines = _lines(ws, row.text_sha256)
        shown = _row(row)
        shown["changes"] = None if first else changes(previous, lines)
        shown["this"] = row.item_id == found.this.item_id
        captures.append(shown)
        previous, first = lines, False
    return _row(found.this) | {"url": found.this.url, "captures_of_url": captures}
