"""Blocking rules, evaluated by DuckDB on FICTIONAL records: a name many people share
is never enough on its own to make a candidate pair (at 100,000 records the name
alone made most of 122 million pairs), and what the second field needs still meets
across scripts."""

from __future__ import annotations

from typing import Any

import duckdb

from gavah.core.victims.keys import linkage_features
from gavah.pipelines.victims.model import COLUMNS, Parameters


def _record(rid: int, name: str, **values: Any) -> dict[str, Any]:
    return linkage_features({"id": rid, "list": "A" if rid % 2 else "B", "name": name,
                             **values})


def _blocked(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """The rules under which DuckDB pairs `a` with `b`."""
    con = duckdb.connect(":memory:")
    con.execute("CREATE TABLE t (" + ", ".join(
        f"{c} {'BIGINT' if c in ('unique_id', 'birth_year') else 'VARCHAR'}"
        for c in COLUMNS) + ")")
    for rec in (a, b):
        con.execute(f"INSERT INTO t VALUES ({', '.join('?' * len(COLUMNS))})",
                    [rec.get(c) if c in ("unique_id", "birth_year") or rec.get(c) is None
                     else str(rec.get(c)) for c in COLUMNS])
    return [rule for rule in Parameters().blocking if con.execute(
        f"SELECT count(*) FROM t l JOIN t r ON l.unique_id < r.unique_id AND ({rule})"
    ).fetchone() == (1,)]


def test_every_rule_needs_two_fields() -> None:
    for rule in Parameters().blocking:
        assert " AND " in rule, rule


def test_the_same_common_name_alone_makes_no_pair() -> None:
    a = _record(1, "Mohammad Hosseini", birth_year=1960, prison="Evin")
    b = _record(2, "Mohammad Hosseini", birth_year=1971, prison="Gohardasht")
    assert _blocked(a, b) == []


def test_a_second_field_pairs_them_across_scripts() -> None:
    a = _record(1, "Mohammad Hosseini", prison="Evin")
    b = _record(2, "محمد حسینی", prison="اوین")
    assert _blocked(a, b) == ["l.name_key = r.name_key AND l.prison_key = r.prison_key"]
    swapped = _blocked(_record(3, "Hosseini Mohammad", father_name="Ali"),
                       _record(4, "Mohammad Hosseini", father_name="Ali"))
    assert any("l.name_first = r.name_last" in rule for rule in swapped)
