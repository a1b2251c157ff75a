"""An item as readers are given it, from its row and its blob's: shared by the ORM's
store and the fast read path, so both give the same record."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TypeVar

from gavah.core.errors import BadInput, NotFound

T = TypeVar("T")


def item_dict(item: Any, blob: Any, tags: list[str]) -> dict[str, Any]:
    return {
        "id": item.id, "sha256": item.sha256, "size": blob.size,
        "media_type": blob.media_type, "original_name": item.original_name,
        "original_path": item.original_path, "source": item.source,
        "collected_by": item.collected_by, "method": item.method,
        "classification": item.classification, "acquired_at": item.acquired_at,
        "acquired_by": item.acquired_by, "file_modified": item.file_modified,
        "note": item.note, "tags": tags, "parent_id": item.parent_id,
        "relation": item.relation, "extraction": blob.extraction,
        "extraction_error": blob.extraction_error, "language": blob.language,
    }


def metadata_of(blob: Any) -> dict[str, Any]:
    return json.loads(blob.metadata_json) if blob.metadata_json else {}


def ref_parts(ref: str) -> tuple[int | None, str | None]:
    """What an item reference may name, as both read paths take it: an id (decimal, short
    enough to be one) and a SHA-256 prefix (6+ hex digits); either may be None."""
    item_id = int(ref) if ref.isdecimal() and len(ref) < 10 else None
    prefix = ref if len(ref) >= 6 and all(c in "0123456789abcdef" for c in ref) else None
    return item_id, prefix


def one_blob(ref: str, rows: Sequence[T]) -> T | None:
    """The first of the visible items whose SHA-256 starts with `ref` (rows by id), or
    None; a prefix that names two different blobs is refused."""
    shas = {row.sha256 for row in rows}  # type: ignore[attr-defined]
    if len(shas) > 1:
        raise BadInput(f"{ref!r} matches {len(shas)} different blobs; give more digits")
    return rows[0] if rows else None


def unknown(ref: str) -> NotFound:
    return NotFound(f"no item {ref!r} (give an item id or a sha256 prefix of 6+ digits)")
