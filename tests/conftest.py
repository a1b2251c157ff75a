"""Shared fixtures. Every workspace test runs twice: on SQLite in a temporary folder and
on the real local PostgreSQL server, in a database of its own that is dropped afterwards.

Migrations run once per test run: a template workspace (and a template PostgreSQL
database) is made at the start, and each test's workspace is a copy of it; the tests
of migrations themselves start from an empty database (`empty_database_url`)."""

from __future__ import annotations

import json
import os
import shutil
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


def pg_database_url(name: str) -> str:
    return sa.make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


class PgDatabases:
    """Databases made and dropped on the local server for one test run."""

    def __init__(self) -> None:
        self.admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        self.run = uuid.uuid4().hex[:8]

    def create(self, template: str = "template0") -> str:
        name = f"gavah_test_{self.run}_{uuid.uuid4().hex[:8]}"
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        return name

    def drop(self, name: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def pg_databases() -> Iterator[PgDatabases]:
    databases = PgDatabases()
    yield databases
    databases.admin.dispose()


@pytest.fixture(scope="session")
def template_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace made by `gavah init` once per run (SQLite), copied by each test."""
    home = tmp_path_factory.mktemp("template") / "ws"
    workspace, _ = Workspace.init(home)
    workspace.close()
    # The cheapest argon2 parameters for the many accounts tests make (the defaults are
    # slow on purpose); a workspace's config may name them, as an operator's can.
    config = json.loads((home / "config.json").read_text())
    config["argon2"] = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
    (home / "config.json").write_text(json.dumps(config))
    (home / "config.json").chmod(0o600)
    return home


@pytest.fixture(scope="session")
def pg_template(pg_databases: PgDatabases, template_home: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A PostgreSQL database migrated once per run, holding the template workspace's id;
    each test's database is made from it."""
    name = pg_databases.create()
    home = tmp_path_factory.mktemp("pg-template") / "ws"
    shutil.copytree(template_home, home, ignore=shutil.ignore_patterns("gavah.db"))
    workspace, _ = Workspace.init(home, pg_database_url(name))
    workspace.close()  # a template may have no open connection when it is copied
    yield name
    pg_databases.drop(name)


def _pg_database(request: pytest.FixtureRequest, template: str | None) -> Iterator[str]:
    databases: PgDatabases = request.getfixturevalue("pg_databases")
    name = databases.create(template or "template0")
    try:
        yield pg_database_url(name)
    finally:
        databases.drop(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None selects the workspace's own SQLite file; otherwise a database of its own,
    already holding the newest schema (a copy of the run's template). `postgresql+s3`
    (see on_every_store) is PostgreSQL with the blobs on the S3 server."""
    if request.param == "sqlite":
        yield None
        return
    yield from _pg_database(request, request.getfixturevalue("pg_template"))


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """As database_url, but empty: for tests of `gavah init` and of migrations."""
    if request.param == "sqlite":
        yield None
        return
    yield from _pg_database(request, None)


# The vault's tests (ingest, crashes, verify, tampering) run on every store: SQLite and
# PostgreSQL with blobs in the workspace folder, and PostgreSQL with blobs on S3.
on_every_store = pytest.mark.parametrize(
    "database_url", ["sqlite", "postgresql", "postgresql+s3"], indirect=True)


@pytest.fixture(scope="session")
def s3_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A real S3 server (SeaweedFS) for the run; its address and credentials are in this
    process's environment (so in gavah's subprocesses too) while it runs."""
    from tests.s3server import s3_server

    with s3_server(tmp_path_factory.mktemp("s3")) as env, pytest.MonkeyPatch.context() as mp:
        for name, value in env.items():
            mp.setenv(name, value)
        mp.delenv("GAVAH_S3_ENDPOINT", raising=False)
        yield env


@pytest.fixture
def s3_location(s3_env: dict[str, str]) -> str:
    """A prefix of its own in the test bucket."""
    from gavah.store.blobs.s3 import S3BlobStore

    location = f"s3://gavah-test/{uuid.uuid4().hex[:12]}"
    S3BlobStore(location).ensure()
    return location


@pytest.fixture(scope="session")
def softhsm_conf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """SOFTHSM2_CONF for the run: tokens in a temporary folder of their own."""
    from tests import softhsm

    reason = softhsm.missing()
    if reason:
        pytest.skip(reason)
    config = softhsm.write_config(tmp_path_factory.mktemp("softhsm"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOFTHSM2_CONF", str(config))
        yield config
    from gavah.store.pkcs11_signer import release_modules

    release_modules()


@pytest.fixture
def token(softhsm_conf: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A new FICTIONAL SoftHSM token; its PIN in GAVAH_PKCS11_PIN."""
    from gavah.store.pkcs11_signer import ENV_PIN, release_modules
    from tests import softhsm

    made = softhsm.make_token(softhsm_conf)
    release_modules()  # SoftHSM lists the tokens it found when the module was initialised
    monkeypatch.setenv(ENV_PIN, made.pin)
    yield made
    release_modules()


@pytest.fixture
def blobs_location(request: pytest.FixtureRequest) -> str | None:
    """Where the test workspace keeps its blobs: None for its own folder."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and callspec.params.get("database_url") == "postgresql+s3":
        return str(request.getfixturevalue("s3_location"))
    return None


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "ws"


@pytest.fixture
def ws(home: Path, database_url: str | None, template_home: Path,
       blobs_location: str | None) -> Iterator[Workspace]:
    """A new workspace: the template's files (its key, config and, on SQLite, its
    database) copied, as `gavah init` would have made them."""
    shutil.copytree(template_home, home,
                    ignore=shutil.ignore_patterns("gavah.db") if database_url else None)
    if blobs_location:
        config = json.loads((home / "config.json").read_text())
        (home / "config.json").write_text(json.dumps(config | {"blobs": blobs_location}))
    workspace = Workspace.open(home, database_url)
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
