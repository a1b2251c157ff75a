"""Linkages drawn from pair probabilities, and estimates pooled over them."""

from __future__ import annotations

import numpy as np
import pytest

from gavah.core.errors import BadInput
from gavah.core.estimate import CaptureTable, Scenario, estimate, simulate_people
from gavah.core.estimate.pooling import pool
from gavah.core.victims.clusters import Decision, cluster
from gavah.core.victims.draws import draw_linkages, extreme_linkages


def test_draws_follow_probabilities_and_keep_decisions() -> None:
    ids = [1, 2, 3, 4, 5, 6, 7]
    pairs = [(1, 2, 0.8), (6, 7, 0.2), (3, 4, 0.5), (4, 5, 0.5), (1, 3, 0.99)]
    decisions = [Decision(4, 5, False), Decision(2, 5, True)]
    draws = list(draw_linkages(ids, pairs, decisions, 400, np.random.default_rng(1)))
    together_12 = np.mean([d[1] == d[2] for d in draws])
    together_67 = np.mean([d[6] == d[7] for d in draws])
    assert 0.74 < together_12 < 0.86 and 0.14 < together_67 < 0.27
    assert all(d[4] != d[5] for d in draws)  # "different" holds in every draw
    assert all(d[2] == d[5] for d in draws)  # "same" holds in every draw
    # A chain of accepted pairs never crosses a "different" decision: 3-4 joins only
    # when 4 is not already with 5's person through 1-2-5 and 1-3.
    assert all(not (d[3] == d[4] == d[5]) for d in draws)


def test_extremes() -> None:
    ids = [1, 2, 3, 4]
    pairs = [(1, 2, 0.95), (2, 3, 0.5), (3, 4, 0.1)]
    every, none = extreme_linkages(ids, pairs, [], low=0.3, high=0.9)
    assert len(set(every.values())) == 2 and every[1] == every[3] != every[4]
    assert len(set(none.values())) == 3 and none[1] == none[2] != none[3]


def _table(seed: int) -> CaptureTable:
    on = simulate_people(Scenario(600, ("A", "B", "C"), ((1.0, (0.4, 0.3, 0.35)),)),
                         np.random.default_rng(seed))
    return CaptureTable.from_memberships(
        [[("A", "B", "C")[j] for j in np.flatnonzero(r)] for r in on if r.any()],
        ["A", "B", "C"])


@pytest.mark.parametrize("method", ["loglinear", "lcmcr"])
def test_pooling_widens_by_the_spread_between_linkages(method: str) -> None:
    options = {"samples": 400, "burnin": 400} if method == "lcmcr" else {}
    same = [estimate(_table(3), method, seed=i, **options) for i in range(4)]
    apart = [estimate(_table(s), method, seed=s, **options) for s in (3, 4, 5, 6)]
    one = pool(same, np.random.default_rng(0))
    many = pool(apart, np.random.default_rng(0))
    share_one = one.diagnostics["linkage_uncertainty"]["linkage_share_of_width"]
    share_many = many.diagnostics["linkage_uncertainty"]["linkage_share_of_width"]
    assert one.lower <= one.estimate <= one.upper
    assert share_one < 0.1 < share_many
    assert many.upper - many.lower > np.mean([e.upper - e.lower for e in apart])
    assert "pooled over 4 imputed linkages" in many.interval


def test_pooled_warnings_are_said_once() -> None:
    # Each linkage's table has its own counts; the pooled estimate says a warning once,
    # with how many linkages gave it, and checks its own interval, not each linkage's.
    from dataclasses import replace

    from gavah.core.estimate.checks import interval_warnings

    base = [estimate(_table(s), "loglinear", seed=s) for s in (3, 4, 5)]
    wide = [replace(e, upper=e.upper + 10 * e.estimate) for e in base]
    noted = [replace(e, warnings=[f"only {e.documented} people documented",
                                  "lists A and B are dependent",
                                  *interval_warnings(e.estimate, e.lower, e.upper, e.documented)])
             for e in wide]
    assert all(any("very wide" in w for w in e.warnings) for e in noted)
    got = pool(noted, np.random.default_rng(0))
    assert "lists A and B are dependent" in got.warnings
    documented = [w for w in got.warnings if "people documented" in w]
    assert len({e.documented for e in base}) > 1  # so the counts differ between linkages
    assert documented == [f"in 3 of 3 imputed linkages, e.g.: only {base[0].documented} "
                          "people documented"]
    assert not any("very wide interval" in w for w in got.warnings)  # this one is narrow
    assert len(got.warnings) == 2


def test_pool_needs_draws() -> None:
    # The chosen model alone without a bootstrap has no draws (an average always has).
    got = estimate(_table(3), "loglinear", bootstrap=0, average=None)
    with pytest.raises(BadInput, match="no imputation"):
        pool([got], np.random.default_rng(0))


def test_one_person_per_list_in_clusters_and_draws() -> None:
    # A1 ~ B1 ~ A2 (a chain through list B) would put A1 and A2 in one person; their
    # own pair is weak. A3 ~ A4 is a list's own duplicate, linked directly.
    ids = [1, 2, 3, 4, 5]
    list_of = {1: "A", 2: "B", 3: "A", 4: "A", 5: "A"}
    pairs = [(1, 2, 0.95), (2, 3, 0.92), (1, 3, 0.2), (4, 5, 0.97)]
    free = cluster(ids, pairs, 0.9).person_of
    assert free[1] == free[3]
    held = cluster(ids, pairs, 0.9, (), list_of)
    assert held.person_of[1] == held.person_of[2] != held.person_of[3]
    assert held.person_of[4] == held.person_of[5] and held.refused == [(2, 3)]
    draws = list(draw_linkages(ids, pairs, [], 400, np.random.default_rng(2), list_of))
    together = np.mean([d[1] == d[3] for d in draws])
    assert 0.12 < together < 0.28  # only when their own pair (0.2) is drawn
    unconstrained = list(draw_linkages(ids, pairs, [], 400, np.random.default_rng(2)))
    assert np.mean([d[1] == d[3] for d in unconstrained]) > 0.8  # closure chains them
