"""Known populations and the lists that record them, to check estimators against truth.

A `Scenario` gives a population size, latent groups of people that lists record at
different rates (heterogeneity), and optional list-to-list dependence (being on list
i multiplies the odds of being on list j). `coverage` runs an estimator over fresh
replicates and counts how often its interval holds the truth. `simulate_people`
returns every person's lists, including those on none, for a full
import -> link -> estimate simulation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from gavah.core.errors import BadInput
from gavah.core.estimate.result import Estimate
from gavah.core.estimate.table import CaptureTable, check_list_names


@dataclass(frozen=True)
class Scenario:
    population: int
    lists: tuple[str, ...]
    # (share of the population, recording probability per list) for each latent group
    groups: tuple[tuple[float, tuple[float, ...]], ...]
    # (i, j) -> odds multiplier for list j among people on list i (i < j, applied in order)
    dependence: Mapping[tuple[int, int], float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_list_names(self.lists)
        if self.population < 1:
            raise BadInput("population must be positive")
        shares = np.array([share for share, _ in self.groups], dtype=float)
        if not len(shares) or (shares < 0).any() or not np.isclose(shares.sum(), 1.0):
            raise BadInput("group shares must be non-negative and add up to 1")
        for _, probs in self.groups:
            if len(probs) != len(self.lists) or not all(0.0 <= p <= 1.0 for p in probs):
                raise BadInput("each group needs one probability in [0, 1] per list")
        for i, j in self.dependence:
            if not 0 <= i < j < len(self.lists):
                raise BadInput("dependence pairs (i, j) need i < j, both list positions")


def simulate_people(scenario: Scenario, rng: np.random.Generator) -> np.ndarray:
    """0/1 matrix (population, lists): who each list recorded. Rows of zeros included."""
    shares = [share for share, _ in scenario.groups]
    group = rng.choice(len(shares), size=scenario.population, p=shares)
    probs = np.array([p for _, p in scenario.groups])[group]  # (N, J)
    odds = probs / np.clip(1.0 - probs, 1e-12, None)
    on = np.zeros(probs.shape, dtype=np.int8)
    for j in range(len(scenario.lists)):
        boost = np.ones(scenario.population)
        for (i, k), factor in scenario.dependence.items():
            if k == j:
                boost *= np.where(on[:, i] == 1, factor, 1.0)
        p = odds[:, j] * boost / (1.0 + odds[:, j] * boost)
        on[:, j] = rng.random(scenario.population) < p
    return on


def simulate_table(scenario: Scenario, rng: np.random.Generator) -> CaptureTable:
    on = simulate_people(scenario, rng)
    masks = on.astype(np.int64) @ (1 << np.arange(on.shape[1]))
    counts = np.bincount(masks, minlength=2 ** on.shape[1]).astype(np.int64)
    counts[0] = 0
    return CaptureTable(scenario.lists, counts)


@dataclass(frozen=True)
class CoverageReport:
    truth: int
    replicates: int
    covered: int
    estimates: tuple[float, ...]
    intervals: tuple[tuple[float, float], ...]

    @property
    def rate(self) -> float:
        return self.covered / self.replicates

    @property
    def median_relative_error(self) -> float:
        return float(np.median(np.abs(np.array(self.estimates) - self.truth)) / self.truth)


def coverage(
    scenario: Scenario,
    estimator: Callable[[CaptureTable], Estimate],
    replicates: int,
    seed: int = 0,
) -> CoverageReport:
    """How often `estimator`'s interval contains the true population size."""
    rng = np.random.default_rng(seed)
    estimates, intervals, covered = [], [], 0
    for _ in range(replicates):
        est = estimator(simulate_table(scenario, rng))
        estimates.append(est.estimate)
        intervals.append((est.lower, est.upper))
        covered += int(est.lower <= scenario.population <= est.upper)
    return CoverageReport(
        scenario.population, replicates, covered, tuple(estimates), tuple(intervals)
    )


def homogeneous(
    population: int, probs: Sequence[float], lists: Sequence[str] | None = None
) -> Scenario:
    """Everyone recorded by list j with the same probability, lists independent."""
    names = tuple(lists) if lists is not None else tuple(f"L{j + 1}" for j in range(len(probs)))
    return Scenario(population, names, ((1.0, tuple(probs)),))
