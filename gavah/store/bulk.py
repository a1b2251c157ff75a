"""Bulk inserts that must give back the new ids in the order of their rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session


def insert_with_ids(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert `rows` into `model`'s table (integer primary key `id`) in the caller's write
    transaction; returns their ids in row order.

    On SQLite, SQLAlchemy keeps RETURNING in order only by inserting row by row, so the
    ids are allocated here from max(id) + 1 and the rows go in with one executemany: safe
    because Database.write() holds the workspace write lock (BEGIN IMMEDIATE), and equal
    to what SQLite would pick (the tables have no AUTOINCREMENT). PostgreSQL batches
    RETURNING with its order kept."""
    if not rows:
        return []
    if session.get_bind().dialect.name != "sqlite":
        return list(session.scalars(
            insert(model).returning(model.id, sort_by_parameter_order=True), rows))
    start = session.scalar(select(func.max(model.id))) or 0
    ids = list(range(start + 1, start + 1 + len(rows)))
    session.execute(insert(model), [row | {"id": i} for row, i in zip(rows, ids, strict=True)])
    return ids


def raw_connection(session: Session) -> tuple[Any, str]:
    """The DB-API connection under `session`'s transaction, and its dialect, for writes
    too many for the ORM's per-row work. Pending ORM rows are flushed first: the rows
    written here may refer to them, and the raw connection does not autoflush."""
    session.flush()
    return session.connection().connection.driver_connection, session.get_bind().dialect.name


def insert_rows(session: Session, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (dicts with the same keys: the columns) into `table` in the caller's
    transaction, without SQLAlchemy's per-row processing: executemany on SQLite, COPY on
    PostgreSQL (one stream instead of a statement per row)."""
    if not rows:
        return
    raw, dialect = raw_connection(session)
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    if dialect == "sqlite":
        marks = ", ".join(f":{c}" for c in columns)
        raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        return
    with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])
