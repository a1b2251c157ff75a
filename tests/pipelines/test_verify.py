"""Tampering behind gavah's back is detected and named precisely."""

import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from gavah.store.blobs import LocalBlobStore
from gavah.store.blobs.s3 import S3BlobStore
from gavah.store.workspace import Workspace
from tests.conftest import Cli, on_every_store, write


@pytest.fixture
def filled(cli: Cli, tmp_path: Path) -> Cli:
    for i in range(3):
        write(tmp_path / "in", f"doc{i}.txt", f"fictional document number {i}")
    cli("ingest", str(tmp_path / "in"), "--no-claims")  # the vault alone
    return cli


def behind_back(ws: Workspace, *statements: str) -> None:
    """Run SQL as an attacker with database access (append-only triggers off)."""
    with ws.db.engine.begin() as conn:
        if ws.db.dialect == "sqlite":
            conn.execute(sa.text("DROP TRIGGER IF EXISTS custody_no_update"))
            conn.execute(sa.text("DROP TRIGGER IF EXISTS custody_no_delete"))
        else:
            conn.execute(sa.text("ALTER TABLE custody DISABLE TRIGGER USER"))
        for statement in statements:
            conn.execute(sa.text(statement))


def kinds(cli: Cli) -> list[tuple[str, int | None]]:
    report = cli.json("verify", code=1)
    assert report["ok"] is False
    return [(p["kind"], p["seq"]) for p in report["problems"]]


def flip_byte(ws: Workspace, sha: str) -> None:
    """Alter a stored blob behind gavah's back: in the folder, or on the S3 server."""
    if isinstance(ws.blobs, LocalBlobStore):
        path = ws.blobs.path(sha)
        os.chmod(path, 0o644)
        data = bytearray(path.read_bytes())
        data[3] ^= 0x01
        path.write_bytes(bytes(data))
        return
    assert isinstance(ws.blobs, S3BlobStore)
    with ws.blobs.open(sha) as stream:
        data = bytearray(stream.read())
    data[3] ^= 0x01
    ws.blobs.client.put_object(Bucket=ws.blobs.bucket, Key=ws.blobs.key(sha), Body=bytes(data))


def remove_blob(ws: Workspace, sha: str) -> None:
    if isinstance(ws.blobs, LocalBlobStore):
        ws.blobs.path(sha).unlink()
    else:
        assert isinstance(ws.blobs, S3BlobStore)
        ws.blobs.client.delete_object(Bucket=ws.blobs.bucket, Key=ws.blobs.key(sha))


@on_every_store
def test_intact_workspace_verifies(filled: Cli) -> None:
    report = filled.json("verify")
    assert report == report | {"ok": True, "items_checked": 3, "entries_checked": 6,
                               "problems": []}
    # UTF-8 text derives to identical bytes: one blob each
    assert report["blobs_checked"] == 3


@on_every_store
def test_flipped_byte_in_a_blob(filled: Cli, ws: Workspace) -> None:
    item = filled.json("items")[1]
    flip_byte(ws, item["sha256"])
    report = filled.json("verify", code=1)
    [problem] = report["problems"]
    assert problem["kind"] == "altered-blob" and problem["item"] == item["id"]
    assert problem["expected"] == item["sha256"] and problem["actual"] != item["sha256"]


@on_every_store
def test_missing_original_and_missing_derivative(filled: Cli, ws: Workspace,
                                                 tmp_path: Path) -> None:
    write(tmp_path / "html", "page.html", "<html><body><p>fictional page text</p></body></html>")
    filled("ingest", str(tmp_path / "html"))
    item, page = filled.json("items")[0], filled.json("items")[-1]
    remove_blob(ws, item["sha256"])
    derivative = filled.json("show", str(page["id"]))["derivatives"][0]
    remove_blob(ws, derivative["sha256"])
    problems = filled.json("verify", code=1)["problems"]
    assert sorted(p["kind"] for p in problems) == ["missing-blob", "missing-blob"]
    assert {p["sha256"] for p in problems} == {item["sha256"], derivative["sha256"]}


def test_edited_log_entry(filled: Cli, ws: Workspace) -> None:
    behind_back(ws, "UPDATE custody SET actor = 'mallory' WHERE seq = 2")
    assert kinds(filled) == [("altered-entry", 2)]


def test_edited_details_are_caught_too(filled: Cli, ws: Workspace) -> None:
    behind_back(ws, "UPDATE custody SET details = replace(details, 'doc0', 'docX') "
                    "WHERE seq = 1")
    assert ("altered-entry", 1) in kinds(filled)


def test_a_float_written_into_details_is_an_altered_entry(filled: Cli, ws: Workspace) -> None:
    # gavah never writes a float (no canonical form); one put there by hand must be
    # reported as an alteration, not stop verify.
    behind_back(ws, "UPDATE custody SET details = replace(details, '}', ',\"x\":-0.5}') "
                    "WHERE seq = 2")
    result = filled.json("verify", code=1)
    altered = [p for p in result["problems"] if p["kind"] == "altered-entry"]
    assert [p["seq"] for p in altered] == [2] and "float" in altered[0]["detail"]


def test_deleted_entry_in_the_middle(filled: Cli, ws: Workspace) -> None:
    behind_back(ws, "DELETE FROM custody WHERE seq = 3")
    found = kinds(filled)
    assert ("entry-removed", 3) in found and ("broken-chain", 4) in found


def test_deleted_newest_entries(filled: Cli, ws: Workspace) -> None:
    behind_back(ws, "DELETE FROM custody WHERE seq >= 5")
    assert ("entry-removed", 5) in kinds(filled)


def test_reordered_entries(filled: Cli, ws: Workspace) -> None:
    behind_back(ws, "UPDATE custody SET seq = -1 WHERE seq = 2",
                "UPDATE custody SET seq = 2 WHERE seq = 3",
                "UPDATE custody SET seq = 3 WHERE seq = -1")
    found = kinds(filled)
    assert ("altered-entry", 2) in found and ("altered-entry", 3) in found


def test_forged_signature(filled: Cli, ws: Workspace) -> None:
    with ws.db.read() as s:  # another entry's signature (an unsigned entry has none)
        other = s.execute(sa.text("SELECT signature FROM custody WHERE seq != 4 AND "
                                  "signature != '' ORDER BY seq LIMIT 1")).scalar()
    behind_back(ws, f"UPDATE custody SET signature = '{other}' WHERE seq = 4")
    assert kinds(filled) == [("bad-signature", 4)]


def test_one_signature_per_transaction_covers_the_rest(filled: Cli, ws: Workspace) -> None:
    with ws.db.read() as s:
        rows = s.execute(sa.text("SELECT seq, signature FROM custody ORDER BY seq")).all()
    signed = [seq for seq, signature in rows if signature]
    # One ingest transaction records the three items and what was read from them.
    assert len(rows) >= 6 and len(signed) < len(rows) / 2 and signed[-1] == rows[-1][0]
    assert filled.json("verify")["ok"]
    newest = rows[-1][0]
    behind_back(ws, f"UPDATE custody SET signature = '' WHERE seq = {newest}")
    found = kinds(filled)
    assert found == [("unsigned-entry", signed[-2] + 1 if len(signed) > 1 else 1)]


def test_item_rows_changed_or_removed(filled: Cli, ws: Workspace) -> None:
    behind_back(ws, "UPDATE items SET original_name = 'innocent.txt' WHERE id = 1",
                "DELETE FROM item_tags WHERE item_id = 3",
                "DELETE FROM items WHERE id = 3")
    found = {kind for kind, _ in kinds(filled)}
    assert found == {"altered-item", "item-removed"}


def test_verify_is_recorded_for_the_dashboard(filled: Cli, ws: Workspace) -> None:
    filled.json("verify")
    with ws.db.read() as s:
        assert s.execute(sa.text("SELECT count(*) FROM verify_runs WHERE ok")).scalar() == 1
