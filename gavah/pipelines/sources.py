"""Sources: who originates what gavah holds, their affiliation, and reliability grades
that keep their history."""

from __future__ import annotations

from typing import Any

from gavah.core.errors import BadInput
from gavah.core.levels import LEVELS
from gavah.core.vocabulary import check
from gavah.pipelines.access import Viewer, record_object_read
from gavah.store import sources as source_store
from gavah.store.workspace import Workspace


def add(ws: Workspace, viewer: Viewer, name: str, type_: str, affiliation: str,
        aligned_with: str | None = None, description: str | None = None,
        classification: str = "public", grade: str | None = None,
        reason: str | None = None) -> dict[str, Any]:
    check("source_types", type_, "type")
    check("affiliations", affiliation, "affiliation")
    if classification not in LEVELS:
        raise BadInput(f"classification: {classification!r} is not one of {', '.join(LEVELS)}")
    if affiliation == "party" and not aligned_with:
        raise BadInput("affiliation 'party' needs the party it is aligned with",
                       field="aligned_with")
    if affiliation != "party" and aligned_with and affiliation != "state":
        raise BadInput("an aligned party goes with affiliation 'party' (or 'state')",
                       field="aligned_with")
    with ws.db.write() as session:
        source = source_store.add(session, name, type_, affiliation, aligned_with,
                                  description, classification, viewer.actor)
        details: dict[str, Any] = {"source": source.id, "name": source.name, "type": type_,
                                   "affiliation": affiliation, "aligned_with": aligned_with,
                                   "classification": classification}
        if grade:
            _grade(session, source, grade, reason, viewer.actor)
            details |= {"grade": grade, "reason": reason}
        ws.custody.append(session, viewer.actor, "source-added", None, details)
        source_id = source.id
    return _show(ws, viewer, str(source_id))


def _grade(session: Any, source: Any, grade: str, reason: str | None, actor: str) -> None:
    check("reliability", grade.upper(), "grade")
    if not reason or not reason.strip():
        raise BadInput("a reliability grade needs a reason")
    source_store.add_grade(session, source, grade.upper(), reason.strip(), actor)


def assess(ws: Workspace, viewer: Viewer, ref: str, grade: str, reason: str) -> dict[str, Any]:
    with ws.db.write() as session:
        source = source_store.get(session, ref, viewer.levels)
        _grade(session, source, grade, reason, viewer.actor)
        # No entity page shows a grade (the claim, event and source pages that do are
        # computed on every view): a grade reaches no kept page.
        ws.custody.append(session, viewer.actor, "source-assessed", None, {
            "source": source.id, "name": source.name, "grade": grade.upper(),
            "reason": reason}, reaches=())
        source_id = source.id
    return _show(ws, viewer, str(source_id))


def show(ws: Workspace, viewer: Viewer, ref: str) -> dict[str, Any]:
    """The source, its grade history; a read of a protected source is recorded."""
    data = _show(ws, viewer, ref)
    record_object_read(ws, viewer, "source", data["id"], data["classification"])
    return data


def _show(ws: Workspace, viewer: Viewer, ref: str) -> dict[str, Any]:
    with ws.db.read() as session:
        source = source_store.get(session, ref, viewer.levels)
        return source_store.to_dict(source, source_store.grades(session, [source.id])[source.id])


def list_sources(ws: Workspace, viewer: Viewer) -> list[dict[str, Any]]:
    with ws.db.read() as session:
        rows = source_store.all_sources(session, viewer.levels)
        history = source_store.grades(session, [s.id for s in rows])
        return [source_store.to_dict(s, history[s.id]) for s in rows]
