"""The simulation helper, and interval coverage on known populations."""

import numpy as np
import pytest

from gavah.core.errors import BadInput
from gavah.core.estimate import (
    Scenario,
    coverage,
    estimate_lcmcr,
    estimate_loglinear,
    homogeneous,
    simulate_people,
    simulate_table,
)


def test_simulate_people_includes_the_unrecorded():
    scenario = homogeneous(5000, [0.3, 0.2, 0.5])
    people = simulate_people(scenario, np.random.default_rng(0))
    assert people.shape == (5000, 3)
    assert (people.sum(axis=1) == 0).sum() > 0
    assert people.mean(axis=0) == pytest.approx([0.3, 0.2, 0.5], abs=0.02)
    table = simulate_table(scenario, np.random.default_rng(0))
    assert table.documented == int((people.sum(axis=1) > 0).sum())


def test_dependence_raises_the_overlap():
    base = Scenario(20000, ("A", "B", "C"), ((1.0, (0.2, 0.2, 0.2)),))
    dependent = Scenario(20000, ("A", "B", "C"), ((1.0, (0.2, 0.2, 0.2)),), {(0, 1): 4.0})
    rng = np.random.default_rng(1)
    plain, linked = simulate_people(base, rng), simulate_people(dependent, rng)
    both = lambda on: (on[:, 0] & on[:, 1]).mean()  # noqa: E731
    assert both(linked) > 2.0 * both(plain)  # odds x4 takes P(B | A) from 0.2 to 0.5


@pytest.mark.parametrize(
    "kwargs",
    [
        {"groups": ((0.5, (0.2, 0.2, 0.2)),)},
        {"groups": ((1.0, (0.2, 0.2)),)},
        {"groups": ((1.0, (0.2, 1.5, 0.2)),)},
        {"groups": ((1.0, (0.2, 0.2, 0.2)),), "dependence": {(2, 1): 2.0}},
    ],
)
def test_bad_scenarios_are_refused(kwargs):
    with pytest.raises(BadInput):
        Scenario(100, ("A", "B", "C"), **kwargs)


def test_loglinear_interval_coverage_on_independent_lists():
    # 20 replicates: with 95% nominal coverage, 17 or more hits has probability 0.98.
    report = coverage(
        homogeneous(1500, [0.25, 0.2, 0.3, 0.2]),
        lambda t: estimate_loglinear(t, model="independence", bootstrap=0),
        replicates=20,
        seed=4,
    )
    assert report.replicates == 20
    assert report.covered >= 17
    assert report.median_relative_error < 0.05


def test_aic_selection_coverage_with_dependent_lists():
    scenario = Scenario(
        2000, ("A", "B", "C", "D"), ((1.0, (0.25, 0.2, 0.3, 0.2)),), {(0, 1): 3.0, (2, 3): 0.5}
    )
    report = coverage(scenario, lambda t: estimate_loglinear(t, bootstrap=0), replicates=12, seed=8)
    assert report.covered >= 9  # model selection costs a little coverage


def test_independence_fails_under_dependence_and_coverage_shows_it():
    scenario = Scenario(
        2000, ("A", "B", "C"), ((1.0, (0.25, 0.2, 0.3)),), {(0, 1): 5.0, (0, 2): 5.0, (1, 2): 5.0}
    )
    report = coverage(
        scenario,
        lambda t: estimate_loglinear(t, model="independence", bootstrap=0),
        replicates=8,
        seed=1,
    )
    assert report.covered <= 2
    assert np.median(report.estimates) < 2000


def test_lcmcr_coverage_quick():
    report = coverage(
        homogeneous(1500, [0.3, 0.25, 0.35, 0.3]),
        lambda t: estimate_lcmcr(t, seed=1, burnin=300, samples=200, thin=3),
        replicates=5,
        seed=2,
    )
    assert report.covered >= 4


@pytest.mark.slow
def test_lcmcr_coverage_thorough():
    # Observed 19/20 at seed 3. (Under strong two-class heterogeneity both LCMCR and
    # AIC-selected log-linear models undercover, about 10/20: a limit of MSE with few
    # lists, not of the sampler, whose K=2 posterior matches the EM maximum likelihood.)
    report = coverage(
        homogeneous(2000, [0.3, 0.25, 0.35, 0.3]),
        lambda t: estimate_lcmcr(t, seed=1, burnin=1000, samples=500, thin=5),
        replicates=20,
        seed=3,
    )
    assert report.covered >= 17


@pytest.mark.slow
def test_loglinear_aic_coverage_thorough():
    # Choosing among 64 models costs coverage (observed 49/60 at seed 11): the profile
    # interval is conditional on the chosen model.
    report = coverage(
        homogeneous(1000, [0.2, 0.25, 0.3, 0.15]),
        lambda t: estimate_loglinear(t, bootstrap=0),
        replicates=60,
        seed=11,
    )
    assert report.rate >= 0.75
    assert abs(np.median(report.estimates) - 1000) < 20
