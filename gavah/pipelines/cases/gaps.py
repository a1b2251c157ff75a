"""The gap list: what a defence would attack first. An element with no evidence; one
resting on a single originator (however often republished); one proven only by sources
aligned with one party; figures for the same count that contradict each other; evidence
whose custody `gavah verify` found a problem with. Each gap names its element, the
suspects it concerns and the evidence behind it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from gavah.pipelines.cases.evidence import Evidence, figure_row
from gavah.pipelines.cases.figures import FigureIndex
from gavah.pipelines.cases.matrix import Cells

KINDS = ("no-evidence", "single-originator", "one-party", "contradicting-figures",
         "custody-finding")


def _cell_gaps(element: str, here: Sequence[Evidence], origins: Sequence[dict[str, Any]],
               figures: FigureIndex, findings: Mapping[int, list[str]]
               ) -> list[dict[str, Any]]:
    """`origins`: the supporting originators of `here`, the cell's evidence."""
    support = [e for e in here if e.stance == "supports"]
    gaps: list[dict[str, Any]] = []

    def gap(kind: str, message: str, links: Sequence[Evidence], **extra: Any) -> None:
        gaps.append({"kind": kind, "element": element, "message": message,
                     "links": sorted({e.link["id"] for e in links}), **extra})

    if not support:
        gap("no-evidence", "No evidence supports this element.", [])
        return gaps
    if len(origins) == 1:
        gap("single-originator", f"Only one originator supports this element: "
            f"{origins[0]['name']}. Republication of the same originator does not "
            "corroborate it.", support, originators=[origins[0]["name"]])
    sides = {o["aligned_with"] for o in origins}
    if origins and all(o["affiliation"] in ("party", "state") for o in origins) \
            and len(sides) == 1:
        side = sides.pop()
        gap("one-party", f"Every source for this element is aligned with {side}. A "
            "defence will argue that it rests on a party to the conflict alone.", support,
            aligned_with=side, originators=[o["name"] for o in origins])
    seen: set[frozenset[str]] = set()
    for one in here:
        for claim in one.claims:
            for other in figures.contradicting(claim):
                pair = frozenset((claim.id, other.id))
                if pair in seen:
                    continue
                seen.add(pair)
                a, b = figure_row(claim, ""), figure_row(other, "")
                gap("contradicting-figures", f"Figures for the same count contradict each "
                    f"other: {a['figure']} (claim {claim.id}) and {b['figure']} (claim "
                    f"{other.id}).", [one], claims=[claim.id, other.id],
                    figures=[a["figure"], b["figure"]])
    for one in here:
        for item in one.items:
            if item in findings:
                gap("custody-finding", f"gavah verify found a problem with item {item}: "
                    f"{'; '.join(findings[item])}", [one], item=item)
    return gaps


def gaps(rows: Sequence[dict[str, Any]], evidence: Sequence[Evidence],
         figures: FigureIndex, findings: Mapping[int, list[str]],
         cells: Cells | None = None) -> list[dict[str, Any]]:
    """Gaps per element and suspect; a gap that several suspects share (evidence linked
    for all of them) is listed once with every suspect it concerns. `cells`: the
    matrix's, when it was made already."""
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    found = cells or Cells(evidence)
    for row in rows:
        for suspect in row["suspects"]:
            for one in _cell_gaps(row["id"], found.here(row["id"], suspect),
                                  found.origins(row["id"], suspect), figures, findings):
                key = (one["kind"], one["element"], one["message"])
                entry = merged.setdefault(key, one | {"suspects": []})
                entry["suspects"].append(suspect)
    return sorted(merged.values(), key=lambda g: (KINDS.index(g["kind"]), g["element"]))
