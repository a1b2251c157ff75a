"""Coverage of log-linear 95% intervals on capture tables of known size, no linkage
(issue 17): why pooled intervals missed. The lists of bench/hard_victims.py at the size
of bench/simulate_linkage_coverage.py (N = 694, four lists recording 36% each), with
independent lists and with lists B and C dependent (odds x2.5). Each table is
estimated by the AIC-chosen model (its profile interval, and the percentile of its
parametric bootstrap, which is what pooling over linkages used to read), by the
BIC-chosen model's profile, and by averages over models with BIC or AIC weights
(gavah.core.estimate.averaging); the BIC-weighted average is what `gavah estimate`
reports by default, on one table and pooled over linkages.

Run: .venv/bin/python bench/loglinear_coverage.py [--replicates 100] [--first-seed 9000]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from gavah.core.estimate import Scenario, compare_models, estimate_loglinear, simulate_table
from gavah.core.estimate.profile import profile_draws

N = 694
LISTS = ("A", "B", "C", "D")
SCENARIOS = {
    "independent": Scenario(N, LISTS, ((1.0, (0.36,) * 4),)),
    "B-C dependent (x2.5)": Scenario(N, LISTS, ((1.0, (0.36,) * 4),), {(1, 2): 2.5}),
}
WAYS = ("AIC chosen, profile", "AIC chosen, bootstrap percentile", "BIC chosen, profile",
        "BIC-weighted average (the default)", "AIC-weighted average")


def intervals(table, seed: int) -> dict[str, tuple[float, float]]:
    chosen = estimate_loglinear(table, seed=seed, average=None)
    assert chosen.draws is not None
    bic_best = compare_models(table, "bic")[0]
    bic_draws = profile_draws(table, bic_best, 4000, np.random.default_rng(seed))
    out = {WAYS[0]: (chosen.lower, chosen.upper),
           WAYS[1]: tuple(np.quantile(chosen.draws, [0.025, 0.975])),
           WAYS[2]: tuple(np.quantile(bic_draws, [0.025, 0.975]))}
    for way, criterion in ((WAYS[3], None), (WAYS[4], "aic")):
        # None: the default, which is the BIC-weighted average.
        got = (estimate_loglinear(table, seed=seed) if criterion is None
               else estimate_loglinear(table, seed=seed, average=criterion))
        out[way] = (got.lower, got.upper)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=100)
    parser.add_argument("--first-seed", type=int, default=9000)
    args = parser.parse_args()
    for name, scenario in SCENARIOS.items():
        started = time.perf_counter()
        hits = dict.fromkeys(WAYS, 0)
        widths: dict[str, list[float]] = {w: [] for w in WAYS}
        for r in range(args.replicates):
            seed = args.first_seed + r
            table = simulate_table(scenario, np.random.default_rng(seed))
            for way, (lo, hi) in intervals(table, seed).items():
                hits[way] += int(lo <= N <= hi)
                widths[way].append(hi - lo)
        print(f"{name}: {args.replicates} tables, seeds {args.first_seed}-"
              f"{args.first_seed + args.replicates - 1}, "
              f"{time.perf_counter() - started:.0f} s")
        for way in WAYS:
            print(f"  {way}: covers {hits[way]}/{args.replicates}, "
                  f"mean width {np.mean(widths[way]):.1f}")


if __name__ == "__main__":
    main()
