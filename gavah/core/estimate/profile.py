"""Intervals for a log-linear estimate: profile likelihood and parametric bootstrap.

Profile likelihood (Cormack 1992, as in Rcapture's closedpCI): for each candidate
number missed n0, refit the model to the complete table with n0 in the unobserved
cell; the multinomial log-likelihood of the data given N = documented + n0, maximised
over the other parameters, traces a curve whose drop of chi2(1, 95%)/2 from its peak
bounds the interval. It is asymmetric like the uncertainty it describes, and never
goes below the documented count.

The parametric bootstrap redraws the complete table from the fitted model, hides the
unobserved cell, and refits the same model. It does not redo model selection, so it
understates uncertainty about the choice of model; it exists mostly to give draws that
strata can be summed with.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import brentq, minimize_scalar
from scipy.special import gammaln, xlogy
from scipy.stats import chi2

from gavah.core.estimate.glm import fit_poisson
from gavah.core.estimate.loglinear import Model, ModelFit, design
from gavah.core.estimate.table import CaptureTable

# Past this many missed people per documented one the curve is taken as flat: the
# upper bound is reported as unbounded rather than searched for forever.
MAX_RATIO = 1e5


class _Profile:
    def __init__(self, table: CaptureTable, model: Model, start: np.ndarray) -> None:
        observed = design(table.patterns(), model)
        zero_row = np.zeros((1, observed.shape[1]))
        zero_row[0, 0] = 1.0
        self.X = np.vstack([zero_row, observed])
        self.y_obs = table.observed()
        self.n = float(table.documented)
        self.beta = start

    def __call__(self, n0: float) -> float:
        y = np.concatenate([[n0], self.y_obs])
        fit = fit_poisson(self.X, y, self.beta)
        if fit.converged:
            self.beta = fit.beta  # warm start for the next, nearby n0
        N = self.n + n0
        p = fit.mu / fit.mu.sum()
        return float(gammaln(N + 1.0) - gammaln(n0 + 1.0) + np.sum(xlogy(y, p)))


def profile_interval(
    table: CaptureTable, fit: ModelFit, level: float = 0.95
) -> tuple[float, float, list[str]]:
    """(lower, upper, notes) for N; upper is inf when the likelihood never drops enough."""
    notes: list[str] = []
    prof = _Profile(table, fit.model, fit.fit.beta.copy())
    n = table.documented
    # Work on t = log(1 + n0): missed counts range over orders of magnitude.
    t_hat0 = math.log1p(min(fit.missing, MAX_RATIO * n)) if math.isfinite(fit.missing) else 0.0
    t_cap = math.log1p(MAX_RATIO * max(n, 1))

    def curve(t: float) -> float:
        return prof(math.expm1(t))

    hi = min(max(2.0 * t_hat0, t_hat0 + 3.0), t_cap)
    peak = minimize_scalar(
        lambda t: -curve(t), bounds=(0.0, hi), method="bounded", options={"xatol": 1e-6}
    )
    t_max, l_max = float(peak.x), -float(peak.fun)
    cut = l_max - chi2.ppf(level, 1) / 2.0

    def gap(t: float) -> float:
        return curve(t) - cut

    lower = float(n)
    if gap(0.0) < 0:
        lower = n + math.expm1(brentq(gap, 0.0, t_max, xtol=1e-8))
    t_hi = t_max + 1.0
    while t_hi < t_cap and gap(t_hi) >= 0:
        t_hi += 1.0
    if t_hi >= t_cap and gap(t_cap) >= 0:
        notes.append(
            "the profile likelihood does not fall off: the data cannot bound the estimate "
            "from above under this model"
        )
        return lower, math.inf, notes
    upper = n + math.expm1(brentq(gap, t_max, min(t_hi, t_cap), xtol=1e-8))
    return lower, upper, notes


def bootstrap_draws(
    table: CaptureTable, fit: ModelFit, replicates: int, rng: np.random.Generator
) -> tuple[np.ndarray, list[str]]:
    """Estimates N* from `replicates` tables drawn from the fitted model."""
    notes: list[str] = []
    total = fit.estimate
    if not math.isfinite(total) or total > MAX_RATIO * table.documented:
        notes.append("no bootstrap: the fitted model puts no finite bound on the total")
        return np.empty(0), notes
    N = round(total)
    means = np.concatenate([[fit.missing], fit.fit.mu])
    tables = rng.multinomial(N, means / means.sum(), size=replicates)
    X = design(table.patterns(), fit.model)
    draws = np.empty(replicates)
    for b in range(replicates):
        y = tables[b, 1:].astype(float)
        refit = fit_poisson(X, y, fit.fit.beta)
        with np.errstate(over="ignore"):
            draws[b] = y.sum() + math.exp(min(refit.beta[0], 700.0))
        if refit.boundary:
            draws[b] = math.nan
    bad = int(np.isnan(draws).sum())
    if bad:
        notes.append(
            f"{bad} of {replicates} bootstrap tables had a zero margin that left the model "
            "without a finite estimate; they were set aside"
        )
    return draws[~np.isnan(draws)], notes


# The profile curve is traced in steps of log(1 + n0) until it has dropped this far below
# its peak: exp(-12) of the peak's density, far past any 95% or 99% bound.
CURVE_STEP = 0.04
CURVE_DROP = 12.0


def profile_curve(table: CaptureTable, fit: ModelFit, step: float = CURVE_STEP
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(n0, log-likelihood) on a grid of `step` in log(1 + n0) around the peak, down to
    CURVE_DROP below it.

    Empty arrays when the curve does not fall off above (no finite upper bound)."""
    if not math.isfinite(fit.missing):
        return np.empty(0), np.empty(0)
    prof = _Profile(table, fit.model, fit.fit.beta.copy())
    t_hat = math.log1p(max(fit.missing, 0.0))
    t_cap = math.log1p(MAX_RATIO * max(table.documented, 1))
    ts, ls = [t_hat], [prof(math.expm1(t_hat))]
    peak = ls[0]
    for direction in (-1.0, 1.0):
        prof.beta = fit.fit.beta.copy()  # warm starts walk outwards from the MLE
        t = t_hat
        while True:
            t = max(t + direction * step, 0.0)
            if t > t_cap:
                return np.empty(0), np.empty(0)
            value = prof(math.expm1(t))
            peak = max(peak, value)
            if direction < 0:
                ts.insert(0, t)
                ls.insert(0, value)
            else:
                ts.append(t)
                ls.append(value)
            if value < peak - CURVE_DROP or t == 0.0:
                break
    return np.expm1(np.array(ts)), np.array(ls)


def profile_draws(table: CaptureTable, fit: ModelFit, size: int,
                  rng: np.random.Generator) -> np.ndarray:
    """Totals N drawn from the normalised profile likelihood (a flat prior on N).

    Draws that stand in for a posterior under this model, so that estimates on several
    linkages can be pooled as Bayesian multiple imputation pools posterior draws; their
    central 95% matches the profile interval closely. Empty when the curve does not
    bound N from above."""
    n0, loglik = profile_curve(table, fit)
    if len(n0) < 2:
        return np.empty(0)
    density = np.exp(loglik - loglik.max())
    cdf = np.concatenate([[0.0], np.cumsum(0.5 * (density[1:] + density[:-1]) * np.diff(n0))])
    return table.documented + np.interp(rng.random(size) * cdf[-1], cdf, n0)
