"""One estimate from estimates on several plausible linkages (multiple imputation).

Each imputation's estimate carries draws (posterior samples for LCMCR, parametric
bootstrap replicates for log-linear models); the same number of draws from each is
pooled and the interval read from the pooled draws, as for Bayesian multiple
imputation (Zhou and Reiter 2010) and bootstrap-within-imputation (Schomaker and
Heumann 2018). The pooled interval is wider than any one linkage's by the part that
comes from not knowing the linkage; `linkage_share` reports that part.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from gavah.core.errors import BadInput
from gavah.core.estimate.checks import interval_warnings
from gavah.core.estimate.result import Estimate


def pool(estimates: Sequence[Estimate], rng: np.random.Generator) -> Estimate:
    """Combine estimates made on different linkages of the same records."""
    usable = [e for e in estimates if e.draws is not None and len(e.draws)
              and math.isfinite(e.estimate)]
    if not usable:
        raise BadInput("no imputation gave a usable estimate with draws to pool")
    size = min(len(e.draws) for e in usable if e.draws is not None)
    pooled = np.concatenate([rng.choice(e.draws, size=size, replace=False)
                             for e in usable if e.draws is not None])
    level = usable[0].level
    lower, median, upper = (float(q) for q in np.quantile(
        pooled, [(1 - level) / 2, 0.5, (1 + level) / 2]))
    # The estimate on each linkage is pooled with its own draws so that the point and
    # the interval come from one distribution.
    points = np.array([e.estimate for e in usable])
    within = float(np.mean([e.upper - e.lower for e in usable
                            if math.isfinite(e.upper)] or [math.nan]))
    width = upper - lower
    between_var = float(points.var(ddof=1)) if len(points) > 1 else 0.0
    total_var = float(pooled.var(ddof=1)) if len(pooled) > 1 else 0.0
    linkage: dict[str, Any] = {
        "imputations": len(estimates), "usable": len(usable),
        "estimates": {"min": float(points.min()), "median": float(np.median(points)),
                      "max": float(points.max())},
        "documented": {"min": min(e.documented for e in usable),
                       "max": max(e.documented for e in usable)},
        "mean_width_one_linkage": within if math.isfinite(within) else None,
        "pooled_width": width,
        # Share of the interval's width, and of the variance, owed to the linkage.
        "linkage_share_of_width": (max(0.0, 1 - within / width)
                                   if width > 0 and math.isfinite(within) else None),
        "linkage_share_of_variance": between_var / total_var if total_var > 0 else 0.0,
        "method": "multiple imputation over linkages drawn from pair probabilities; "
                  "draws pooled",
    }
    base = usable[len(usable) // 2]
    documented = round(float(np.median([e.documented for e in usable])))
    warnings = [*_shared(usable),
                *interval_warnings(median, lower, upper, documented)]
    if len(usable) < len(estimates):
        warnings.append(f"{len(estimates) - len(usable)} of {len(estimates)} imputed "
                        "linkages gave no usable estimate and were left out")
    diagnostics = dict(base.diagnostics or {})
    diagnostics["linkage_uncertainty"] = linkage
    return replace(base, estimate=median, lower=lower, upper=upper,
                   interval=f"{base.interval}; pooled over {len(usable)} imputed linkages",
                   documented=documented,
                   draws=pooled, draws_kind=f"{base.draws_kind}, pooled over linkages",
                   warnings=warnings, diagnostics=diagnostics, selection=None,
                   chosen=None)


_NUMBER = re.compile(r"\d[\d,.]*")


def _shared(usable: Sequence[Estimate]) -> list[str]:
    """The imputed linkages' warnings, once each. One that names each linkage's own
    numbers (its interval, its documented count) is said once, with how many linkages
    gave it; a linkage's own interval warnings are left out, since the pooled interval
    is checked itself."""
    own = {w for e in usable
           for w in interval_warnings(e.estimate, e.lower, e.upper, e.documented)}
    shapes: dict[str, list[str]] = {}
    for e in usable:
        for w in dict.fromkeys(e.warnings):
            if w not in own:
                shapes.setdefault(_NUMBER.sub("#", w), []).append(w)
    out = []
    for said in shapes.values():
        if len(set(said)) == 1 and len(said) == len(usable):
            out.append(said[0])
        else:
            out.append(f"in {len(said)} of {len(usable)} imputed linkages, e.g.: {said[0]}")
    return out
