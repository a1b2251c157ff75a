"""Coverage of the 95% interval when the linkage is uncertain (issue 17): small lists
from the harder FICTIONAL simulation (bench/hard_victims.py), linked by gavah's model,
then the estimate on the linked persons alone and pooled over linkages drawn from the
pair probabilities (gavah.core.victims.draws + gavah.core.estimate.pooling, as
`gavah estimate --imputations N` does).

Run: .venv/bin/python bench/simulate_linkage_coverage.py [--replicates 10]
     [--records 250] [--imputations 10]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_hard_linkage import features_of  # noqa: E402
from hard_victims import DEV, LISTS  # noqa: E402
from linkage_metrics import pairs_of_clusters, scores  # noqa: E402

from gavah.core.estimate import CaptureTable, estimate  # noqa: E402
from gavah.core.estimate.pooling import pool  # noqa: E402
from gavah.core.victims.clusters import cluster  # noqa: E402
from gavah.core.victims.draws import draw_linkages  # noqa: E402
from gavah.pipelines.victims.model import Parameters  # noqa: E402
from gavah.pipelines.victims.scoring import score  # noqa: E402

LCMCR_OPTIONS = {"samples": 500, "burnin": 500}


def _table(person_of: dict[int, int], list_of: dict[int, str]) -> CaptureTable:
    on: dict[int, set[str]] = {}
    for record, person in person_of.items():
        on.setdefault(person, set()).add(list_of[record])
    return CaptureTable.from_memberships(list(on.values()), list(LISTS))


def replicate(seed: int, records: int, imputations: int, methods: list[str],
              variants: tuple[str, ...] = ("independent", "per_list")) -> dict[str, Any]:
    cfg = replace(DEV[0], seed=seed, records_per_list=records)
    features, truth_of, n = features_of(cfg)
    list_of = {f["unique_id"]: f["list_name"] for f in features}
    params = Parameters()
    scored = score(features, params)
    ids = [f["unique_id"] for f in features]
    pairs = [(a, b, p) for a, b, p, _ in scored.pairs]
    linked = cluster(ids, pairs, params.threshold, (), list_of).person_of
    out: dict[str, Any] = {"seed": seed, "population": n, "records": len(ids),
                           "quality": scores(pairs_of_clusters(linked),
                                             pairs_of_clusters(truth_of))}
    for method in methods:
        options = LCMCR_OPTIONS if method == "lcmcr" else {}
        one = estimate(_table(linked, list_of), method, seed=seed, **options)
        ideal = estimate(_table(truth_of, list_of), method, seed=seed, **options)
        out[method] = {"one": [one.estimate, one.lower, one.upper],
                       "ideal": [ideal.estimate, ideal.lower, ideal.upper],
                       "covered_one": one.lower <= n <= one.upper,
                       "covered_ideal": ideal.lower <= n <= ideal.upper}
        # Draws closed transitively (the baseline) and resolved one person per list.
        for name, lists_given in (("independent", None), ("per_list", list_of)):
            if name not in variants:
                continue
            rng = np.random.default_rng(seed)
            draws = draw_linkages(ids, pairs, [], imputations, rng, lists_given)
            pooled = pool([estimate(_table(d, list_of), method, seed=seed + i + 1,
                                    **options) for i, d in enumerate(draws)], rng)
            share = (pooled.diagnostics or {})["linkage_uncertainty"][
                "linkage_share_of_width"]
            out[method][name] = {"pooled": [pooled.estimate, pooled.lower, pooled.upper],
                                 "covered": pooled.lower <= n <= pooled.upper,
                                 "linkage_share": share}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=10)
    parser.add_argument("--records", type=int, default=250)
    parser.add_argument("--imputations", type=int, default=10)
    parser.add_argument("--first-seed", type=int, default=5000)
    parser.add_argument("--methods", default="loglinear,lcmcr")
    parser.add_argument("--variants", default="independent,per_list",
                        help="how drawn linkages are resolved: closed transitively "
                             "(independent) and/or one person per list (per_list, "
                             "gavah estimate's)")
    args = parser.parse_args()
    methods = args.methods.split(",")
    variants = tuple(args.variants.split(","))
    results: list[dict[str, Any]] = []
    for r in range(args.replicates):
        started = time.perf_counter()
        out = replicate(args.first_seed + r, args.records, args.imputations, methods,
                        variants)
        out["seconds"] = time.perf_counter() - started
        q = out["quality"]
        line = (f"replicate {r + 1}: N={out['population']}, {out['records']} records, "
                f"P {q['precision']:.3f} R {q['recall']:.3f}")
        for m in methods:
            o = out[m]
            line += f"; {m} one {o['one'][0]:.0f} [{o['one'][1]:.0f},{o['one'][2]:.0f}]"
            for name in variants:
                d = o[name]
                line += (f" {name} {d['pooled'][0]:.0f} [{d['pooled'][1]:.0f},"
                         f"{d['pooled'][2]:.0f}] share {d['linkage_share']:.2f}")
        print(line, flush=True)
        print("RESULT " + json.dumps(out, default=float), flush=True)
        results.append(out)
    for m in methods:
        for name in ("one", *variants, "ideal"):
            hits = [r[m][f"covered_{name}"] if name in ("one", "ideal")
                    else r[m][name]["covered"] for r in results]
            print(f"{m} {name}: covered {sum(hits)}/{len(hits)} (N true in the interval)")


if __name__ == "__main__":
    main()
