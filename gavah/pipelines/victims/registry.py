"""Reading the registry: records, one record with its person, rows kept aside, lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gavah.core.errors import NotFound
from gavah.core.victims.keys import folded
from gavah.store import victim_links as links
from gavah.store import victims as store
from gavah.store.workspace import Workspace


def list_records(ws: Workspace, *, list_name: str | None = None, person_id: int | None = None,
                 name: str | None = None, limit: int | None = None, offset: int = 0,
                 levels: Sequence[str] | None = None) -> list[dict[str, Any]]:
    with ws.db.read() as session:
        rows = store.find_records(session, list_name=list_name, person_id=person_id,
                                  name=folded(name), levels=levels, limit=limit,
                                  offset=offset)
        return [store.record_dict(r) for r in rows]


def show_record(ws: Workspace, record_id: int, levels: Sequence[str] | None = None
                ) -> dict[str, Any]:
    """A record, the other records of its person, and decisions that name it."""
    with ws.db.read() as session:
        row = store.get_record(session, record_id, levels)
        out = store.record_dict(row)
        same = (store.find_records(session, person_id=row.person_id, levels=levels)
                if row.person_id is not None else [])
        out["person"] = [{"id": r.id, "list": r.list_name, "source_ref": r.source_ref,
                          "name": r.name} for r in same if r.id != row.id]
        named = [d for d in links.decisions(session) if record_id in (d.record_a, d.record_b)]
        others = {d.record_b if d.record_a == record_id else d.record_a for d in named}
        # A decision pairing it with a record the reader may not see is not theirs to
        # read: it would give that record's id and the reviewer's reason.
        shown = {i for i in others if _visible(session, i, levels)}
        out["decisions"] = [links.decision_dict(d) for d in named
                            if {d.record_a, d.record_b} - {record_id} <= shown]
    return out


def _visible(session: Any, record_id: int, levels: Sequence[str] | None) -> bool:
    try:
        store.get_record(session, record_id, levels)
    except NotFound:
        return False
    return True


def rejects(ws: Workspace, list_name: str | None = None, include_resolved: bool = False
            ) -> list[dict[str, Any]]:
    with ws.db.read() as session:
        return store.rejects(session, list_name, include_resolved=include_resolved)


def lists(ws: Workspace) -> dict[str, Any]:
    with ws.db.read() as session:
        run = links.latest_run(session)
        return {"lists": store.lists(session), "imports": store.imports(session),
                "latest_run": links.run_dict(run) if run else None}


def runs(ws: Workspace, run_id: int | None = None) -> list[dict[str, Any]] | dict[str, Any]:
    with ws.db.read() as session:
        if run_id is not None:
            return links.run_dict(links.get_run(session, run_id), settings=True)
        return [links.run_dict(r) for r in links.runs(session)]
