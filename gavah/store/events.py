"""Events: who did what to whom, when and where; their participants and the claims that
support or dispute each one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from gavah.store.claim_tables import Claim, Event, EventClaim, EventParticipant
from gavah.store.claims import visible


def add_participant(session: Session, event_id: int, entity_id: int, side: str,
                    role: str | None) -> None:
    session.add(EventParticipant(event_id=event_id, entity_id=entity_id, side=side, role=role))


def participants_of(session: Session, event_id: int) -> list[EventParticipant]:
    return list(session.scalars(select(EventParticipant).where(
        EventParticipant.event_id == event_id).order_by(EventParticipant.id)))


def link(session: Session, event_id: int, claim_id: str, stance: str) -> None:
    """Tie a claim to an event with a stance; a claim tied already takes the new stance."""
    row = session.get(EventClaim, (event_id, claim_id))
    if row is None:
        session.add(EventClaim(event_id=event_id, claim_id=claim_id, stance=stance))
    else:
        row.stance = stance


def claims_of(session: Session, event_id: int, levels: Sequence[str] | None, *,
              other_than: str | None = None,
              rejected: bool = True) -> list[tuple[Claim, str]]:
    """(claim, stance) of the claims tied to the event whose item the reader may see,
    without `other_than` and, unless `rejected`, without rejected claims."""
    query = select(Claim, EventClaim.stance).join(EventClaim, EventClaim.claim_id == Claim.id) \
        .where(EventClaim.event_id == event_id)
    if other_than is not None:
        query = query.where(Claim.id != other_than)
    if not rejected:
        query = query.where(Claim.status != "rejected")
    return [(c, s) for c, s in session.execute(visible(query, levels))]


def find(session: Session, levels: Sequence[str], involving: Sequence[int] | None = None
         ) -> list[Event]:
    """The events the reader may see, by first day; with `involving`, only those in
    which one of these entities took part or that took place at one of them."""
    query = select(Event).where(Event.classification.in_(levels))
    if involving is not None:
        involved = select(EventParticipant.event_id).where(
            EventParticipant.entity_id.in_(involving))
        query = query.where(Event.id.in_(involved) | Event.place_id.in_(involving))
    return list(session.scalars(query.order_by(Event.date_start, Event.id)))


def titles(session: Session, ids: Iterable[int], levels: Sequence[str]) -> dict[int, str]:
    """id -> title of the events `ids` that the reader may see."""
    return {e.id: e.title for e in session.scalars(select(Event).where(
        Event.id.in_(list(ids)), Event.classification.in_(levels)))}
