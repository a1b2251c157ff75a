"""Engine and sessions. One writer at a time: SQLite write transactions start with
BEGIN IMMEDIATE and PostgreSQL ones take a transaction-level advisory lock, so the
custody chain can never fork, whichever process appends to it."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Row, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.functions import FunctionElement

from gavah.core.errors import BadInput

# Pipelines name sessions and rows through the store, never sqlalchemy itself.
__all__ = ["Database", "Row", "Session", "rare", "run"]

WRITE_LOCK = 0x67617661  # "gava": the advisory lock id every gavah writer takes on PostgreSQL


# Web servers run many requests at once on threads; the pool must not be the limit, and
# connections beyond pool_size are closed when returned, so a pool smaller than the
# threads that use it opens (and sets up) a connection for most requests under load.
POOL = {"pool_size": 32, "max_overflow": 32, "pool_timeout": 60}
# SQLite reads pages through a shared memory map instead of a read() call each: pages
# are shared by all connections through the OS page cache rather than copied into each
# connection's own small cache (writes still go through the journal as before).
MMAP_BYTES = 4 << 30


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": 60}, **POOL)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Let us issue BEGIN ourselves (pysqlite's implicit BEGIN is DEFERRED).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        write = connection.get_execution_options().get("gavah_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


class Database:
    def __init__(self, url: str) -> None:
        try:
            parsed = make_url(url)
        except Exception as exc:  # sqlalchemy raises ArgumentError with the URL in it
            raise BadInput("the database URL is not valid") from exc
        self.url = url
        self.dialect = parsed.get_backend_name()
        self._turns: Path | None = None
        if self.dialect == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                self._turns = Path(parsed.database + "-writers.lock")
            self.engine = _sqlite_engine(url)
        elif self.dialect == "postgresql":
            self.engine = create_engine(url, pool_pre_ping=True, **POOL)
        else:
            raise BadInput(f"unsupported database {self.dialect!r}: use sqlite or postgresql")
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(gavah_write=True), expire_on_commit=False
        )

    @property
    def safe_url(self) -> str:
        """The URL without its password, for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that holds the workspace's write lock until it commits.
        Callables in session.info["before_commit"] run at its end, inside it; those in
        session.info["after_commit"] run once it has committed."""
        with self._write() as session:
            with self._writer_turn(), session.begin():
                if self.dialect == "postgresql":
                    session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK})
                else:
                    session.connection()  # BEGIN IMMEDIATE now, not at the first statement
                yield session
                for callback in session.info.pop("before_commit", []):
                    callback()
            for callback in session.info.pop("after_commit", []):
                callback()

    def _writer_turn(self) -> Any:
        return _file_lock(self._turns) if self._turns else nullcontext()

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """SQLite writers, in any process, queue on this lock before BEGIN IMMEDIATE: the
    kernel hands it to the next one the moment it is free. SQLite's own busy handler
    polls with sleeps of up to 100 ms, so a writer of one web worker that found the other
    worker's commit in progress could sleep long after it had finished."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def run(session: Session, statement: Any, params: Any = None) -> Any:
    """A prebuilt Core statement on the session's connection: several times cheaper than
    session.execute() for the reads every page makes. Like session.execute(), it first
    writes what the session holds, so a write transaction reads its own changes."""
    session.flush()
    return session.connection().execute(statement, params)


class rare(FunctionElement[bool]):
    """A condition few rows meet, said so to SQLite's planner (its `unlikely()`; other
    databases get the bare condition). With statistics (ANALYZE), SQLite judges an index
    by the average rows per value: a column that is mostly NULL, such as a claim's
    speaker, looks as if each speaker had every claim, and it scanned all claims instead
    of reading the few of one speaker from the index (24 s against 12 ms at 1,000,000
    claims)."""

    name = "rare"  # typeless: typed Boolean, SQLite would be given `unlikely(...) = 1`
    inherit_cache = True


@compiles(rare)
def _rare(element: rare, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(rare, "sqlite")
def _rare_sqlite(element: rare, compiler: Any, **kw: Any) -> str:
    return f"unlikely({compiler.process(element.clauses, **kw)})"

