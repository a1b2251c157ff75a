"""Where each node of an entity's network goes in the page's SVG picture: the entity in
the middle, the others on one ring (two when there are many), grouped by kind. Pure
geometry: the template draws it, escaping every label."""

from __future__ import annotations

import math
from typing import Any

WIDTH, HEIGHT, SMALL_HEIGHT = 720, 460, 300
RINGS = ((150.0, 185.0), (115.0, 195.0))  # (x, y) radii: one ring, or the inner of two
SMALL = (200.0, 105.0)  # a few nodes: a flatter ring in a shorter picture
FEW = 5
OUTER = (250.0, 200.0)
ONE_RING = 12  # more nodes than this: alternate between two rings
ORDER = {"Person": 0, "Organization": 1, "event": 2, "Place": 3}
RADIUS = {"center": 16, "event": 9}
MAX_LABEL = 26


def _short(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= MAX_LABEL else label[:MAX_LABEL - 1] + "…"


def layout(network: dict[str, Any]) -> dict[str, Any]:
    center_key = network["center"]
    others = sorted((n for n in network["nodes"] if n["key"] != center_key),
                    key=lambda n: (ORDER.get(n["kind"], 9), n["label"]))
    height = SMALL_HEIGHT if len(others) <= FEW else HEIGHT
    cx, cy = WIDTH / 2, height / 2
    placed: dict[str, dict[str, Any]] = {}
    for node in network["nodes"]:
        if node["key"] == center_key:
            placed[node["key"]] = node | {"x": cx, "y": cy, "r": RADIUS["center"],
                                          "short": _short(node["label"]), "center": True}
    many = len(others) > ONE_RING
    for i, node in enumerate(others):
        start = -math.pi if len(others) <= FEW else -math.pi / 2  # few: from the left
        angle = start + 2 * math.pi * i / max(1, len(others))
        rx, ry = (OUTER if i % 2 else RINGS[1]) if many else \
            SMALL if len(others) <= FEW else RINGS[0]
        placed[node["key"]] = node | {
            "x": round(cx + rx * math.cos(angle), 1),
            "y": round(cy + ry * 0.9 * math.sin(angle), 1),
            "r": RADIUS.get(node["kind"], 11), "short": _short(node["label"]), "center": False}
    edges = []
    for edge in network["edges"]:
        a, b = placed.get(edge["source"]), placed.get(edge["target"])
        if a is None or b is None:
            continue
        edges.append(edge | {"x1": a["x"], "y1": a["y"], "x2": b["x"], "y2": b["y"],
                             "from": a["label"], "to": b["label"],
                             "width": round(min(1 + math.log2(edge["weight"]), 5), 1)})
    return {"width": WIDTH, "height": height, "nodes": list(placed.values()), "edges": edges,
            "not_shown": network.get("not_shown", 0)}


TL_WIDTH, TL_MARGIN, TL_ROW = 720, 30, 34


def _year(iso: str | None) -> float | None:
    """'1988-07-19' -> 1988.55; None or unreadable -> None."""
    if not iso or len(iso) < 4 or not iso[:4].isdigit():
        return None
    month = int(iso[5:7]) if len(iso) >= 7 and iso[5:7].isdigit() else 1
    day = int(iso[8:10]) if len(iso) >= 10 and iso[8:10].isdigit() else 1
    return int(iso[:4]) + (month - 1) / 12 + (day - 1) / 365


def timeline_chart(positions: list[dict[str, Any]],
                   entries: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Positions as bars, events and claims as marks, on one axis of years; None when
    nothing is dated."""
    marks: list[tuple[dict[str, Any], float]] = []
    for e in entries:
        when = _year(e.get("date")) if e["kind"] in ("event", "claim") else None
        if when is not None:
            marks.append((e, when))
    spans = [(p, _year(p.get("start")), _year(p.get("end"))) for p in positions]
    years: list[float] = [y for _, y in marks]
    years += [y for _, a, b in spans for y in (a, b) if y is not None]
    if not years:
        return None
    lo, hi = int(min(years)), int(max(years)) + 1
    if hi - lo < 4:
        lo, hi = lo - (4 - (hi - lo)) // 2, lo - (4 - (hi - lo)) // 2 + 4
    scale = (TL_WIDTH - 2 * TL_MARGIN) / (hi - lo)

    def x(value: float) -> float:
        return round(TL_MARGIN + (value - lo) * scale, 1)

    rows = []
    y = 22
    for p, start, end in spans:
        if start is None and end is None:
            continue
        rows.append({"kind": "position", "y": y, "x1": x(start if start is not None else lo),
                     "x2": x(end if end is not None else hi), "open_start": start is None,
                     "open_end": end is None, "label": f"{p['role']}, {p['organization']}"
                     if p.get("organization") else p["role"], "item": p})
        y += TL_ROW
    lanes = []
    for kind in ("event", "claim"):
        shown = [{"x": x(value), "entry": e} for e, value in marks if e["kind"] == kind]
        if shown:
            lanes.append({"kind": kind, "y": y, "marks": shown})
            y += TL_ROW
    step = max(1, round((hi - lo) / 8))
    ticks = [{"x": x(year), "year": year} for year in range(lo, hi + 1, step)]
    return {"width": TL_WIDTH, "height": y + 14, "rows": rows, "lanes": lanes,
            "ticks": ticks, "axis_y": y - 8}
