"""Character spans kept sorted, asked which hold a position or start in a range.

A page of thousands of quotations names thousands of people: asking every span each time
would make reading such a page quadratic in its length.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable


class Spans:
    """(start, end) spans, end exclusive, sorted by start."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans = sorted(spans)
        self._longest = max((e - s for s, e in self._spans), default=0)

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)

    def holds(self, at: int) -> bool:
        """Whether a span holds `at` (start <= at < end)."""
        i = bisect.bisect_left(self._spans, (at - self._longest, -math.inf))
        j = bisect.bisect_right(self._spans, (at, math.inf))
        return any(at < e for _, e in self._spans[i:j])

    def starting(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The spans that start at lo or after, before hi."""
        i = bisect.bisect_left(self._spans, (lo, -math.inf))
        j = bisect.bisect_left(self._spans, (hi, -math.inf))
        return self._spans[i:j]
