"""Splink's execution backends: DuckDB in-process (default), Spark for clusters.

The model's comparisons are plain SQL (model.py), so neither backend runs Python per
pair and Spark executors need nothing of gavah.
"""

from __future__ import annotations

import os
import sys
import tempfile
from typing import Any

from gavah.core.errors import BadInput
from gavah.pipelines.victims.model import COLUMNS

BACKENDS = ("duckdb", "spark")
INTEGER_COLUMNS = {"unique_id", "birth_year", "death_year", "arrest_year"}


def arrow_table(features: list[dict[str, Any]]) -> Any:
    """Features as an Arrow table with explicit types (a column that is empty in every
    record must still be a string or integer column, not Arrow's null type)."""
    import pyarrow as pa

    schema = pa.schema([(c, pa.int64() if c in INTEGER_COLUMNS else pa.string())
                        for c in COLUMNS])
    return pa.Table.from_pylist([{c: f.get(c) for c in COLUMNS} for f in features], schema)


def duckdb_api() -> Any:
    import duckdb
    from splink import DuckDBAPI

    return DuckDBAPI(connection=duckdb.connect(":memory:"))


def spark_session(master: str | None = None) -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise BadInput("the Spark backend needs pyspark, which is not installed: "
                       "pip install 'gavah[spark]' (and Java 17 or later)") from None
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    # The same Python on driver and executors (Splink's own Python steps).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    master = master or os.environ.get("GAVAH_SPARK_MASTER", "local[2]")
    try:
        return (SparkSession.builder.master(master).appName("gavah-linkage")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.memory", os.environ.get("GAVAH_SPARK_DRIVER_MEMORY", "4g"))
                .getOrCreate())
    except Exception as exc:  # Java missing or too old shows up here
        raise BadInput(f"could not start Spark ({master}): {exc}; Spark needs Java 17 "
                       "or later") from None


def spark_api(master: str | None = None) -> Any:
    from splink import SparkAPI

    spark = spark_session(master)
    # Splink breaks lineage with checkpoints; on a cluster this must be shared storage.
    if spark.sparkContext.getCheckpointDir() is None:
        checkpoints = (os.environ.get("GAVAH_SPARK_CHECKPOINTS")
                       or tempfile.mkdtemp(prefix="gavah-spark-checkpoints-"))
        spark.sparkContext.setCheckpointDir(checkpoints)
    return SparkAPI(spark_session=spark, register_udfs_automatically=False)


def database_api(backend: str) -> Any:
    if backend == "duckdb":
        return duckdb_api()
    if backend == "spark":
        return spark_api()
    raise BadInput(f"{backend!r} is not one of {', '.join(BACKENDS)}", field="backend")
