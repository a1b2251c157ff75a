"""Custody entries as rows hold them, and the head file: shared by the ORM's custody
log and the fast read path, so neither reads an entry its own way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gavah.core.custody import Entry, Head

# The columns of the custody table, in the order to_entry reads them.
COLUMNS = ("seq", "time", "actor", "action", "item_id", "details", "prev_hash",
           "entry_hash", "signature", "key_id")


def read_head(path: Path) -> Head | None:
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        return None
    except (ValueError, OSError):
        return Head(seq=-1, entry_hash="unreadable")
    return Head(seq=int(data["seq"]), entry_hash=str(data["hash"]))


def details_of(text: str) -> dict[str, Any]:
    """An entry's details, or {} when they are not a JSON object (for readers that only
    look for a key; to_entry keeps what it cannot parse)."""
    try:
        parsed = json.loads(text)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def to_entry(row: Any) -> Entry:
    """An entry from a row with the custody columns (an ORM object or a row)."""
    try:
        details = json.loads(row.details)
    except ValueError:
        details = {"unparseable": row.details}
    return Entry(seq=row.seq, time=row.time, actor=row.actor, action=row.action,
                 item=row.item_id, details=details, prev_hash=row.prev_hash,
                 entry_hash=row.entry_hash, signature=row.signature, key_id=row.key_id)
