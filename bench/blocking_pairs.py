"""How many candidate pairs each blocking rule makes, and how many true matching pairs
the rules together still reach, on the harder FICTIONAL simulation (issue 17).

Counted in Python from the records' linkage features, without scoring: a rule makes
sum C(block size, 2) pairs (DuckDB materialises them, with their comparison columns,
before scoring), and a true pair no rule reaches can never be linked, whatever the
model. So the broad rules can be bounded without losing recall exactly when the
"reached" count does not fall. Development seeds only.

Run: .venv/bin/python bench/blocking_pairs.py [--seeds 101,102,103] [--records 5000]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_hard_linkage import features_of  # noqa: E402
from hard_victims import DEV  # noqa: E402
from linkage_metrics import pairs_of_clusters  # noqa: E402

from gavah.pipelines.victims.model import Parameters  # noqa: E402

_TERM = re.compile(r"^\s*l\.(\w+)\s*=\s*r\.(\w+)\s*$")


def parse(rule: str) -> list[tuple[str, str]]:
    """"l.a = r.b AND l.c = r.d" -> [(a, b), (c, d)]; only equality rules."""
    terms = []
    for part in re.split(r"\s+AND\s+", rule, flags=re.IGNORECASE):
        found = _TERM.match(part)
        if found is None:
            raise SystemExit(f"not an equality rule: {rule!r}")
        terms.append((found.group(1), found.group(2)))
    return terms


def _key(record: dict[str, Any], columns: list[str]) -> tuple[Any, ...] | None:
    values = tuple(record.get(c) for c in columns)
    return None if any(v is None for v in values) else values


def candidate_pairs(features: list[dict[str, Any]], terms: list[tuple[str, str]]
                    ) -> tuple[int, int]:
    """(pairs, largest block) a rule makes among the records, self-pairs excluded."""
    left = Counter(k for f in features if (k := _key(f, [a for a, _ in terms])))
    if all(a == b for a, b in terms):
        return sum(n * (n - 1) // 2 for n in left.values()), max(left.values(), default=0)
    right = Counter(k for f in features if (k := _key(f, [b for _, b in terms])))
    ordered = sum(n * right[k] for k, n in left.items())
    if sorted(terms) == sorted((b, a) for a, b in terms):
        # A symmetric rule (names swapped) holds for (x, y) exactly when it holds for
        # (y, x): each pair was counted twice, and a record can meet itself.
        itself = sum(1 for f in features
                     if (k := _key(f, [a for a, _ in terms])) is not None
                     and k == _key(f, [b for _, b in terms]))
        ordered = (ordered - itself) // 2
    return ordered, max(left.values(), default=0)


def reaches(a: dict[str, Any], b: dict[str, Any], terms: list[tuple[str, str]]) -> bool:
    def one_way(x: dict[str, Any], y: dict[str, Any]) -> bool:
        return all(x.get(p) is not None and x.get(p) == y.get(q) for p, q in terms)

    return one_way(a, b) or one_way(b, a)


def measure(features: list[dict[str, Any]], truth: set[tuple[int, int]],
            rules: tuple[str, ...]) -> dict[str, Any]:
    by_id = {f["unique_id"]: f for f in features}
    parsed = [parse(r) for r in rules]
    per_rule = [candidate_pairs(features, t) for t in parsed]
    reached = sum(1 for a, b in truth
                  if any(reaches(by_id[a], by_id[b], t) for t in parsed))
    return {"pairs": sum(p for p, _ in per_rule), "per_rule": per_rule,
            "reached": reached, "true_pairs": len(truth)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default=",".join(str(c.seed) for c in DEV))
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--before", default="",
                        help="file with one blocking rule a line to compare against "
                             "(default: compare the current rules with themselves)")
    args = parser.parse_args()
    now = Parameters().blocking
    before = (tuple(line.strip() for line in Path(args.before).read_text().splitlines()
                    if line.strip()) if args.before else now)
    for seed in (int(s) for s in args.seeds.split(",")):
        cfg = replace(DEV[0], seed=seed, records_per_list=args.records)
        features, truth_of, _ = features_of(cfg)
        truth = pairs_of_clusters(truth_of)
        for title, rules in (("before", before), ("now", now)):
            got = measure(features, truth, rules)
            print(f"seed {seed}, {len(features):,} records, {title}: "
                  f"{got['pairs']:,} candidate pairs (before de-duplication); true pairs "
                  f"reached {got['reached']:,} of {got['true_pairs']:,}", flush=True)
            for rule, (pairs, largest) in zip(rules, got["per_rule"], strict=True):
                print(f"    {pairs:>12,}  largest block {largest:>6,}  {rule}", flush=True)


if __name__ == "__main__":
    main()
