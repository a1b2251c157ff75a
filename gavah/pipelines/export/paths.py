"""Where an item's files go in a package (docs/export-format.md): data/items/ID/..."""

from __future__ import annotations

import re
from pathlib import Path

_UNSAFE = re.compile(r'[/\\%:*?"<>|]')


def safe_name(name: str) -> str:
    # Keep the original name readable but never a path, nor a character BagIt escapes.
    base = Path(name).name
    cleaned = (base if base.isprintable() and not _UNSAFE.search(base) else  # most names
               "".join(c if c.isprintable() and c not in '/\\%:*?"<>|' else "_"
                       for c in base)).strip(". ")
    return cleaned[:120] or "original"


def folder(item_id: int) -> str:
    return f"data/items/{item_id}"


def original(item_id: int, name: str) -> str:
    """An original sent as it is."""
    return f"{folder(item_id)}/original/{safe_name(name)}"
