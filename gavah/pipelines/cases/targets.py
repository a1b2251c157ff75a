"""What a case link may point at, and the classification that decides who sees it:
a claim (its item's level), an item, an event, a victim record (the level of the file
it was imported from) or a saved estimate (the level of the lists it counted)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gavah.core.errors import BadInput, NotFound
from gavah.pipelines.access import Viewer
from gavah.store import claims as claim_store
from gavah.store.claim_tables import Event
from gavah.store.db import Session
from gavah.store.tables import Item
from gavah.store.victim_tables import VictimRecord
from gavah.store.workspace import Workspace

KINDS = ("claim", "item", "event", "victim", "estimate")
STANCES = ("supports", "undermines")


@dataclass(frozen=True)
class Target:
    kind: str
    id: str  # as stored: a claim's full id, else the number as text
    classification: str
    item_id: int | None  # the item the evidence is in, when it is in one


def _number(kind: str, ref: str) -> int:
    try:
        return int(str(ref).strip())
    except ValueError:  # items, events, records and estimates are numbered
        raise NotFound(f"no {kind} {ref!r} ({kind}s are numbered)", field=kind) from None


def resolve(ws: Workspace, session: Session, viewer: Viewer, kind: str, ref: str) -> Target:
    """The target, if it exists and the reader may see it (NotFound otherwise)."""
    if kind not in KINDS:
        raise BadInput(f"target {kind!r} is not one of {', '.join(KINDS)}", field="target")
    if kind == "claim":
        claim = claim_store.get(session, str(ref), viewer.levels)
        item = session.get(Item, claim.item_id)
        return Target(kind, claim.id, item.classification if item else "strictly-confidential",
                      claim.item_id)
    number = _number(kind, ref)
    if kind == "item":
        found = session.get(Item, number)
        if found is None or not viewer.may_see(found.classification):
            raise NotFound(f"no item {number}", field="item")
        return Target(kind, str(number), found.classification, number)
    if kind == "event":
        event = session.get(Event, number)
        if event is None or not viewer.may_see(event.classification):
            raise NotFound(f"no event {number}", field="event")
        return Target(kind, str(number), event.classification, None)
    if kind == "victim":
        record = session.get(VictimRecord, number)
        level = _item_level(session, record.item_id) if record else None
        if record is None or level is None or not viewer.may_see(level):
            raise NotFound(f"no victim record {number}", field="victim")
        return Target(kind, str(number), level, record.item_id)
    data = estimate(ws, viewer, number)
    return Target(kind, str(number), str(data["saved"]["classification"]), None)


def _item_level(session: Session, item_id: int) -> str | None:
    item = session.get(Item, item_id)
    return item.classification if item else None


def estimate(ws: Workspace, viewer: Viewer, number: int) -> dict[str, Any]:
    from gavah.pipelines.estimate import saved

    return saved.get(ws, viewer, number)
