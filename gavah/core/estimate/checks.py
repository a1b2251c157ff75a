"""Warnings a reader of an estimate needs, in words they can act on.

Thresholds are rules of thumb, not tests: they flag what a statistician reviewing the
estimate would look at first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from gavah.core.errors import BadInput
from gavah.core.estimate.table import MIN_LISTS, CaptureTable

SPARSE_ZERO_SHARE = 0.25  # share of observable cells that are empty
SMALL_CELL = 5
FEW_DOCUMENTED = 50
DOMINANT_SHARE = 0.9  # one list holding this share of everyone documented
STRONG_ODDS = 5.0  # interaction odds ratio beyond which two lists are "very dependent"
WIDE_INTERVAL = 1.0  # interval width relative to the estimate


def drop_empty_lists(table: CaptureTable, label: str = "") -> tuple[CaptureTable, list[str]]:
    """A list with no one on it says nothing about overlap: leave it out, and say so."""
    sizes = table.list_sizes()
    empty = [name for name, size in sizes.items() if size == 0]
    if not empty:
        return table, []
    kept = [name for name in table.lists if name not in empty]
    where = f"{label}: " if label else ""
    if len(kept) < MIN_LISTS:
        raise BadInput(
            f"{where}only {len(kept)} list(s) record anyone ({', '.join(kept) or 'none'}); "
            f"at least {MIN_LISTS} are needed"
        )
    return table.subset(kept), [f"list(s) {', '.join(empty)} record no one here and were left out"]


def table_warnings(table: CaptureTable) -> list[str]:
    out: list[str] = []
    obs = table.counts[1:]
    cells = len(obs)
    zeros = int((obs == 0).sum())
    if zeros / cells >= SPARSE_ZERO_SHARE:
        out.append(
            f"sparse table: {zeros} of {cells} capture patterns are empty; interactions "
            "may be unestimable and results depend strongly on the model"
        )
    small = int(((obs > 0) & (obs < SMALL_CELL)).sum())
    if small and small >= (cells - zeros) / 2:
        out.append(
            f"{small} of {cells - zeros} non-empty patterns hold fewer than {SMALL_CELL} people"
        )
    if table.documented < FEW_DOCUMENTED:
        out.append(f"only {table.documented} people documented: estimates will be imprecise")
    sizes = table.list_sizes()
    for name, size in sizes.items():
        share = size / table.documented
        if share >= 1.0:
            out.append(
                f"list {name} records every person documented: the other lists find no one it "
                "missed, so the estimate stays near the documented count; MSE assumes any "
                "list can miss people, check whether this list was built from the others"
            )
        elif share >= DOMINANT_SHARE:
            out.append(
                f"list {name} records {share:.0%} of everyone documented: the estimate leans "
                "on it almost alone"
            )
    pats = table.patterns()
    for j, name in enumerate(table.lists):
        shared = obs[(pats[:, j] == 1) & (pats.sum(axis=1) > 1)].sum()
        if sizes[name] and shared == 0:
            out.append(f"list {name} shares no one with any other list: linkage may have failed")
    return out


def dependence_warnings(
    interactions: Mapping[tuple[int, int], float], lists: Sequence[str]
) -> list[str]:
    out = []
    for (i, j), coef in interactions.items():
        odds = math.exp(max(min(coef, 50.0), -50.0))
        if odds >= STRONG_ODDS:
            out.append(
                f"lists {lists[i]} and {lists[j]} are strongly positively dependent (odds "
                f"ratio {odds:.1f}): people on one are far likelier to be on the other"
            )
        elif odds <= 1.0 / STRONG_ODDS:
            out.append(
                f"lists {lists[i]} and {lists[j]} are strongly negatively dependent (odds "
                f"ratio {odds:.2f}): they rarely record the same people"
            )
    return out


def interval_warnings(estimate: float, lower: float, upper: float, documented: int) -> list[str]:
    out = []
    if not math.isfinite(upper):
        out.append(
            "the interval has no upper bound: the lists overlap too little to bound the total"
        )
    elif math.isfinite(estimate) and estimate > 0 and (upper - lower) / estimate > WIDE_INTERVAL:
        out.append(
            f"very wide interval ({lower:,.0f} to {upper:,.0f}, wider than the estimate "
            "itself): treat the point estimate with caution"
        )
    if math.isfinite(estimate) and estimate > 20 * max(documented, 1):
        out.append(
            "the estimate is more than 20 times the documented count: check the model and linkage"
        )
    return out
