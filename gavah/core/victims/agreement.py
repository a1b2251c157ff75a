"""Where two records agree and disagree, field by field, in the levels the linkage
model compares them at (pipelines/victims/model.py), so that a reviewer reads the
same evidence the match probability was computed from.

Each field gets a level ("same", "same consonant key", "within 1 year", ...) and a
verdict: "agree", "close" (a weaker agreement), "disagree", or "missing" when either
record lacks it (a missing value is never a disagreement).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gavah.core.names import name_similarity

AGREE, CLOSE, DISAGREE, MISSING = "agree", "close", "disagree", "missing"
FIELDS = ("name", "father_name", "birth_year", "death_date", "arrest_date", "prison",
          "death_place", "sex")


def _level(level: str, verdict: str, similarity: float | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"level": level, "verdict": verdict}
    if similarity is not None:
        out["similarity"] = similarity
    return out


def _name(a: Mapping[str, Any], b: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    if not a.get(f"{prefix}_fold") or not b.get(f"{prefix}_fold"):
        return _level("missing", MISSING)
    similarity = name_similarity(a[prefix], b[prefix])
    if a[f"{prefix}_fold"] == b[f"{prefix}_fold"]:
        return _level("same after normalisation", AGREE, similarity)
    if a[f"{prefix}_key"] == b[f"{prefix}_key"]:
        return _level("same consonant key", AGREE, similarity)
    if similarity >= 0.85:
        return _level("similar", CLOSE, similarity)
    return _level("different", DISAGREE, similarity)


def _year(a: int | None, b: int | None, tolerance: int) -> dict[str, Any]:
    if a is None or b is None:
        return _level("missing", MISSING)
    gap = abs(a - b)
    if gap == 0:
        return _level("same year", AGREE)
    if gap <= tolerance:
        return _level(f"{gap} year(s) apart", CLOSE)
    return _level(f"{gap} years apart", DISAGREE)


def _period(a: Mapping[str, Any], b: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    s, e, y = f"{prefix}_start", f"{prefix}_end", f"{prefix}_year"
    if not a.get(s) or not b.get(s):
        return _level("missing", MISSING)
    if a[s] == b[s] and a[e] == b[e]:
        return _level("same date", AGREE)
    if a[s] <= b[e] and b[s] <= a[e]:
        return _level("periods overlap", AGREE)
    if abs(a[y] - b[y]) <= 1:
        return _level("within a year", CLOSE)
    return _level("further apart", DISAGREE)


def _place(a: str | None, b: str | None) -> dict[str, Any]:
    if not a or not b:
        return _level("missing", MISSING)
    if a == b or name_similarity(a, b) >= 0.85:
        return _level("same place", AGREE)
    return _level("different place", DISAGREE)


def compare(a: Mapping[str, Any], b: Mapping[str, Any], birth_year_tolerance: int = 3
            ) -> dict[str, dict[str, Any]]:
    """Two records' linkage features (`keys.linkage_features`) -> field -> level."""
    sex = (_level("missing", MISSING) if not a.get("sex") or not b.get("sex")
           else _level("same", AGREE) if a["sex"] == b["sex"]
           else _level("different", DISAGREE))
    return {
        "name": _name(a, b, "name"),
        "father_name": _name(a, b, "father"),
        "birth_year": _year(a.get("birth_year"), b.get("birth_year"), birth_year_tolerance),
        "death_date": _period(a, b, "death"),
        "arrest_date": _period(a, b, "arrest"),
        "prison": _place(a.get("prison"), b.get("prison")),
        "death_place": _place(a.get("death_place"), b.get("death_place")),
        "sex": sex,
    }
