"""Log-linear estimates averaged over models: the default log-linear estimate.

Choosing one model by AIC and then reading its interval as if the model had been known
all along understates uncertainty: in the project's simulations (bench/RESULTS.md,
issue 17) the chosen model's bootstrap covered the truth in 87-91 of 100 tables, the
BIC average in 96-97. Here
each candidate model contributes draws of N from its normalised profile likelihood
(`profile.profile_draws`), in proportion to its weight exp(-delta/2) by the criterion:
BIC weights approximate posterior model probabilities (Raftery 1995; Bayesian model
averaging of log-linear models in capture-recapture, Madigan and York 1997), AIC
weights are Akaike weights (Buckland, Burnham and Augustin 1997; Burnham and Anderson
2002, ch. 4). The mixture's median and central interval are the averaged estimate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from gavah.core.estimate.loglinear import ModelFit
from gavah.core.estimate.profile import CURVE_STEP, profile_curve, profile_draws
from gavah.core.estimate.table import CaptureTable

# Models below this weight are left out (their draws would round to none of 1,000).
MIN_WEIGHT = 1e-3


def weights(fits: Sequence[ModelFit], criterion: str) -> list[tuple[ModelFit, float]]:
    """Usable models with weight >= MIN_WEIGHT, weights renormalised, largest first."""
    usable = [f for f in fits if f.usable]
    if not usable:
        return []
    values = np.array([f.criterion(criterion) for f in usable])
    raw = np.exp(-(values - values.min()) / 2.0)
    raw /= raw.sum()
    kept = [(f, float(w)) for f, w in zip(usable, raw, strict=True) if w >= MIN_WEIGHT]
    total = sum(w for _, w in kept)
    return sorted(((f, w / total) for f, w in kept), key=lambda fw: -fw[1])


def averaged_draws(table: CaptureTable, fits: Sequence[ModelFit], criterion: str,
                   size: int, rng: np.random.Generator
                   ) -> tuple[np.ndarray, list[tuple[ModelFit, float]]]:
    """`size` draws of N from the weighted mixture of the models' profile likelihoods.

    A model whose profile does not bound N from above gives no draws; its share goes
    to the others (a warning says so upstream when it is the chosen model)."""
    weighted = weights(fits, criterion)
    counts: list[int] = (rng.multinomial(size, [w for _, w in weighted]).tolist()
                         if weighted else [])
    parts = [profile_draws(table, f, int(k), rng)
             for (f, _), k in zip(weighted, counts, strict=True) if k]
    draws = np.concatenate(parts) if parts else np.empty(0)
    return draws[np.isfinite(draws)] if len(draws) else draws, weighted


def averaged_point(table: CaptureTable, fits: Sequence[ModelFit], criterion: str,
                   step: float = CURVE_STEP) -> float:
    """The median of the averaged mixture, computed from the models' curves rather than
    drawn: the point `averaged_draws` estimates by sampling (the headline estimate), without
    its Monte Carlo noise, so that two tables one person apart can be compared. NaN when
    no model's profile bounds N from above.

    Each model's draws come from the piecewise-linear CDF of its profile likelihood on its
    grid (`profile_draws`); a model without a bounded curve gives none, its share going to
    the others. The mixture of those CDFs is piecewise linear on the union of the grids."""
    curves = []
    for fit, weight in weights(fits, criterion):
        n0, loglik = profile_curve(table, fit, step)
        if len(n0) < 2:
            continue
        density = np.exp(loglik - loglik.max())
        cdf = np.concatenate([[0.0], np.cumsum(0.5 * (density[1:] + density[:-1])
                                               * np.diff(n0))])
        curves.append((weight, n0, cdf / cdf[-1]))
    if not curves:
        return math.nan
    total = sum(w for w, _, _ in curves)
    grid = np.unique(np.concatenate([n0 for _, n0, _ in curves]))
    mixture = sum(w / total * np.interp(grid, n0, cdf, left=0.0, right=1.0)
                  for w, n0, cdf in curves)
    i = int(np.searchsorted(mixture, 0.5))  # first grid point at or past the median
    if i == 0:
        return float(table.documented + grid[0])
    lo, hi = float(mixture[i - 1]), float(mixture[i])
    share = (0.5 - lo) / (hi - lo) if hi > lo else 0.0
    return float(table.documented + grid[i - 1] + share * (grid[i] - grid[i - 1]))


def summary(weighted: Sequence[tuple[ModelFit, float]], top: int = 5
            ) -> list[dict[str, float | str]]:
    """The heaviest models, for the report: label, weight, estimate."""
    return [{"model": f.label, "weight": round(w, 4),
             "estimate": f.estimate if math.isfinite(f.estimate) else math.nan}
            for f, w in weighted[:top]]
