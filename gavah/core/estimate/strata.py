"""Stratified estimates (`--stratify FIELD`): estimate each stratum, then add them up.

People recorded differently in different places or periods (one prison's lists are
not another's) break the homogeneity MSE assumes; estimating per stratum and adding
removes that source of bias. The total's interval comes from adding the strata's draws
(bootstrap replicates or posterior samples) draw by draw, so it reflects the spread of
the sum, not a sum of interval ends, which would be far too wide.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from gavah.core.errors import BadInput
from gavah.core.estimate.estimators import estimate
from gavah.core.estimate.result import LCMCR, Estimate
from gavah.core.estimate.table import CaptureTable, check_list_names

MISSING_STRATUM = "(missing)"


def tables_by_stratum(
    rows: Iterable[tuple[Iterable[str], Hashable | None]],
    lists: Sequence[str] | None = None,
) -> dict[str, CaptureTable]:
    """One (list names, stratum value) row per person -> one table per stratum.

    Every table has the same lists. People with no stratum value are kept, in a
    stratum of their own, rather than silently dropped.
    """
    people = [(frozenset(map(str, on)), stratum) for on, stratum in rows]
    if lists is None:
        lists = sorted(set().union(*(on for on, _ in people))) if people else []
    names = check_list_names(lists)
    groups: dict[str, list[frozenset[str]]] = {}
    for number, (on, stratum) in enumerate(people, start=1):
        # Checked here so that messages number people across all strata.
        if not on:
            raise BadInput(f"person {number}: on no list (every record comes from a list)")
        unknown = sorted(on - set(names))
        if unknown:
            raise BadInput(f"person {number}: unknown list(s) {', '.join(unknown)}")
        key = MISSING_STRATUM if stratum is None or str(stratum).strip() == "" else str(stratum)
        groups.setdefault(key, []).append(on)
    if not groups:
        raise BadInput("no people to stratify")
    return {
        key: CaptureTable.from_memberships(group, names) for key, group in sorted(groups.items())
    }


def estimate_stratified(
    tables: Mapping[str, CaptureTable],
    method: str = "loglinear",
    *,
    seed: int = 0,
    level: float = 0.95,
    **options: Any,
) -> Estimate:
    """Per-stratum estimates and their total; the total's `strata` holds each one."""
    if not tables:
        raise BadInput("no strata to estimate")
    seeds = np.random.SeedSequence(seed).spawn(len(tables))
    parts: dict[str, Estimate] = {}
    for (name, table), child in zip(tables.items(), seeds, strict=True):
        try:
            part = estimate(table, method, seed=child, level=level, **options)
        except BadInput as exc:
            raise BadInput(f"stratum {name!r}: {exc}") from exc
        part.stratum = name
        parts[name] = part
    return combine(parts, level=level)


def combine(parts: Mapping[str, Estimate], level: float = 0.95) -> Estimate:
    """Add stratum estimates; the interval comes from the summed draws."""
    first = next(iter(parts.values()))
    warnings = [f"stratum {name}: {w}" for name, est in parts.items() for w in est.warnings]
    draws = [est.draws for est in parts.values()]
    lower = upper = float("nan")
    total_draws = None
    if all(d is not None and len(d) for d in draws):
        size = min(len(d) for d in draws if d is not None)
        if any(d is not None and len(d) != size for d in draws):
            warnings.append(
                f"strata had different numbers of draws; the first {size} of each were added"
            )
        total_draws = np.sum([d[:size] for d in draws if d is not None], axis=0)
        lower, upper = (
            float(q) for q in np.quantile(total_draws, [(1 - level) / 2, (1 + level) / 2])
        )
    else:
        missing = [name for name, est in parts.items() if est.draws is None or not len(est.draws)]
        warnings.append(f"no draws for stratum(s) {', '.join(missing)}: the total has no interval")
    if first.method == LCMCR and total_draws is not None:
        point = float(np.median(total_draws))  # the posterior median of the total
    else:
        point = float(sum(est.estimate for est in parts.values()))
    lists = tuple(dict.fromkeys(name for est in parts.values() for name in est.lists))
    return Estimate(
        method=first.method,
        lists=lists,
        documented=sum(est.documented for est in parts.values()),
        estimate=point,
        lower=lower,
        upper=upper,
        interval=f"sum of {len(parts)} strata: {level:.0%} interval of the summed "
        f"{first.draws_kind or 'draws'}",
        model=f"estimated separately in each of {len(parts)} strata",
        warnings=warnings,
        level=level,
        draws=total_draws,
        draws_kind=f"sum over strata of {first.draws_kind}" if total_draws is not None else None,
        posterior=(
            {"mean": float(total_draws.mean()), "median": point}
            if first.method == LCMCR and total_draws is not None
            else None
        ),
        strata=dict(parts),
    )
