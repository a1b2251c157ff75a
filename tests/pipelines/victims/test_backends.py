"""Splink backends: DuckDB by default, Spark when pyspark (and Java) are present."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from gavah.core.errors import BadInput
from gavah.pipelines.victims import link
from gavah.pipelines.victims.backends import spark_session
from gavah.pipelines.victims.registry import list_records
from gavah.store.workspace import Workspace
from tests.pipelines.victims.lists import ACTOR, import_all, persons, same_partition, truth


def test_spark_without_pyspark_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if it were not installed
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    with pytest.raises(BadInput, match=r"pyspark, which is not installed.*gavah\[spark\]"):
        spark_session()


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("pyspark") is None,
                    reason="pyspark is an optional extra (gavah[spark])")
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_spark_backend_links_like_duckdb(ws: Workspace) -> None:
    import_all(ws)
    report = link.link(ws, ACTOR, backend="spark")
    assert report.backend == "spark"
    assert same_partition(persons(list_records(ws)), truth())
