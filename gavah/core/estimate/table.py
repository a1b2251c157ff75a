"""Capture-history tables: how many people each combination of lists recorded.

Cells are indexed by bitmask: bit j set means "on list j". Cell 0 (on no list) is the
one multiple systems estimation exists to estimate, so it is always 0 here. Every other
cell is stored, including empty ones: an observed zero is information, a missing row
is not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from gavah.core.errors import BadInput

MIN_LISTS = 3
# 2**15 cells is already far past what any published analysis uses; beyond it the
# table (and every design matrix built from it) stops being small.
MAX_LISTS = 15


def check_list_names(lists: Sequence[str], where: str | None = "lists",
                     field: str | None = None) -> tuple[str, ...]:
    """The list names, stripped; `where` names the place they were read (a file's line),
    `field` the input they were typed into."""
    names = tuple(str(name).strip() for name in lists)
    at = f"{where}: " if where else ""
    if any(not name for name in names):
        raise BadInput(f"{at}a list name is empty", field=field)
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise BadInput(f"{at}list {name!r} is named twice", field=field)
        seen.add(name)
    if len(names) < MIN_LISTS:
        raise BadInput(
            f"{at}{len(names)} list(s) ({', '.join(names) or 'none'}); multiple systems "
            f"estimation needs at least {MIN_LISTS} lists: with fewer, dependence between lists "
            "cannot be estimated and the result rests on an untestable assumption", field=field
        )
    if len(names) > MAX_LISTS:
        raise BadInput(f"{at}{len(names)} lists; at most {MAX_LISTS} are supported",
                       field=field)
    return names


@dataclass(frozen=True, eq=False)
class CaptureTable:
    """Counts per capture pattern for three or more named lists."""

    lists: tuple[str, ...]
    counts: np.ndarray  # int64, shape (2**J,), counts[0] == 0

    def __post_init__(self) -> None:
        check_list_names(self.lists)
        counts = np.asarray(self.counts, dtype=np.int64)
        if counts.shape != (2 ** len(self.lists),):
            raise BadInput(f"expected {2 ** len(self.lists)} cells, got {counts.shape}")
        if (counts < 0).any():
            raise BadInput("capture-history counts cannot be negative")
        if counts[0] != 0:
            raise BadInput("the cell 'on no list' cannot be observed; it must be 0")
        if counts.sum() == 0:
            raise BadInput("the capture-history table is empty (no one is on any list)")
        counts.setflags(write=False)
        object.__setattr__(self, "counts", counts)

    # -- constructors -------------------------------------------------------------

    @classmethod
    def from_memberships(
        cls, rows: Iterable[Iterable[str]], lists: Sequence[str] | None = None
    ) -> CaptureTable:
        """One row per person: the names of the lists that record them."""
        people = [frozenset(str(name) for name in row) for row in rows]
        if lists is None:
            lists = sorted(set().union(*people)) if people else []
        names = check_list_names(lists)
        index = {name: j for j, name in enumerate(names)}
        counts = np.zeros(2 ** len(names), dtype=np.int64)
        for number, person in enumerate(people, start=1):
            if not person:
                raise BadInput(f"person {number}: on no list (every record comes from a list)")
            unknown = sorted(person - index.keys())
            if unknown:
                raise BadInput(f"person {number}: unknown list(s) {', '.join(unknown)}")
            counts[sum(1 << index[name] for name in person)] += 1
        return cls(names, counts)

    @classmethod
    def from_counts(
        cls, lists: Sequence[str], cells: Mapping[Iterable[int] | frozenset[str], int]
    ) -> CaptureTable:
        """Cells given as 0/1 patterns (in list order) or as sets of list names."""
        names = check_list_names(lists)
        counts = np.zeros(2 ** len(names), dtype=np.int64)
        for key, count in cells.items():
            counts[_mask(key, names)] += int(count)
        return cls(names, counts)

    # -- views ----------------------------------------------------------------------

    @property
    def n_lists(self) -> int:
        return len(self.lists)

    @property
    def documented(self) -> int:
        """People on at least one list."""
        return int(self.counts.sum())

    def patterns(self) -> np.ndarray:
        """0/1 matrix (2**J - 1, J) of the observable cells, in bitmask order."""
        return pattern_matrix(self.n_lists)

    def observed(self) -> np.ndarray:
        """Counts of the observable cells, aligned with `patterns()`."""
        return self.counts[1:].astype(float)

    def list_sizes(self) -> dict[str, int]:
        pats = self.patterns()
        obs = self.counts[1:]
        return {name: int(obs[pats[:, j] == 1].sum()) for j, name in enumerate(self.lists)}

    def cells(self) -> list[tuple[tuple[str, ...], int]]:
        """Non-empty cells as (list names, count), largest first."""
        out = [
            (tuple(n for j, n in enumerate(self.lists) if mask >> j & 1), int(c))
            for mask, c in enumerate(self.counts)
            if mask and c
        ]
        return sorted(out, key=lambda cell: (-cell[1], len(cell[0]), cell[0]))

    def count(self, on: Iterable[str]) -> int:
        """People on exactly the lists named (and on no other)."""
        return int(self.counts[_mask(frozenset(on), self.lists)])

    # -- transformations ------------------------------------------------------------

    def subset(self, lists: Sequence[str]) -> CaptureTable:
        """The table seen through some lists only (`--lists A,B,C`).

        People recorded only by the dropped lists become undocumented: seen through
        these lists they are on none, which is what the estimate then counts.
        """
        names = check_list_names(lists, where=None, field="lists")
        unknown = [name for name in names if name not in self.lists]
        if unknown:
            raise BadInput(
                f"unknown list(s) {', '.join(unknown)}; the table has {', '.join(self.lists)}",
                field="lists")
        positions = [self.lists.index(name) for name in names]
        masks = np.arange(2**self.n_lists)
        new_mask = np.zeros_like(masks)
        for j_new, j_old in enumerate(positions):
            new_mask |= ((masks >> j_old) & 1) << j_new
        counts = np.bincount(new_mask, weights=self.counts, minlength=2 ** len(names))
        counts = counts.astype(np.int64)
        counts[0] = 0
        return CaptureTable(names, counts)

    def to_csv(self) -> str:
        """The aggregated form statisticians publish (and `from_table` reads back)."""
        lines = [",".join([*self.lists, "count"])]
        for mask in range(2**self.n_lists - 1, 0, -1):
            bits = [str(mask >> j & 1) for j in range(self.n_lists)]
            lines.append(",".join([*bits, str(int(self.counts[mask]))]))
        return "\n".join(lines) + "\n"


def pattern_matrix(n_lists: int) -> np.ndarray:
    masks = np.arange(1, 2**n_lists)
    return ((masks[:, None] >> np.arange(n_lists)) & 1).astype(np.int8)


def _mask(key: Iterable[int] | frozenset[str], lists: Sequence[str]) -> int:
    if isinstance(key, (frozenset, set)):
        unknown = sorted(str(k) for k in key if k not in lists)
        if unknown:
            raise BadInput(f"unknown list(s) {', '.join(unknown)}")
        return sum(1 << lists.index(name) for name in key)
    bits = [int(b) for b in key]
    if len(bits) != len(lists) or any(b not in (0, 1) for b in bits):
        raise BadInput(f"pattern {bits} is not one 0/1 value per list ({len(lists)} lists)")
    return sum(b << j for j, b in enumerate(bits))
