"""How much one linkage decision would move a log-linear estimate.

Joining two persons seen on lists `h1` and `h2` into one removes a person from cells
h1 and h2 and adds one to cell h1 | h2. The estimate is refitted under the model
selected on the whole table (held fixed, so that the effect is the decision's and not
a change of model). Only the histories matter, so each distinct pair of histories is
fitted once, however many record pairs share it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from gavah.core.estimate.loglinear import compare_models, fit_model
from gavah.core.estimate.table import CaptureTable

History = frozenset[str]


def merge_effects(table: CaptureTable, merges: Iterable[tuple[History, History]]
                  ) -> dict[tuple[History, History], float]:
    """Estimate after the merge minus the estimate before, for each pair of histories
    (NaN where either estimate is not usable)."""
    best = compare_models(table)[0]
    model, base = best.model, best.estimate

    def cell(history: History) -> int:
        return sum(1 << table.lists.index(name) for name in history)

    out: dict[tuple[History, History], float] = {}
    for h1, h2 in merges:
        key = (h1, h2) if sorted(h1) <= sorted(h2) else (h2, h1)
        if key in out:
            continue
        counts = table.counts.copy()
        cells = [cell(h1), cell(h2)]
        if any(counts[c] <= 0 for c in cells) or (cells[0] == cells[1] and counts[cells[0]] < 2):
            out[key] = math.nan
            continue
        for c in cells:
            counts[c] -= 1
        counts[cell(h1 | h2)] += 1
        after = fit_model(CaptureTable(table.lists, np.asarray(counts)), model).estimate
        out[key] = after - base if math.isfinite(after) and math.isfinite(base) else math.nan
    return out


def effect(effects: dict[tuple[History, History], float], h1: History, h2: History) -> float:
    key = (h1, h2) if sorted(h1) <= sorted(h2) else (h2, h1)
    return effects.get(key, math.nan)
