"""The element matrix: for each element a case must prove and each suspect charged with
it, how much evidence supports it, how many independent originators stand behind that
evidence, the best grade among their sources, and whether anything undermines it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gavah.pipelines.cases.evidence import Evidence

GRADES = "ABCDEF"  # reliability grades, best first


def by_element(evidence: Sequence[Evidence]) -> dict[str, list[Evidence]]:
    """The evidence grouped by element, so that each cell reads its element's only."""
    out: dict[str, list[Evidence]] = {}
    for one in evidence:
        out.setdefault(one.link["element"], []).append(one)
    return out


def in_cell(evidence: Sequence[Evidence], element: str, suspect: int) -> list[Evidence]:
    """Evidence linked to the element for this suspect, or for every suspect."""
    return [e for e in evidence if e.active and e.link["element"] == element
            and e.link["suspect"] in (None, suspect)]


def best_grade(origins: Sequence[dict[str, Any]]) -> str | None:
    grades = [o["grade"] for o in origins if o.get("grade") in tuple(GRADES)]
    return min(grades, key=GRADES.index) if grades else None


def supporting_originators(cell: Sequence[Evidence]) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for one in cell:
        if one.stance == "supports":
            for origin in one.originators:
                found.setdefault(origin["key"], origin)
    return list(found.values())


class Cells:
    """Each cell's evidence and supporting originators, found once: the matrix and the
    gap list both read them (a pass over every link of the element each time)."""

    def __init__(self, evidence: Sequence[Evidence]) -> None:
        self.grouped = by_element(evidence)
        self._here: dict[tuple[str, int], list[Evidence]] = {}
        self._origins: dict[tuple[str, int], list[dict[str, Any]]] = {}

    def here(self, element: str, suspect: int) -> list[Evidence]:
        key = (element, suspect)
        if key not in self._here:
            self._here[key] = in_cell(self.grouped.get(element, []), element, suspect)
        return self._here[key]

    def origins(self, element: str, suspect: int) -> list[dict[str, Any]]:
        key = (element, suspect)
        if key not in self._origins:
            self._origins[key] = supporting_originators(self.here(element, suspect))
        return self._origins[key]


def cell(evidence: Sequence[Evidence], element: str, suspect: int,
         cells: Cells | None = None) -> dict[str, Any]:
    """`evidence`: the element's (ignored when `cells` has it)."""
    here = cells.here(element, suspect) if cells else in_cell(evidence, element, suspect)
    support = [e for e in here if e.stance == "supports"]
    against = [e for e in here if e.stance == "undermines"]
    origins = cells.origins(element, suspect) if cells else supporting_originators(here)
    return {"element": element, "suspect": suspect, "applies": True,
            "evidence": len(support), "undermining": len(against),
            "undermined": bool(against), "originators": len(origins),
            "independent_originators": len({o["group"] for o in origins}),
            "best_grade": best_grade(origins),
            "supporting_links": [e.link["id"] for e in support],
            "undermining_links": [e.link["id"] for e in against]}


def matrix(rows: Sequence[dict[str, Any]], suspects: Sequence[int],
           evidence: Sequence[Evidence], cells: Cells | None = None
           ) -> list[dict[str, Any]]:
    """One row per element (in the order the charges list them), one cell per suspect;
    a suspect not charged with a crime that has the element gets `applies: false`."""
    out, found = [], cells or Cells(evidence)
    for row in rows:
        out.append({"element": row["id"], "cells": [
            cell((), row["id"], s, found) if s in row["suspects"]
            else {"element": row["id"], "suspect": s, "applies": False}
            for s in suspects]})
    return out
