"""One folded view of a document shared by all extractors, with offsets both ways, so
patterns match folded text (one spelling per letter, ASCII digits, no ZWNJ) while every
result is reported at its exact [start, end) in the original text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from gavah.core.text import digit_runs, fold_with_maps, letter_runs


@dataclass(frozen=True)
class Folded:
    text: str  # the original
    folded: str
    origin: list[int]  # folded index -> original index (one extra final element)
    inverse: list[int]  # original index -> first folded index at or after it

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of a folded [start, end) (`original_span`, inlined: the
        extractors ask it thousands of times a document)."""
        origin = self.origin
        if end <= start:
            return origin[start], origin[start]
        return origin[start], origin[end - 1] + 1

    def at(self, pos: int) -> int:
        """Folded index of original index `pos`."""
        last = len(self.text)
        return self.inverse[pos if 0 <= pos <= last else min(max(pos, 0), last)]

    @cached_property
    def runs(self) -> dict[str, list[int]]:
        """`letter_runs` of the folded text, read once for every pass that uses it."""
        return letter_runs(self.folded)

    @cached_property
    def digits(self) -> list[int]:
        """`digit_runs` of the folded text, read once for dates and numbers."""
        return digit_runs(self.folded)


def fold_text(text: str) -> Folded:
    if text.isascii():  # folding only lowers the case: every index maps to itself
        index = list(range(len(text) + 1))  # one list for both maps: neither is changed
        return Folded(text, text.lower(), index, index)
    return Folded(text, *fold_with_maps(text))
