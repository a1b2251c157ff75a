"""Hierarchical log-linear models for multiple systems estimation.

Each model has the main effects of every list plus a subset of the two-way
interactions (list dependence). It is fitted to the 2**J - 1 observable cells as a
Poisson regression; the intercept is the log of the expected count in the unobserved
cell, so N = documented + exp(intercept) (Fienberg 1972; Rcapture's "abundance").

All 2**(J(J-1)/2) interaction subsets are compared up to five lists (1,024 models);
beyond that a stepwise search. AIC chooses by default: an interaction that exists but
is left out biases the estimate (positive dependence, the usual case among human
rights lists, biases it down), and AIC's lighter penalty leaves out fewer real
interactions than BIC, at the price of wider intervals. The BIC choice is always
reported, and a disagreement is a warning. The headline estimate does not rest on one
choice: it averages over the models by BIC weight (averaging.py, estimators.py), and
the chosen model is reported beside it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from gavah.core.errors import BadInput
from gavah.core.estimate.glm import PoissonFit, fit_poisson
from gavah.core.estimate.table import CaptureTable

Pair = tuple[int, int]
CRITERIA = ("aic", "bic")
# Exhaustive search up to 10 pairs (5 lists); 6 lists would be 32,768 models.
MAX_EXHAUSTIVE_PAIRS = 10


@dataclass(frozen=True)
class Model:
    """Main effects of every list plus these two-way interactions (i < j)."""

    interactions: tuple[Pair, ...] = ()

    def __post_init__(self) -> None:
        pairs = tuple(sorted({(min(p), max(p)) for p in self.interactions}))
        if any(i == j for i, j in pairs):
            raise BadInput("an interaction needs two different lists")
        object.__setattr__(self, "interactions", pairs)

    def label(self, lists: Sequence[str]) -> str:
        if not self.interactions:
            return "independence (main effects only)"
        terms = " + ".join(f"{lists[i]}:{lists[j]}" for i, j in self.interactions)
        return f"main effects + {terms}"

    def n_params(self, n_lists: int) -> int:
        return 1 + n_lists + len(self.interactions)


@dataclass(frozen=True)
class ModelFit:
    model: Model
    label: str
    documented: int
    missing: float  # fitted count in the unobserved cell
    stderr: float  # delta-method standard error of the estimate
    deviance: float
    df: int
    loglik: float
    aic: float
    bic: float
    boundary: bool  # some parameter at infinity: a zero margin, see glm.py
    interactions: dict[Pair, float]
    fit: PoissonFit

    @property
    def estimate(self) -> float:
        return self.documented + self.missing

    @property
    def usable(self) -> bool:
        return not self.boundary and math.isfinite(self.missing)

    def criterion(self, name: str) -> float:
        return self.aic if name == "aic" else self.bic


def design(patterns: np.ndarray, model: Model) -> np.ndarray:
    """Columns: intercept, one per list, one per interaction."""
    cols = [np.ones(len(patterns)), *patterns.T.astype(float)]
    cols += [(patterns[:, i] * patterns[:, j]).astype(float) for i, j in model.interactions]
    return np.column_stack(cols)


def fit_model(table: CaptureTable, model: Model, start: np.ndarray | None = None) -> ModelFit:
    J = table.n_lists
    if any(j >= J for pair in model.interactions for j in pair):
        raise BadInput(f"interaction outside the table's {J} lists")
    X = design(table.patterns(), model)
    y = table.observed()
    fit = fit_poisson(X, y, start)
    with np.errstate(over="ignore"):
        missing = float(np.exp(fit.beta[0]))
        stderr = math.nan
        if fit.cov is not None and math.isfinite(missing):
            stderr = math.sqrt(max(missing + missing**2 * fit.cov[0, 0], 0.0))
    p = model.n_params(J)
    coefs = {pair: float(fit.beta[1 + J + k]) for k, pair in enumerate(model.interactions)}
    return ModelFit(
        model=model,
        label=model.label(table.lists),
        documented=table.documented,
        missing=missing,
        stderr=stderr,
        deviance=fit.deviance,
        df=len(y) - p,
        loglik=fit.loglik,
        aic=-2.0 * fit.loglik + 2.0 * p,
        # BIC's sample size is the number of people documented, as in Rcapture.
        bic=-2.0 * fit.loglik + math.log(table.documented) * p,
        boundary=fit.boundary,
        interactions=coefs,
        fit=fit,
    )


def all_models(n_lists: int) -> Iterator[Model]:
    pairs = list(itertools.combinations(range(n_lists), 2))
    for k in range(len(pairs) + 1):
        for subset in itertools.combinations(pairs, k):
            yield Model(subset)


def compare_models(
    table: CaptureTable, criterion: str = "aic", max_pairs: int = MAX_EXHAUSTIVE_PAIRS
) -> list[ModelFit]:
    """Fit the candidate models, best first by `criterion` (usable fits before others)."""
    if criterion not in CRITERIA:
        raise BadInput(f"criterion must be one of {', '.join(CRITERIA)}, not {criterion!r}")
    J = table.n_lists
    if max_pairs >= J * (J - 1) // 2:
        fits = [fit_model(table, m) for m in all_models(J)]
    else:
        fits = _stepwise(table, criterion)
    return rank(fits, criterion)


def rank(fits: Iterable[ModelFit], criterion: str) -> list[ModelFit]:
    return sorted(fits, key=lambda f: (not f.usable, f.criterion(criterion), len(f.interactions)))


def _stepwise(table: CaptureTable, criterion: str) -> list[ModelFit]:
    """Greedy add/drop of interactions from independence until no step improves."""
    pairs = list(itertools.combinations(range(table.n_lists), 2))
    seen: dict[tuple[Pair, ...], ModelFit] = {}

    def get(model: Model) -> ModelFit:
        if model.interactions not in seen:
            seen[model.interactions] = fit_model(table, model)
        return seen[model.interactions]

    def score(f: ModelFit) -> float:
        return f.criterion(criterion) if f.usable else math.inf

    current = get(Model())
    while True:
        present = set(current.model.interactions)
        moves = [Model((*present, p)) for p in pairs if p not in present]
        moves += [Model(tuple(present - {p})) for p in present]
        best = min((get(m) for m in moves), key=score, default=current)
        if score(best) >= score(current):
            return list(seen.values())
        current = best


def parse_model(spec: str | Iterable[tuple[str, str]], lists: Sequence[str]) -> Model:
    """A model named by its interactions: "A:B,B:C", [("A", "B")], or "independence"."""
    if isinstance(spec, str):
        text = spec.strip()
        if text.lower() in ("", "independence", "none"):
            return Model()
        raw = [tuple(t.strip() for t in term.split(":")) for term in text.split(",")]
    else:
        raw = [tuple(term) for term in spec]
    pairs = []
    for term in raw:
        if len(term) != 2:
            raise BadInput(f"model term {':'.join(term)!r} is not a pair of lists (A:B)")
        unknown = [name for name in term if name not in lists]
        if unknown:
            raise BadInput(f"model term {':'.join(term)!r}: unknown list {unknown[0]!r}")
        pairs.append((lists.index(term[0]), lists.index(term[1])))
    return Model(tuple(pairs))
