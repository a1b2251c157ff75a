"""The two estimators as users call them: a table in, an `Estimate` out."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from gavah.core.errors import BadInput
from gavah.core.estimate import averaging, checks
from gavah.core.estimate.diagnostics import summarize
from gavah.core.estimate.lcmcr import LcmcrSettings, sample_posterior
from gavah.core.estimate.loglinear import (
    CRITERIA,
    Model,
    ModelFit,
    compare_models,
    fit_model,
    parse_model,
    rank,
)
from gavah.core.estimate.profile import bootstrap_draws, profile_interval
from gavah.core.estimate.result import LCMCR, LOGLINEAR, Estimate
from gavah.core.estimate.table import CaptureTable

INTERVALS = ("profile", "bootstrap")
# Beyond 10 lists (1,023 cells, 45 interactions) stepwise selection over ever larger
# design matrices stops being quick; LCMCR, which works on observed patterns only, can.
MAX_LOGLINEAR_LISTS = 10
# A boundary fit (parameter at infinity) missing more than this many people per one
# documented is reported as no estimate at all.
UNESTIMABLE = 20
# The headline log-linear estimate averages over models by BIC weight: the chosen
# model's interval, read as if the model had been known, covered the truth in 87-91
# of 100 simulated tables, the BIC average in 96-97 (bench/RESULTS.md, issue 17).
DEFAULT_AVERAGE = "bic"


def estimate_loglinear(
    table: CaptureTable,
    *,
    criterion: str = "aic",
    model: str | Iterable[tuple[str, str]] | None = None,
    interval: str = "profile",
    bootstrap: int = 1000,
    seed: int | np.random.SeedSequence = 0,
    level: float = 0.95,
    average: str | None = DEFAULT_AVERAGE,
) -> Estimate:
    """A log-linear estimate with a 95% interval: by default averaged over the models.

    `average` ("bic", the default, or "aic") averages over the models by that
    criterion's weights (gavah.core.estimate.averaging): the point, the interval and
    the draws come from the mixture of the models' profile likelihoods. The model
    `criterion` chooses is still fitted and reported (`Estimate.chosen`, with its own
    interval); `average=None` makes it the headline, as does naming a `model`
    ("A:B,B:C", "independence"), which skips selection and averaging alike.
    `bootstrap` parametric replicates of the chosen model are drawn when it is the
    headline (0 to skip) so that strata can be summed; `interval="bootstrap"` takes the
    chosen model's interval from them instead of its profile likelihood.
    """
    if criterion not in CRITERIA:
        raise BadInput(f"criterion must be one of {', '.join(CRITERIA)}, not {criterion!r}")
    if interval not in INTERVALS:
        raise BadInput(f"interval must be one of {', '.join(INTERVALS)}, not {interval!r}")
    if average is not None and average not in CRITERIA:
        raise BadInput(f"average must be one of {', '.join(CRITERIA)}, not {average!r}")
    if model is not None:
        average = None  # the analyst's model, not a selection to hedge
    if interval == "bootstrap" and bootstrap < 100:
        raise BadInput("a bootstrap interval needs at least 100 replicates")
    table, warnings = checks.drop_empty_lists(table)
    if table.n_lists > MAX_LOGLINEAR_LISTS:
        raise BadInput(
            f"{table.n_lists} lists: log-linear models handle at most {MAX_LOGLINEAR_LISTS}; "
            "choose fewer lists or use the lcmcr method"
        )
    warnings += checks.table_warnings(table)

    if model is not None:
        chosen = fit_model(table, parse_model(model, table.lists))
        fits = [chosen]
        if chosen.boundary:
            warnings.append(f"the model {chosen.label} has a parameter at infinity (zero margin)")
    else:
        fits = compare_models(table, criterion)
        chosen = fits[0]
        warnings += _selection_warnings(fits, criterion)

    rng = np.random.default_rng(seed)
    # An average brings its own draws; the bootstrap would be thrown away.
    draws, notes = (
        bootstrap_draws(table, chosen, bootstrap, rng)
        if bootstrap and (average is None or interval == "bootstrap")
        else (np.empty(0), [])
    )
    warnings += notes
    if interval == "profile":
        lower, upper, notes = _safe_profile(table, chosen, level)
        kind = f"profile likelihood {level:.0%}"
    else:
        kind = f"parametric bootstrap percentile {level:.0%} (model held fixed)"
        if len(draws) >= 100:
            tails = [(1 - level) / 2, (1 + level) / 2]
            lower, upper = (float(q) for q in np.quantile(draws, tails))
            notes = []
        else:
            lower, upper = math.nan, math.nan
            notes = ["too few usable bootstrap replicates for an interval"]
    warnings += notes
    if chosen.df == 0:
        warnings.append(
            "the chosen model is saturated (no degrees of freedom left): it fits the table "
            "exactly, so nothing checks it"
        )
    point = chosen.estimate
    if not chosen.usable and not chosen.missing <= UNESTIMABLE * table.documented:
        # A parameter at infinity that sends the missed count off towards infinity is
        # not an estimate: printing 10^12 would be read as one.
        point, lower, upper = math.nan, float(table.documented), math.inf
        warnings.append(
            "no model gives a usable estimate: the lists overlap too little; report the "
            "documented count as a minimum"
        )
    label = chosen.label
    draws_kind = "parametric bootstrap (model held fixed)"
    diagnostics = None
    chosen_info = None
    if average is not None and math.isfinite(point):
        chosen_info = {"model": label, "criterion": criterion, "estimate": point,
                       "lower": lower, "upper": upper, "interval": kind}
        draws, weighted = averaging.averaged_draws(table, fits, average, max(bootstrap, 1000),
                                                   rng)
        if len(draws) >= 100:
            lower, point, upper = (float(q) for q in np.quantile(
                draws, [(1 - level) / 2, 0.5, (1 + level) / 2]))
            kind = (f"{average.upper()}-weighted average of {len(weighted)} models' profile "
                    f"likelihoods, central {level:.0%}")
            label = f"average of {len(weighted)} models by {average.upper()} weight"
            draws_kind = f"profile likelihood draws, {average.upper()}-weighted over models"
            diagnostics = {"model_average": {"criterion": average,
                                             "models": averaging.summary(weighted)}}
        else:
            chosen_info = None
            warnings.append("the models' profile likelihoods do not bound the total: no "
                            "model average; the chosen model's interval is reported")
            draws, notes = (bootstrap_draws(table, chosen, bootstrap, rng) if bootstrap
                            else (np.empty(0), []))
            warnings += notes
    warnings += checks.dependence_warnings(chosen.interactions, table.lists)
    warnings += checks.interval_warnings(point, lower, upper, table.documented)
    return Estimate(
        method=LOGLINEAR,
        lists=table.lists,
        documented=table.documented,
        estimate=point,
        lower=lower,
        upper=upper,
        interval=kind,
        model=label,
        warnings=_unique(warnings),
        level=level,
        draws=draws if len(draws) else None,
        draws_kind=draws_kind if len(draws) else None,
        diagnostics=diagnostics,
        selection=[_row(f, fits[0], criterion, table.lists) for f in rank(fits, criterion)],
        chosen=chosen_info,
    )


def _selection_warnings(fits: list[ModelFit], criterion: str) -> list[str]:
    out = []
    best = fits[0]
    if not best.usable:
        out.append(
            "every model has a parameter at infinity (zero margins): the estimate is at "
            "the edge of what the table can support"
        )
    other = "bic" if criterion == "aic" else "aic"
    alt = rank(fits, other)[0]
    if alt.model != best.model:
        out.append(
            f"AIC and BIC choose different models: {criterion.upper()} {best.label} "
            f"({best.estimate:,.0f}), {other.upper()} {alt.label} ({alt.estimate:,.0f})"
        )
    return out


def _safe_profile(
    table: CaptureTable, fit: ModelFit, level: float
) -> tuple[float, float, list[str]]:
    if not math.isfinite(fit.missing):
        return math.nan, math.inf, ["no interval: the model gives no finite estimate"]
    try:
        return profile_interval(table, fit, level)
    except (ValueError, FloatingPointError, np.linalg.LinAlgError) as exc:
        return math.nan, math.nan, [f"the profile likelihood interval failed ({exc})"]


def _row(fit: ModelFit, best: ModelFit, criterion: str, lists: Sequence[str]) -> dict[str, Any]:
    return {
        "model": fit.label,
        "interactions": [[lists[i], lists[j]] for i, j in fit.model.interactions],
        "estimate": fit.estimate,
        "stderr": fit.stderr,
        "deviance": fit.deviance,
        "df": fit.df,
        "aic": fit.aic,
        "bic": fit.bic,
        "delta": fit.criterion(criterion) - best.criterion(criterion),
        "boundary": fit.boundary,
    }


def estimate_lcmcr(
    table: CaptureTable,
    *,
    settings: LcmcrSettings | None = None,
    seed: int | np.random.SeedSequence = 0,
    level: float = 0.95,
    **overrides: Any,
) -> Estimate:
    """Posterior of N under LCMCR; `overrides` set LcmcrSettings fields (K=, burnin=...)."""
    settings = settings or LcmcrSettings()
    if overrides:
        unknown = sorted(set(overrides) - set(LcmcrSettings.__dataclass_fields__))
        if unknown:
            raise BadInput(f"unknown LCMCR setting(s): {', '.join(unknown)}")
        settings = dataclasses.replace(settings, **overrides)
    if settings.K < 1 or settings.samples < 10 or settings.thin < 1 or settings.chains < 1:
        raise BadInput("LCMCR needs K >= 1, samples >= 10, thin >= 1 and chains >= 1")
    table, warnings = checks.drop_empty_lists(table)
    warnings += checks.table_warnings(table)
    chains = sample_posterior(table, settings, np.random.default_rng(seed))
    diagnostics, notes = summarize(chains)
    warnings += notes
    draws = chains.ravel()
    lower, median, upper = (
        float(q) for q in np.quantile(draws, [(1 - level) / 2, 0.5, (1 + level) / 2])
    )
    warnings += checks.interval_warnings(median, lower, upper, table.documented)
    diagnostics.update(
        K=settings.K,
        burnin=settings.burnin,
        thin=settings.thin,
        a_alpha=settings.a_alpha,
        b_alpha=settings.b_alpha,
    )
    return Estimate(
        method=LCMCR,
        lists=table.lists,
        documented=table.documented,
        estimate=median,
        lower=lower,
        upper=upper,
        interval=f"posterior {level:.0%} credible (equal tails)",
        model=f"latent classes, stick-breaking prior truncated at K={settings.K}",
        warnings=_unique(warnings),
        level=level,
        draws=draws,
        draws_kind="posterior",
        posterior={"mean": float(draws.mean()), "median": median, "sd": float(draws.std(ddof=1))},
        diagnostics=diagnostics,
    )


def estimate(table: CaptureTable, method: str = LOGLINEAR, **options: Any) -> Estimate:
    """`gavah estimate --method loglinear|lcmcr` for one table."""
    if method == LOGLINEAR:
        return estimate_loglinear(table, **options)
    if method == LCMCR:
        return estimate_lcmcr(table, **options)
    raise BadInput(f"method must be {LOGLINEAR} or {LCMCR}, not {method!r}")


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


__all__ = ["Model", "estimate", "estimate_lcmcr", "estimate_loglinear"]
