"""LCMCR: the Gibbs sampler, its settings, and its convergence diagnostics."""


import numpy as np
import pytest

from gavah.core.errors import BadInput
from gavah.core.estimate import (
    LcmcrSettings,
    Scenario,
    estimate_lcmcr,
    estimate_loglinear,
    homogeneous,
    simulate_table,
)
from gavah.core.estimate.diagnostics import effective_sample_size, geweke, split_rhat, summarize
from gavah.core.estimate.lcmcr import _log_gamma, _stick_breaking, sample_posterior

QUICK = {"burnin": 300, "samples": 200, "thin": 3}


def test_same_seed_same_draws_other_seed_other_draws():
    table = simulate_table(homogeneous(800, [0.3, 0.25, 0.35]), np.random.default_rng(0))
    a = estimate_lcmcr(table, seed=7, **QUICK)
    b = estimate_lcmcr(table, seed=7, **QUICK)
    c = estimate_lcmcr(table, seed=8, **QUICK)
    assert np.array_equal(a.draws, b.draws)
    assert not np.array_equal(a.draws, c.draws)


def test_result_reports_posterior_summaries_and_diagnostics():
    table = simulate_table(homogeneous(800, [0.3, 0.25, 0.35]), np.random.default_rng(0))
    result = estimate_lcmcr(table, seed=1, chains=3, **QUICK)
    assert result.method == "lcmcr"
    assert result.draws.shape == (600,)
    assert np.all(result.draws >= table.documented)
    assert result.estimate == pytest.approx(np.median(result.draws))
    assert result.posterior["mean"] == pytest.approx(result.draws.mean())
    assert result.lower < result.estimate < result.upper
    diag = result.diagnostics
    assert diag["chains"] == 3 and diag["K"] == 10 and diag["a_alpha"] == 0.25
    assert {"split_rhat", "ess", "geweke_z"} <= set(diag)


def test_one_class_is_the_independence_model():
    # With K=1 LCMCR is the independence model with flat priors: its posterior must
    # agree with the log-linear independence fit (MLE and profile interval) to within
    # Monte Carlo and prior effects, here 1%.
    table = simulate_table(homogeneous(3000, [0.2, 0.15, 0.25, 0.1]), np.random.default_rng(1))
    bayes = estimate_lcmcr(table, seed=3, K=1, burnin=500, samples=2000, thin=2)
    mle = estimate_loglinear(table, model="independence", bootstrap=0)
    assert bayes.estimate == pytest.approx(mle.estimate, rel=0.01)
    assert bayes.lower == pytest.approx(mle.lower, rel=0.01)
    assert bayes.upper == pytest.approx(mle.upper, rel=0.01)


def test_recovers_a_heterogeneous_population_five_lists():
    # Two latent groups recorded at different rates: the case LCMCR is for.
    scenario = Scenario(
        4000,
        ("A", "B", "C", "D", "E"),
        ((0.5, (0.5, 0.4, 0.45, 0.5, 0.4)), (0.5, (0.2, 0.15, 0.2, 0.15, 0.2))),
    )
    table = simulate_table(scenario, np.random.default_rng(1))
    result = estimate_lcmcr(table, seed=3)  # default settings (its time: bench/)
    assert result.lower <= 4000 <= result.upper
    assert abs(result.estimate - 4000) / 4000 < 0.1


def test_too_short_a_run_is_flagged():
    table = simulate_table(homogeneous(3000, [0.2, 0.15, 0.25, 0.2]), np.random.default_rng(5))
    result = estimate_lcmcr(table, seed=2, burnin=0, samples=40, thin=1, chains=2)
    assert any("effective draws" in w or "not converged" in w for w in result.warnings)


def test_bad_settings_are_refused():
    table = simulate_table(homogeneous(500, [0.3, 0.3, 0.3]), np.random.default_rng(0))
    with pytest.raises(BadInput, match="unknown LCMCR setting"):
        estimate_lcmcr(table, iterations=5)
    with pytest.raises(BadInput, match="K >= 1"):
        estimate_lcmcr(table, K=0)


def test_settings_object_is_used():
    table = simulate_table(homogeneous(500, [0.3, 0.3, 0.3]), np.random.default_rng(0))
    draws = sample_posterior(
        table, LcmcrSettings(K=3, burnin=10, samples=15, thin=2, chains=2), np.random.default_rng(0)
    )
    assert draws.shape == (2, 15)


def test_log_gamma_is_right_for_tiny_shapes():
    rng = np.random.default_rng(0)
    shape = np.full(200_000, 0.05)
    draws = np.exp(_log_gamma(rng, shape))
    assert draws.mean() == pytest.approx(0.05, rel=0.05)  # E[Gamma(a, 1)] = a
    assert np.isfinite(_log_gamma(rng, np.full(1000, 1e-4))).all()


def test_stick_breaking_weights_sum_to_one():
    rng = np.random.default_rng(0)
    counts = np.array([[50.0, 10, 0, 0, 3], [0, 0, 0, 0, 0]])
    log_nu = _stick_breaking(rng, counts, np.array([0.5, 2.0]))
    assert np.allclose(np.exp(log_nu).sum(axis=1), 1.0)


def test_diagnostics_tell_mixed_from_stuck_chains():
    rng = np.random.default_rng(0)
    good = rng.normal(size=(2, 1000))
    assert split_rhat(good) < 1.01
    assert 1500 < effective_sample_size(good) <= 2000 * 1.2
    stuck = good + np.array([[0.0], [3.0]])  # chains in different places
    assert split_rhat(stuck) > 1.5
    drifting = np.cumsum(rng.normal(size=(2, 1000)), axis=1)  # random walk
    assert effective_sample_size(drifting) < 100
    _, warnings = summarize(drifting)
    assert warnings
    assert abs(geweke(good[0])) < 3
    assert abs(geweke(np.concatenate([np.full(100, 5.0), rng.normal(size=900)]))) > 3
