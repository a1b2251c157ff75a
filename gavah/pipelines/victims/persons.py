"""One person: every record linked into them, from every list, side by side; the
pairwise evidence between them (match probability, which fields agree); the
decisions that name them; and analysts' split and merge decisions.

A person is derived state: the records a linkage run put together. It is asked for
by any of its record ids and known to a reader by the smallest record id they may
see (its own id, the smallest record, may be in a list above their clearance). A
record the reader may not see is neither shown nor counted, nor is any pair or
decision naming it.

Split and merge are decisions on pairs, append-only like the review queue's: a split
says "different" between the record and each other record of its person, a merge
says "same" between a record of each person. They take effect at the next linkage
run and in every imputation drawn after it (they are fixed constraints).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any

from gavah.core.custody import utc_now
from gavah.core.errors import BadInput
from gavah.core.victims.agreement import compare
from gavah.core.victims.clusters import latest_decisions, pair
from gavah.core.victims.keys import linkage_features
from gavah.pipelines.victims import review
from gavah.store import victim_links as links
from gavah.store import victims as store
from gavah.store.victim_tables import VictimRecord
from gavah.store.workspace import Workspace

Levels = Sequence[str] | None
MAX_PAIRS_OF = 20  # records whose every pair is listed; beyond, only scored pairs


def shown_person_ids(ws: Workspace, rows: list[dict[str, Any]], levels: Levels) -> None:
    """Rewrite each record's `person_id` to the id the reader knows its person by."""
    if levels is None:
        return
    with ws.db.read() as session:
        known = store.shown_persons(session, {r["person_id"] for r in rows
                                              if r.get("person_id") is not None}, levels)
    for row in rows:
        if row.get("person_id") is not None:
            row["person_id"] = known.get(row["person_id"])


def person_of(ws: Workspace, ref: int, levels: Levels) -> int | None:
    """The stored person id of the person a reader names by `ref` (None when `ref` is
    missing, hidden or not linked yet)."""
    with ws.db.read() as session:
        ids = store.visible_ids(session, [ref], levels)
        return store.get_record(session, ref).person_id if ids else None


def members(session: Any, ref: int, levels: Levels) -> list[VictimRecord]:
    """The visible records of the person record `ref` belongs to (NotFound when the
    record is missing or hidden)."""
    first = store.get_record(session, ref, levels)
    if first.person_id is None:
        return [first]
    return store.find_records(session, person_id=first.person_id, levels=levels)


def _brief(row: VictimRecord) -> dict[str, Any]:
    return {"id": row.id, "list": row.list_name, "source_ref": row.source_ref,
            "name": row.name}


def person(ws: Workspace, ref: int, levels: Levels = None) -> dict[str, Any]:
    """The person record `ref` belongs to, as the reader may see them."""
    with ws.db.read() as session:
        rows = members(session, ref, levels)
        ids = [r.id for r in rows]
        run = links.latest_run(session)
        scored = links.pairs_touching(session, run.id, ids) if run else []
        named = links.decisions_naming(session, ids)
        outside = {i for p in scored for i in (p.record_a, p.record_b)} | {
            i for d in named for i in (d.record_a, d.record_b)}
        visible = set(ids) | store.visible_ids(session, outside - set(ids), levels)
        near_rows = links.records_by_id(session, sorted(
            i for i in visible - set(ids)))
        records = [store.record_dict(r) for r in rows]
        nearby_people = store.shown_persons(
            session, {r.person_id for r in near_rows.values() if r.person_id is not None},
            levels) if levels is not None else {
            r.person_id: r.person_id for r in near_rows.values() if r.person_id is not None}
    person_id = min(ids)
    for record in records:
        record["person_id"] = person_id if record["person_id"] is not None else None
    features = {r["id"]: linkage_features(r) for r in records}
    for other in near_rows.values():
        features[other.id] = linkage_features(store.record_dict(other))
    in_force = latest_decisions(links.as_constraints(named))
    pending_after = run.custody_seq if run else 0
    shown_decisions = [links.decision_dict(d) | {"pending": d.custody_seq > pending_after}
                       for d in named if {d.record_a, d.record_b} <= visible]
    probability = {(p.record_a, p.record_b): p for p in scored}
    member_set = set(ids)
    inner = [pair(a, b) for a, b in combinations(sorted(ids), 2)] \
        if len(ids) <= MAX_PAIRS_OF else \
        [k for k in probability if set(k) <= member_set]
    evidence = [_pair(k, probability.get(k), features, in_force) for k in inner]
    threshold = run.review_low if run else 1.0
    nearby = [_pair(k, p, features, in_force) | {
        "record": _brief(near_rows[k[0] if k[1] in member_set else k[1]]),
        "person_id": nearby_people.get(near_rows[k[0] if k[1] in member_set
                                                 else k[1]].person_id or -1)}
        for k, p in probability.items()
        if not set(k) <= member_set and set(k) <= visible and p.probability >= threshold]
    return {
        "id": person_id, "records": records,
        "lists": sorted({r["list"] for r in records}),
        "run": ({"id": run.id, "finished_at": run.finished_at, "threshold": run.threshold,
                 "review_low": run.review_low} if run else None),
        "pairs": evidence, "nearby": nearby, "decisions": shown_decisions,
    }


def _pair(key: tuple[int, int], scored: Any, features: dict[int, dict[str, Any]],
          in_force: dict[tuple[int, int], bool]) -> dict[str, Any]:
    a, b = key
    decided = in_force.get(key)
    return {"a": a, "b": b,
            "probability": round(scored.probability, 6) if scored is not None else None,
            "match_weight": round(scored.match_weight, 4) if scored is not None else None,
            "in_review": bool(scored.in_review) if scored is not None else False,
            "decision": None if decided is None else ("same" if decided else "different"),
            "fields": compare(features[a], features[b])}


def split(ws: Workspace, actor: str, record_id: int, reason: str, levels: Levels = None
          ) -> dict[str, Any]:
    """Record that `record_id` is a different person from every other record of its
    person (those the analyst may see): one "different" decision per pair, one custody
    entry for the whole split."""
    reason = (reason or "").strip()
    if not reason:
        raise BadInput("a split needs a reason: say why (it is kept with the decision)",
                       field="reason")
    with ws.db.write() as session:
        rows = members(session, record_id, levels)
        target = next(r for r in rows if r.id == record_id)
        others = [r for r in rows if r.id != record_id]
        if not others:
            raise BadInput(f"record {record_id} is the only record of its person: there is "
                           "nothing to split it from", field="record")
        run = links.latest_run(session)
        entry = ws.custody.append(session, actor, "victims-split", target.item_id, {
            "record": record_id, "from": [r.id for r in others], "reason": reason,
            "lists": sorted({r.list_name for r in rows}),
            "items": sorted({r.item_id for r in rows}), "run": run.id if run else None,
        })
        now = utc_now()
        made = []
        for other in others:
            lo, hi = pair(record_id, other.id)
            made.append(links.add_decision(
                session, record_a=lo, record_b=hi, decision="different", reason=reason,
                actor=actor, decided_at=now, run_id=run.id if run else None,
                probability=links.pair_probability(session, run.id, lo, hi) if run else None,
                custody_seq=entry.seq))
    return {"record": record_id, "from": [r.id for r in others], "decisions": made,
            "reason": reason, "actor": actor,
            "note": "takes effect at the next `gavah victims link`"}


def merge(ws: Workspace, actor: str, record_id: int, other_id: int, reason: str,
          levels: Levels = None) -> dict[str, Any]:
    """Record that the persons of two records are one person: a "same" decision on
    the two records (the review queue's decision)."""
    with ws.db.read() as session:
        first = members(session, record_id, levels)
        second = members(session, other_id, levels)
    if {r.id for r in first} & {r.id for r in second}:
        raise BadInput(f"records {record_id} and {other_id} are already one person",
                       field="other")
    return review.decide(ws, record_id, other_id, "same", reason, actor)


def visible_decisions(ws: Workspace, levels: Levels = None) -> list[dict[str, Any]]:
    """Every decision whose two records the reader may see, oldest first."""
    with ws.db.read() as session:
        rows = links.decisions(session)
        visible = store.visible_ids(session, {i for d in rows
                                              for i in (d.record_a, d.record_b)}, levels)
    return [links.decision_dict(d) for d in rows if {d.record_a, d.record_b} <= visible]
