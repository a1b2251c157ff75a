"""`gavah items` and `gavah show` on the DB-API (gavah.store.fastread): the same
answers as gavah.pipelines.items and gavah.pipelines.reading, without loading
SQLAlchemy or the ORM's tables. What only the ORM path does is handed to it: a
workspace whose database it must open, a web capture's page (its comparison of
captures), and the custody entry a read of protected material leaves."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from gavah.core.errors import NotFound
from gavah.core.levels import is_protected
from gavah.pipelines.access import Viewer, record_reads
from gavah.pipelines.item_record import full_record, read_provenance
from gavah.store.fastread import items as fast_store

if TYPE_CHECKING:
    from gavah.store.fastread.workspace import ReadWorkspace
    from gavah.store.workspace import Workspace


def list_items(fast: ReadWorkspace | None, full: Callable[[], Workspace],
               limit: int | None = None, failed_only: bool = False) -> list[dict[str, Any]]:
    """As gavah.pipelines.items.list_items, on `fast` when it is open, else on `full()`."""
    if fast is None:
        from gavah.pipelines import items

        return items.list_items(full(), limit=limit, failed_only=failed_only)
    with fast.conn.read() as conn:
        return fast_store.list_items(conn, None, limit, 0, failed_only)


def item(fast: ReadWorkspace | None, full: Callable[[], Workspace], viewer: Viewer,
         ref: str, via: str = "cli") -> dict[str, Any]:
    """As gavah.pipelines.reading.item(..., with_text=False): the record, its custody
    history and provenance; a read of protected material is recorded (through the
    ORM's custody log, the one writer of the chain) before it is returned."""
    if fast is None:
        return _item_on_orm(full(), viewer, ref, via)
    with fast.conn.read() as conn:
        try:
            found = fast_store.resolve(conn, ref, viewer.levels)
        except NotFound:
            raise NotFound(f"no item {ref!r}") from None
        if not viewer.may_see(found.classification):
            raise NotFound(f"no item {ref!r}")
        reader = fast_store.Reader(conn)
        capture = reader.is_capture(found.id)
        if not capture:
            derivatives = reader.derivatives_of(found.sha256)
            data = full_record(reader, found, viewer.levels, derivatives)
            data["existed_by"] = reader.first_covering(found.custody_seq)
    if capture:  # its page compares the captures of its URL: the ORM path's
        return _item_on_orm(full(), viewer, ref, via)
    # The blob store (and its key, for sealed blobs) is opened only when there is one.
    data["provenance"] = (read_provenance(fast.blobs, derivatives)
                          if any(d.kind == "provenance" for d in derivatives) else [])
    if is_protected(found.classification):
        record_reads(full(), viewer, [(found.id, found.classification)], "viewed",
                     {"via": via})
    return data


def _item_on_orm(ws: Workspace, viewer: Viewer, ref: str, via: str) -> dict[str, Any]:
    from gavah.pipelines import reading

    return reading.item(ws, viewer, ref, via=via, with_text=False)
