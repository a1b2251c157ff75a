"""Linkage quality on the harder FICTIONAL simulation (issue 17): 4 lists x ~5,000
records, cross-script and cross-style romanisations, shared names (bench/hard_victims.py).
Pairwise precision, recall and F1 of the persons found, against the known truth.

Development seeds and the held-out configuration are run and reported separately;
the held-out one only with --heldout.

Run: .venv/bin/python bench/bench_hard_linkage.py [--seeds 101,102] [--records 5000]
     [--heldout] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_linkage import _record_features  # noqa: E402
from hard_victims import DEV, HELDOUT, HELDOUT_2, HELDOUT_3, HELDOUT_4, Config, lists  # noqa: E402
from linkage_metrics import pairs_of_clusters, scores  # noqa: E402

from gavah.core.victims.clusters import cluster  # noqa: E402
from gavah.core.victims.rows import Mapping  # noqa: E402
from gavah.pipelines.victims.model import Parameters  # noqa: E402
from gavah.pipelines.victims.scoring import score  # noqa: E402


def features_of(cfg: Config) -> tuple[list[dict[str, Any]], dict[int, int], int]:
    rows_of, n, _ = lists(cfg)
    mapping = Mapping.build(["name", "father_name", "birth_year", "death_date", "prison"])
    features, truth_of, rid = [], {}, 0
    for name, rows in rows_of.items():
        for row in rows:
            rid += 1
            feature = _record_features(rid, name, row, mapping)
            assert feature is not None
            features.append(feature)
            truth_of[rid] = int(row["truth"])
    return features, truth_of, n


def _show(features: list[dict[str, Any]], pairs: set[tuple[int, int]],
          prob: dict[tuple[int, int], float], title: str, n: int) -> None:
    by_id = {f["unique_id"]: f for f in features}
    print(title)
    for a, b in sorted(pairs)[:n]:
        fa, fb = by_id[a], by_id[b]
        print(f"  p={prob.get((a, b), 0):.3f} | {fa['name']} / {fa['father']} / "
              f"{fa['birth_year']} / {fa['death_start']} | {fb['name']} / {fb['father']} / "
              f"{fb['birth_year']} / {fb['death_start']}")


def evaluate(cfg: Config, show: int = 0, params: Parameters | None = None,
             thresholds: tuple[float, ...] = ()) -> dict[str, Any]:
    """Score once with `params`, then cluster as `params` says and, for each of
    `thresholds`, with and without the one-person-per-list constraint."""
    features, truth_of, _ = features_of(cfg)
    params = params or Parameters()
    started = time.perf_counter()
    scored = score(features, params)
    ids = [f["unique_id"] for f in features]
    list_of = {f["unique_id"]: f["list_name"] for f in features}
    pairs = [(a, b, p) for a, b, p, _ in scored.pairs]
    clusters = cluster(ids, pairs, params.threshold, (),
                       list_of if params.one_per_list else None)
    seconds = time.perf_counter() - started
    truth = pairs_of_clusters(truth_of)
    found = pairs_of_clusters(clusters.person_of)
    quality = scores(found, truth)
    if show:
        prob = {(a, b): p for a, b, p, _ in scored.pairs}
        _show(features, truth - found, prob, "missed", show)
        _show(features, found - truth, prob, "false", show)
    grid = {f"{t}{'+list' if constrained else ''}": scores(pairs_of_clusters(cluster(
        ids, pairs, t, (), list_of if constrained else None).person_of), truth)
        for t in thresholds for constrained in (False, True)}
    return {"seed": cfg.seed, "records": len(features), "seconds": seconds,
            "persons": clusters.persons, "true_persons": len(set(truth_of.values())),
            "quality": quality, "grid": grid, "params": {
                "tf_birth_year": params.tf_birth_year, "one_per_list": params.one_per_list,
                "threshold": params.threshold},
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default=",".join(str(c.seed) for c in DEV))
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--heldout", action="store_true")
    parser.add_argument("--heldout2", action="store_true",
                        help="the second held-out configuration (run once)")
    parser.add_argument("--heldout3", action="store_true",
                        help="the third held-out configuration (run once)")
    parser.add_argument("--heldout4", action="store_true",
                        help="the fourth held-out configuration (run once)")
    parser.add_argument("--show", type=int, default=0, help="print N missed and N false pairs")
    parser.add_argument("--compare", action="store_true",
                        help="also score without TF on birth years and cluster without "
                             "the one-per-list constraint (the baseline), in the same run")
    parser.add_argument("--tf-birth-year", action="store_true",
                        help="score with TF on birth years")
    parser.add_argument("--thresholds", default="",
                        help="comma-separated thresholds to cluster at as well (dev only)")
    args = parser.parse_args()
    held = ([HELDOUT] if args.heldout else [HELDOUT_2] if args.heldout2
            else [HELDOUT_3] if args.heldout3 else [HELDOUT_4] if args.heldout4 else [])
    args.heldout = bool(held)
    configs = held or [replace(DEV[0], seed=int(s)) for s in args.seeds.split(",")]
    variants = [Parameters(tf_birth_year=args.tf_birth_year)]
    if args.compare:
        variants = [Parameters(tf_birth_year=False, one_per_list=False),
                    Parameters(tf_birth_year=True, one_per_list=True)]
    thresholds = tuple(float(t) for t in args.thresholds.split(",") if t)
    for cfg in configs:
        for params in variants:
            out = evaluate(replace(cfg, records_per_list=args.records), args.show, params,
                           () if args.heldout else thresholds)
            q = out["quality"]
            print(f"{'HELDOUT' if args.heldout else 'dev'} seed {out['seed']} "
                  f"{out['params']}: {out['records']} records, persons {out['persons']} "
                  f"(true {out['true_persons']}), P {q['precision']:.3f} R {q['recall']:.3f} "
                  f"F1 {q['f1']:.3f}, {out['seconds']:.0f} s, peak "
                  f"{out['peak_rss_mib']:.0f} MiB", flush=True)
            for key, g in out["grid"].items():
                print(f"  threshold {key}: P {g['precision']:.3f} R {g['recall']:.3f} "
                      f"F1 {g['f1']:.3f}", flush=True)
            print("RESULT " + json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
