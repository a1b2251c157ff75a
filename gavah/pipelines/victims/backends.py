"""Splink's execution backends: DuckDB in-process (default), Spark for clusters.

Both get `gavah_name_sim` registered as a SQL function. On Spark it is a Python UDF,
so every executor needs gavah installed (see docs/linkage.md).
"""

from __future__ import annotations

import os
import sys
import tempfile
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import Levenshtein

from gavah.core.errors import BadInput
from gavah.core.names import name_key, name_similarity, token_key
from gavah.core.victims.keys import tokens
from gavah.pipelines.victims.model import COLUMNS, SIM

BACKENDS = ("duckdb", "spark")
INTEGER_COLUMNS = {"unique_id", "birth_year", "death_year", "arrest_year"}


KEY_GATE = 0.5  # consonant keys this far apart never belong to names similar enough to matter


def _keys(name: str) -> tuple[str, str]:
    words = tokens(name)
    return name_key(name), "".join(sorted(token_key(w) for w in words))


@lru_cache(maxsize=1 << 20)
def _cached_similarity(a: str, b: str) -> float:
    """name_similarity, skipped (0) when the consonant keys, as written or with the
    words sorted, are too far apart for the names to reach any level above
    "different": the alignment costs far more than comparing two short keys."""
    (ka, sa), (kb, sb) = _keys(a), _keys(b)
    if ka != kb and max(Levenshtein.normalized_similarity(ka, kb),
                        Levenshtein.normalized_similarity(sa, sb)) < KEY_GATE:
        return 0.0
    return name_similarity(a, b)


def _similarity(a: str | None, b: str | None) -> float | None:
    if a is None or b is None:
        return None
    return _cached_similarity(a, b) if a <= b else _cached_similarity(b, a)


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

    con = duckdb.connect(":memory:")
    # "special": the function sees NULLs itself (and returns NULL for them).
    con.create_function(SIM, _similarity, ["VARCHAR", "VARCHAR"], "DOUBLE",  # type: ignore[call-overload]
                        null_handling="special", side_effects=False)
    return DuckDBAPI(connection=con)


def spark_session(master: str | None = None) -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise BadInput("the Spark backend needs pyspark, which is not installed: "
                       "pip install 'gavah[spark]' (and Java 17 or later)") from None
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    # Executors must run the same Python (with gavah installed) to evaluate the UDF.
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
    from pyspark.sql.types import DoubleType
    from splink import SparkAPI

    spark = spark_session(master)
    spark.udf.register(SIM, _similarity, DoubleType())
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
