"""Case files: a case names a legal framework, its suspects' charges (crime and mode of
liability), the events it covers, and the evidence an analyst linked to each element.
Links are never deleted: unlinking marks the row with who removed it and when, so a
case file can always show what had been relied on (a rejected claim that had been
linked must still be disclosed)."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gavah.store.tables import Base

T = String(32)  # ISO 8601 UTC time


class Case(Base):
    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(Text)
    framework: Mapped[str] = mapped_column(String(64))
    framework_version: Mapped[str] = mapped_column(String(32))
    classification: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[str] = mapped_column(T)
    created_by: Mapped[str] = mapped_column(String(255))
    custody_seq: Mapped[int] = mapped_column(BigInteger)


class CaseCharge(Base):
    """One suspect charged with one crime under one mode of liability."""

    __tablename__ = "case_charges"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    suspect_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    crime: Mapped[str] = mapped_column(String(64))
    mode: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(T)
    created_by: Mapped[str] = mapped_column(String(255))
    custody_seq: Mapped[int] = mapped_column(BigInteger)


class CaseEvent(Base):
    """An event (incident) the case covers."""

    __tablename__ = "case_events"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), primary_key=True)
    created_at: Mapped[str] = mapped_column(T)
    created_by: Mapped[str] = mapped_column(String(255))


class CaseLink(Base):
    """A piece of evidence linked to an element, for one suspect or (suspect_id None)
    for every suspect charged with it. `target_kind` is claim, item, event, victim
    (a victim record) or estimate (a saved estimate); `target_id` its id as text; an
    item may be narrowed to a page or a character span of its text."""

    __tablename__ = "case_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    element: Mapped[str] = mapped_column(String(128))
    suspect_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(64))
    page: Mapped[int | None] = mapped_column(Integer)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    stance: Mapped[str] = mapped_column(String(16))  # supports | undermines
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(T)
    created_by: Mapped[str] = mapped_column(String(255))
    custody_seq: Mapped[int] = mapped_column(BigInteger)
    removed_at: Mapped[str | None] = mapped_column(T)
    removed_by: Mapped[str | None] = mapped_column(String(255))
    removed_seq: Mapped[int | None] = mapped_column(BigInteger)


Index("ix_case_links_target", CaseLink.target_kind, CaseLink.target_id)
Index("ix_case_links_element", CaseLink.case_id, CaseLink.element)
