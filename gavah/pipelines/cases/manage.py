"""Opening a case, charging suspects, linking and unlinking evidence. Each change is a
custody entry; a link is never deleted, only marked removed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gavah.core import frameworks
from gavah.core.custody import utc_now
from gavah.core.errors import BadInput, NotFound
from gavah.core.levels import LEVELS
from gavah.pipelines.access import Viewer
from gavah.pipelines.accounts import NotPermitted
from gavah.pipelines.cases.targets import STANCES, resolve
from gavah.store import cases as case_store
from gavah.store import entities as entity_store
from gavah.store.case_tables import Case, CaseCharge, CaseEvent, CaseLink
from gavah.store.cases import LinkRow
from gavah.store.claim_tables import Event
from gavah.store.db import Session
from gavah.store.workspace import Workspace

FRAMEWORKS = "frameworks"  # a workspace's own framework files, beside the bundled ones


def folders(ws: Workspace) -> list[Path]:
    return [ws.home / FRAMEWORKS]


def framework(ws: Workspace, framework_id: str | None = None) -> frameworks.Framework:
    return frameworks.get(framework_id, folders(ws))


def framework_ids(ws: Workspace) -> list[str]:
    """The frameworks a case may be opened under: the bundled ones and the workspace's."""
    return sorted(frameworks.catalogue(folders(ws)))


def elements(ws: Workspace, framework_id: str | None = None) -> list[dict[str, str]]:
    """Every element of a framework's contexts, crimes and modes of liability."""
    return [e.to_dict() for e in framework(ws, framework_id).all_elements()]


def case_dict(session: Session, case: Case) -> dict[str, Any]:
    return {"id": case.id, "title": case.title, "framework": case.framework,
            "framework_version": case.framework_version,
            "classification": case.classification, "created_at": case.created_at,
            "created_by": case.created_by,
            "charges": len(case_store.charges(session, case.id)),
            "links": case_store.count_links(session, case.id)}


def create(ws: Workspace, viewer: Viewer, title: str, *, framework_id: str | None = None,
           classification: str = "public", events: Sequence[int] = ()) -> dict[str, Any]:
    if not title.strip():
        raise BadInput("a case needs a title", field="title")
    if classification not in LEVELS:
        raise BadInput(f"classification: {classification!r} is not one of {', '.join(LEVELS)}",
                       field="classification")
    if not viewer.may_see(classification):
        raise NotPermitted(f"classification {classification!r} is above your clearance",
                           field="classification")
    law = framework(ws, framework_id)
    with ws.db.write() as session:
        for event_id in events:
            _event(session, viewer, event_id)
        case = Case(title=title.strip(), framework=law.id,
                    framework_version=law.spec.version, classification=classification,
                    created_at=utc_now(), created_by=viewer.actor, custody_seq=0)
        session.add(case)
        session.flush()
        entry = ws.custody.append(session, viewer.actor, "case-created", None, {
            "case": case.id, "title": case.title, "framework": law.id,
            "framework_version": law.spec.version, "classification": classification,
            "events": sorted(set(events))}, reaches=[])
        case.custody_seq, case.created_at = entry.seq, entry.time
        for event_id in sorted(set(events)):
            session.add(CaseEvent(case_id=case.id, event_id=event_id, created_at=entry.time,
                                  created_by=viewer.actor))
        session.flush()
        return case_dict(session, case)


def _event(session: Session, viewer: Viewer, event_id: int) -> Event:
    event = session.get(Event, int(event_id))
    if event is None or not viewer.may_see(event.classification):
        raise NotFound(f"no event {event_id}", field="event")
    return event


def charge(ws: Workspace, viewer: Viewer, case_id: int | str, suspect: str, crime: str,
           mode: str | None = None) -> dict[str, Any]:
    with ws.db.write() as session:
        case = case_store.get(session, case_id, viewer.levels)
        law = framework(ws, case.framework)
        law.crime(crime)
        if mode:
            law.mode(mode)
        entity = entity_store.get(session, suspect, viewer.levels)
        for existing in case_store.charges(session, case.id):
            if (existing.suspect_id, existing.crime, existing.mode) == (entity.id, crime, mode):
                raise BadInput(f"{entity.caption} is already charged with {crime}"
                               f"{' (' + mode + ')' if mode else ''} in case {case.id}",
                               field="crime")
        row = CaseCharge(case_id=case.id, suspect_id=entity.id, crime=crime, mode=mode,
                         created_at=utc_now(), created_by=viewer.actor, custody_seq=0)
        session.add(row)
        session.flush()
        entry = ws.custody.append(session, viewer.actor, "case-charged", None, {
            "case": case.id, "charge": row.id, "suspect": entity.id, "crime": crime,
            "mode": mode}, reaches=[])
        row.custody_seq, row.created_at = entry.seq, entry.time
        return {"id": row.id, "case": case.id, "suspect": {"id": entity.id,
                                                            "name": entity.caption},
                "crime": crime, "mode": mode,
                "elements": [e.to_dict() for e in law.charge_elements(crime, mode)]}


def _suspect_id(session: Session, viewer: Viewer, case: Case, suspect: str | None
                ) -> int | None:
    if suspect is None:
        return None
    entity = entity_store.get(session, suspect, viewer.levels)
    if entity.id not in {c.suspect_id for c in case_store.charges(session, case.id)}:
        raise BadInput(f"{entity.caption} is not charged in case {case.id}", field="suspect")
    return entity.id


def _span(span: tuple[int, int] | None) -> tuple[int | None, int | None]:
    if span is None:
        return None, None
    start, end = span
    if start < 0 or end <= start:
        raise BadInput(f"span {start}:{end}: the start must be at least 0 and before the end",
                       field="span")
    return start, end


def link(ws: Workspace, viewer: Viewer, case_id: int | str, element: str, target: str,
         target_id: str, stance: str, *, suspect: str | None = None, note: str | None = None,
         page: int | None = None, span: tuple[int, int] | None = None) -> dict[str, Any]:
    """Link evidence to an element. Linking what is already linked the same way changes
    only its note (a custody entry of its own)."""
    if stance not in STANCES:
        raise BadInput(f"stance {stance!r} is not one of {', '.join(STANCES)}", field="stance")
    with ws.db.write() as session:
        # what the request names must exist (and be visible) before its shape is judged
        case = case_store.get(session, case_id, viewer.levels)
        framework(ws, case.framework).element(element)
        found = resolve(ws, session, viewer, target, target_id)
        suspect_id = _suspect_id(session, viewer, case, suspect)
        if (page is not None or span is not None) and target != "item":
            raise BadInput("a page or span narrows an item only", field="page")
        if page is not None and page < 1:
            raise BadInput(f"page {page}: pages are numbered from 1", field="page")
        start, end = _span(span)
        existing = case_store.find_link(session, case.id, element, target, found.id,
                                        suspect_id)
        if existing is not None and existing.stance == stance and (
                existing.page, existing.span_start, existing.span_end) == (page, start, end):
            if (note or None) != existing.note:
                ws.custody.append(session, viewer.actor, "case-noted", found.item_id, {
                    "case": case.id, "link": existing.id, "note": note}, reaches=[])
                existing.note = note or None
            return link_dict(existing)
        if existing is not None:
            raise BadInput(f"{target} {found.id} is already linked to {element} "
                           f"({existing.stance}); unlink it first", field="stance")
        row = CaseLink(case_id=case.id, element=element, suspect_id=suspect_id,
                       target_kind=target, target_id=found.id, page=page, span_start=start,
                       span_end=end, stance=stance, note=note or None, created_at=utc_now(),
                       created_by=viewer.actor, custody_seq=0)
        session.add(row)
        session.flush()
        entry = ws.custody.append(session, viewer.actor, "case-linked", found.item_id, {
            "case": case.id, "link": row.id, "element": element, "suspect": suspect_id,
            "target": target, "target_id": found.id, "page": page,
            "span": [start, end] if start is not None else None, "stance": stance,
            "note": note or None}, reaches=[])
        row.custody_seq, row.created_at = entry.seq, entry.time
        return link_dict(row)


def unlink(ws: Workspace, viewer: Viewer, case_id: int | str, element: str, target: str,
           target_id: str, *, suspect: str | None = None, note: str | None = None
           ) -> dict[str, Any]:
    with ws.db.write() as session:
        case = case_store.get(session, case_id, viewer.levels)
        suspect_id = _suspect_id(session, viewer, case, suspect)
        found = resolve(ws, session, viewer, target, target_id)
        row = case_store.find_link(session, case.id, element, target, found.id, suspect_id)
        if row is None:
            raise NotFound(f"{target} {found.id} is not linked to {element} in case {case.id}",
                           field="element")
        entry = ws.custody.append(session, viewer.actor, "case-unlinked", found.item_id, {
            "case": case.id, "link": row.id, "element": element, "target": target,
            "target_id": found.id, "note": note or None}, reaches=[])
        row.removed_at, row.removed_by, row.removed_seq = entry.time, viewer.actor, entry.seq
        return link_dict(row)


def link_dict(row: LinkRow) -> dict[str, Any]:
    return {"id": row.id, "case": row.case_id, "element": row.element,
            "suspect": row.suspect_id, "target": row.target_kind, "target_id": row.target_id,
            "page": row.page,
            "span": [row.span_start, row.span_end] if row.span_start is not None else None,
            "stance": row.stance, "note": row.note, "created_at": row.created_at,
            "created_by": row.created_by, "removed_at": row.removed_at,
            "removed_by": row.removed_by}


def list_cases(ws: Workspace, viewer: Viewer) -> list[dict[str, Any]]:
    with ws.db.read() as session:
        return [case_dict(session, c) for c in case_store.visible(session, viewer.levels)]
