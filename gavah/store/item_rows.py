"""An item as readers are given it, from its row and its blob's: shared by the ORM's
store and the fast read path, so both give the same record."""

from __future__ import annotations

import json
from typing import Any


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
