"""Stratified estimates sum draw by draw."""

import numpy as np
import pytest

from gavah.core.errors import BadInput
from gavah.core.estimate import (
    CaptureTable,
    combine,
    estimate_stratified,
    homogeneous,
    simulate_table,
)


@pytest.fixture
def strata():
    rng = np.random.default_rng(9)
    return {
        "Evin": simulate_table(homogeneous(1200, [0.3, 0.25, 0.2]), rng),
        "Gohardasht": simulate_table(homogeneous(800, [0.2, 0.3, 0.25]), rng),
    }


def test_loglinear_total_adds_estimates_and_sums_bootstrap_draws(strata):
    total = estimate_stratified(strata, "loglinear", bootstrap=400, seed=5)
    parts = total.strata
    assert set(parts) == {"Evin", "Gohardasht"}
    assert parts["Evin"].stratum == "Evin"
    assert total.documented == sum(t.documented for t in strata.values())
    assert total.estimate == pytest.approx(sum(p.estimate for p in parts.values()))
    summed = parts["Evin"].draws + parts["Gohardasht"].draws
    assert np.array_equal(total.draws, summed)
    assert total.lower == pytest.approx(np.quantile(summed, 0.025))
    # Summing draws, not interval ends: the total's interval is narrower than that.
    assert total.lower > sum(p.lower for p in parts.values())
    assert total.upper < sum(p.upper for p in parts.values())
    assert total.lower <= 2000 <= total.upper


def test_lcmcr_total_is_the_median_of_summed_posterior_draws(strata):
    total = estimate_stratified(strata, "lcmcr", seed=2, burnin=200, samples=150, thin=2)
    summed = sum(p.draws for p in total.strata.values())
    assert total.estimate == pytest.approx(np.median(summed))
    assert total.posterior["median"] == total.estimate
    assert total.lower == pytest.approx(np.quantile(summed, 0.025))


def test_strata_get_independent_reproducible_seeds(strata):
    a = estimate_stratified(strata, "loglinear", bootstrap=100, seed=1)
    b = estimate_stratified(strata, "loglinear", bootstrap=100, seed=1)
    assert np.array_equal(a.draws, b.draws)
    same = {"x": strata["Evin"], "y": strata["Evin"]}
    c = estimate_stratified(same, "loglinear", bootstrap=100, seed=1)
    assert not np.array_equal(c.strata["x"].draws, c.strata["y"].draws)


def test_a_bad_stratum_is_named():
    good = simulate_table(homogeneous(500, [0.3, 0.3, 0.3]), np.random.default_rng(0))
    bad = CaptureTable.from_counts(["L1", "L2", "L3"], {(1, 0, 0): 5})
    with pytest.raises(BadInput, match="stratum 'small'"):
        estimate_stratified({"big": good, "small": bad})


def test_stratum_warnings_are_carried_up_with_the_stratum_name(strata):
    total = estimate_stratified(strata, "loglinear", bootstrap=0, average=None)
    assert total.draws is None
    assert any("no draws" in w for w in total.warnings)
    small = {
        "tiny": CaptureTable.from_counts(
            ["L1", "L2", "L3"], {(1, 0, 0): 5, (0, 1, 0): 3, (0, 0, 1): 4, (1, 1, 1): 1}
        )
    }
    total = estimate_stratified(small, "loglinear", bootstrap=100)
    assert any(w.startswith("stratum tiny: only 13 people documented") for w in total.warnings)


def test_combine_refuses_nothing_but_needs_parts():
    with pytest.raises(BadInput, match="no strata"):
        estimate_stratified({})
    one = estimate_stratified(
        {"a": simulate_table(homogeneous(400, [0.4, 0.4, 0.4]), np.random.default_rng(1))},
        bootstrap=100,
    )
    assert combine(one.strata).estimate == pytest.approx(one.estimate)
