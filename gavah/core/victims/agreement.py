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

from rapidfuzz.distance import Levenshtein

from gavah.core.names import name_similarity

AGREE, CLOSE, DISAGREE, MISSING = "agree", "close", "disagree", "missing"
FIELDS = ("name", "father_name", "birth_year", "death_date", "arrest_date", "prison",
          "death_place", "sex")


def _level(level: str, verdict: str, similarity: float | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"level": level, "verdict": verdict}
    if similarity is not None:
        out["similarity"] = similarity
    return out


def _lev(a: str | None, b: str | None) -> float:
    """The model's normalised Levenshtein similarity (model._lev, in SQL there)."""
    return Levenshtein.normalized_similarity(a, b) if a and b else 0.0


def _word(a: Mapping[str, Any], b: Mapping[str, Any], column: str) -> float:
    """1.0 when the word keys are the same, else their similarity (0 when one lacks it:
    SQL's NULL, which no level accepts)."""
    x, y = a.get(column), b.get(column)
    return 0.0 if not x or not y else 1.0 if x == y else _lev(x, y)


def _name(a: Mapping[str, Any], b: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    """The model's name levels (model.name_comparison); `similarity` is the finer
    cross-script similarity of `gavah.core.names`, shown to the reader."""
    if not a.get(f"{prefix}_fold") or not b.get(f"{prefix}_fold"):
        return _level("missing", MISSING)
    similarity = name_similarity(a[prefix], b[prefix])
    if a[f"{prefix}_fold"] == b[f"{prefix}_fold"]:
        return _level("same after normalisation", AGREE, similarity)
    if a[f"{prefix}_key"] == b[f"{prefix}_key"]:
        return _level("same consonant key", AGREE, similarity)
    keys = max(_lev(a.get(f"{prefix}_key"), b.get(f"{prefix}_key")),
               _lev(a.get(f"{prefix}_sorted"), b.get(f"{prefix}_sorted")))
    first, last = (_word(a, b, f"{prefix}_{w}") for w in ("first", "last"))
    one_word = (first == 1.0 and last >= 0.8) or (last == 1.0 and first >= 0.8)
    if ((a.get(f"{prefix}_sorted") and a.get(f"{prefix}_sorted") == b.get(f"{prefix}_sorted"))
            or one_word or _lev(a.get(f"{prefix}_latin"), b.get(f"{prefix}_latin")) >= 0.9):
        return _level("words swapped, or a word the same and keys close", CLOSE, similarity)
    if keys >= 0.83:
        return _level("keys close", CLOSE, similarity)
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


def _place(a: Mapping[str, Any], b: Mapping[str, Any], column: str) -> dict[str, Any]:
    if not a.get(column) or not b.get(column):
        return _level("missing", MISSING)
    key = f"{column}_key"
    if (a[column] == b[column] or (a.get(key) and a.get(key) == b.get(key))
            or _lev(a[column], b[column]) >= 0.85):
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
        "prison": _place(a, b, "prison"),
        "death_place": _place(a, b, "death_place"),
        "sex": sex,
    }
