"""Victim registry tables: lists, imports, records, rows kept aside, linkage
runs with their scored pairs and clusters, and reviewers' decisions.

Records and decisions are evidence-derived data: records are never edited (a corrected
row arrives by a new import), decisions are append-only (the database refuses UPDATE
and DELETE), and `person_id` on a record is derived state, recomputed by each linkage
run from its pairs and the decisions in force.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gavah.store.tables import Base

T = String(32)  # ISO 8601 UTC time


class VictimList(Base):
    """A documenting group's list of victims, as named at import (`--list`)."""

    __tablename__ = "victim_lists"
    name: Mapped[str] = mapped_column(String(255), primary_key=True)
    source: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[str] = mapped_column(T)
    created_by: Mapped[str] = mapped_column(String(255))


class VictimImport(Base):
    """One file imported into a list: the item it is, how columns were mapped, counts."""

    __tablename__ = "victim_imports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    list_name: Mapped[str] = mapped_column(ForeignKey("victim_lists.name"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    source: Mapped[str] = mapped_column(String(255))
    imported_at: Mapped[str] = mapped_column(T)
    imported_by: Mapped[str] = mapped_column(String(255))
    file_format: Mapped[str] = mapped_column(String(16))
    mapping_json: Mapped[str] = mapped_column(Text)
    rows: Mapped[int] = mapped_column(Integer)
    added: Mapped[int] = mapped_column(Integer)
    already: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    custody_seq: Mapped[int] = mapped_column(BigInteger)


class VictimRecord(Base):
    """One person as one list records them. Dates keep the text as written and the
    period it names (Gregorian ISO days) with its precision and calendar."""

    __tablename__ = "victim_records"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    list_name: Mapped[str] = mapped_column(ForeignKey("victim_lists.name"), index=True)
    record_key: Mapped[str] = mapped_column(String(300))
    import_id: Mapped[int] = mapped_column(ForeignKey("victim_imports.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    row_number: Mapped[int] = mapped_column(Integer)
    source_ref: Mapped[str | None] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(Text)
    name_folded: Mapped[str] = mapped_column(Text, index=True)
    name_latin: Mapped[str] = mapped_column(Text)
    script: Mapped[str] = mapped_column(String(16))
    father_name: Mapped[str | None] = mapped_column(Text)
    sex: Mapped[str | None] = mapped_column(String(16))
    age: Mapped[int | None] = mapped_column(Integer)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    birth_year_calendar: Mapped[str | None] = mapped_column(String(16))
    arrest_date: Mapped[str | None] = mapped_column(Text)
    arrest_date_start: Mapped[str | None] = mapped_column(String(10))
    arrest_date_end: Mapped[str | None] = mapped_column(String(10))
    arrest_date_precision: Mapped[str | None] = mapped_column(String(16))
    arrest_date_calendar: Mapped[str | None] = mapped_column(String(16))
    arrest_place: Mapped[str | None] = mapped_column(Text)
    death_date: Mapped[str | None] = mapped_column(Text)
    death_date_start: Mapped[str | None] = mapped_column(String(10))
    death_date_end: Mapped[str | None] = mapped_column(String(10))
    death_date_precision: Mapped[str | None] = mapped_column(String(16))
    death_date_calendar: Mapped[str | None] = mapped_column(String(16))
    death_place: Mapped[str | None] = mapped_column(Text)
    prison: Mapped[str | None] = mapped_column(Text)
    affiliation: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    extra_json: Mapped[str] = mapped_column(Text)
    warnings_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(T)
    person_id: Mapped[int | None] = mapped_column(Integer, index=True)
    link_run_id: Mapped[int | None] = mapped_column(Integer)


class VictimReject(Base):
    """A row that could not be read, kept aside with the raw cells and every problem."""

    __tablename__ = "victim_rejects"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    list_name: Mapped[str] = mapped_column(ForeignKey("victim_lists.name"), index=True)
    record_key: Mapped[str] = mapped_column(String(300))
    import_id: Mapped[int] = mapped_column(ForeignKey("victim_imports.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"))
    row_number: Mapped[int] = mapped_column(Integer)
    raw_json: Mapped[str] = mapped_column(Text)
    problems_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(T)


class LinkRun(Base):
    """One linkage run, with what it takes to reproduce it: parameters, the trained
    Splink model (settings JSON), the Splink version and a digest of its input."""

    __tablename__ = "victim_link_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[str] = mapped_column(T)
    finished_at: Mapped[str] = mapped_column(T)
    actor: Mapped[str] = mapped_column(String(255))
    backend: Mapped[str] = mapped_column(String(16))
    splink_version: Mapped[str] = mapped_column(String(32))
    threshold: Mapped[float] = mapped_column(Float)
    review_low: Mapped[float] = mapped_column(Float)
    review_high: Mapped[float] = mapped_column(Float)
    parameters_json: Mapped[str] = mapped_column(Text)
    settings_json: Mapped[str] = mapped_column(Text)
    input_sha256: Mapped[str] = mapped_column(String(64))
    records: Mapped[int] = mapped_column(Integer)
    pairs: Mapped[int] = mapped_column(Integer)
    persons: Mapped[int] = mapped_column(Integer)
    review: Mapped[int] = mapped_column(Integer)
    warnings_json: Mapped[str] = mapped_column(Text)
    custody_seq: Mapped[int] = mapped_column(BigInteger)


class LinkPair(Base):
    """A scored pair from a run (above the run's floor); record_a < record_b."""

    __tablename__ = "victim_link_pairs"
    run_id: Mapped[int] = mapped_column(ForeignKey("victim_link_runs.id"), primary_key=True)
    record_a: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_b: Mapped[int] = mapped_column(Integer, primary_key=True)
    probability: Mapped[float] = mapped_column(Float)
    match_weight: Mapped[float] = mapped_column(Float)
    in_review: Mapped[bool] = mapped_column(Boolean)


class LinkCluster(Base):
    """Which person each record belonged to in a run (history of person_id)."""

    __tablename__ = "victim_link_clusters"
    run_id: Mapped[int] = mapped_column(ForeignKey("victim_link_runs.id"), primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("victim_records.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(Integer)


class LinkDecision(Base):
    """A reviewer's decision on a pair: same or different, who, when, why. Append-only;
    the latest decision on a pair is the one in force."""

    __tablename__ = "victim_link_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_a: Mapped[int] = mapped_column(ForeignKey("victim_records.id"))
    record_b: Mapped[int] = mapped_column(ForeignKey("victim_records.id"))
    decision: Mapped[str] = mapped_column(String(16))  # same | different
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(255))
    decided_at: Mapped[str] = mapped_column(T)
    run_id: Mapped[int | None] = mapped_column(Integer)
    probability: Mapped[float | None] = mapped_column(Float)
    custody_seq: Mapped[int] = mapped_column(BigInteger)


Index("ux_victim_records_key", VictimRecord.list_name, VictimRecord.record_key, unique=True)
Index("ix_victim_rejects_key", VictimReject.list_name, VictimReject.record_key)
Index("ix_victim_link_pairs_review", LinkPair.run_id, LinkPair.in_review)
Index("ix_victim_link_decisions_pair", LinkDecision.record_a, LinkDecision.record_b)
