"""Which visible figures contradict a linked one: figures for the same count (as
gavah.core.figures.same_count reads their subjects) whose ranges cannot both be true.
Built once per case file and grouped by subject, so that a case linking thousands of
figures against a workspace of hundreds of thousands compares subjects once per pair
and finds the contradicting ranges by bisection, not by comparing every pair."""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from gavah.core.figures import interval, same_count
from gavah.store.claim_rows import AnyClaim


def _range(claim: AnyClaim) -> tuple[float, float]:
    return interval(json.loads(claim.figure) if claim.figure else {})


@dataclass
class _Group:
    by_high: list[tuple[float, str]] = field(default_factory=list)
    by_low: list[tuple[float, str]] = field(default_factory=list)


class FigureIndex:
    def __init__(self, claims: Iterable[AnyClaim]) -> None:
        self.claims: dict[str, AnyClaim] = {}
        self._groups: dict[str, _Group] = {}
        for claim in claims:
            if not claim.counts_key or not claim.figure:
                continue
            low, high = _range(claim)
            group = self._groups.setdefault(claim.counts_key, _Group())
            group.by_high.append((high, claim.id))
            group.by_low.append((low, claim.id))
            self.claims[claim.id] = claim
        for group in self._groups.values():
            group.by_high.sort()
            group.by_low.sort()
        self._same: dict[tuple[str, str], bool] = {}

    def _subjects(self, key: str) -> list[str]:
        out = []
        for other in self._groups:
            pair = (key, other)
            if pair not in self._same:
                self._same[pair] = same_count(key, other)
            if self._same[pair]:
                out.append(other)
        return out

    def contradicting(self, claim: AnyClaim) -> list[AnyClaim]:
        """Visible figures for the same count whose range does not meet this one's."""
        if not claim.counts_key or not claim.figure:
            return []
        low, high = _range(claim)
        found: set[str] = set()
        for key in self._subjects(claim.counts_key):
            group = self._groups[key]
            below = bisect_left(group.by_high, (low, ""))  # ends before this one starts
            found.update(i for _, i in group.by_high[:below])
            above = bisect_right(group.by_low, (high, "\uffff"))  # starts after it ends
            found.update(i for _, i in group.by_low[above:])
        found.discard(claim.id)
        return sorted((self.claims[i] for i in found), key=lambda c: c.id)
