"""Facet counts and filtering for browsing items: source, media type, language,
acquisition year, classification and tags. Every query is limited to the levels the
reader may see, so counts never reveal what lies above their clearance."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from gavah.store.tables import Blob, Item, ItemTag

FACETS = ("source", "media_type", "language", "year", "classification", "tag")
TOP = 25  # values shown per facet


def _column(facet: str) -> Any:
    return {
        "source": Item.source, "media_type": Blob.media_type, "language": Blob.language,
        "year": func.substr(Item.acquired_at, 1, 4), "classification": Item.classification,
    }[facet]


def conditions(levels: Sequence[str], filters: Mapping[str, Sequence[str]],
               ids: Sequence[int] | None = None,
               skip: str | None = None) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = [Item.classification.in_(list(levels))]
    if ids is not None:
        out.append(Item.id.in_(list(ids)))
    for facet, values in filters.items():
        if not values or facet == skip:
            continue
        if facet == "tag":
            out.append(Item.id.in_(select(ItemTag.item_id).where(ItemTag.tag.in_(list(values)))))
        else:
            out.append(_column(facet).in_(list(values)))
    return out


def _joined(query: Any) -> Any:
    return query.select_from(Item).join(Blob, Blob.sha256 == Item.sha256)


def counts(session: Session, levels: Sequence[str], filters: Mapping[str, Sequence[str]],
           ids: Sequence[int] | None = None) -> dict[str, list[tuple[str, int]]]:
    """Per facet, (value, items) for the items matching every *other* facet's filter,
    so that several values of one facet can be chosen together."""
    out: dict[str, list[tuple[str, int]]] = {}
    for facet in FACETS:
        where = conditions(levels, filters, ids, skip=facet)
        n = func.count(func.distinct(Item.id)).label("n")
        if facet == "tag":
            query = (_joined(select(ItemTag.tag, n)).join(ItemTag, ItemTag.item_id == Item.id)
                     .where(*where).group_by(ItemTag.tag))
        else:
            column = _column(facet)
            query = _joined(select(column, n)).where(*where, column.is_not(None)).group_by(
                column)
        rows = session.execute(query.order_by(n.desc()).limit(TOP)).all()
        out[facet] = sorted(((str(v), int(c)) for v, c in rows if v not in (None, "")),
                            key=lambda r: (-r[1], r[0]))
    return out


def matching_ids(session: Session, levels: Sequence[str], filters: Mapping[str, Sequence[str]],
                 ids: Sequence[int] | None = None) -> set[int]:
    return set(session.scalars(_joined(select(Item.id)).where(
        *conditions(levels, filters, ids))))


def page(session: Session, levels: Sequence[str], filters: Mapping[str, Sequence[str]],
         limit: int, offset: int) -> tuple[int, list[int]]:
    """Without a text query: (total, ids of one page, newest first)."""
    where = conditions(levels, filters)
    total = session.scalar(_joined(select(func.count(Item.id))).where(*where)) or 0
    ids = list(session.scalars(_joined(select(Item.id)).where(*where)
                               .order_by(Item.id.desc()).limit(limit).offset(offset)))
    return int(total), ids
