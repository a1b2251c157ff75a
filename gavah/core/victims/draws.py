"""Plausible linkages drawn from pairwise match probabilities, for carrying linkage
uncertainty into an estimate by multiple imputation.

Each draw accepts every undecided pair independently with its match probability, then
resolves the accepted pairs into persons as `cluster` does, strongest first: reviewers'
decisions stay fixed in every draw ("same" always joins, "different" is never crossed,
even through a chain of accepted pairs), and, given each record's list, a chain of
accepted pairs never puts two records of one list into one person unless their own
pair was accepted. Without that constraint the transitive closure of independent
draws merges persons too much: with n lists, a cluster of k records needs only k-1 of
its pairs accepted, so chains through one uncertain pair join people no pair links
directly. The constraint is Sadinle's (2017) bipartite matching (a record of one file
matches at most one record of another) relaxed for a list's own duplicates; a full
posterior over partitions (Steorts, Hall and Fienberg 2016) would put transitivity
into the model itself (docs/linkage.md).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import numpy as np

from gavah.core.victims.clusters import Decision, cluster, latest_decisions, pair


def draw_linkages(ids: Sequence[int], pairs: Sequence[tuple[int, int, float]],
                  decisions: Sequence[Decision], draws: int,
                  rng: np.random.Generator, list_of: Mapping[int, str] | None = None
                  ) -> Iterator[dict[int, int]]:
    """`draws` partitions of `ids` (record id -> person id), one per imputation; with
    `list_of` (record -> list), one list names a person once (see above)."""
    known = set(ids)
    fixed = latest_decisions(d for d in decisions if d.a in known and d.b in known)
    open_pairs = [(pair(a, b), p) for a, b, p in pairs
                  if pair(a, b) not in fixed and a in known and b in known]
    probabilities = np.array([p for _, p in open_pairs], dtype=float)
    for _ in range(draws):
        accepted = rng.random(len(open_pairs)) < probabilities
        chosen = [(a, b, p) for ((a, b), p), keep in zip(open_pairs, accepted, strict=True)
                  if keep]
        yield cluster(ids, chosen, 0.0, decisions, list_of).person_of


def extreme_linkages(ids: Sequence[int], pairs: Sequence[tuple[int, int, float]],
                     decisions: Sequence[Decision], low: float, high: float,
                     list_of: Mapping[int, str] | None = None
                     ) -> tuple[dict[int, int], dict[int, int]]:
    """The persons if every undecided pair in [low, high) were a match, and if none were
    (pairs at or above `high` join in both, as in a linkage run)."""
    sure = [(a, b, p) for a, b, p in pairs if p >= high]
    maybe = [(a, b, high) for a, b, p in pairs if low <= p < high]
    return (cluster(ids, sure + maybe, high, decisions, list_of).person_of,
            cluster(ids, sure, high, decisions, list_of).person_of)
