"""The review queue (pairs the model is unsure of) and reviewers' decisions.

A decision is an append-only row (who, when, why) plus a custody entry; it takes
effect at the next `gavah victims link`, which treats "same" as must-link and
"different" as cannot-link. A later decision on the same pair overrides an earlier
one; both stay on record.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from gavah.core.custody import utc_now
from gavah.core.errors import BadInput
from gavah.core.estimate import CaptureTable
from gavah.core.estimate.sensitivity import effect, merge_effects
from gavah.core.names import name_similarity
from gavah.core.victims.clusters import pair
from gavah.store import victim_links as links
from gavah.store import victims as store
from gavah.store.victim_tables import VictimRecord
from gavah.store.workspace import Workspace

DECISIONS = ("same", "different")
_SHOWN = ("id", "list", "source_ref", "name", "father_name", "sex", "birth_year", "age",
          "death_date", "death_date_start", "death_date_end", "prison", "death_place",
          "person_id")


def _brief(row: VictimRecord) -> dict[str, Any]:
    full = store.record_dict(row)
    return {key: full[key] for key in _SHOWN}


def _sim(a: str | None, b: str | None) -> float | None:
    return name_similarity(a, b) if a and b else None


def evidence(a: VictimRecord, b: VictimRecord) -> dict[str, Any]:
    """What a reviewer compares first, computed the way the model sees it."""
    return {
        "name_similarity": _sim(a.name, b.name),
        "father_similarity": _sim(a.father_name, b.father_name),
        "birth_years": [a.birth_year, b.birth_year],
        "death_dates": [a.death_date, b.death_date],
        "prisons": [a.prison, b.prison],
        "same_list": a.list_name == b.list_name,
    }


def queue(ws: Workspace, run_id: int | None = None, *, include_decided: bool = False,
          levels: Sequence[str] | None = None) -> dict[str, Any]:
    """Uncertain pairs of a run (default: the newest), those whose decision would move
    the estimate most first (then the most likely); see `_by_impact`."""
    with ws.db.read() as session:
        run = links.get_run(session, run_id)
        rows = links.pairs_of(session, run.id, review_only=True)
        decided = {pair(d.record_a, d.record_b): d for d in links.decisions(session)}
        records = links.records_by_id(session, [i for r in rows for i in (r.record_a,
                                                                          r.record_b)])
        visible = {r.id for r in store.find_records(session, levels=levels)} if levels else None
        out = []
        for row in rows:
            key = (row.record_a, row.record_b)
            if (key in decided and not include_decided) or (
                    visible is not None and not {row.record_a, row.record_b} <= visible):
                continue
            a, b = records[row.record_a], records[row.record_b]
            item: dict[str, Any] = {"a": _brief(a), "b": _brief(b),
                                    "probability": round(row.probability, 6),
                                    "match_weight": round(row.match_weight, 4),
                                    "evidence": evidence(a, b)}
            if key in decided:
                item["decision"] = links.decision_dict(decided[key])
            out.append(item)
        persons = {r.id: (r.person_id, r.list_name)
                   for r in store.find_records(session, levels=levels)} if out else {}
    return {"run_id": run.id, "review_low": run.review_low, "threshold": run.threshold,
            "order": _by_impact(out, persons), "pairs": out}


def _by_impact(items: list[dict[str, Any]], persons: dict[int, tuple[int | None, str]]) -> str:
    """Sort `items` by how far calling each pair "same" would move the log-linear
    estimate users are shown, the average over models by BIC weight (its
    `estimate_change`, `sensitivity.merge_effects`), largest first. Computed from the
    persons the reader may see; with fewer than three lists there is no estimate to move
    and the order stays by probability."""
    lists_of: dict[int, set[str]] = {}
    for person, list_name in persons.values():
        if person is not None:
            lists_of.setdefault(person, set()).add(list_name)
    names = sorted({n for on in lists_of.values() for n in on})
    if len(names) < 3 or not items:
        return "probability"
    table = CaptureTable.from_memberships(lists_of.values(), names)

    def histories(item: dict[str, Any]) -> tuple[frozenset[str], frozenset[str]] | None:
        pa, pb = (persons.get(item[k]["id"], (None, ""))[0] for k in ("a", "b"))
        if pa is None or pb is None or pa == pb:
            return None  # already one person: "same" changes nothing
        return frozenset(lists_of[pa]), frozenset(lists_of[pb])

    pairs = [histories(item) for item in items]
    effects = merge_effects(table, [h for h in pairs if h is not None])
    for item, h in zip(items, pairs, strict=True):
        change = effect(effects, *h) if h is not None else 0.0
        item["estimate_change"] = round(change, 2) if math.isfinite(change) else None
    items.sort(key=lambda i: (-abs(i["estimate_change"] or 0.0), -i["probability"]))
    return "estimate change"


def decide(ws: Workspace, a: int, b: int, decision: str, reason: str, actor: str
           ) -> dict[str, Any]:
    decision = decision.strip().lower()
    if decision not in DECISIONS:
        raise BadInput(f"{decision!r} is not one of {', '.join(DECISIONS)}", field="decision")
    if a == b:
        raise BadInput("a record is always the same person as itself; name two records")
    if not reason or not reason.strip():
        raise BadInput("a decision needs a reason: say why (it is kept with the decision)",
                       field="reason")
    lo, hi = pair(a, b)
    with ws.db.write() as session:
        first, second = store.get_record(session, lo), store.get_record(session, hi)
        run = links.latest_run(session)
        probability = links.pair_probability(session, run.id, lo, hi) if run else None
        entry = ws.custody.append(session, actor, "victims-decided", first.item_id, {
            "a": lo, "b": hi, "decision": decision, "reason": reason.strip(),
            "lists": [first.list_name, second.list_name],
            "items": [first.item_id, second.item_id],
            "run": run.id if run else None,
        })
        decision_id = links.add_decision(
            session, record_a=lo, record_b=hi, decision=decision, reason=reason.strip(),
            actor=actor, decided_at=utc_now(), run_id=run.id if run else None,
            probability=probability, custody_seq=entry.seq)
        earlier = [links.decision_dict(d) for d in links.decisions_on(session, lo, hi)
                   if d.id != decision_id]
    return {"id": decision_id, "a": lo, "b": hi, "decision": decision,
            "reason": reason.strip(), "actor": actor, "run_id": run.id if run else None,
            "probability": probability, "overrides": earlier,
            "note": "takes effect at the next `gavah victims link`"}


def history(ws: Workspace) -> list[dict[str, Any]]:
    with ws.db.read() as session:
        return [links.decision_dict(d) for d in links.decisions(session)]
