"""A DB-API connection to the workspace database, opened from the URL SQLAlchemy would
be given, set up as gavah.store.db sets up its own (the same pragmas on SQLite; the
same write lock on either backend), with SQL written once for both backends."""

from __future__ import annotations

import fcntl
import os
from collections import namedtuple
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

WRITE_LOCK = 0x67617661  # as gavah.store.db.WRITE_LOCK: every gavah writer takes it
MMAP_BYTES = 4 << 30  # as gavah.store.db.MMAP_BYTES
_SQLITE_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")
_PG_PREFIX = "postgresql+psycopg://"


@cache
def _row_type(columns: tuple[str, ...]) -> Any:
    return namedtuple("Row", columns)  # type: ignore[misc]


class Connection:
    """One DB-API connection; statements use `?` placeholders on both backends."""

    def __init__(self, raw: Any, dialect: str, turns: Path | None) -> None:
        self.raw = raw
        self.dialect = dialect
        self._turns = turns

    def _sql(self, sql: str) -> str:
        return sql if self.dialect == "sqlite" else sql.replace("?", "%s")

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """The rows, each a named tuple of the selected columns."""
        cursor = self.raw.cursor()
        try:
            cursor.execute(self._sql(sql), tuple(params))
            kind = _row_type(tuple(d[0] for d in cursor.description))
            return [kind._make(row) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def stream(self, sql: str, params: Sequence[Any] = (), size: int = 1000) -> Iterator[Any]:
        """The rows as rows(), fetched `size` at a time (a whole custody log): on
        PostgreSQL from a server-side cursor, as the ORM's yield_per reads it, so a long
        log is never held in memory at once. Call inside read()."""
        cursor = (self.raw.cursor() if self.dialect == "sqlite"
                  else self.raw.cursor(name="gavah_stream"))
        try:
            cursor.execute(self._sql(sql), tuple(params))
            kind = _row_type(tuple(d[0] for d in cursor.description))
            while batch := cursor.fetchmany(size):
                yield from map(kind._make, batch)
        finally:
            cursor.close()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cursor = self.raw.cursor()
        try:
            cursor.execute(self._sql(sql), tuple(params))
            row = cursor.fetchone()
            return None if row is None else row[0]
        finally:
            cursor.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        cursor = self.raw.cursor()
        try:
            cursor.execute(self._sql(sql), tuple(params))
        finally:
            cursor.close()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """One read transaction: its statements see one snapshot (SQLite)."""
        self.execute("BEGIN")
        try:
            yield self
        finally:
            self.execute("ROLLBACK")

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction holding the workspace's write lock until it commits, taken as
        gavah.store.db.Database.write() takes it (so the two never write at once)."""
        with _file_lock(self._turns) if self._turns else _nothing():
            self.execute("BEGIN IMMEDIATE" if self.dialect == "sqlite" else "BEGIN")
            try:
                if self.dialect == "postgresql":
                    self.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
                yield self
            except BaseException:
                self.execute("ROLLBACK")
                raise
            self.execute("COMMIT")

    def close(self) -> None:
        self.raw.close()


@contextmanager
def _nothing() -> Iterator[None]:
    yield


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    # As gavah.store.db._file_lock: SQLite writers of every process queue on it.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def sqlite_path(url: str) -> str | None:
    """The file of a plain SQLite URL; None for any other URL, or one with options or
    escapes, which SQLAlchemy reads its own way."""
    for prefix in _SQLITE_PREFIXES:
        if url.startswith(prefix):
            path = url[len(prefix):]
            if not path or path == ":memory:" or "?" in path or "%" in path:
                return None
            return path
    return None


def connect(url: str) -> Connection | None:
    """A connection for `url`, or None when the ORM path must open it (another driver,
    an in-memory database, URL options this module does not read)."""
    path = sqlite_path(url)
    if path is not None:
        import sqlite3

        raw: Any = sqlite3.connect(path, timeout=60, isolation_level=None,
                              check_same_thread=False)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON",
                       "busy_timeout=60000", f"mmap_size={MMAP_BYTES}"):
            raw.execute(f"PRAGMA {pragma}")
        return Connection(raw, "sqlite", Path(path + "-writers.lock"))
    if url.startswith(_PG_PREFIX):
        try:
            import psycopg
        except ImportError:
            return None
        try:
            raw = psycopg.connect("postgresql://" + url[len(_PG_PREFIX):], autocommit=True)
        except psycopg.Error:  # the ORM path reports it as it always has
            return None
        return Connection(raw, "postgresql", None)
    return None


def schema_revision(conn: Connection) -> str | None:
    """The Alembic revision the database is at (None before the first migration), read
    from its catalogue as gavah.store.migrate.current_revision reads it."""
    has_table = (
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        if conn.dialect == "sqlite" else
        "SELECT 1 WHERE to_regclass('alembic_version') IS NOT NULL")
    if conn.scalar(has_table) is None:
        return None
    revision = conn.scalar("SELECT version_num FROM alembic_version")
    return None if revision is None else str(revision)
