"""Claims: attributed statements anchored to spans of an item's text, with the entities
they are about, analyst reviews (append-only) and event links."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from contextlib import closing
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import BindParameter, Select, delete, select, update
from sqlalchemy.orm import Session, aliased

from gavah.core.custody import utc_now
from gavah.core.errors import NotFound
from gavah.store import bulk
from gavah.store.claim_tables import (
    Claim,
    ClaimAbout,
    ClaimReview,
    ClaimRun,
    Event,
    EventClaim,
    EventParticipant,
    Mention,
)
from gavah.store.tables import Derivative, Item


def get(session: Session, claim_id: str, levels: Sequence[str] | None = None) -> Claim:
    ref = claim_id.strip()
    claim = session.get(Claim, ref) if ref else None
    if claim is None and ref:
        # A prefix is matched literally (no LIKE wildcards) among the claims the reader
        # may see: hidden claims neither match nor make a prefix ambiguous.
        matches = list(session.scalars(visible(select(Claim).where(
            Claim.id.startswith(ref, autoescape=True)), levels).limit(2)))
        claim = matches[0] if len(matches) == 1 else None
    if claim is None or (levels is not None and _level(session, claim) not in levels):
        raise NotFound(f"no claim {claim_id!r}")
    return claim


def _level(session: Session, claim: Claim) -> str:
    item = session.get(Item, claim.item_id)
    return item.classification if item is not None else "strictly-confidential"


Q = TypeVar("Q", bound=Select)  # type: ignore[type-arg]
_READABLE = aliased(Item, name="readable")  # the query may join items itself


def visible(query: Q, levels: Sequence[str] | BindParameter[Any] | None) -> Q:
    """Restrict a claims query to claims whose item the reader may see (levels may be an
    expanding bind parameter, for a statement built once). Correlated, so
    the engine looks up each claim's item: `item_id IN (readable items)` made SQLite
    list every readable item (100,000) for each query."""
    if levels is None:
        return query
    return query.where(select(_READABLE.id).where(
        _READABLE.id == Claim.item_id, _READABLE.classification.in_(levels))
        .correlate(Claim).exists())


def find(session: Session, levels: Sequence[str] | None, about: Sequence[int] | None = None,
         item_id: int | None = None, status: str | None = None, kind: str | None = None,
         limit: int | None = None) -> list[Claim]:
    """The claims the reader may see, about any of the entities `about`, of one item,
    status and kind where given, in reading order (item, text, start)."""
    query = visible(select(Claim), levels)
    if about is not None:
        query = query.join(ClaimAbout, ClaimAbout.claim_id == Claim.id).where(
            ClaimAbout.entity_id.in_(about))
    if item_id is not None:
        query = query.where(Claim.item_id == item_id)
    if status:
        query = query.where(Claim.status == status)
    if kind:
        query = query.where(Claim.kind == kind)
    query = query.order_by(Claim.item_id, Claim.derivative_id, Claim.start, Claim.id)
    if not limit:
        return list(session.scalars(query).unique())
    # Sort and cut the ids alone, then load those rows: an entity may be named in
    # thousands of claims, and sorting whole rows costs far more.
    ids = list(dict.fromkeys(session.scalars(query.with_only_columns(Claim.id).limit(limit))))
    loaded = {c.id: c for c in session.scalars(select(Claim).where(Claim.id.in_(ids)))}
    return [loaded[i] for i in ids]


def by_ids(session: Session, ids: Sequence[str]) -> dict[str, Claim]:
    """id -> claim of the claims `ids` that exist (no visibility check: the caller chose
    the ids among those the reader may see)."""
    wanted = list(dict.fromkeys(ids))
    out: dict[str, Claim] = {}
    for start in range(0, len(wanted), 500):
        out.update({c.id: c for c in session.scalars(
            select(Claim).where(Claim.id.in_(wanted[start:start + 500])))})
    return out


def counted(session: Session, levels: Sequence[str] | None,
            other_than: str) -> list[Claim]:
    """The claims the reader may see that count something (a figure with what it
    counts), other than `other_than` and not rejected."""
    return list(session.scalars(visible(select(Claim), levels).where(
        Claim.status != "rejected", Claim.id != other_than, Claim.counts_key.is_not(None))))


class Involved(NamedTuple):
    """What ranks and groups a claim on an entity's page, without the claim's text."""

    id: str
    item_id: int
    derivative_id: int
    start: int
    statement_date: str | None
    status: str
    speaker: str | None
    publisher: str | None
    speaker_source_id: int | None
    speaker_entity_id: int | None
    about: bool  # about the entities (else only spoken by them)


def involving(session: Session, ids: Sequence[int],
              levels: Sequence[str] | None) -> list[Involved]:
    """Claims about or spoken by the entities `ids` whose item the reader may see, each
    once: one pass over them for a whole entity page (there may be thousands)."""
    columns = (Claim.id, Claim.item_id, Claim.derivative_id, Claim.start,
               Claim.statement_date, Claim.status, Claim.speaker, Claim.publisher,
               Claim.speaker_source_id, Claim.speaker_entity_id)
    about = session.execute(visible(select(*columns).where(Claim.id.in_(
        select(ClaimAbout.claim_id).where(ClaimAbout.entity_id.in_(ids)))), levels)).all()
    spoken = session.execute(visible(select(*columns).where(
        Claim.speaker_entity_id.in_(ids)), levels)).all()
    seen = {row[0] for row in about}
    return [*(Involved._make((*row, True)) for row in about),
            *(Involved._make((*row, False)) for row in spoken if row[0] not in seen)]


def entities_of(session: Session, claim: Claim) -> set[int]:
    """Every entity whose page shows this claim: those it is about, its speaker, and
    the participants and places of the events it is linked to (an event on a page
    lists its claims)."""
    found = set(session.scalars(select(ClaimAbout.entity_id)
                                .where(ClaimAbout.claim_id == claim.id)))
    if claim.speaker_entity_id is not None:
        found.add(claim.speaker_entity_id)
    events = select(EventClaim.event_id).where(EventClaim.claim_id == claim.id)
    found.update(session.scalars(select(EventParticipant.entity_id)
                                 .where(EventParticipant.event_id.in_(events))))
    found.update(i for i in session.scalars(select(Event.place_id)
                                            .where(Event.id.in_(events))) if i is not None)
    return found


def existing_ids(session: Session, ids: Sequence[str]) -> set[str]:
    """Those of `ids` already stored (on the DB-API: the recording process asks this
    for every batch of an ingest)."""
    raw, dialect = bulk.raw_connection(session)
    found: set[str] = set()
    with closing(raw.cursor()) as cursor:
        if dialect != "sqlite":
            cursor.execute("SELECT id FROM claims WHERE id = ANY(%s)", (list(ids),))
            return {row[0] for row in cursor.fetchall()}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            cursor.execute(f"SELECT id FROM claims WHERE id IN ({', '.join('?' * len(chunk))})",
                           chunk)
            found.update(row[0] for row in cursor.fetchall())
    return found


class Text(NamedTuple):
    """A text derivative to read for claims, with the item it is read for."""

    item_id: int
    source: str | None  # the item's source: the claims' publisher
    derivative_id: int
    sha256: str
    label: str
    source_sha256: str  # the original's: its metadata (site name, author) names a publisher


def texts_to_read(session: Session, item_ids: Sequence[int] | None,
                  again: bool = False) -> list[Text]:
    """The text derivatives of the items (all items when None) that claim extraction has
    not read yet (every one, with `again`), each once, for the first item that has it."""
    query = (select(Item.id, Item.source, Derivative.id, Derivative.sha256, Derivative.label,
                    Derivative.source_sha256)
             .join(Derivative, Derivative.source_sha256 == Item.sha256)
             .where(Derivative.kind == "text").order_by(Item.id, Derivative.position))
    if not again:
        query = query.outerjoin(ClaimRun, ClaimRun.derivative_id == Derivative.id).where(
            ClaimRun.derivative_id.is_(None))
    rows = []
    for start in range(0, len(item_ids) if item_ids is not None else 1, 500):
        part = query if item_ids is None else query.where(
            Item.id.in_(list(item_ids[start:start + 500])))
        rows += [Text(*row) for row in session.execute(part)]
    rows.sort(key=lambda t: t.item_id)  # stable: each item's texts stay in position order
    seen: set[int] = set()
    out = []
    for text in rows:
        if text.derivative_id not in seen:
            seen.add(text.derivative_id)
            out.append(text)
    return out


def save_readings(session: Session, claims: Sequence[dict[str, Any]],
                  about: Sequence[dict[str, Any]], mentions: Sequence[dict[str, Any]],
                  runs: Sequence[dict[str, Any]], reread: Sequence[int]) -> None:
    """What claim extraction read from a batch of texts, in the caller's write transaction:
    new claims and the entities they are about, the texts' mentions (those of the texts
    in `reread`, read before, are replaced: derived data) and one run row per text."""
    # On the DB-API, not the ORM: an ingest writes ~10 claims and as many mentions per
    # text, and SQLAlchemy's per-row work was most of the recording process's time.
    bulk.insert_rows(session, "claims", claims)
    bulk.insert_rows(session, "claim_about", about)
    for start in range(0, len(reread), 500):
        session.execute(delete(Mention).where(
            Mention.derivative_id.in_(reread[start:start + 500])))
    bulk.insert_rows(session, "mentions", mentions)
    ids = [r["derivative_id"] for r in runs]
    known: set[int] = set()
    for start in range(0, len(reread), 500):
        known.update(session.scalars(select(ClaimRun.derivative_id).where(
            ClaimRun.derivative_id.in_(reread[start:start + 500]))))
    bulk.insert_rows(session, "claim_runs", [r for r in runs if r["derivative_id"] not in known])
    again = [r for r in runs if r["derivative_id"] in known]
    if again:
        session.execute(update(ClaimRun), [{k: v for k, v in r.items() if k != "item_id"}
                                           for r in again])  # bulk update by primary key
    assert len(set(ids)) == len(ids), "one run per text"


def about_of(session: Session, ids: Sequence[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        for claim_id, entity_id in session.execute(
                select(ClaimAbout.claim_id, ClaimAbout.entity_id)
                .where(ClaimAbout.claim_id.in_(ids[start:start + 500]))
                .order_by(ClaimAbout.entity_id)):
            out[claim_id].append(entity_id)
    return out


def set_about(session: Session, claim_id: str, entity_ids: Sequence[int]) -> None:
    for row in session.scalars(select(ClaimAbout).where(ClaimAbout.claim_id == claim_id)):
        session.delete(row)
    session.flush()
    for entity_id in sorted(set(entity_ids)):
        session.add(ClaimAbout(claim_id=claim_id, entity_id=entity_id))


def review(session: Session, claim: Claim, action: str, changes: dict[str, Any],
           reason: str | None, reviewer: str) -> ClaimReview:
    row = ClaimReview(claim_id=claim.id, action=action,
                      changes=json.dumps(changes, ensure_ascii=False, default=str),
                      reason=reason, reviewer=reviewer, reviewed_at=utc_now())
    claim.updated_at = row.reviewed_at
    session.add(row)
    return row


def reviews_of(session: Session, claim_id: str) -> list[ClaimReview]:
    return list(session.scalars(select(ClaimReview).where(ClaimReview.claim_id == claim_id)
                                .order_by(ClaimReview.id)))


def events_of(session: Session, claim_id: str) -> list[EventClaim]:
    return list(session.scalars(select(EventClaim).where(EventClaim.claim_id == claim_id)))


class EventLink(NamedTuple):
    claim_id: str
    event_id: int
    stance: str


def events_of_many(session: Session, ids: Sequence[str]) -> dict[str, list[EventLink]]:
    """claim id -> its event links, for many claims (one query per 500; rows, not ORM
    objects: a case file asks for a hundred thousand claims)."""
    wanted = list(dict.fromkeys(ids))
    out: dict[str, list[EventLink]] = {}
    # On the session's DB-API connection: compiling a statement of 500 parameters cost
    # more, two hundred times over, than the database's answering it.
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    table = EventClaim.__tablename__
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            cursor.execute(f"SELECT claim_id, event_id, stance FROM {table} "
                           f"WHERE claim_id IN ({', '.join([mark] * len(chunk))})", chunk)
            for link in cursor.fetchall():
                out.setdefault(link[0], []).append(EventLink._make(link))
    finally:
        cursor.close()
    return out


def figure_dict(claim: Claim) -> dict[str, Any] | None:
    return json.loads(claim.figure) if claim.figure else None


def to_dict(claim: Claim, about: list[int]) -> dict[str, Any]:
    return {
        "id": claim.id, "item_id": claim.item_id, "derivative_id": claim.derivative_id,
        "text_sha256": claim.text_sha256, "start": claim.start, "end": claim.end,
        "quote": claim.quote, "kind": claim.kind, "speaker": claim.speaker,
        "speaker_source_id": claim.speaker_source_id,
        "speaker_entity_id": claim.speaker_entity_id, "publisher": claim.publisher,
        "publisher_source_id": claim.publisher_source_id,
        "attribution": json.loads(claim.attribution), "figure": figure_dict(claim),
        "about": about, "statement_date": claim.statement_date,
        "statement_precision": claim.statement_precision, "origin": claim.origin,
        "status": claim.status, "credibility": claim.credibility,
        "confidence": round(claim.confidence, 3), "flags": json.loads(claim.flags),
        "language": claim.language, "created_at": claim.created_at,
        "updated_at": claim.updated_at,
    }
