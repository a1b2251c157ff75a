"""Facet counts and filtering for browsing items: source, media type, language,
acquisition year, classification and tags. Every query is limited to the levels the
reader may see, so counts never reveal what lies above their clearance."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Integer,
    String,
    and_,
    any_,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from gavah.store.db import rare
from gavah.store.tables import Blob, Item, ItemTag

FACETS = ("source", "media_type", "language", "year", "classification", "tag")
TOP = 25  # values shown per facet
# Browsing without words counts (and counts facets over) at most this many of the newest
# items passing the filters: a page's cost must not grow with the workspace.
BROWSE_CAP = 1000
FEW = 5000  # a year or media type with fewer items is read from its index
Filters = Mapping[str, Sequence[str]]


def _column(facet: str) -> Any:
    return {
        "source": Item.source, "media_type": Blob.media_type, "language": Blob.language,
        "year": func.substr(Item.acquired_at, 1, 4), "classification": Item.classification,
    }[facet]


def _ids_clause(session: Session, ids: Sequence[Any], column: Any = Item.id
                ) -> ColumnElement[bool]:
    """`column` among `ids` as one bound parameter (thousands of expanded parameters
    cost more to compile than the query takes to run)."""
    if session.get_bind().dialect.name == "sqlite":
        subquery: Any = select(literal_column("value")).select_from(
            text("json_each(:gavah_ids)").bindparams(gavah_ids=json.dumps(list(ids))))
        return column.in_(subquery.scalar_subquery())
    kind = String() if isinstance(column.type, String) else Integer()
    return column == any_(bindparam("gavah_ids", value=list(ids), type_=ARRAY(kind)))


def conditions(levels: Sequence[str], filters: Filters, by_statistics: bool = False
               ) -> list[ColumnElement[bool]]:
    """`by_statistics` (PostgreSQL): the media type and year as conditions its planner
    can estimate from its per-value statistics (on expressions it guesses, and took a
    sequential scan and a sort of every item for a type or year every item has: 7 s at
    1,000,000 items)."""
    # The reader's levels (and several chosen ones) are checked on each item as it comes
    # (`|| ''`: not from the classification index): from the index, SQLite would gather
    # every item of those levels and sort them all to find the newest (0.5 s at 100,000
    # items). One chosen level is read from the index, which keeps its items in id order.
    out: list[ColumnElement[bool]] = [_unindexed(Item.classification).in_(list(levels))]
    for facet, values in filters.items():
        if not values:
            continue
        if facet == "classification" and len(values) > 1:
            out.append(_unindexed(Item.classification).in_(list(values)))
        elif facet == "tag":
            out.append(Item.id.in_(select(ItemTag.item_id).where(ItemTag.tag.in_(list(values)))))
        elif facet == "media_type" and by_statistics:
            out.append(Blob.media_type.in_(list(values)))
        elif facet == "year" and by_statistics and all(len(v) == 4 for v in values) \
                and (ranges := _year_ranges(values)) is not None:  # exact for 4 digits
            out.append(ranges)
        elif facet == "media_type":
            # Checked on each item as it comes; read from the index only when few items
            # have the type (newest()): from the index, every item of a common type
            # would be gathered and sorted to find the newest.
            out.append(_unindexed(Blob.media_type).in_(list(values)))
        else:
            out.append(_column(facet).in_(list(values)))
    return out


def _unindexed(column: Any) -> Any:
    return column.op("||")("")


def _year_ranges(values: Sequence[str]) -> ColumnElement[bool] | None:
    """These years as ranges of the indexed acquired_at (ISO text), for years of digits:
    the same items as the exact test on its first four characters."""
    if not all(year.isascii() and year.isdigit() for year in values):
        return None
    return or_(*(and_(Item.acquired_at >= year,
                      Item.acquired_at < year[:-1] + chr(ord(year[-1]) + 1))
                 for year in values))


def _few_in(session: Session, ranges: ColumnElement[bool]) -> bool:
    """Whether fewer than FEW items were acquired in those ranges (read from the
    acquired_at index, stopping at FEW)."""
    passing = select(Item.id).where(ranges).limit(FEW).subquery()
    return (session.scalar(select(func.count()).select_from(passing)) or 0) < FEW


def _of_type(session: Session, values: Sequence[str]) -> list[int] | None:
    """The items of these media types when fewer than FEW have them, else None (read from
    the media type index, each item by its blob's key, stopping at FEW). `rare`: with
    statistics where most blobs have one type, SQLite would walk every item instead."""
    found = list(session.scalars(
        select(Item.id).select_from(Blob).join(Item, Item.sha256 == Blob.sha256)
        .where(rare(Blob.media_type.in_(list(values)))).limit(FEW)))
    return found if len(found) < FEW else None


def _joined(query: Any) -> Any:
    return query.select_from(Item).join(Blob, Blob.sha256 == Item.sha256)


def _top(counter: Counter[str]) -> list[tuple[str, int]]:
    rows = [(v, c) for v, c in counter.items() if v not in (None, "")]
    return sorted(rows, key=lambda r: (-r[1], r[0]))[:TOP]


def among(session: Session, levels: Sequence[str], filters: Filters, ids: Sequence[int],
          counts: bool = True) -> tuple[set[int], dict[str, list[tuple[str, int]]]]:
    """For the items `ids` (a text query's ranked matches, a bounded number): those
    passing every filter, and the facet counts (each facet counted over the items passing
    the other facets' filters). Counted here from one read of the items' values, not with
    a query per facet; items, their blobs and their tags are each looked up by key, so the
    cost follows len(ids), never the size of the tables."""
    if not ids:
        return set(), {facet: [] for facet in FACETS}
    item_columns = [Item.source.label("source"),
                    func.substr(Item.acquired_at, 1, 4).label("year"), Item.classification]
    items = session.execute(select(Item.id, Item.sha256, *item_columns).where(
        Item.classification.in_(list(levels)), _ids_clause(session, ids, Item.id))).all()
    blobs = {sha: (media_type, language) for sha, media_type, language in session.execute(
        select(Blob.sha256, Blob.media_type, Blob.language).where(
            _ids_clause(session, sorted({row[1] for row in items}), Blob.sha256)))}
    rows = [(item_id, source, *blobs.get(sha, (None, None)), year, level)
            for item_id, sha, source, year, level in items]  # in FACETS order
    tags: dict[int, set[str]] = {}
    if counts or filters.get("tag"):
        for item_id, tag in session.execute(select(ItemTag.item_id, ItemTag.tag).where(
                _ids_clause(session, [row[0] for row in items], ItemTag.item_id))):
            tags.setdefault(item_id, set()).add(tag)
    chosen = {f: set(v) for f, v in filters.items() if v}
    names = [f for f in FACETS if f != "tag"]
    counters: dict[str, Counter[str]] = {}
    if not chosen:  # the common case: plain counts, no per-row bookkeeping
        passing = {row[0] for row in rows}
        for index, facet in enumerate(names, 1):
            counters[facet] = Counter(str(row[index]) for row in rows
                                      if row[index] is not None)
        counters["tag"] = Counter(t for i, values in tags.items() if i in passing
                                  for t in values)
        return passing, {facet: _top(counter) for facet, counter in counters.items()}
    counters = {facet: Counter() for facet in FACETS}
    passing = set()
    for row in rows:
        values = {f: {str(row[i])} if row[i] is not None else set()
                  for i, f in enumerate(names, 1)}
        values["tag"] = tags.get(row[0], set())
        failed = [f for f, wanted in chosen.items() if not values[f] & wanted]
        if not failed:
            passing.add(row[0])
        for facet in FACETS:
            if not failed or failed == [facet]:
                counters[facet].update(values[facet])
    return passing, {facet: _top(counter) for facet, counter in counters.items()}


def newest(session: Session, levels: Sequence[str], filters: Filters, limit: int
           ) -> list[int]:
    """The ids of the newest `limit` visible items passing `filters`: read newest first
    along the items' key, each checked as it comes, until `limit` pass. A year that few
    items have is found from the acquired_at index instead (walking the key would read
    every item to find none): SQLite cannot tell which way is cheaper from its statistics
    (a common year read from the index cost 1.5 s at 100,000 items, sorted; 30 ms along
    the key), so it is told. A media type that few items have likewise comes from the
    media type index (a type no item has cost 726 ms at 100,000 items along the key)."""
    if session.get_bind().dialect.name == "postgresql":  # its statistics tell it the way
        return list(session.scalars(_joined(select(Item.id)).where(
            *conditions(levels, filters, by_statistics=True))
            .order_by(Item.id.desc()).limit(limit)))
    where = conditions(levels, filters)
    years = filters.get("year")
    ranges = _year_ranges(years) if years else None
    if ranges is not None and _few_in(session, ranges):
        where.append(ranges)
    types = filters.get("media_type")
    of_type = _of_type(session, types) if types else None
    if of_type is not None:  # by key: no planner can take that for a walk of the items
        where.append(_ids_clause(session, of_type, Item.id))
    return list(session.scalars(_joined(select(Item.id)).where(*where)
                                .order_by(Item.id.desc()).limit(limit)))
