"""Log-linear models: fitting, selection, intervals and the warnings users need."""

import math

import numpy as np
import pytest
import statsmodels.api as sm

from gavah.core.errors import BadInput
from gavah.core.estimate import (
    CaptureTable,
    Model,
    Scenario,
    compare_models,
    estimate_loglinear,
    fit_model,
    parse_model,
    simulate_table,
)
from gavah.core.estimate.loglinear import design

LISTS = ("A", "B", "C")


def _table(cells, lists=LISTS):
    return CaptureTable.from_counts(lists, cells)


@pytest.fixture
def four_lists():
    scenario = Scenario(
        2500,
        ("A", "B", "C", "D"),
        ((0.6, (0.35, 0.3, 0.25, 0.3)), (0.4, (0.1, 0.12, 0.08, 0.1))),
        {(0, 1): 3.0},
    )
    return simulate_table(scenario, np.random.default_rng(11))


def test_fit_matches_statsmodels(four_lists):
    model = Model(((0, 1), (2, 3)))
    ours = fit_model(four_lists, model)
    X = design(four_lists.patterns(), model)
    ref = sm.GLM(four_lists.observed(), X, family=sm.families.Poisson()).fit()
    assert np.allclose(ours.fit.beta, ref.params, rtol=1e-7, atol=1e-9)
    assert ours.deviance == pytest.approx(ref.deviance, rel=1e-8)
    assert ours.aic == pytest.approx(ref.aic, rel=1e-8)
    assert ours.df == 15 - 7


def test_independence_with_three_lists_has_a_closed_form():
    # Under independence the expected counts factorise, so N is the fixed point of
    # N = n / (1 - prod(1 - n_j / N)) (Darroch 1958); check our fit satisfies it.
    table = _table(
        {
            (1, 1, 1): 10,
            (1, 1, 0): 20,
            (1, 0, 1): 15,
            (0, 1, 1): 12,
            (1, 0, 0): 50,
            (0, 1, 0): 40,
            (0, 0, 1): 45,
        }
    )
    N = fit_model(table, Model()).estimate
    sizes = np.array(list(table.list_sizes().values()))
    assert pytest.approx(table.documented / (1 - np.prod(1 - sizes / N)), rel=1e-8) == N


def test_compare_models_fits_every_hierarchical_model_best_first(four_lists):
    fits = compare_models(four_lists, "aic")
    assert len(fits) == 2**6
    aics = [f.aic for f in fits if f.usable]
    assert aics == sorted(aics)
    bics = [f.bic for f in compare_models(four_lists, "bic") if f.usable]
    assert bics == sorted(bics)


def test_estimate_averages_by_default_and_reports_the_chosen_model(four_lists):
    result = estimate_loglinear(four_lists, bootstrap=200)
    assert result.model.startswith("average of") and "BIC-weighted" in result.interval
    chosen = result.chosen
    assert chosen is not None and chosen["criterion"] == "aic"
    assert chosen["model"] == result.selection[0]["model"]
    assert chosen["interval"].startswith("profile likelihood")
    assert chosen["lower"] < chosen["estimate"] < chosen["upper"]
    alone = estimate_loglinear(four_lists, bootstrap=200, average=None)
    assert (alone.estimate, alone.lower, alone.upper) == (
        chosen["estimate"], chosen["lower"], chosen["upper"])
    assert alone.chosen is None
    # The average's own draws, not the chosen model's bootstrap.
    assert result.draws is not None and len(result.draws) == 1000
    assert result.lower < result.estimate < result.upper


def test_the_chosen_model_alone_reports_both_rankings(four_lists):
    result = estimate_loglinear(four_lists, bootstrap=200, average=None)
    assert result.method == "loglinear"
    assert result.model == result.selection[0]["model"]
    assert result.selection[0]["delta"] == 0
    assert result.documented == four_lists.documented
    assert result.lower < result.estimate < result.upper
    assert result.lower >= result.documented
    assert result.draws is not None and len(result.draws) == 200
    by_bic = min(result.selection, key=lambda row: row["bic"])
    if by_bic["model"] != result.model:
        assert any("AIC and BIC choose different models" in w for w in result.warnings)


def test_a_named_model_skips_selection():
    table = _table(
        {
            (1, 1, 1): 10,
            (1, 1, 0): 20,
            (1, 0, 1): 15,
            (0, 1, 1): 12,
            (1, 0, 0): 50,
            (0, 1, 0): 40,
            (0, 0, 1): 45,
        }
    )
    result = estimate_loglinear(table, model="A:B", bootstrap=0)
    assert result.model == "main effects + A:B"
    assert len(result.selection) == 1
    assert result.draws is None


@pytest.mark.parametrize(
    ("spec", "pairs"),
    [("independence", ()), ("A:B, C:A", ((0, 1), (0, 2))), ([("B", "C")], ((1, 2),))],
)
def test_parse_model(spec, pairs):
    assert parse_model(spec, LISTS).interactions == pairs


@pytest.mark.parametrize(
    ("spec", "message"), [("A:Z", "unknown list 'Z'"), ("A:B:C", "not a pair")]
)
def test_parse_model_refuses_nonsense(spec, message):
    with pytest.raises(BadInput, match=message):
        parse_model(spec, LISTS)


def test_bootstrap_interval_brackets_the_estimate(four_lists):
    result = estimate_loglinear(four_lists, interval="bootstrap", bootstrap=300, seed=3,
                                average=None)
    assert "bootstrap" in result.interval
    assert result.lower < result.estimate < result.upper
    again = estimate_loglinear(four_lists, interval="bootstrap", bootstrap=300, seed=3,
                               average=None)
    assert (again.lower, again.upper) == (result.lower, result.upper)
    # Averaged by default: the bootstrap interval is then the chosen model's.
    averaged = estimate_loglinear(four_lists, interval="bootstrap", bootstrap=300, seed=3)
    assert averaged.chosen is not None and "bootstrap" in averaged.chosen["interval"]
    assert (averaged.chosen["lower"], averaged.chosen["upper"]) == (result.lower, result.upper)


def test_bad_options_are_refused():
    table = _table({(1, 0, 0): 5, (0, 1, 0): 4, (0, 0, 1): 3, (1, 1, 1): 2})
    with pytest.raises(BadInput, match="criterion"):
        estimate_loglinear(table, criterion="cic")
    with pytest.raises(BadInput, match="interval"):
        estimate_loglinear(table, interval="wald")


def test_saturated_three_list_model_with_a_zero_pair_cell_is_not_chosen():
    # With n(A,B only) = 0 the saturated model's estimate is infinite; selection must
    # skip it (boundary) instead of reporting infinity.
    table = _table(
        {
            (1, 1, 1): 30,
            (1, 1, 0): 0,
            (1, 0, 1): 15,
            (0, 1, 1): 12,
            (1, 0, 0): 50,
            (0, 1, 0): 40,
            (0, 0, 1): 45,
        }
    )
    result = estimate_loglinear(table, bootstrap=0)
    assert math.isfinite(result.estimate)
    saturated = next(r for r in result.selection if len(r["interactions"]) == 3)
    assert saturated["boundary"]
    assert result.selection[0]["boundary"] is False


def test_a_list_that_covers_everyone_gives_the_documented_count_and_a_warning():
    table = _table({(1, 0, 0): 40, (1, 1, 0): 30, (1, 0, 1): 20, (1, 1, 1): 10})
    result = estimate_loglinear(table, bootstrap=0)
    assert result.estimate == pytest.approx(table.documented, abs=0.5)
    assert any("list A records every person documented" in w for w in result.warnings)
    assert any("sparse table" in w for w in result.warnings)


def test_an_empty_list_is_left_out_with_a_warning():
    table = CaptureTable.from_counts(
        ["A", "B", "C", "D"],
        {
            (1, 1, 0, 0): 20,
            (1, 0, 1, 0): 15,
            (0, 1, 1, 0): 12,
            (1, 0, 0, 0): 50,
            (0, 1, 0, 0): 40,
            (0, 0, 1, 0): 45,
            (1, 1, 1, 0): 10,
        },
    )
    result = estimate_loglinear(table, bootstrap=0)
    assert result.lists == ("A", "B", "C")
    assert any("D record no one" in w for w in result.warnings)


def test_strongly_dependent_lists_are_flagged():
    scenario = Scenario(3000, LISTS, ((1.0, (0.2, 0.2, 0.3)),), {(0, 1): 20.0})
    table = simulate_table(scenario, np.random.default_rng(2))
    result = estimate_loglinear(table, model="A:B", bootstrap=0)
    assert any("lists A and B are strongly positively dependent" in w for w in result.warnings)


def test_little_overlap_gives_an_unbounded_or_wide_interval():
    table = _table(
        {(1, 0, 0): 60, (0, 1, 0): 55, (0, 0, 1): 58, (1, 1, 0): 1, (0, 1, 1): 1, (1, 0, 1): 1}
    )
    result = estimate_loglinear(table, model="independence", bootstrap=0)
    assert any("interval" in w and ("no upper bound" in w or "wide" in w) for w in result.warnings)
    assert result.upper > 4 * result.documented


def test_six_lists_use_stepwise_selection():
    scenario = Scenario(1500, tuple("ABCDEF"), ((1.0, (0.3, 0.2, 0.25, 0.15, 0.3, 0.2)),))
    table = simulate_table(scenario, np.random.default_rng(4))
    result = estimate_loglinear(table, bootstrap=0)
    assert 1 < len(result.selection) < 2**15
    assert result.lower <= 1500 <= result.upper


def test_selection_rows_name_the_lists_of_each_interaction():
    table = _table(
        {
            (1, 1, 1): 10,
            (1, 1, 0): 20,
            (1, 0, 1): 15,
            (0, 1, 1): 12,
            (1, 0, 0): 50,
            (0, 1, 0): 40,
            (0, 0, 1): 45,
        }
    )
    result = estimate_loglinear(table, model="C:A", bootstrap=0)
    assert result.selection[0]["interactions"] == [["A", "C"]]


def test_too_many_lists_for_loglinear_points_to_the_alternatives():
    names = [f"L{j}" for j in range(11)]
    rows = [{name} for name in names] + [set(names[:3]), set(names[5:9])]
    with pytest.raises(BadInput, match="choose fewer lists or use the lcmcr method"):
        estimate_loglinear(CaptureTable.from_memberships(rows, names))


def test_lists_that_never_overlap_give_no_estimate_rather_than_a_huge_one():
    table = _table({(1, 0, 0): 4, (0, 1, 0): 3, (0, 0, 1): 5})
    result = estimate_loglinear(table)
    assert math.isnan(result.estimate)
    assert result.upper == math.inf
    assert result.lower == table.documented
    assert any("no model gives a usable estimate" in w for w in result.warnings)
    assert result.to_dict()["estimate"] is None
