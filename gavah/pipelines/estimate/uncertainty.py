"""Linkage uncertainty carried into an estimate.

The persons of a linkage run are one guess. Here the estimate is made again on many
linkages drawn from the run's pair probabilities (reviewers' decisions fixed in every
draw) and the results pooled: multiple imputation of the linkage, in the spirit of
Sadinle (2018) and of Tancredi and Liseo (2011) / Steorts et al. (2016) who model the
linkage and the count jointly (docs/linkage.md). Alongside: how many uncertain pairs
are undecided, and the estimate if every one of them were a match, and if none were.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np

from gavah.core.estimate import CaptureTable, Estimate, estimate
from gavah.core.estimate.pooling import pool
from gavah.core.victims.clusters import Decision
from gavah.core.victims.draws import draw_linkages, extreme_linkages
from gavah.store import victim_links as links
from gavah.store import victims as store
from gavah.store.workspace import Workspace


def table_of(person_of: Mapping[int, int], list_of: Mapping[int, str],
             lists: Sequence[str]) -> CaptureTable:
    """The capture-history table of a partition: each person's set of chosen lists."""
    on: dict[int, set[str]] = {}
    for record, person in person_of.items():
        name = list_of[record]
        if name in lists:
            on.setdefault(person, set()).add(name)
    return CaptureTable.from_memberships([s for s in on.values() if s], lists)


def linkage_inputs(ws: Workspace, visible: Collection[str] | None
                   ) -> tuple[dict[int, str], list[tuple[int, int, float]], list[Decision],
                              float, float]:
    """Records (id -> list) of the visible lists, the latest run's pairs among them,
    the decisions, and the run's threshold and lower bound for review."""
    with ws.db.read() as session:
        run = links.latest_run(session)
        if run is None:
            return {}, [], [], 1.0, 1.0
        list_of = store.record_lists(session, visible)
        pairs = [(p.record_a, p.record_b, p.probability)
                 for p in links.pairs_of(session, run.id)
                 if p.record_a in list_of and p.record_b in list_of]
        decisions = links.as_constraints(links.decisions(session))
        return list_of, pairs, decisions, run.threshold, run.review_low


def with_uncertainty(ws: Workspace, result: Estimate, *, lists: Sequence[str], method: str,
                     seed: int, imputations: int, visible: Collection[str] | None
                     ) -> tuple[Estimate, dict[str, Any]]:
    """`result` (the estimate on the run's persons) pooled with estimates on
    `imputations` drawn linkages, and what the undecided pairs could change."""
    list_of, pairs, decisions, threshold, review_low = linkage_inputs(ws, visible)
    ids = sorted(list_of)
    decided = {(min(d.a, d.b), max(d.a, d.b)) for d in decisions}
    undecided = [(a, b, p) for a, b, p in pairs
                 if review_low <= p < threshold and (a, b) not in decided]
    info: dict[str, Any] = {"undecided_pairs": len(undecided), "imputations": 0}
    if undecided:
        every, none = extreme_linkages(ids, pairs, decisions, review_low, threshold,
                                       list_of)
        info["if_all_matches"] = _point(table_of(every, list_of, lists), method, seed)
        info["if_none_match"] = _point(table_of(none, list_of, lists), method, seed)
    if imputations <= 0 or not pairs:
        return result, info
    rng = np.random.default_rng(seed)
    # Log-linear: each linkage's estimate is averaged over models by BIC weight (the
    # default), not one chosen model read as if known (gavah/core/estimate/averaging.py).
    estimates = [estimate(table_of(person_of, list_of, lists), method, seed=seed + i + 1)
                 for i, person_of in enumerate(draw_linkages(ids, pairs, decisions,
                                                             imputations, rng, list_of))]
    pooled = pool(estimates, rng)
    share = (pooled.diagnostics or {}).get("linkage_uncertainty", {})
    info.update(imputations=imputations, **{k: v for k, v in share.items()
                                            if k != "imputations"})
    info["one_linkage"] = {"estimate": _finite(result.estimate),
                           "lower": _finite(result.lower), "upper": _finite(result.upper),
                           "model": result.model}
    if result.chosen is not None:
        # Drawn linkages may each choose another model: the one reported is the run's.
        pooled.chosen = {**result.chosen, "on": "the linkage run's persons only, not pooled"}
    pooled.warnings = [w for w in result.warnings if w not in pooled.warnings] + pooled.warnings
    return pooled, info


def _finite(value: float) -> float | None:
    """JSON has no NaN or infinity: an unusable number is null."""
    return float(value) if np.isfinite(value) else None


def _point(table: CaptureTable, method: str, seed: int) -> float | None:
    return _finite(estimate(table, method, seed=seed).estimate)
