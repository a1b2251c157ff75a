"""Pairwise precision, recall and F1 of a clustering against known true matches."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations


def pairs_of_clusters(label_of: Mapping[int, object]) -> set[tuple[int, int]]:
    groups: dict[object, list[int]] = {}
    for record, label in label_of.items():
        groups.setdefault(label, []).append(record)
    out: set[tuple[int, int]] = set()
    for members in groups.values():
        out.update(combinations(sorted(members), 2))
    return out


def scores(found: Iterable[tuple[int, int]], truth: set[tuple[int, int]]) -> dict[str, float]:
    found = {(min(a, b), max(a, b)) for a, b in found}
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": len(truth),
            "found_pairs": len(found), "correct": hits}
