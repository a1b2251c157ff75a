"""Entities: names, identifiers, positions, merges, timeline and network."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from gavah.web.api.schemas.common import Open, Reason, Required


class Name(BaseModel):
    name: str
    kind: str
    script: str
    entity_id: int


class Identifier(BaseModel):
    scheme: str
    value: str


class Entity(BaseModel):
    id: int
    type: str
    caption: str
    names: list[Name]
    identifiers: list[Identifier]
    latitude: float | None
    longitude: float | None
    properties: dict[str, Any]
    classification: str
    merged: list[int] = Field(description="Entities merged into this one")
    created_at: str
    created_by: str


class Position(BaseModel):
    id: int
    person_id: int
    person: str
    organization_id: int
    organization: str
    role: str
    start: str | None
    end: str | None
    start_precision: str | None
    end_precision: str | None
    evidence: list[str]


class Judgement(BaseModel):
    id: int
    action: str
    winner: int
    loser: int
    reason: str | None
    by: str
    at: str


class TimelineEntry(Open):
    date: str | None
    end: str | None = None
    kind: str = Field(description="position, event or claim")
    precision: str | None
    summary: str
    source: dict[str, Any]
    ref: int | str


class Node(Open):
    key: str
    kind: str
    id: int
    label: str
    href: str


class Edge(BaseModel):
    source: str
    target: str
    kind: str
    label: str | None
    weight: int


class Network(BaseModel):
    center: str
    nodes: list[Node]
    edges: list[Edge]
    not_shown: int


class EntityDetail(Entity):
    positions: list[Position]
    judgements: list[Judgement]
    timeline: list[TimelineEntry]
    network: Network


class EntityList(BaseModel):
    entities: list[Entity]


class Merge(BaseModel):
    other: Required = Field(description="The other entity (id or name)", max_length=255)
    reason: Reason | None = None
