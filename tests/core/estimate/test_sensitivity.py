"""How far one linkage decision moves a log-linear estimate."""

from __future__ import annotations

import math

from gavah.core.estimate import CaptureTable, fit_model
from gavah.core.estimate.loglinear import compare_models
from gavah.core.estimate.sensitivity import effect, merge_effects

LISTS = ("A", "B", "C")


def _table() -> CaptureTable:
    return CaptureTable.from_counts(LISTS, {
        frozenset("A"): 120, frozenset("B"): 100, frozenset("C"): 90,
        frozenset("AB"): 40, frozenset("AC"): 35, frozenset("BC"): 30, frozenset("ABC"): 12})


def test_merging_two_singletons_lowers_the_estimate_by_a_refit() -> None:
    table = _table()
    a, b, ab = frozenset("A"), frozenset("B"), frozenset("AB")
    effects = merge_effects(table, [(a, b), (b, a), (ab, frozenset("C"))])
    assert len(effects) == 2  # one fit per distinct pair of histories
    moved = effect(effects, b, a)
    model = compare_models(table)[0].model
    after = CaptureTable.from_counts(LISTS, {
        frozenset("A"): 119, frozenset("B"): 99, frozenset("C"): 90, frozenset("AB"): 41,
        frozenset("AC"): 35, frozenset("BC"): 30, frozenset("ABC"): 12})
    expected = fit_model(after, model).estimate - fit_model(table, model).estimate
    assert moved < 0 and math.isclose(moved, expected)
    assert math.isfinite(effect(effects, ab, frozenset("C")))


def test_a_merge_from_an_empty_cell_is_not_usable() -> None:
    table = CaptureTable.from_counts(LISTS, {frozenset("A"): 5, frozenset("B"): 4,
                                             frozenset("AB"): 2, frozenset("C"): 3,
                                             frozenset("BC"): 1})
    effects = merge_effects(table, [(frozenset("AC"), frozenset("B"))])
    assert math.isnan(effect(effects, frozenset("AC"), frozenset("B")))
