"""Database tables. Times are ISO 8601 UTC strings so they hash identically on every
backend; JSON that is hashed is stored as canonical text for the same reason."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Workspace facts: id, creation time, schema notes."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Blob(Base):
    """Bytes known to the store, by content. Extraction is a property of the bytes."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(255), index=True)
    created_at: Mapped[str] = mapped_column(String(32))
    # pending | done | failed | none (derivative bytes are not extracted again)
    extraction: Mapped[str] = mapped_column(String(16), index=True)
    extraction_error: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    metadata_json: Mapped[str | None] = mapped_column(Text)


class Item(Base):
    """One acquisition of an original: the same bytes acquired twice are two items."""

    __tablename__ = "items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    original_name: Mapped[str] = mapped_column(Text)
    original_path: Mapped[str | None] = mapped_column(Text)
    file_modified: Mapped[str | None] = mapped_column(String(32))
    file_changed: Mapped[str | None] = mapped_column(String(32))
    resume_key: Mapped[str | None] = mapped_column(String(255), index=True)
    acquired_at: Mapped[str] = mapped_column(String(32), index=True)
    acquired_by: Mapped[str] = mapped_column(String(255))
    collected_by: Mapped[str | None] = mapped_column(String(255))
    source: Mapped[str | None] = mapped_column(String(255), index=True)
    method: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    classification: Mapped[str] = mapped_column(String(32), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"), index=True)
    relation: Mapped[str | None] = mapped_column(String(32))
    custody_seq: Mapped[int] = mapped_column(BigInteger)


class ItemTag(Base):
    __tablename__ = "item_tags"
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(255), primary_key=True, index=True)


class Derivative(Base):
    """Bytes made from a blob (text, metadata), with the tool that made them."""

    __tablename__ = "derivatives"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    kind: Mapped[str] = mapped_column(String(32), index=True)  # text | metadata | redacted
    label: Mapped[str] = mapped_column(String(255))
    position: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(255))
    tool: Mapped[str] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[str] = mapped_column(String(32))
    custody_seq: Mapped[int] = mapped_column(BigInteger)


class Member(Base):
    """A file found inside a blob (archive member, e-mail attachment)."""

    __tablename__ = "members"
    parent_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    name: Mapped[str] = mapped_column(Text)
    relation: Mapped[str] = mapped_column(String(32))
    modified: Mapped[str | None] = mapped_column(String(32))


class CustodyEntry(Base):
    """The append-only custody log. Database triggers refuse UPDATE and DELETE."""

    __tablename__ = "custody"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    time: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(64), index=True)
    item_id: Mapped[int | None] = mapped_column(Integer, index=True)
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)
    signature: Mapped[str] = mapped_column(String(128))
    key_id: Mapped[str] = mapped_column(String(32))


class CustodyItem(Base):
    """Which items each custody entry that names several of them is about (a page that
    showed claims from many protected items is one `viewed` entry listing them): an
    index, so that an item's history finds them. Derived from the signed entries, and
    checked against them by `gavah verify`."""

    __tablename__ = "custody_items"
    __table_args__ = ({"sqlite_with_rowid": False},)
    item_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)


class Change(Base):
    """Each change in the custody log (an entry that is not a read), and whether it may
    reach every computed page. Derived state kept beside the signed log, never in it:
    written in the same transaction as its entry, and read by gavah.pipelines.cache to
    tell which kept pages are still current."""

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_reaches_all", "reaches_all", "seq"),)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    reaches_all: Mapped[bool] = mapped_column(Boolean)


class ChangeEntity(Base):
    """The entities whose pages a change reaches, for a change that does not reach every
    page (a review of a claim reaches the entities the claim concerns)."""

    __tablename__ = "change_entities"
    __table_args__ = ({"sqlite_with_rowid": False},)
    entity_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)


class VerifyRun(Base):
    __tablename__ = "verify_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[str] = mapped_column(String(32))
    finished_at: Mapped[str] = mapped_column(String(32))
    ok: Mapped[bool] = mapped_column(Boolean)
    items_checked: Mapped[int] = mapped_column(Integer)
    entries_checked: Mapped[int] = mapped_column(Integer)
    blobs_checked: Mapped[int] = mapped_column(Integer)
    problems: Mapped[str] = mapped_column(Text)


Index("ix_derivatives_sha", Derivative.sha256)
# An item's history: its changes and its reads, newest first, from the index alone.
Index("ix_custody_item_action", CustodyEntry.item_id, CustodyEntry.action, CustodyEntry.seq)


class PageCache(Base):
    """Pages computed from the records (an entity's page: thousands of claims), shared by
    every process serving the workspace. Derived and disposable: never evidence."""

    __tablename__ = "page_cache"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of what decides it
    version: Mapped[int] = mapped_column(BigInteger, index=True)  # change version made at
    body: Mapped[str] = mapped_column(Text)  # JSON


class EntitySummary(Base):
    """What an entity page needs from the claims about or spoken by a set of entities (an
    entity and those merged into it), per classification level of the claims' items:
    counts, corroboration groups, the first claims in date order. Derived and disposable:
    made again when a change reaches one of the entities or may alter claims anywhere
    (gavah.store.entity_summaries)."""

    __tablename__ = "entity_summaries"
    # "12,57" (sorted ids): the summary; "12,57@public,restricted": what a page shows of
    # it to a reader of these levels.
    members: Mapped[str] = mapped_column(String(255), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)  # the claims version it was made at
    code: Mapped[str] = mapped_column(String(32))  # the format it was made in
    body: Mapped[str] = mapped_column(Text)  # JSON: level -> summary of that level's claims
