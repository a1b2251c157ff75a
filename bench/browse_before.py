"""Browsing without words (the search page with no query, the items API), before and
after its count was bounded, on one workspace in one process: the previous path (commit
553de08: count every visible item passing the filters, then one GROUP BY per facet over
all of them; the statements copied below, nothing of gavah uses them) against the
current one (the newest 1,000 passing items, facets counted over those). Median of 5
alternating rounds, in ms; the machine's load is printed with each row.

Run: .venv/bin/python bench/browse_before.py HOME [DATABASE_URL]
(e.g. a workspace kept by `bench/bench_scale.py --keep`)."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gavah.pipelines import browse
from gavah.store import facets
from gavah.store.tables import Blob, Item, ItemTag
from gavah.store.workspace import Workspace

LEVELS = ["public", "restricted", "confidential"]  # the bench analyst's clearance
CASES = [("no filter", {}), ("a year every item has", {"year": ["2026"]}),
         ("a year no item has", {"year": ["2019"]}),
         ("a media type every item has", {"media_type": ["text/plain"]}),
         ("a media type no item has", {"media_type": ["image/png"]}),
         ("one level (20% of items)", {"classification": ["restricted"]})]


def _where(filters: dict[str, list[str]], skip: str | None = None) -> list[Any]:
    year = func.substr(Item.acquired_at, 1, 4)
    columns = {"source": Item.source, "media_type": Blob.media_type,
               "language": Blob.language, "year": year, "classification": Item.classification}
    out = [Item.classification.in_(LEVELS)]
    for facet, values in filters.items():
        if facet == skip:
            continue
        out.append(Item.id.in_(select(ItemTag.item_id).where(ItemTag.tag.in_(values)))
                   if facet == "tag" else columns[facet].in_(values))
    return out


def before(session: Any, filters: dict[str, list[str]]) -> int:
    """The previous page(): count and 20 ids; counts(): a GROUP BY per facet."""
    joined = Item.__table__.join(Blob.__table__, Blob.sha256 == Item.sha256)
    total = session.scalar(select(func.count(Item.id)).select_from(joined)
                           .where(*_where(filters)))
    session.execute(select(Item.id).select_from(joined).where(*_where(filters))
                    .order_by(Item.id.desc()).limit(20)).all()
    year = func.substr(Item.acquired_at, 1, 4)
    for facet, column in (("source", Item.source), ("media_type", Blob.media_type),
                          ("language", Blob.language), ("year", year),
                          ("classification", Item.classification)):
        session.execute(select(column, func.count(func.distinct(Item.id))).select_from(joined)
                        .where(*_where(filters, facet), column.is_not(None))
                        .group_by(column)).all()
    session.execute(select(ItemTag.tag, func.count(func.distinct(Item.id))).select_from(
        joined.join(ItemTag.__table__, ItemTag.item_id == Item.id))
        .where(*_where(filters, "tag")).group_by(ItemTag.tag)).all()
    return int(total or 0)


def now(session: Any, filters: dict[str, list[str]]) -> int:
    ids = facets.newest(session, LEVELS, filters, facets.BROWSE_CAP + 1)
    browse._newest_facets(session, LEVELS, filters, ids)
    return len(ids)


def main() -> None:
    ws = Workspace.init(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else None)[0]
    print(f"{ws.db.dialect}: | filter | items before | before ms | items now | now ms | load |")
    for name, filters in CASES:
        times: dict[str, list[float]] = {"before": [], "now": []}
        counted = {}
        for _ in range(5):
            for label, path in (("before", before), ("now", now)):
                with ws.db.read() as session:
                    started = time.perf_counter()
                    counted[label] = path(session, filters)
                    times[label].append((time.perf_counter() - started) * 1000)
        capped = "+" if counted["now"] > facets.BROWSE_CAP else ""
        print(f"| {name} | {counted['before']:,} | {statistics.median(times['before']):.0f} | "
              f"{min(counted['now'], facets.BROWSE_CAP):,}{capped} | "
              f"{statistics.median(times['now']):.0f} | {os.getloadavg()[0]:.1f} |", flush=True)


if __name__ == "__main__":
    main()
