"""The fast read path (gavah.store.fastread, on the DB-API) answers as the ORM path does:
`items`, `show` and `verify` give the same JSON on the same workspace, on SQLite and on
PostgreSQL; a read of protected material is still recorded. Every file is FICTIONAL."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from gavah.cli.output import emit_json
from gavah.core.errors import BadInput, GavahError, NotFound
from gavah.pipelines import fast_items, reading
from gavah.pipelines import items as item_pipeline
from gavah.pipelines import verify as verify_pipeline
from gavah.pipelines.access import Viewer
from gavah.store.custody import iter_entries
from gavah.store.fastread.connection import connect
from gavah.store.fastread.workspace import ReadWorkspace, open_workspace
from gavah.store.workspace import Workspace
from tests.conftest import Cli, write

VIEWER = Viewer("cli:tester@fictional-host")


def as_printed(data: Any, capsys: pytest.CaptureFixture[str]) -> str:
    """The JSON exactly as the CLI prints it."""
    capsys.readouterr()
    emit_json(data)
    return capsys.readouterr().out


@pytest.fixture
def filled(cli: Cli, tmp_path: Path) -> Cli:
    folder = tmp_path / "in"
    write(folder, "note-a.txt", "FICTIONAL note about a hearing.")
    write(folder, "note-b.txt", "FICTIONAL second note, in فارسی too.")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("inner-1.txt", "FICTIONAL archived note one.")
        z.writestr("inner-2.txt", "FICTIONAL archived note two.")
    write(folder, "bundle.zip", buffer.getvalue())
    cli("ingest", "--no-claims", "--tag", "fictional", "--tag", "batch-1",
        "--source", "FICTIONAL source", "--note", "made for a test", str(folder))
    write(tmp_path / "again", "copy-of-a.txt", "FICTIONAL note about a hearing.")
    cli("ingest", "--no-claims", str(tmp_path / "again"))
    secret = tmp_path / "secret"
    write(secret, "witness-1.txt", "FICTIONAL protected statement one.")
    write(secret, "witness-2.txt", "FICTIONAL protected statement two.")
    cli("ingest", "--no-claims", "--classification", "restricted", str(secret))
    cli("search", "FICTIONAL")  # a read of several protected items: one entry lists them
    return cli


def opened(ws: Workspace, database_url: str | None) -> ReadWorkspace:
    fast = open_workspace(ws.home, database_url)
    assert fast is not None
    return fast


def item_refs(ws: Workspace) -> list[tuple[int, str, str]]:
    return [(r["id"], r["sha256"], r["classification"])
            for r in item_pipeline.list_items(ws)]


def test_items_are_listed_alike(filled: Cli, ws: Workspace, database_url: str | None,
                                capsys: pytest.CaptureFixture[str]) -> None:
    fast = opened(ws, database_url)
    for limit, failed in ((None, False), (2, False), (None, True)):
        orm = item_pipeline.list_items(ws, limit=limit, failed_only=failed)
        quick = fast_items.list_items(fast, lambda: ws, limit=limit, failed_only=failed)
        assert as_printed(quick, capsys) == as_printed(orm, capsys)
    assert len(item_pipeline.list_items(ws)) == 8  # 2 notes, the zip, its 2 members, ...


def test_public_items_are_shown_alike(filled: Cli, ws: Workspace,
                                      database_url: str | None,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    fast = opened(ws, database_url)
    before = sum(1 for _ in _entries(ws))
    for item_id, sha, level in item_refs(ws):
        if level != "public":
            continue
        for ref in (str(item_id), sha[:12], f" {sha[:10].upper()} "):
            orm = reading.item(ws, VIEWER, ref, via="cli", with_text=False)
            quick = fast_items.item(fast, lambda: ws, VIEWER, ref, via="cli")
            assert as_printed(quick, capsys) == as_printed(orm, capsys)
    assert sum(1 for _ in _entries(ws)) == before  # public reads are not recorded


def test_a_protected_read_is_recorded_before_it_is_shown(
        filled: Cli, ws: Workspace, database_url: str | None,
        capsys: pytest.CaptureFixture[str]) -> None:
    fast = opened(ws, database_url)
    secret = next(i for i, _, level in item_refs(ws) if level == "restricted")
    quick = fast_items.item(fast, lambda: ws, VIEWER, str(secret), via="cli")
    recorded = list(_entries(ws))[-1]
    assert (recorded.action, recorded.item, recorded.actor) == ("viewed", secret, VIEWER.actor)
    assert recorded.details == {"classification": "restricted", "via": "cli"}
    # The ORM path shows the same record, its history holding the fast path's read too.
    orm = reading.item(ws, VIEWER, str(secret), via="cli", with_text=False)
    assert orm["custody"][-1]["seq"] == recorded.seq
    assert as_printed(quick, capsys) == as_printed(orm | {"custody": orm["custody"][:-1]},
                                                   capsys)
    # The entry listing both protected items (the search) is in each one's history.
    assert any(e["details"].get("read_items") for e in quick["custody"])


@pytest.mark.parametrize("ref", ["999", "zzzzzz", "1234567890", "", "abcdef"])
def test_missing_items_are_refused_alike(filled: Cli, ws: Workspace,
                                         database_url: str | None, ref: str) -> None:
    fast = opened(ws, database_url)
    with pytest.raises(GavahError) as orm:
        reading.item(ws, VIEWER, ref, via="cli", with_text=False)
    with pytest.raises(GavahError) as quick:
        fast_items.item(fast, lambda: ws, VIEWER, ref, via="cli")
    assert type(quick.value) is type(orm.value)
    assert str(quick.value) == str(orm.value)
    assert isinstance(quick.value, NotFound)


def _entries(ws: Workspace) -> list[Any]:
    with ws.db.read() as session:
        return list(iter_entries(session))


def _report(report: verify_pipeline.Report) -> dict[str, Any]:
    return {k: v for k, v in report.to_dict().items() if k not in ("started_at",
                                                                    "finished_at")}


def behind_back(ws: Workspace, *statements: str) -> None:
    """SQL as an attacker with database access runs it (append-only triggers off)."""
    with ws.db.engine.begin() as conn:
        if ws.db.dialect == "sqlite":
            conn.execute(sa.text("DROP TRIGGER IF EXISTS custody_no_update"))
        else:
            conn.execute(sa.text("ALTER TABLE custody DISABLE TRIGGER USER"))
        for statement in statements:
            conn.execute(sa.text(statement))


def test_verify_finds_the_same_problems(filled: Cli, ws: Workspace,
                                        database_url: str | None) -> None:
    fast = opened(ws, database_url)
    intact = verify_pipeline.verify_read_only(fast)
    assert intact.ok and _report(intact) == _report(verify_pipeline.verify(ws))
    items = item_refs(ws)
    ws.blobs.path(items[0][1]).unlink()  # a missing blob
    flipped = ws.blobs.path(items[1][1])
    flipped.chmod(0o644)
    flipped.write_bytes(b"FICTIONAL altered bytes")
    behind_back(ws, f"UPDATE items SET original_name = 'renamed.txt' WHERE id = {items[2][0]}",
                "UPDATE custody SET actor = 'someone-else' WHERE seq = 3")
    orm, quick = verify_pipeline.verify(ws), verify_pipeline.verify_read_only(fast)
    kinds = {p["kind"] for p in _report(quick)["problems"]}
    assert {"missing-blob", "altered-blob", "altered-item"} <= kinds, kinds
    assert not quick.ok and _report(quick) == _report(orm)
    # Each run is recorded, by either path, in the same table.
    with ws.db.read() as session:
        runs = session.execute(sa.text("SELECT ok, problems FROM verify_runs ORDER BY id")
                               ).all()
    assert [bool(ok) for ok, _ in runs] == [True, True, False, False]
    assert json.loads(runs[-1][1]) == _report(quick)["problems"]


def test_the_schema_is_checked_at_open(filled: Cli, ws: Workspace,
                                       database_url: str | None) -> None:
    behind_back(ws, "UPDATE alembic_version SET version_num = '0001_older'")
    with pytest.raises(BadInput) as orm:
        Workspace.open(ws.home, database_url)
    with pytest.raises(BadInput) as quick:
        open_workspace(ws.home, database_url)
    assert str(quick.value) == str(orm.value)
    assert "0001_older" in str(quick.value)


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:",
                                 "sqlite:///gavah.db?mode=ro",
                                 "postgresql+psycopg2://someone@127.0.0.1/test",
                                 "mysql://someone@127.0.0.1/test"])
def test_other_databases_are_left_to_the_orm(url: str) -> None:
    assert connect(url) is None
