"""A consistent copy of the workspace database, and putting one back.

- SQLite: the sqlite3 online backup API, all pages in one step, so the copy is one
  snapshot taken while writers wait at most for that step; the copy is an ordinary
  database file.
- PostgreSQL: pg_dump's custom format, restored with pg_restore in one transaction.
  pg_dump reads one snapshot (a repeatable-read transaction) and carries what a dump of
  rows through SQLAlchemy would lose or have to rebuild by hand: the triggers that refuse
  UPDATE and DELETE on the custody log, functions, sequences at their current values,
  indexes and constraints, exactly as the migrations made them. Without pg_dump on PATH
  the backup refuses, rather than write a copy that restores to a weaker database."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import make_url

from gavah.core.errors import BadInput, GavahError

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
SUFFIX = {SQLITE: ".sqlite", POSTGRESQL: ".pgdump"}


def dialect(url: str) -> str:
    name = make_url(url).get_backend_name()
    if name not in SUFFIX:
        raise BadInput(f"unsupported database {name!r}", field="database_url")
    return name


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """(a libpq URI without the password, the environment that carries it): a password
    on a command line is visible to every local user."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    uri = parsed.set(drivername="postgresql", password=None).render_as_string(
        hide_password=False)
    return uri, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise GavahError(f"{name} is not on PATH: it is needed to back up or restore a "
                         "PostgreSQL database (install the PostgreSQL client of the "
                         "server's version)")
    return path


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise GavahError(f"{what} failed: {done.stderr.strip()[-2000:]}")


def dump(url: str, path: Path) -> None:
    """Write a consistent copy of the database at `url` to `path` (made 0600)."""
    kind = dialect(url)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    if kind == SQLITE:
        source = sqlite3.connect(str(make_url(url).database), timeout=60)
        target = sqlite3.connect(path)
        try:
            source.backup(target)  # pages=-1: every page in one step, one snapshot
        finally:
            target.close()
            source.close()
        return
    uri, env = _libpq(url)
    _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
          f"--file={path}", f"--dbname={uri}"], env, "pg_dump")


def _empty(url: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return not inspect(connection).get_table_names()
    finally:
        engine.dispose()


def restore(kind: str, path: Path, url: str) -> None:
    """Put the copy at `path` (made by dump() from a `kind` database) into the database
    at `url`, which must be empty: a restore never mixes into or replaces data."""
    if dialect(url) != kind:
        raise BadInput(f"the backup holds a {kind} database; it cannot be restored into "
                       f"{dialect(url)}", field="database_url")
    if kind == SQLITE:
        target = Path(str(make_url(url).database))
        if target.exists() and target.stat().st_size:
            raise BadInput(f"{target} exists; a restore never replaces a database",
                           field="database_url")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        source = sqlite3.connect(path)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return
    if not _empty(url):
        raise BadInput("the target PostgreSQL database holds tables already; restore into "
                       "an empty database", field="database_url")
    uri, env = _libpq(url)
    _run([_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
          "--single-transaction", f"--dbname={uri}", str(path)], env, "pg_restore")
