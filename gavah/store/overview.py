"""What the dashboard shows: counts, recent custody entries, the last verify run."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select, union
from sqlalchemy.orm import Session

from gavah.core.actions import read_actions
from gavah.core.custody import read_items
from gavah.store.custody import details_of, to_entry
from gavah.store.tables import Blob, CustodyEntry, CustodyItem, Derivative, Item, VerifyRun


def counts(session: Session, levels: Sequence[str]) -> dict[str, Any]:
    """Items by classification and extraction state, and their derivatives; they change
    only with changes (custody entries that are not reads)."""
    by_level = dict(session.execute(
        select(Item.classification, func.count(Item.id))
        .where(Item.classification.in_(list(levels))).group_by(Item.classification)).all())
    by_state = dict(session.execute(
        select(Blob.extraction, func.count(Item.id)).join(Item, Item.sha256 == Blob.sha256)
        .where(Item.classification.in_(list(levels))).group_by(Blob.extraction)).all())
    # Counted over visible items only: totals would tell that hidden material exists.
    visible_shas = select(Item.sha256).where(Item.classification.in_(list(levels)))
    return {
        "items": sum(by_level.values()),
        "by_classification": {level: int(by_level.get(level, 0)) for level in levels},
        "by_extraction": {str(k): int(v) for k, v in by_state.items()},
        "derivatives": int(session.scalar(select(func.count(Derivative.id)).where(
            Derivative.source_sha256.in_(visible_shas))) or 0),
    }


def custody_count(session: Session, levels: Sequence[str], upto: int) -> int:
    """Custody entries about visible items with seq <= upto, each once (an entry may
    name several). A union of two index lookups: with OR, PostgreSQL looked up the read
    index for every entry (minutes with a few hundred thousand reads)."""
    visible = select(Item.id).where(Item.classification.in_(list(levels)))
    return int(session.scalar(select(func.count()).select_from(union(
        select(CustodyEntry.seq).where(CustodyEntry.item_id.in_(visible),
                                       CustodyEntry.seq <= upto),
        select(CustodyItem.seq).where(CustodyItem.item_id.in_(visible),
                                      CustodyItem.seq <= upto)).subquery())) or 0)


def custody_count_since(session: Session, levels: Sequence[str], after: int) -> tuple[int, int]:
    """(the newest seq, the entries after `after` about visible items): a walk of the
    seq index from `after`, for the few entries (mostly reads) since a count was kept."""
    about: list[tuple[int, list[int]]] = []
    for row in session.execute(select(
            CustodyEntry.seq, CustodyEntry.item_id, CustodyEntry.details)
            .where(CustodyEntry.seq > after).order_by(CustodyEntry.seq)):
        ids = [row.item_id] if row.item_id is not None else \
            read_items(None, details_of(row.details))
        if ids:
            about.append((row.seq, ids))
        after = row.seq
    wanted = sorted({i for _, ids in about for i in ids})
    shown: set[int] = set()
    for start in range(0, len(wanted), 500):
        shown.update(session.scalars(select(Item.id).where(
            Item.id.in_(wanted[start:start + 500]), Item.classification.in_(list(levels)))))
    return after, sum(1 for _, ids in about if not shown.isdisjoint(ids))


def recent_entries(session: Session, levels: Sequence[str], include_unattached: bool,
                   limit: int) -> list[dict[str, Any]]:
    """Newest changes (not reads) to items the reader may see; entries about no item
    (account changes) only when include_unattached."""
    visible = CustodyEntry.item_id.in_(
        select(Item.id).where(Item.classification.in_(list(levels))))
    where = or_(visible, CustodyEntry.item_id.is_(None)) if include_unattached else visible
    rows = session.scalars(
        select(CustodyEntry).where(CustodyEntry.action.not_in(read_actions()), where)
        .order_by(CustodyEntry.seq.desc()).limit(limit))
    return [to_entry(row).to_dict() for row in rows]


def classifications(session: Session, item_ids: Sequence[int]) -> dict[int, str]:
    if not item_ids:
        return {}
    return dict(session.execute(select(Item.id, Item.classification)
                                .where(Item.id.in_(list(item_ids)))).all())


def last_verify(session: Session) -> dict[str, Any] | None:
    run = session.scalar(select(VerifyRun).order_by(VerifyRun.id.desc()).limit(1))
    if run is None:
        return None
    return {"started_at": run.started_at, "finished_at": run.finished_at, "ok": run.ok,
            "items_checked": run.items_checked, "entries_checked": run.entries_checked,
            "blobs_checked": run.blobs_checked, "problems": json.loads(run.problems or "[]")}
