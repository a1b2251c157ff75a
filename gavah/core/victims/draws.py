"""Plausible linkages drawn from pairwise match probabilities, for carrying linkage
uncertainty into an estimate by multiple imputation.

Each draw accepts every undecided pair independently with its match probability, then
groups records as `cluster` does: reviewers' decisions stay fixed in every draw ("same"
always joins, "different" is never crossed, even through a chain of accepted pairs).
Treating pairs as independent is an approximation: a full posterior over partitions
(Steorts, Hall and Fienberg 2016; Sadinle 2017 for bipartite matchings) would make the
draws respect transitivity in the model itself rather than by closure afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from gavah.core.victims.clusters import Decision, cluster, latest_decisions, pair


def draw_linkages(ids: Sequence[int], pairs: Sequence[tuple[int, int, float]],
                  decisions: Sequence[Decision], draws: int,
                  rng: np.random.Generator) -> Iterator[dict[int, int]]:
    """`draws` partitions of `ids` (record id -> person id), one per imputation."""
    known = set(ids)
    fixed = latest_decisions(d for d in decisions if d.a in known and d.b in known)
    open_pairs = [(pair(a, b), p) for a, b, p in pairs
                  if pair(a, b) not in fixed and a in known and b in known]
    probabilities = np.array([p for _, p in open_pairs], dtype=float)
    for _ in range(draws):
        accepted = rng.random(len(open_pairs)) < probabilities
        chosen = [(a, b, 1.0) for ((a, b), _), keep in zip(open_pairs, accepted, strict=True)
                  if keep]
        yield cluster(ids, chosen, 0.5, decisions).person_of


def extreme_linkages(ids: Sequence[int], pairs: Sequence[tuple[int, int, float]],
                     decisions: Sequence[Decision], low: float, high: float
                     ) -> tuple[dict[int, int], dict[int, int]]:
    """The persons if every undecided pair in [low, high) were a match, and if none were
    (pairs at or above `high` join in both, as in a linkage run)."""
    sure = [(a, b, p) for a, b, p in pairs if p >= high]
    maybe = [(a, b, high) for a, b, p in pairs if low <= p < high]
    return (cluster(ids, sure + maybe, high, decisions).person_of,
            cluster(ids, sure, high, decisions).person_of)
