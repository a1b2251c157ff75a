"""The linkage model's name levels are plain SQL that DuckDB runs without any function
of gavah registered (no Python per pair), and the person view's field levels
(core.victims.agreement) name the same level for the same pair. FICTIONAL names."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest

from gavah.core.victims.agreement import compare
from gavah.core.victims.keys import linkage_features
from gavah.pipelines.victims.model import COLUMNS, father_comparison, name_comparison

PAIRS = [  # (a, b, level label in the model)
    ("Reza Jaafari", "Reza Jaafari", "same after Persian normalisation"),
    ("Reza Jaafari", "رضا جعفری", "same consonant key"),
    ("Rida Ja'fari", "Reza Jafari", "same consonant key"),
    ("Hosseini Reza", "Reza Hosseini", "words swapped, or a word the same and keys close"),
    ("Reza Jafari", "Reza Jaffari", "same consonant key"),
    ("Reza Mohammadpour", "Reza Mohammadnour", "words swapped, or a word the same and keys close"),
    ("Ahmad Hosseini", "Mohammad Hosseini", "keys close (>= 0.83)"),
    ("Reza Jafari", "Bijan Sharifi", "different"),
]


def _label(comparison: dict[str, Any], a: dict[str, Any], b: dict[str, Any]) -> str:
    """The first level whose SQL condition holds for the pair, evaluated by DuckDB."""
    con = duckdb.connect(":memory:")
    columns = [c for c in COLUMNS if c != "unique_id"]
    con.execute("CREATE TABLE p (" + ", ".join(
        f"{c}_{side} VARCHAR" for c in columns for side in "lr") + ")")
    con.execute(f"INSERT INTO p VALUES ({', '.join('?' * (2 * len(columns)))})",
                [None if x is None else str(x) for c in columns for x in (a[c], b[c])])
    cases = " ".join(f"WHEN {level['sql_condition']} THEN '{level['label_for_charts']}'"
                     for level in comparison["comparison_levels"]
                     if level["sql_condition"] != "ELSE")
    last = comparison["comparison_levels"][-1]["label_for_charts"]
    row = con.execute(f"SELECT CASE {cases} ELSE '{last}' END FROM p").fetchone()
    assert row is not None
    return str(row[0])


@pytest.mark.parametrize(("left", "right", "expected"), PAIRS)
def test_name_levels_in_sql_and_in_the_person_view(left: str, right: str,
                                                   expected: str) -> None:
    a = linkage_features({"id": 1, "list": "A", "name": left, "father_name": "Karim"})
    b = linkage_features({"id": 2, "list": "B", "name": right, "father_name": None})
    assert _label(name_comparison(), a, b) == expected
    shown = compare(a, b)["name"]
    assert shown["level"] == {"same after Persian normalisation": "same after normalisation",
                              "different": "different"}.get(expected, expected) \
        or shown["level"] == "keys close", (shown, expected)
    assert _label(father_comparison(), a, b) == "missing"  # never a disagreement


def test_father_levels_across_romanisations() -> None:
    a = linkage_features({"id": 1, "list": "A", "name": "Ali Karimi", "father_name": "Ridha"})
    b = linkage_features({"id": 2, "list": "B", "name": "Ali Karimi", "father_name": "رضا"})
    c = linkage_features({"id": 3, "list": "C", "name": "Ali Karimi", "father_name": "Bijan"})
    assert _label(father_comparison(), a, b) == "same consonant key"
    assert _label(father_comparison(), a, c) == "different"
