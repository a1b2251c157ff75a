"""Reading and writing case files (gavah.store.case_tables)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple, TypeAlias, cast

from sqlalchemy import Table, func, select, update
from sqlalchemy.orm import Session

from gavah.core.errors import NotFound
from gavah.store import claim_rows
from gavah.store import claims as claim_store
from gavah.store.bulk import insert_with_ids
from gavah.store.case_tables import Case, CaseCharge, CaseEvent, CaseLink
from gavah.store.claim_rows import ClaimRow
from gavah.store.claim_tables import Claim, Entity, Event, EventClaim, Source
from gavah.store.tables import Blob, Item, VerifyRun

_LINKS = cast(Table, CaseLink.__table__)
_ITEMS = cast(Table, Item.__table__)


class LinkTuple(NamedTuple):
    """A link as a case file reads it (CaseLink's columns, in order): a tuple, whose
    attributes cost far less to read than an ORM object's or a result row's."""

    id: int
    case_id: int
    element: str
    suspect_id: int | None
    target_kind: str
    target_id: str
    page: int | None
    span_start: int | None
    span_end: int | None
    stance: str
    note: str | None
    created_at: str
    created_by: str
    custody_seq: int
    removed_at: str | None
    removed_by: str | None
    removed_seq: int | None


# A link as read (a tuple) or as written (the ORM object): the same attributes.
LinkRow: TypeAlias = CaseLink | LinkTuple


def get(session: Session, case_id: int | str, levels: Sequence[str]) -> Case:
    """The case, if the reader may see it; a hidden case is reported as missing."""
    try:
        number = int(str(case_id).strip())
    except ValueError:
        raise NotFound(f"no case {case_id!r}", field="case") from None
    case = session.get(Case, number)
    if case is None or case.classification not in levels:
        raise NotFound(f"no case {case_id}", field="case")
    return case


def visible(session: Session, levels: Sequence[str]) -> list[Case]:
    return list(session.scalars(select(Case).where(Case.classification.in_(levels))
                                .order_by(Case.id)))


def charges(session: Session, case_id: int) -> list[CaseCharge]:
    return list(session.scalars(select(CaseCharge).where(CaseCharge.case_id == case_id)
                                .order_by(CaseCharge.id)))


def event_ids(session: Session, case_id: int) -> list[int]:
    return list(session.scalars(select(CaseEvent.event_id).where(CaseEvent.case_id == case_id)
                                .order_by(CaseEvent.event_id)))


def links(session: Session, case_id: int, *, removed: bool = False) -> list[LinkRow]:
    """The case's links in force, or with `removed` every link it ever had: rows with
    CaseLink's columns as attributes (read only; a case can have 100,000 links)."""
    # Read on the session's DB-API connection, in one fetch (its columns need no
    # conversion): SQLAlchemy's processing of a hundred thousand rows cost more than the
    # database's reading them.
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(f"{_LINK_SELECT} WHERE case_id = {mark}"
                       + ("" if removed else " AND removed_at IS NULL") + " ORDER BY id",
                       (int(case_id),))
        return list(map(LinkTuple._make, cursor.fetchall()))
    finally:
        cursor.close()


_LINK_SELECT = f"SELECT {', '.join(chr(34) + n + chr(34) for n in LinkTuple._fields)} " \
    f"FROM {_LINKS.name}"


class Original(NamedTuple):
    item_id: int
    sha256: str
    original_name: str
    size: int


def linked_originals(session: Session, case_id: int | str, levels: Sequence[str]
                     ) -> list[Original]:
    """The items the case's links in force point at, as an item or through a claim
    (a claim is as visible as its item), that a reader cleared for `levels` may see: the
    originals an export of the case for that reader sends at the least, read before its
    case file is built. NotFound when the reader may not see the case."""
    case = get(session, case_id, levels)
    in_force = (CaseLink.case_id == case.id, CaseLink.removed_at.is_(None))
    ids = {int(t) for t in session.scalars(select(CaseLink.target_id).where(
        *in_force, CaseLink.target_kind == "item")) if t.isdigit()}
    ids |= set(session.scalars(select(Claim.item_id).distinct().join(
        CaseLink, CaseLink.target_id == Claim.id).where(*in_force,
                                                        CaseLink.target_kind == "claim")))
    wanted, out = sorted(ids), []
    for start in range(0, len(wanted), 500):
        out += [Original(*row) for row in session.connection().execute(
            select(Item.id, Item.sha256, Item.original_name, Blob.size)
            .join(Blob, Blob.sha256 == Item.sha256)
            .where(Item.id.in_(wanted[start:start + 500]), Item.classification.in_(levels))
            .order_by(Item.id))]
    return out


def count_links(session: Session, case_id: int) -> int:
    """How many links the case has in force."""
    return int(session.scalar(select(func.count()).select_from(CaseLink).where(
        CaseLink.case_id == case_id, CaseLink.removed_at.is_(None))) or 0)


def hides_above(session: Session, levels: Sequence[str]) -> bool:
    """Whether anything that decides what a reader sees (an item, event, entity, source
    or case) is classified outside `levels`: if nothing is, a reader with more
    clearance sees exactly what a reader cleared for `levels` sees."""
    return any(session.scalar(select(table.id).where(table.classification.not_in(
        list(levels))).limit(1)) is not None for table in (Item, Event, Entity, Source, Case))


def find_link(session: Session, case_id: int, element: str, kind: str, target_id: str,
              suspect_id: int | None) -> CaseLink | None:
    query = select(CaseLink).where(
        CaseLink.case_id == case_id, CaseLink.element == element,
        CaseLink.target_kind == kind, CaseLink.target_id == target_id,
        CaseLink.removed_at.is_(None))
    query = query.where(CaseLink.suspect_id.is_(None) if suspect_id is None
                        else CaseLink.suspect_id == suspect_id)
    return session.scalars(query.order_by(CaseLink.id)).first()


def verify_findings(session: Session) -> dict[int, list[str]]:
    """What the newest `gavah verify` run found about each item (item id: details)."""
    run = session.scalars(select(VerifyRun).order_by(VerifyRun.id.desc()).limit(1)).first()
    out: dict[int, list[str]] = {}
    if run is None:
        return out
    for problem in json.loads(run.problems or "[]"):
        if isinstance(problem, dict) and problem.get("item") is not None:
            out.setdefault(int(problem["item"]), []).append(str(problem.get("detail", "")))
    return out


def event_claims(session: Session, event_id: int, levels: Sequence[str], *,
                 stance: str | None = None, other_than: str | None = None,
                 rejected: bool = True) -> list[ClaimRow]:
    """Claims linked to an event that the reader may see: with one stance, or with any
    stance but one; without rejected claims unless `rejected`."""
    query = claim_rows.select_rows().join(EventClaim, EventClaim.claim_id == Claim.id).where(
        EventClaim.event_id == event_id)
    if stance is not None:
        query = query.where(EventClaim.stance == stance)
    if other_than is not None:
        query = query.where(EventClaim.stance != other_than)
    if not rejected:
        query = query.where(Claim.status != "rejected")
    return claim_rows.rows(session, claim_store.visible(query.order_by(Claim.id), levels))


def figure_claims(session: Session, levels: Sequence[str]) -> list[ClaimRow]:
    """Every visible claim stating a figure (a rejected claim is no one's assertion)."""
    return claim_rows.rows(session, claim_store.visible(
        claim_rows.select_rows().where(Claim.counts_key.is_not(None),
                                       Claim.status != "rejected"), levels))


def item_levels(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {int(i): str(level) for i, level in session.execute(
        select(Item.id, Item.classification).where(Item.id.in_(wanted))).all()}


def link_keys(session: Session, case_id: int) -> dict[tuple[str, str, str, int | None], str]:
    """(element, target kind, target id, suspect) -> stance of the case's links in force."""
    rows = session.execute(select(CaseLink.element, CaseLink.target_kind, CaseLink.target_id,
                                  CaseLink.suspect_id, CaseLink.stance)
                           .where(CaseLink.case_id == case_id, CaseLink.removed_at.is_(None)))
    return {(e, k, t, s): stance for e, k, t, s, stance in rows}


def claim_levels(session: Session, ids: Sequence[str]) -> dict[str, tuple[int, str]]:
    """claim id -> (its item, the item's classification), for the ids that exist."""
    out: dict[str, tuple[int, str]] = {}
    for start in range(0, len(ids), 500):
        out.update({str(c): (int(i), str(level)) for c, i, level in session.execute(
            select(Claim.id, Claim.item_id, Item.classification)
            .join(Item, Item.id == Claim.item_id)
            .where(Claim.id.in_(list(ids[start:start + 500]))))})
    return out


def add_links(session: Session, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert link rows in the caller's write transaction; their ids in row order."""
    return insert_with_ids(session, CaseLink, rows)


def stamp_links(session: Session, stamps: Sequence[dict[str, Any]]) -> None:
    """Set each new link's custody seq and time (rows: id, custody_seq, created_at)."""
    if stamps:
        session.execute(update(CaseLink), list(stamps))  # bulk update by primary key


class ItemRow(NamedTuple):
    """What a case file reads of an item."""

    id: int
    classification: str
    original_name: str
    source: str | None


def items_by_id(session: Session, ids: Iterable[int]) -> dict[int, ItemRow]:
    wanted = sorted(set(ids))
    out: dict[int, ItemRow] = {}
    for start in range(0, len(wanted), 500):
        out.update((row[0], ItemRow._make(row)) for row in session.connection().execute(
            select(_ITEMS.c.id, _ITEMS.c.classification, _ITEMS.c.original_name,
                   _ITEMS.c.source).where(_ITEMS.c.id.in_(wanted[start:start + 500]))).all())
    return out
