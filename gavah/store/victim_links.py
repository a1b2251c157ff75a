"""Linkage runs, their scored pairs and clusters, and reviewers' decisions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, insert, or_, select
from sqlalchemy.orm import Session

from gavah.core.errors import NotFound
from gavah.core.victims.clusters import Decision, pair
from gavah.store.victim_tables import LinkCluster, LinkDecision, LinkPair, LinkRun, VictimRecord

CHUNK = 5000


def add_run(session: Session, **fields: Any) -> int:
    run = LinkRun(**fields)
    session.add(run)
    session.flush()
    return run.id


def add_pairs(session: Session, run_id: int, rows: Sequence[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(LinkPair), [{"run_id": run_id, **row}
                                           for row in rows[start:start + CHUNK]])


def add_clusters(session: Session, run_id: int, person_of: dict[int, int]) -> None:
    rows = [{"run_id": run_id, "record_id": r, "person_id": p} for r, p in person_of.items()]
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(LinkCluster), rows[start:start + CHUNK])


def latest_run(session: Session) -> LinkRun | None:
    return session.scalars(select(LinkRun).order_by(LinkRun.id.desc()).limit(1)).first()


def get_run(session: Session, run_id: int | None = None) -> LinkRun:
    run = latest_run(session) if run_id is None else session.get(LinkRun, run_id)
    if run is None:
        raise NotFound("no linkage run yet; run `gavah victims link`" if run_id is None
                       else f"no linkage run {run_id}")
    return run


def run_dict(run: LinkRun, *, settings: bool = False) -> dict[str, Any]:
    out = {
        "id": run.id, "started_at": run.started_at, "finished_at": run.finished_at,
        "actor": run.actor, "backend": run.backend, "splink_version": run.splink_version,
        "threshold": run.threshold, "review_low": run.review_low,
        "review_high": run.review_high, "parameters": json.loads(run.parameters_json),
        "input_sha256": run.input_sha256, "records": run.records, "pairs": run.pairs,
        "persons": run.persons, "review": run.review,
        "warnings": json.loads(run.warnings_json),
    }
    if settings:
        out["settings"] = json.loads(run.settings_json)
    return out


def runs(session: Session) -> list[LinkRun]:
    return list(session.scalars(select(LinkRun).order_by(LinkRun.id)))


def pairs_of(session: Session, run_id: int, *, review_only: bool = False
             ) -> list[LinkPair]:
    query = select(LinkPair).where(LinkPair.run_id == run_id)
    if review_only:
        query = query.where(LinkPair.in_review.is_(True))
    return list(session.scalars(query.order_by(LinkPair.probability.desc(), LinkPair.record_a,
                                               LinkPair.record_b)))


def pair_probability(session: Session, run_id: int, a: int, b: int) -> float | None:
    lo, hi = pair(a, b)
    row = session.get(LinkPair, (run_id, lo, hi))
    return row.probability if row is not None else None


def add_decision(session: Session, **fields: Any) -> int:
    row = LinkDecision(**fields)
    session.add(row)
    session.flush()
    return row.id


def decisions(session: Session) -> list[LinkDecision]:
    """Every decision, oldest first (the order in which they take effect)."""
    return list(session.scalars(select(LinkDecision).order_by(LinkDecision.id)))


def as_constraints(rows: Sequence[LinkDecision]) -> list[Decision]:
    return [Decision(r.record_a, r.record_b, r.decision == "same") for r in rows]


def decisions_on(session: Session, a: int, b: int) -> list[LinkDecision]:
    lo, hi = pair(a, b)
    return list(session.scalars(select(LinkDecision).where(or_(
        and_(LinkDecision.record_a == lo, LinkDecision.record_b == hi),
        and_(LinkDecision.record_a == hi, LinkDecision.record_b == lo),
    )).order_by(LinkDecision.id)))


def decision_dict(row: LinkDecision) -> dict[str, Any]:
    return {"id": row.id, "a": row.record_a, "b": row.record_b, "decision": row.decision,
            "reason": row.reason, "actor": row.actor, "decided_at": row.decided_at,
            "run_id": row.run_id, "probability": row.probability}


def records_by_id(session: Session, ids: Sequence[int]) -> dict[int, VictimRecord]:
    out: dict[int, VictimRecord] = {}
    wanted = list(dict.fromkeys(ids))
    for start in range(0, len(wanted), 500):
        for row in session.scalars(select(VictimRecord).where(
                VictimRecord.id.in_(wanted[start:start + 500]))):
            out[row.id] = row
    return out


def pairs_touching(session: Session, run_id: int, ids: Sequence[int]) -> list[LinkPair]:
    """A run's scored pairs with at least one record among `ids`, most likely first."""
    wanted = sorted(set(ids))
    found: dict[tuple[int, int], LinkPair] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for row in session.scalars(select(LinkPair).where(
                LinkPair.run_id == run_id,
                or_(LinkPair.record_a.in_(chunk), LinkPair.record_b.in_(chunk)))):
            found[(row.record_a, row.record_b)] = row
    return sorted(found.values(), key=lambda r: (-r.probability, r.record_a, r.record_b))


def decisions_naming(session: Session, ids: Sequence[int]) -> list[LinkDecision]:
    """Decisions with at least one record among `ids`, oldest first."""
    wanted = sorted(set(ids))
    found: dict[int, LinkDecision] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for row in session.scalars(select(LinkDecision).where(or_(
                LinkDecision.record_a.in_(chunk), LinkDecision.record_b.in_(chunk)))):
            found[row.id] = row
    return [found[i] for i in sorted(found)]
