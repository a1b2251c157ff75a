"""Which entity pages show an entity: the pages a change to how entities resolve (a merge,
a split) can alter besides the pages of the entities themselves.

An entity page names other entities in its network only (gavah.pipelines.network), where
each counts as the entity it is merged into: through positions, events (participant or
place), and claims (named together with it, speaking about it, spoken about by it). Its
positions, events and claims show the entities as recorded (merged or not), its
judgements only its own members', and its merge candidates are found from names (the
caller reaches those). So an entity E shows on the pages of: the other side of E's
positions; every participant and the place of the events E takes part in or took place
at; every entity named in a claim about E; the speaker of a claim about E; every entity
a claim spoken by E is about. Every claim, event and position counts, whatever the
reader may see: the result is the same superset at every clearance."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select, union
from sqlalchemy.orm import Session, aliased

from gavah.store.claim_tables import Claim, ClaimAbout, Event, EventParticipant, Position


def pages_showing(session: Session, ids: Collection[int]) -> set[int]:
    """The entities (as recorded, merged or not) whose pages may show one of `ids` in
    their network; `ids` themselves among them when they are linked to each other."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    found: set[int] = set()
    for person, org in session.execute(select(Position.person_id, Position.organization_id)
                                       .where(Position.person_id.in_(wanted)
                                              | Position.organization_id.in_(wanted))):
        found |= {int(person), int(org)}
    events = union(select(EventParticipant.event_id).where(EventParticipant.entity_id.in_(wanted)),
                   select(Event.id).where(Event.place_id.in_(wanted))).subquery()
    found |= {int(e) for e in session.scalars(select(EventParticipant.entity_id).distinct()
                                              .where(EventParticipant.event_id.in_(
                                                  select(events.c[0]))))}
    found |= {int(p or 0) for p in session.scalars(select(Event.place_id).distinct().where(
        Event.id.in_(select(events.c[0])), Event.place_id.is_not(None)))}
    about_them = select(ClaimAbout.claim_id).where(ClaimAbout.entity_id.in_(wanted))
    other = aliased(ClaimAbout)
    # Named with them, and the speakers of claims about them.
    found |= {int(e) for e in session.scalars(select(other.entity_id).distinct().where(
        other.claim_id.in_(about_them)))}
    found |= {int(s or 0) for s in session.scalars(select(Claim.speaker_entity_id).distinct().where(
        Claim.id.in_(about_them), Claim.speaker_entity_id.is_not(None)))}
    # What they speak about.
    found |= {int(e) for e in session.scalars(select(other.entity_id).distinct().join(
        Claim, Claim.id == other.claim_id).where(Claim.speaker_entity_id.in_(wanted)))}
    return found
