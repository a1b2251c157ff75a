"""Log-linear estimates averaged over models by BIC or AIC weights (issue 17)."""

import numpy as np
import pytest

from gavah.core.errors import BadInput
from gavah.core.estimate import (
    CaptureTable,
    Scenario,
    compare_models,
    estimate_loglinear,
    simulate_table,
)
from gavah.core.estimate.averaging import averaged_draws, weights
from gavah.core.estimate.pooling import pool
from gavah.core.estimate.profile import profile_draws, profile_interval


@pytest.fixture(scope="module")
def dependent() -> CaptureTable:
    # FICTIONAL: 700 people, four lists, B and C positively dependent (odds x2.5).
    scenario = Scenario(700, ("A", "B", "C", "D"), ((1.0, (0.36, 0.36, 0.36, 0.36)),),
                        {(1, 2): 2.5})
    return simulate_table(scenario, np.random.default_rng(5))


def test_profile_draws_match_the_profile_interval(dependent: CaptureTable) -> None:
    fit = compare_models(dependent, "aic")[0]
    lower, upper, _ = profile_interval(dependent, fit)
    draws = profile_draws(dependent, fit, 20000, np.random.default_rng(1))
    q_lo, q_hi = np.quantile(draws, [0.025, 0.975])
    assert draws.min() >= dependent.documented
    # A flat prior on N against a likelihood-ratio cut: close, not equal.
    assert abs(q_lo - lower) < 0.15 * (upper - lower)
    assert abs(q_hi - upper) < 0.15 * (upper - lower)


def test_weights_favour_the_better_models(dependent: CaptureTable) -> None:
    fits = compare_models(dependent, "bic")
    weighted = weights(fits, "bic")
    assert abs(sum(w for _, w in weighted) - 1.0) < 1e-9
    assert weighted[0][0].model == fits[0].model
    assert [w for _, w in weighted] == sorted((w for _, w in weighted), reverse=True)
    draws, used = averaged_draws(dependent, fits, "bic", 2000, np.random.default_rng(2))
    assert len(draws) == 2000 and used == weighted


@pytest.mark.parametrize("criterion", ["bic", "aic"])
def test_averaged_estimate(dependent: CaptureTable, criterion: str) -> None:
    got = estimate_loglinear(dependent, average=criterion, seed=4)
    assert got.lower < got.estimate < got.upper
    assert f"{criterion.upper()}-weighted average" in got.interval
    assert got.model.startswith("average of")
    models = got.diagnostics["model_average"]["models"]
    assert models[0]["weight"] >= models[-1]["weight"] and models[0]["weight"] <= 1
    assert got.draws is not None and len(got.draws) == 1000
    assert "profile likelihood draws" in (got.draws_kind or "")
    # The same seed gives the same draws: a saved estimate can be repeated.
    again = estimate_loglinear(dependent, average=criterion, seed=4)
    assert (again.lower, again.estimate, again.upper) == (got.lower, got.estimate, got.upper)
    # The chosen model's own estimate and interval, reported beside the average.
    chosen = estimate_loglinear(dependent, seed=4, average=None)
    assert chosen.model.startswith("main effects") and "profile likelihood" in chosen.interval
    assert got.chosen is not None and got.chosen["model"] == chosen.model
    assert (got.chosen["lower"], got.chosen["upper"]) == (chosen.lower, chosen.upper)
    pooled = pool([got, estimate_loglinear(dependent, average=criterion, seed=5)],
                  np.random.default_rng(0))
    assert pooled.lower < pooled.estimate < pooled.upper


def test_averaging_options_are_checked(dependent: CaptureTable) -> None:
    with pytest.raises(BadInput, match="average"):
        estimate_loglinear(dependent, average="cic")
    # A model named by the analyst is that model: nothing is averaged.
    named = estimate_loglinear(dependent, average="bic", model="B:C")
    assert named.model == "main effects + B:C" and named.chosen is None
    assert "profile likelihood" in named.interval


def test_bic_average_is_the_default(dependent: CaptureTable) -> None:
    assert estimate_loglinear(dependent, seed=4).to_dict() == estimate_loglinear(
        dependent, seed=4, average="bic").to_dict()
