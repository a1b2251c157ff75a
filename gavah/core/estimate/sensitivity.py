"""How much one linkage decision would move a log-linear estimate.

Joining two persons seen on lists `h1` and `h2` into one removes a person from cells
h1 and h2 and adds one to cell h1 | h2. The effect is measured on the estimate users
are shown: by default the average over models by BIC weight (`estimators.DEFAULT_AVERAGE`),
its point computed from the models' curves (`averaging.averaged_point`, no sampling noise),
the candidate models held fixed and their weights taken again on the changed table. With
`average=None` it is the model chosen on the whole table, refitted (held fixed, so that
the effect is the decision's and not a change of model). Only the histories matter, so
each distinct pair of histories is computed once, however many record pairs share it,
and a table's estimate is kept (per process) for the next view of the same queue.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence

import numpy as np

from gavah.core.estimate.averaging import averaged_point
from gavah.core.estimate.estimators import DEFAULT_AVERAGE
from gavah.core.estimate.loglinear import Model, ModelFit, compare_models, fit_model
from gavah.core.estimate.table import CaptureTable

History = frozenset[str]
# The models refitted on each changed table: those whose weight on the whole table is at
# least this (a criterion under ~18 above the best). One person more or less moves a
# criterion by a few units, so the others cannot reach the average's cut (1e-3); their
# fits would be most of the work (1,024 models on five lists).
CANDIDATE_WEIGHT = 1e-4
# The profile curves' grid here: twice the headline's step. On tables of three and four
# lists it moved effects by under 0.03 persons and halved the time (the headline's point
# itself by under 0.3: the same on both sides of a difference).
STEP = 0.08


def merge_effects(table: CaptureTable, merges: Iterable[tuple[History, History]], *,
                  average: str | None = DEFAULT_AVERAGE, criterion: str = "aic"
                  ) -> dict[tuple[History, History], float]:
    """Estimate after the merge minus the estimate before, for each pair of histories
    (NaN where either estimate is not usable). `average` and `criterion` as in
    `estimate_loglinear`: the default is its default, the estimate users are shown."""
    fits = compare_models(table, criterion)
    chosen = fits[0].model
    models = tuple(_candidates(fits, average) if average else [chosen])
    base = _headline(table.lists, tuple(int(c) for c in table.counts), models, average,
                     chosen)

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
        after = _headline(table.lists, tuple(int(c) for c in counts), models, average, chosen)
        out[key] = after - base if math.isfinite(after) and math.isfinite(base) else math.nan
    return out


@functools.lru_cache(maxsize=4096)
def _headline(lists: tuple[str, ...], counts: tuple[int, ...], models: tuple[Model, ...],
              average: str | None, chosen: Model) -> float:
    """The estimate of the table `counts` over `models`: their average, or the chosen
    model where no average bounds N (as `estimate_loglinear` falls back)."""
    table = CaptureTable(lists, np.asarray(counts))
    fits = [fit_model(table, m) for m in models]
    if average:
        point = averaged_point(table, fits, average, STEP)
        if math.isfinite(point):
            return point
    fit = next((f for f in fits if f.model == chosen), None)
    return (fit or fit_model(table, chosen)).estimate


def _candidates(fits: Sequence[ModelFit], average: str) -> list[Model]:
    usable = [f for f in fits if f.usable]
    if not usable:
        return [fits[0].model]
    best = min(f.criterion(average) for f in usable)
    cut = -2.0 * math.log(CANDIDATE_WEIGHT)
    kept = [f.model for f in usable if f.criterion(average) - best <= cut]
    return kept if fits[0].model in kept else [*kept, fits[0].model]


def effect(effects: dict[tuple[History, History], float], h1: History, h2: History) -> float:
    key = (h1, h2) if sorted(h1) <= sorted(h2) else (h2, h1)
    return effects.get(key, math.nan)
