"""The review queue orders pairs by how far a "same" decision would move the estimate
users are shown (the average over models by BIC weight), not the model AIC chooses alone.
FICTIONAL persons whose capture table is one where the two differ."""

from __future__ import annotations

import itertools
from typing import Any

from gavah.core.estimate import CaptureTable
from gavah.core.estimate.sensitivity import effect, merge_effects
from gavah.pipelines.victims.review import _by_impact

# Persons per capture history (lists A, B, C): AIC chooses A:B here, BIC weighs
# independence most (tests/core/estimate/test_sensitivity.py).
HISTORIES = {"A": 60, "B": 50, "C": 45, "AB": 22, "AC": 12, "BC": 10, "ABC": 5}


def _persons() -> tuple[dict[int, tuple[int | None, str]], dict[str, list[int]]]:
    """{record id: (person id, list)}, and each history's persons' first record ids."""
    persons: dict[int, tuple[int | None, str]] = {}
    first: dict[str, list[int]] = {}
    record, person = itertools.count(1), itertools.count(1)
    for history, count in HISTORIES.items():
        for _ in range(count):
            pid = next(person)
            ids = [next(record) for _ in history]
            persons.update({rid: (pid, name) for rid, name in zip(ids, history, strict=True)})
            first.setdefault(history, []).append(ids[0])
    return persons, first


def test_the_queue_orders_by_the_average_s_change() -> None:
    persons, first = _persons()
    pairs = [("A", "B"), ("AB", "C"), ("A", "C")]
    items: list[dict[str, Any]] = [
        {"a": {"id": first[h1][i]}, "b": {"id": first[h2][10 + i]}, "probability": 0.5 - i / 10}
        for i, (h1, h2) in enumerate(pairs)]
    assert _by_impact(items, persons) == "estimate change"
    table = CaptureTable.from_counts(("A", "B", "C"), {frozenset(h): c
                                                       for h, c in HISTORIES.items()})
    merges = [(frozenset(h1), frozenset(h2)) for h1, h2 in pairs]
    shown = merge_effects(table, merges)
    chosen = merge_effects(table, merges, average=None)
    order = [next(p for i, p in enumerate(pairs) if first[p[0]][i] == item["a"]["id"])
             for item in items]
    # The average: A+C, then AB+C, then A+B.
    assert order == [("A", "C"), ("AB", "C"), ("A", "B")]
    for (h1, h2), item in zip(order, items, strict=True):
        assert item["estimate_change"] == round(effect(shown, frozenset(h1), frozenset(h2)), 2)
    # As the queue rounded the chosen model's changes: A+C and AB+C level, so the more
    # likely pair (AB+C here) came first.
    moved = {p: round(effect(chosen, frozenset(p[0]), frozenset(p[1])), 2) for p in pairs}
    assert moved[("A", "C")] == moved[("AB", "C")]
    with_chosen = sorted(pairs, key=lambda p: -abs(moved[p]))  # stable: by probability next
    assert with_chosen == [("AB", "C"), ("A", "C"), ("A", "B")] != order
