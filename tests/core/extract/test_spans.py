"""Spans: which spans hold a position or start in a range, read by bisection."""

from __future__ import annotations

import random

from gavah.core.extract.spans import Spans


def test_holds_and_starting_agree_with_reading_every_span() -> None:
    rng = random.Random(7)
    raw = [(s, s + rng.randint(0, 30)) for s in (rng.randint(0, 500) for _ in range(200))]
    spans = Spans(raw[:100])
    for s, e in raw[100:]:
        spans.add(s, e)
    for at in range(-5, 560):
        assert spans.holds(at) == any(s <= at < e for s, e in raw)
        lo, hi = at, at + rng.randint(0, 40)
        assert sorted(spans.starting(lo, hi)) == sorted((s, e) for s, e in raw if lo <= s < hi)


def test_an_empty_span_holds_nothing_and_none_is_held_when_empty() -> None:
    assert not Spans().holds(0) and Spans().starting(0, 10) == []
    spans = Spans([(5, 5), (7, 9)])
    assert not spans.holds(5) and spans.holds(7) and spans.holds(8) and not spans.holds(9)
    assert spans.starting(5, 8) == [(5, 5), (7, 9)]
