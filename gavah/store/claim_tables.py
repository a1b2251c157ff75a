"""Tables of the claims layer: sources and their grades, entities (names, identifiers,
merges), positions, events, claims and what they are about. Analyst decisions are rows
that are added, never overwritten: grades, merges and claim reviews keep their history."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gavah.store.tables import Base

T = 32  # ISO 8601 string length


class Source(Base):
    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)  # folded name, for lookups
    type: Mapped[str] = mapped_column(String(32))
    affiliation: Mapped[str] = mapped_column(String(16))
    aligned_with: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    classification: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[str] = mapped_column(String(T))
    created_by: Mapped[str] = mapped_column(String(255))


class SourceGrade(Base):
    """One reliability assessment; the newest is the source's grade."""

    __tablename__ = "source_grades"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    grade: Mapped[str] = mapped_column(String(1))
    reason: Mapped[str] = mapped_column(Text)
    grader: Mapped[str] = mapped_column(String(255))
    graded_at: Mapped[str] = mapped_column(String(T))


class Entity(Base):
    __tablename__ = "entities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    type: Mapped[str] = mapped_column(String(32), index=True)  # Person | Organization | Place
    caption: Mapped[str] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    properties: Mapped[str] = mapped_column(Text)  # other FollowTheMoney properties, JSON
    classification: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[str] = mapped_column(String(T))
    created_by: Mapped[str] = mapped_column(String(255))


class EntityName(Base):
    __tablename__ = "entity_names"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))  # name | alias
    script: Mapped[str] = mapped_column(String(16))  # latin | arabic | other
    key: Mapped[str] = mapped_column(String(255), index=True)  # gavah.core.names.name_key


class EntityIdentifier(Base):
    __tablename__ = "entity_identifiers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    scheme: Mapped[str] = mapped_column(String(64))  # wikidata | sanctions | ...
    value: Mapped[str] = mapped_column(String(255), index=True)


class EntityJudgement(Base):
    """Merge and split decisions, append-only. An entity's canonical id is derived from
    them: a merge points the loser at the winner until a later split undoes it."""

    __tablename__ = "entity_judgements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    action: Mapped[str] = mapped_column(String(16))  # merge | split
    winner_id: Mapped[int] = mapped_column(ForeignKey("entities.id"))
    loser_id: Mapped[int] = mapped_column(ForeignKey("entities.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(255))
    decided_at: Mapped[str] = mapped_column(String(T))


class Position(Base):
    """A person held a role in an organisation, from - to (FollowTheMoney Membership)."""

    __tablename__ = "positions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    role: Mapped[str] = mapped_column(Text)
    start: Mapped[str | None] = mapped_column(String(T))
    end: Mapped[str | None] = mapped_column(String(T))
    start_precision: Mapped[str | None] = mapped_column(String(16))
    end_precision: Mapped[str | None] = mapped_column(String(16))
    evidence: Mapped[str] = mapped_column(Text)  # JSON: claim ids and item ids
    created_at: Mapped[str] = mapped_column(String(T))
    created_by: Mapped[str] = mapped_column(String(255))


class Event(Base):
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    act_type: Mapped[str] = mapped_column(String(32), index=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    date_start: Mapped[str | None] = mapped_column(String(T))
    date_end: Mapped[str | None] = mapped_column(String(T))
    precision: Mapped[str | None] = mapped_column(String(16))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    victims_count: Mapped[int | None] = mapped_column(Integer)
    victims_qualifier: Mapped[str | None] = mapped_column(String(16))
    classification: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[str] = mapped_column(String(T))
    created_by: Mapped[str] = mapped_column(String(255))


class EventParticipant(Base):
    __tablename__ = "event_participants"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    side: Mapped[str] = mapped_column(String(16))  # victim | perpetrator
    role: Mapped[str | None] = mapped_column(String(32))  # perpetrator_roles


class Claim(Base):
    __tablename__ = "claims"
    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    derivative_id: Mapped[int] = mapped_column(ForeignKey("derivatives.id"))
    text_sha256: Mapped[str] = mapped_column(String(64))  # the derivative the span is in
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    speaker: Mapped[str | None] = mapped_column(Text)
    speaker_source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    speaker_entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"),
                                                          index=True)
    publisher: Mapped[str | None] = mapped_column(Text)
    publisher_source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    attribution: Mapped[str] = mapped_column(Text)  # JSON chain: publisher ... speaker
    figure: Mapped[str | None] = mapped_column(Text)  # JSON {value,min,max,qualifier,...}
    figure_min: Mapped[float | None] = mapped_column(Float)
    figure_max: Mapped[float | None] = mapped_column(Float)
    counts_key: Mapped[str | None] = mapped_column(String(255), index=True)
    statement_date: Mapped[str | None] = mapped_column(String(T))
    statement_precision: Mapped[str | None] = mapped_column(String(16))
    origin: Mapped[str] = mapped_column(String(16))  # machine | analyst
    status: Mapped[str] = mapped_column(String(16), index=True)
    credibility: Mapped[str | None] = mapped_column(String(1))
    confidence: Mapped[float] = mapped_column(Float)
    flags: Mapped[str] = mapped_column(Text)  # JSON list
    language: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[str] = mapped_column(String(T))
    updated_at: Mapped[str] = mapped_column(String(T))


class ClaimAbout(Base):
    __tablename__ = "claim_about"
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), primary_key=True,
                                           index=True)


class ClaimReview(Base):
    """Every analyst action on a claim, append-only: confirm, reject, edit, link."""

    __tablename__ = "claim_reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    changes: Mapped[str] = mapped_column(Text)  # JSON {field: [before, after]}
    reason: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(255))
    reviewed_at: Mapped[str] = mapped_column(String(T))


class EventClaim(Base):
    """A claim that supports or disputes an event, linked by an analyst."""

    __tablename__ = "event_claims"
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), primary_key=True,
                                          index=True)
    stance: Mapped[str] = mapped_column(String(16))


class Mention(Base):
    """Where a known entity is named in an item's text."""

    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    derivative_id: Mapped[int] = mapped_column(ForeignKey("derivatives.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)
    method: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)


class ClaimRun(Base):
    """Which text derivatives claim extraction has read, with which version."""

    __tablename__ = "claim_runs"
    derivative_id: Mapped[int] = mapped_column(ForeignKey("derivatives.id"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    extractor: Mapped[str] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(16))
    flags: Mapped[str] = mapped_column(Text)
    ran_at: Mapped[str] = mapped_column(String(T))
