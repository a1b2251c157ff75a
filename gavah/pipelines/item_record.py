"""An item's record as `gavah show`, the item page and the API give it, composed from
reads any backend answers (ItemReader): the ORM's session (gavah.store.items) or the
fast read path's DB-API connection (gavah.store.fastread.items) give the same record."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from gavah.core.actions import read_actions
from gavah.core.custody import READ_ITEMS, Entry
from gavah.store.item_rows import item_dict, metadata_of

if TYPE_CHECKING:
    from gavah.store.blobs import BlobStore


class ItemReader(Protocol):
    def blob_row(self, sha256: str) -> Any: ...
    def tags_of(self, item_ids: Iterable[int]) -> dict[int, list[str]]: ...
    def derivatives_of(self, sha256: str) -> list[Any]: ...
    def children_of(self, item_id: int) -> list[Any]: ...
    def ids_with_bytes(self, sha256: str, levels: Sequence[str] | None = None,
                       ) -> list[int]: ...
    def entries_about(self, item_id: int) -> Iterator[Entry]: ...
    def redactions_of(self, item_id: int) -> list[dict[str, Any]]: ...


def base_record(reader: ItemReader, item: Any, levels: Sequence[str] | None,
                derivatives: Sequence[Any]) -> dict[str, Any]:
    """The item's record without its custody history."""
    blob = reader.blob_row(item.sha256)
    out = item_dict(item, blob, reader.tags_of([item.id])[item.id])
    out["metadata"] = metadata_of(blob)
    out["derivatives"] = [
        {"id": d.id, "kind": d.kind, "label": d.label, "sha256": d.sha256,
         "media_type": d.media_type, "tool": d.tool, "created_at": d.created_at,
         "custody_seq": d.custody_seq}
        for d in derivatives]
    out["children"] = [
        {"id": c.id, "original_name": c.original_name, "relation": c.relation,
         "sha256": c.sha256, "classification": c.classification}
        for c in reader.children_of(item.id)
        if levels is None or c.classification in levels]
    # Redacted copies made for this item (of its original or of its texts): what was
    # hidden, why and by whom, as their custody entries say.
    out["redactions"] = reader.redactions_of(item.id)
    out["acquisitions_of_same_bytes"] = [
        i for i in reader.ids_with_bytes(item.sha256, levels) if i != item.id]
    return out


def full_record(reader: ItemReader, item: Any, levels: Sequence[str] | None,
                derivatives: Sequence[Any]) -> dict[str, Any]:
    """The item's record with its whole custody history."""
    out = base_record(reader, item, levels, derivatives)
    out["custody"] = [shown(e, levels) for e in reader.entries_about(item.id)]
    return out


READ_DETAILS_SHOWN = {READ_ITEMS, "classification", "via"}


def shown(entry: Entry, levels: Sequence[str] | None) -> dict[str, Any]:
    """The entry as this reader may see it: a read of several items lists only those at
    or below their clearance (the others' ids and levels are not theirs to know)."""
    out = entry.to_dict()
    listed = out["details"].get(READ_ITEMS) if entry.read_items() else None
    if levels is not None and listed is not None:
        out["details"] = out["details"] | {READ_ITEMS: [
            pair for pair in listed if len(pair) > 1 and pair[1] in levels]}
    if levels is not None and entry.action in read_actions():
        # Who read it, when and where is the item's history; what another reader searched
        # for, or which (perhaps hidden) entity, claim or event page showed it, is not.
        out["details"] = {k: v for k, v in out["details"].items()
                          if k in READ_DETAILS_SHOWN}
    return out


def read_provenance(blobs: BlobStore, derivatives: Sequence[Any]) -> list[dict[str, Any]]:
    """The provenance checks of the item's bytes (C2PA, PDF signatures, WACZ), each with
    the tool that made it."""
    out = []
    for d in derivatives:
        if d.kind != "provenance":
            continue
        with blobs.open(d.sha256) as stream:
            try:
                result = json.loads(stream.read())
            except ValueError:
                continue
        out.append(result | {"tool": d.tool, "derivative_id": d.id})
    return out
