"""The result object: what `gavah estimate --json` prints."""

import json
import math

import numpy as np
import pytest

from gavah.core.errors import BadInput
from gavah.core.estimate import CaptureTable, Estimate, estimate, homogeneous, simulate_table

REQUIRED = {"documented", "lists", "method", "estimate", "lower", "upper", "model", "warnings"}


@pytest.fixture(scope="module")
def table():
    return simulate_table(homogeneous(900, [0.3, 0.25, 0.35]), np.random.default_rng(3))


def test_loglinear_dict_has_the_issue_fields_and_selection(table):
    out = estimate(table, "loglinear", bootstrap=100).to_dict()
    assert set(out) >= REQUIRED
    assert out["undocumented"] == pytest.approx(out["estimate"] - out["documented"])
    assert out["interval"].startswith("BIC-weighted average")
    assert out["model"].startswith("average of")
    assert out["selection"][0]["model"] == out["chosen_model"]["model"]
    assert out["chosen_model"]["interval"].startswith("profile likelihood")
    assert out["diagnostics"]["model_average"]["models"]
    assert out["models_compared"] == 8
    assert "draws" not in out
    assert out["assumptions"]
    json.dumps(out)  # plain JSON, no numpy types


def test_lcmcr_dict_has_posterior_and_diagnostics(table):
    out = estimate(table, "lcmcr", burnin=100, samples=50, thin=2).to_dict(include_draws=True)
    assert set(out) >= REQUIRED
    assert set(out["posterior"]) == {"mean", "median", "sd"}
    assert out["diagnostics"]["chains"] == 2
    assert len(out["draws"]) == 100
    assert out["draws_kind"] == "posterior"
    json.dumps(out)


def test_unbounded_values_become_null_in_json():
    result = Estimate("loglinear", ("A", "B", "C"), 10, 12.0, 10.0, math.inf, "x", "m")
    out = result.to_dict()
    assert out["upper"] is None
    assert json.loads(json.dumps(out))["upper"] is None


def test_unknown_method_is_refused(table):
    with pytest.raises(BadInput, match="method must be"):
        estimate(table, "petersen")


def test_stratified_dict_nests_strata(table):
    from gavah.core.estimate import estimate_stratified

    other = CaptureTable.from_counts(
        table.lists,
        {(1, 1, 1): 9, (1, 0, 0): 30, (0, 1, 0): 25, (0, 0, 1): 28, (1, 1, 0): 8, (0, 1, 1): 7},
    )
    out = estimate_stratified({"a": table, "b": other}, bootstrap=100).to_dict()
    assert set(out["strata"]) == {"a", "b"}
    assert out["strata"]["a"]["stratum"] == "a"
    assert out["documented"] == table.documented + other.documented
