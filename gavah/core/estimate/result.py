"""The outcome of one estimate: what a CLI prints, a report cites and a figure draws.

An `Estimate` keeps its draws (bootstrap replicates or posterior samples) so that
stratum estimates can be summed draw by draw; `to_dict` leaves them out unless asked,
because a JSON report with 2,000 numbers per stratum helps nobody reading it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

LOGLINEAR = "loglinear"
LCMCR = "lcmcr"

# What each method takes for granted. Shown with every result because a court or the
# defence will ask, and because linkage errors break all of them at once.
ASSUMPTIONS: dict[str, tuple[str, ...]] = {
    LOGLINEAR: (
        "closed population: the lists cover the same people, place and period",
        "records are linked without error (no missed or false matches)",
        "every person could have been recorded by each list",
        "dependence between lists is captured by the chosen two-way interactions; "
        "there is no three-way or higher interaction",
    ),
    LCMCR: (
        "closed population: the lists cover the same people, place and period",
        "records are linked without error (no missed or false matches)",
        "every person could have been recorded by each list",
        "people fall into latent classes within which lists record them independently "
        "(Manrique-Vallier 2016)",
    ),
}


def _num(value: float) -> float | None:
    """JSON has no infinity: an unbounded or failed bound becomes null (warnings say why)."""
    return float(value) if math.isfinite(value) else None


@dataclass
class Estimate:
    """One multiple systems estimate of a total, with its 95% interval."""

    method: str
    lists: tuple[str, ...]
    documented: int
    estimate: float
    lower: float
    upper: float
    interval: str
    model: str
    warnings: list[str] = field(default_factory=list)
    level: float = 0.95
    draws: np.ndarray | None = None
    draws_kind: str | None = None
    selection: list[dict[str, Any]] | None = None
    posterior: dict[str, float] | None = None
    diagnostics: dict[str, Any] | None = None
    stratum: str | None = None
    strata: dict[str, Estimate] | None = None
    # The log-linear model the criterion chose, with its own interval, when the
    # headline is an average over models (kept so a reader can compare the two).
    chosen: dict[str, Any] | None = None

    @property
    def undocumented(self) -> float:
        return self.estimate - self.documented

    def to_dict(self, *, include_draws: bool = False, max_models: int = 10) -> dict[str, Any]:
        out: dict[str, Any] = {
            "documented": int(self.documented),
            "undocumented": _num(self.undocumented),
            "lists": list(self.lists),
            "method": self.method,
            "estimate": _num(self.estimate),
            "lower": _num(self.lower),
            "upper": _num(self.upper),
            "level": self.level,
            "interval": self.interval,
            "model": self.model,
            "warnings": list(self.warnings),
            "assumptions": list(ASSUMPTIONS.get(self.method, ())),
        }
        if self.stratum is not None:
            out["stratum"] = self.stratum
        if self.selection is not None:
            out["selection"] = [_clean(row) for row in self.selection[:max_models]]
            out["models_compared"] = len(self.selection)
        if self.chosen is not None:
            out["chosen_model"] = _clean(self.chosen)
        if self.posterior is not None:
            out["posterior"] = _clean(self.posterior)
        if self.diagnostics is not None:
            out["diagnostics"] = _clean(self.diagnostics)
        if self.strata is not None:
            out["strata"] = {
                name: est.to_dict(include_draws=include_draws, max_models=max_models)
                for name, est in self.strata.items()
            }
        if include_draws and self.draws is not None:
            out["draws_kind"] = self.draws_kind
            out["draws"] = [float(x) for x in self.draws]
        return out


def _clean(value: Any) -> Any:
    """Make numpy scalars, tuples and non-finite floats JSON-safe, recursively."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return _num(float(value))
    return value
