"""Events: who did what to whom, when and where, with the claims that support or
dispute each one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gavah.core.custody import utc_now
from gavah.core.dates import read_date
from gavah.core.errors import BadInput, NotFound
from gavah.core.levels import LEVELS
from gavah.core.vocabulary import check
from gavah.pipelines.access import Viewer, record_object_read
from gavah.store import claims as claim_store
from gavah.store import entities as entity_store
from gavah.store import events as event_store
from gavah.store.claim_tables import Event
from gavah.store.workspace import Workspace


def _when(date: str | None, start: str | None, end: str | None) -> tuple[str | None, ...]:
    """(first day, last day, precision) from one date or a from/to pair, any calendar."""
    if date and (start or end):
        raise BadInput("give one date, or a first and a last date, not both", field="date")
    found = read_date(date, "date")
    if found is not None:
        return found.iso_start, found.iso_end, found.precision
    first, last = read_date(start, "start"), read_date(end, "end")
    if first and last and (last.iso_end or "") < (first.iso_start or ""):
        raise BadInput("the event ends before it starts")
    precision = first.precision if first else last.precision if last else None
    return (first.iso_start if first else None, last.iso_end if last else None, precision)


def add(ws: Workspace, viewer: Viewer, act_type: str, title: str, *,
        description: str | None = None, date: str | None = None, start: str | None = None,
        end: str | None = None, place: str | None = None, victims_count: int | None = None,
        victims_qualifier: str | None = None, victims: Sequence[str] = (),
        perpetrators: Sequence[tuple[str, str]] = (), claims: Sequence[tuple[str, str]] = (),
        classification: str = "public") -> dict[str, Any]:
    check("act_types", act_type, "type")
    if classification not in LEVELS:
        raise BadInput(f"classification: {classification!r} is not one of {', '.join(LEVELS)}")
    if victims_count is not None and victims_count < 0:
        raise BadInput("the number of victims cannot be negative", field="victims_count")
    first, last, precision = _when(date, start, end)
    with ws.db.write() as session:
        place_entity = entity_store.get(session, place, viewer.levels) if place else None
        event = Event(act_type=act_type, title=title.strip() or act_type,
                      description=description, date_start=first, date_end=last,
                      precision=precision, place_id=place_entity.id if place_entity else None,
                      victims_count=victims_count, victims_qualifier=victims_qualifier,
                      classification=classification, created_at=utc_now(),
                      created_by=viewer.actor)
        session.add(event)
        session.flush()
        for ref in victims:
            entity = entity_store.get(session, ref, viewer.levels)
            event_store.add_participant(session, event.id, entity.id, "victim", None)
        for ref, role in perpetrators:
            entity = entity_store.get(session, ref, viewer.levels)
            event_store.add_participant(session, event.id, entity.id, "perpetrator",
                                        check("perpetrator_roles", role, "role"))
        for claim_id, stance in claims:
            _link(session, viewer, event, claim_id, stance)
        ws.custody.append(session, viewer.actor, "event-added", None, {
            "event": event.id, "type": act_type, "title": event.title, "start": first,
            "end": last, "victims": list(victims), "perpetrators": [list(p) for p in
                                                                     perpetrators],
            "claims": [list(c) for c in claims]}, reaches=_shown_on(session, event))
        event_id = event.id
    return _show(ws, viewer, event_id)


def _shown_on(session: Any, event: Event) -> set[int]:
    """The entities whose pages show the event (in their events, timeline and network):
    its participants and its place. No other page changes with it."""
    found = {p.entity_id for p in event_store.participants_of(session, event.id)}
    return found | ({event.place_id} if event.place_id is not None else set())


def _link(session: Any, viewer: Viewer, event: Event, claim_id: str, stance: str) -> str:
    claim = claim_store.get(session, claim_id, viewer.levels)
    check("stances", stance, "stance")
    event_store.link(session, event.id, claim.id, stance)
    return claim.id


def link_claim(ws: Workspace, viewer: Viewer, event_id: int, claim_id: str,
               stance: str) -> dict[str, Any]:
    with ws.db.write() as session:
        event = _get(session, event_id, viewer)
        full_id = _link(session, viewer, event, claim_id, stance)
        ws.custody.append(session, viewer.actor, "annotated", None, {
            "event": event.id, "claim": full_id, "stance": stance},
            reaches=_shown_on(session, event))
    return _show(ws, viewer, event_id)


def _get(session: Any, event_id: int, viewer: Viewer) -> Event:
    event = session.get(Event, int(event_id))
    if event is None or event.classification not in viewer.levels:
        raise NotFound(f"no event {event_id}")
    return event


def _dict(session: Any, event: Event, viewer: Viewer) -> dict[str, Any]:
    place = session.get(entity_store.Entity, event.place_id) if event.place_id else None
    if place is not None and not viewer.may_see(place.classification):
        place = None  # a place above the reader's clearance is not named
    people = []
    for p in event_store.participants_of(session, event.id):
        entity = session.get(entity_store.Entity, p.entity_id)
        if entity is not None and entity.classification in viewer.levels:
            people.append({"entity_id": entity.id, "name": entity.caption, "side": p.side,
                           "role": p.role})
    linked = event_store.claims_of(session, event.id, viewer.levels)
    return {
        "id": event.id, "act_type": event.act_type, "title": event.title,
        "description": event.description, "date_start": event.date_start,
        "date_end": event.date_end, "precision": event.precision,
        "place": {"id": place.id, "name": place.caption} if place else None,
        "victims_count": event.victims_count, "victims_qualifier": event.victims_qualifier,
        "participants": people, "classification": event.classification,
        "claims": [{"id": c.id, "item_id": c.item_id, "stance": stance, "quote": c.quote,
                    "speaker": c.speaker, "publisher": c.publisher, "kind": c.kind,
                    "status": c.status}
                   for c, stance in linked],
        "created_at": event.created_at, "created_by": event.created_by,
    }


def show(ws: Workspace, viewer: Viewer, event_id: int) -> dict[str, Any]:
    """The event; a read of a protected event is recorded."""
    data = _show(ws, viewer, event_id)
    record_object_read(ws, viewer, "event", event_id, data["classification"])
    return data


def _show(ws: Workspace, viewer: Viewer, event_id: int) -> dict[str, Any]:
    with ws.db.read() as session:
        return _dict(session, _get(session, event_id, viewer), viewer)


def list_events(ws: Workspace, viewer: Viewer, entity: str | None = None) -> list[dict[str, Any]]:
    with ws.db.read() as session:
        ids = None
        if entity:
            ids = entity_store.members(session, entity_store.get(session, entity,
                                                                 viewer.levels).id,
                                        viewer.levels)
        rows = event_store.find(session, viewer.levels, involving=ids)
        return [_dict(session, e, viewer) for e in rows]
