"""Claims read for a page: an item's spans, an entity's timeline (with their items) and
network, a source's claims."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, bindparam, func, select
from sqlalchemy.orm import Session, aliased

from gavah.store.claim_tables import Claim, ClaimAbout
from gavah.store.claims import visible
from gavah.store.db import rare, run
from gavah.store.tables import Blob, Item

# Built once (building it cost more than running it); the reader's levels are bound.
_SPANS = visible(
    select(Claim.id, Claim.derivative_id, Claim.start, Claim.end, Claim.kind, Claim.status,
           Claim.speaker, Claim.publisher).where(Claim.item_id == bindparam("item")),
    bindparam("levels", expanding=True)).order_by(Claim.derivative_id, Claim.start, Claim.id)


def spans_of(session: Session, item_id: int, levels: Sequence[str]) -> list[tuple[Any, ...]]:
    """(id, derivative_id, start, end, kind, status, speaker, publisher) of the item's
    claims, in text order, if the reader may see the item: only the columns a span
    needs (an item may hold hundreds of claims)."""
    return [tuple(r) for r in run(session, _SPANS, {"item": item_id, "levels": list(levels)})]


def _about_or_spoken(ids: Sequence[int]) -> Any:
    """The claims about the entities or spoken by them: a union, so that each part uses
    its index."""
    return select(ClaimAbout.claim_id).where(ClaimAbout.entity_id.in_(ids)).union(
        select(Claim.id).where(rare(Claim.speaker_entity_id.in_(ids))))


def _with_items() -> Any:
    # The columns a timeline shows, not whole rows: a page lists a hundred claims, and an
    # object per claim, item and blob cost more than the query.
    return select(Claim.id, Claim.statement_date, Claim.statement_precision, Claim.quote,
                  Claim.kind, Claim.status, Claim.speaker_entity_id, Claim.speaker,
                  Claim.publisher, Item.id.label("item_id"), Item.original_name,
                  Blob.metadata_json).join(Item, Item.id == Claim.item_id).join(
        Blob, Blob.sha256 == Item.sha256)


def on_entities(session: Session, ids: Sequence[int],
                levels: Sequence[str] | None) -> list[Row[Any]]:
    """The claims about or spoken by the entities `ids`, not rejected, whose item the
    reader may see, each with its item's id and name and its blob's metadata."""
    query = visible(_with_items().where(Claim.id.in_(_about_or_spoken(ids)),
                                        Claim.status != "rejected"), levels)
    return list(session.execute(query))


def first_on_entities(session: Session, ids: Sequence[int], levels: Sequence[str] | None,
                      limit: int) -> tuple[list[str], int]:
    """The ids of the first `limit` claims of on_entities() by date of statement
    (undated last), item and place in the text, and how many there are in all."""
    # The ids alone are ranked (the count of all comes with them: one pass).
    ranked = session.execute(visible(
        select(Claim.id, func.count().over())
        .where(Claim.id.in_(_about_or_spoken(ids)), Claim.status != "rejected"), levels)
        .order_by(Claim.statement_date.is_(None), Claim.statement_date,
                  Claim.item_id, Claim.start, Claim.id).limit(limit)).all()
    return [str(r[0]) for r in ranked], int(ranked[0][1]) if ranked else 0


def with_items(session: Session, claim_ids: Sequence[str]) -> list[Row[Any]]:
    """These claims as on_entities gives them (no visibility check: the caller chose the
    ids among those the reader may see)."""
    return list(session.execute(_with_items().where(Claim.id.in_(list(claim_ids)))))


def spoken_by_source(session: Session, source_id: int, levels: Sequence[str] | None,
                     limit: int) -> list[Claim]:
    """The first `limit` claims the source speaks whose item the reader may see, in
    text order."""
    return list(session.scalars(visible(
        select(Claim).where(Claim.speaker_source_id == source_id), levels)
        .order_by(Claim.item_id, Claim.start).limit(limit)))


def named_with(session: Session, ids: Sequence[int]) -> list[tuple[str, int]]:
    """(claim, entity) of every other entity named in a claim about the entities `ids`,
    from the claim_about index alone (no visibility check: the caller counts only the
    claims the reader may see)."""
    other = aliased(ClaimAbout)
    return [(str(c), int(e)) for c, e in session.execute(
        select(other.claim_id, other.entity_id).where(
            other.claim_id.in_(select(ClaimAbout.claim_id).where(
                ClaimAbout.entity_id.in_(ids))), other.entity_id.not_in(ids)))]


def spoken_about(session: Session, ids: Sequence[int], levels: Sequence[str] | None,
                 limit: int) -> list[tuple[int, int]]:
    """(entity, claims) of the other entities the entities `ids` speak about in claims
    not rejected whose item the reader may see, at most `limit` of them."""
    # Grouped by `entity_id + 0`, not by the column: SQLite would otherwise walk the whole
    # claim_about entity index for its order (no sort), looking up every claim: 136 s
    # at 10,000,000 claims, without statistics, with the `rare` hint.
    other = (ClaimAbout.entity_id + 0).label("other")
    query = visible(
        select(other, func.count()).join(Claim, Claim.id == ClaimAbout.claim_id)
        .where(rare(Claim.speaker_entity_id.in_(ids)), Claim.status != "rejected",
               ClaimAbout.entity_id.not_in(ids))
        .group_by(other).limit(limit), levels)
    return [(int(e), int(n)) for e, n in session.execute(query)]
