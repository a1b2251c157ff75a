"""Shared fixtures. Every workspace test runs twice: on SQLite in a temporary folder and
on the real local PostgreSQL server, in a schema of its own that is dropped afterwards."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from gavah.cli.main import app
from gavah.store.workspace import Workspace

PG_URL = os.environ.get("GAVAH_TEST_PG_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")
FIXTURES = Path(__file__).parent / "fixtures"


def pg_schema_url(schema: str) -> str:
    return f"{PG_URL}?options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None selects the workspace's own SQLite file; otherwise a fresh PG schema."""
    if request.param == "sqlite":
        yield None
        return
    schema = f"gavah_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield pg_schema_url(schema)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "ws"


@pytest.fixture
def ws(home: Path, database_url: str | None) -> Iterator[Workspace]:
    workspace, _ = Workspace.init(home, database_url)
    yield workspace
    workspace.close()


class Cli:
    """Runs `gavah` in-process against one workspace."""

    def __init__(self, home: Path, database_url: str | None) -> None:
        self.home = home
        self.database_url = database_url
        self.runner = CliRunner()

    def args(self) -> list[str]:
        base = ["--home", str(self.home)]
        if self.database_url:
            base += ["--database-url", self.database_url]
        return base

    def __call__(self, *args: str, input: str | None = None, code: int | None = 0) -> Any:
        result = self.runner.invoke(app, [*self.args(), *args], input=input)
        if code is not None:
            assert result.exit_code == code, (
                f"gavah {' '.join(args)} exited {result.exit_code}, wanted {code}\n"
                f"stdout: {result.stdout}\nstderr: {result.stderr}\n{result.exception!r}")
        return result

    def json(self, *args: str, code: int | None = 0) -> Any:
        result = self(*args, "--json", code=code)
        return json.loads(result.stdout)


@pytest.fixture
def cli(ws: Workspace, home: Path, database_url: str | None) -> Cli:
    return Cli(home, database_url)


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def item_reads(ws: Workspace, actions: tuple[str, ...] = ("viewed", "downloaded"),
               ) -> list[tuple[str, str, int]]:
    """(actor, action, item) for every recorded read of an item: entries about one item,
    and entries that list several (each item they list)."""
    from gavah.store.custody import iter_entries

    with ws.db.read() as session:
        return [(e.actor, e.action, item) for e in iter_entries(session)
                if e.action in actions
                for item in ([e.item] if e.item is not None else e.read_items())]
