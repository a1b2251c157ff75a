"""Events: who did what to whom, when, where, with the claims linked to them."""

from __future__ import annotations

from pydantic import BaseModel

from gavah.web.api.schemas.claims import Panel


class Place(BaseModel):
    id: int
    name: str


class Participant(BaseModel):
    entity_id: int
    name: str
    side: str
    role: str | None


class EventClaim(BaseModel):
    id: str
    item_id: int
    stance: str
    quote: str
    speaker: str | None
    publisher: str | None
    kind: str
    status: str


class Event(BaseModel):
    id: int
    act_type: str
    title: str
    description: str | None
    date_start: str | None
    date_end: str | None
    precision: str | None
    place: Place | None
    victims_count: int | None
    victims_qualifier: str | None
    participants: list[Participant]
    classification: str
    claims: list[EventClaim]
    created_at: str
    created_by: str


class EventDetail(Panel):
    event: Event


class EventList(BaseModel):
    events: list[Event]
