"""How far one linkage decision moves a log-linear estimate: by default the estimate users
are shown (the average over models by BIC weight), not the single model AIC chooses."""

from __future__ import annotations

import math

from gavah.core.estimate import CaptureTable, estimate, fit_model
from gavah.core.estimate.averaging import averaged_point
from gavah.core.estimate.loglinear import compare_models
from gavah.core.estimate.sensitivity import effect, merge_effects

LISTS = ("A", "B", "C")
A, B, C, AB, AC = (frozenset(h) for h in ("A", "B", "C", "AB", "AC"))


def _table() -> CaptureTable:
    return CaptureTable.from_counts(LISTS, {
        frozenset("A"): 120, frozenset("B"): 100, frozenset("C"): 90,
        frozenset("AB"): 40, frozenset("AC"): 35, frozenset("BC"): 30, frozenset("ABC"): 12})


def _split() -> CaptureTable:
    """FICTIONAL counts on which AIC chooses A:B (about 424) while BIC weighs
    independence most (the average is about 386): the two estimates differ."""
    return CaptureTable.from_counts(LISTS, {
        frozenset("A"): 60, frozenset("B"): 50, frozenset("C"): 45,
        frozenset("AB"): 22, frozenset("AC"): 12, frozenset("BC"): 10, frozenset("ABC"): 5})


def _merged(table: CaptureTable, h1: frozenset[str], h2: frozenset[str]) -> CaptureTable:
    """The table with the persons of histories h1 and h2 made one (written out here)."""
    cell = {h: sum(1 << table.lists.index(n) for n in h) for h in (h1, h2, h1 | h2)}
    counts = table.counts.copy()
    counts[cell[h1]] -= 1
    counts[cell[h2]] -= 1
    counts[cell[h1 | h2]] += 1
    return CaptureTable(table.lists, counts)


def test_the_effect_is_on_the_model_average_users_are_shown() -> None:
    table = _split()
    fits = compare_models(table)
    assert fits[0].label == "main effects + A:B"  # AIC's choice, refitted before
    before = averaged_point(table, fits, "bic")
    # The deterministic point is the median the headline estimate draws (within its noise).
    assert abs(estimate(table, "loglinear", bootstrap=20_000).estimate - before) < 3
    assert abs(before - fits[0].estimate) > 30
    merges = [(A, B), (AB, C), (A, C)]
    effects = merge_effects(table, merges)
    chosen = merge_effects(table, merges, average=None)
    for h1, h2 in merges:
        after = _merged(table, h1, h2)
        expected = averaged_point(after, compare_models(after), "bic") - before
        # Within 0.1 of a person: the sensitivity traces the curves on a coarser grid.
        assert math.isclose(effect(effects, h1, h2), expected, abs_tol=0.1)
    # The chosen model alone says otherwise: it ranks A+C level with AB+C and both far
    # above A+B; the average moves half as far on those, twice as far on A+B.
    assert effect(chosen, A, B) > -4 and effect(effects, A, B) < -5
    assert effect(chosen, A, C) < -13 and -11 < effect(effects, A, C) < -7
    assert math.isclose(effect(chosen, A, C), effect(chosen, AB, C))
    assert effect(effects, A, C) < effect(effects, AB, C) < effect(effects, A, B)


def test_with_no_average_the_chosen_model_is_refitted() -> None:
    table = _table()
    effects = merge_effects(table, [(A, B), (B, A), (AB, C)], average=None)
    assert len(effects) == 2  # one fit per distinct pair of histories
    moved = effect(effects, B, A)
    model = compare_models(table)[0].model
    after = CaptureTable.from_counts(LISTS, {
        frozenset("A"): 119, frozenset("B"): 99, frozenset("C"): 90, frozenset("AB"): 41,
        frozenset("AC"): 35, frozenset("BC"): 30, frozenset("ABC"): 12})
    expected = fit_model(after, model).estimate - fit_model(table, model).estimate
    assert moved < 0 and math.isclose(moved, expected)
    assert math.isfinite(effect(effects, AB, C))
    assert math.isfinite(effect(merge_effects(table, [(AB, C)]), AB, C))


def test_a_merge_from_an_empty_cell_is_not_usable() -> None:
    table = CaptureTable.from_counts(LISTS, {frozenset("A"): 5, frozenset("B"): 4,
                                             frozenset("AB"): 2, frozenset("C"): 3,
                                             frozenset("BC"): 1})
    for average in ("bic", None):
        effects = merge_effects(table, [(AC, B)], average=average)
        assert math.isnan(effect(effects, AC, B))
