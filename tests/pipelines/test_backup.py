"""gavah backup / restore / verify --backup / backup --repair: restore drills on SQLite,
PostgreSQL and S3, drift found and mended, the key never in clear. FICTIONAL data."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from gavah.pipelines import accounts
from gavah.store.blobs import LocalBlobStore
from gavah.store.workspace import Workspace
from tests.conftest import Cli, PgDatabases, pg_database_url, write

PASSPHRASE = "FICTIONAL backup passphrase 7"
# The drill runs on both databases; the other tests are about the backup's files and
# blobs, the same whichever database the dump came from.
on_sqlite = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
TABLES = ("items", "claims", "custody", "users", "blobs", "derivatives")


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAVAH_BACKUP_PASSPHRASE", PASSPHRASE)


@pytest.fixture
def filled(cli: Cli, ws: Workspace, tmp_path: Path) -> Cli:
    for i in range(3):
        write(tmp_path / "in", f"doc{i}.txt",
              f"FICTIONAL report {i}: the fictional Northgate Monitor said that {100 + i} "
              "prisoners were executed in the fictional Eastbrook prison in 1988.")
    write(tmp_path / "in", "page.html", "<html><body><p>FICTIONAL page text</p></body></html>")
    cli("ingest", str(tmp_path / "in"))
    accounts.add_user(ws, "mina", "analyst", "restricted", "FICTIONAL long password", "test")
    return cli


def rows(ws: Workspace, table: str) -> list[dict[str, Any]]:
    with ws.db.engine.connect() as connection:
        return [dict(r._mapping) for r in
                connection.execute(sa.text(f"SELECT * FROM {table} ORDER BY 1"))]


def snapshot(ws: Workspace) -> dict[str, list[dict[str, Any]]]:
    return {table: rows(ws, table) for table in TABLES}


def drill(filled: Cli, ws: Workspace, home: Path, backup: str, target: Path,
          target_url: str | None) -> Cli:
    """Back up, destroy the workspace, restore: the restored workspace verifies clean and
    holds every row the backup held."""
    before = snapshot(ws)
    made = filled.json("backup", "--to", backup)
    assert made["ok"] and made["blobs"] == len(before["blobs"]) == made["copied"] > 4
    assert before["claims"] and before["users"], "the drill needs claims and users"
    checked = filled.json("verify", "--backup", backup)
    assert checked["ok"] and checked["key_checked_against"] == "workspace"
    assert checked["blobs_checked"] == made["blobs"]
    ws.close()
    shutil.rmtree(home)  # destroyed: nothing of the workspace is left on this side
    restored = Cli(target, target_url)
    report = restored.json("restore", "--from", backup, str(target))
    assert report["ok"] and report["blobs"] == made["blobs"]
    verified = restored.json("verify")
    assert verified["ok"], verified["problems"]
    again = Workspace.open(target, target_url)
    try:
        after = snapshot(again)
    finally:
        again.close()
    head = len(before["custody"])  # backup-made came after the dump
    assert after["custody"][:head] == before["custody"]
    assert [r["action"] for r in after["custody"][head:]] == ["backup-restored"]
    for table in TABLES:
        if table != "custody":
            assert after[table] == before[table], table
    assert accounts.authenticate(_open(target, target_url), "mina", "FICTIONAL long password",
                                 "test").name == "mina"
    return restored


def _open(home: Path, url: str | None) -> Workspace:
    return Workspace.open(home, url)


def test_restore_drill_sqlite_and_postgresql(
        filled: Cli, ws: Workspace, home: Path, tmp_path: Path, database_url: str | None,
        pg_databases: PgDatabases) -> None:
    target_url = None
    name = None
    if database_url:
        name = pg_databases.create()
        target_url = pg_database_url(name)
    try:
        drill(filled, ws, home, str(tmp_path / "backup"), tmp_path / "restored", target_url)
    finally:
        if name:
            pg_databases.drop(name)


@on_sqlite
def test_restore_drill_to_and_from_s3(filled: Cli, ws: Workspace, home: Path,
                                      tmp_path: Path, s3_location: str) -> None:
    restored = drill(filled, ws, home, s3_location, tmp_path / "restored", None)
    # Restored blobs are in the new workspace's own folder, re-hashed there.
    assert restored.json("verify")["blobs_checked"] > 4


@on_sqlite
def test_backup_is_incremental_and_the_key_never_in_clear(
        filled: Cli, ws: Workspace, tmp_path: Path) -> None:
    backup = tmp_path / "backup"
    first = filled.json("backup", "--to", str(backup))
    write(tmp_path / "more", "late.txt", "FICTIONAL note written after the first backup")
    filled("ingest", str(tmp_path / "more"), "--no-claims")
    second = filled.json("backup", "--to", str(backup))
    assert second["blobs"] > first["blobs"]
    assert second["copied"] == second["blobs"] - first["blobs"]  # the new ones only
    private = (ws.home / "keys" / "workspace.ed25519").read_bytes()
    body = b"".join(private.splitlines()[1:-1])
    for path in backup.rglob("*"):
        if path.is_file():
            assert body not in path.read_bytes().replace(b"\n", b""), path
    enc = (backup / "keys" / "workspace.ed25519.enc.pem").read_bytes()
    assert enc.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert (backup.stat().st_mode & 0o077) == 0, "the backup folder is its owner's alone"
    log = [e for e in filled.json("log") if e["action"] == "backup-made"]
    assert [e["seq"] for e in log] == [first["seq"], second["seq"]]
    assert log[1]["details"]["manifest_sha256"] == hashlib.sha256(
        (backup / "manifest.json").read_bytes()).hexdigest()
    assert len(list((backup / "manifests").glob("*.json"))) == 2


@on_sqlite
def test_wrong_or_short_passphrase_and_bad_targets(
        filled: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backup = tmp_path / "backup"
    filled.json("backup", "--to", str(backup))
    monkeypatch.setenv("GAVAH_BACKUP_PASSPHRASE", "short")
    assert "at least 12" in " ".join(filled("backup", "--to", str(backup), code=2).stderr.split())
    monkeypatch.setenv("GAVAH_BACKUP_PASSPHRASE", "FICTIONAL wrong passphrase")
    restored = Cli(tmp_path / "restored", None)
    err = restored("restore", "--from", str(backup), str(tmp_path / "restored"), code=2).stderr
    assert "passphrase" in " ".join(err.split()) and not (tmp_path / "restored").exists()
    # The encrypted key is checked by verify --backup when the passphrase is given.
    assert any(p["kind"] == "backup-key" for p in filled.json(
        "verify", "--backup", str(backup), code=1)["problems"])
    monkeypatch.setenv("GAVAH_BACKUP_PASSPHRASE", PASSPHRASE)
    # Messages are compared word by word: the terminal may wrap them anywhere.
    assert "not empty" in " ".join(Cli(home, None)("restore", "--from", str(backup), str(home),
                                                   code=2).stderr.split())
    inside = filled("backup", "--to", str(home / "b"), code=2).stderr
    assert "inside the workspace" in " ".join(inside.split())


@on_sqlite
def test_a_tampered_manifest_or_file_fails_verify(filled: Cli, tmp_path: Path) -> None:
    backup = tmp_path / "backup"
    made = filled.json("backup", "--to", str(backup))
    sealed = json.loads((backup / "manifest.json").read_bytes())
    sealed["manifest"]["blobs"] = {}  # hide every blob from the check
    (backup / "manifest.json").write_text(json.dumps(sealed))
    problems = filled.json("verify", "--backup", str(backup), code=1)["problems"]
    assert [p["kind"] for p in problems] == ["manifest-signature"]
    # Checked on its own (no workspace at hand), with the key the backup carries.
    alone = Cli(tmp_path / "nowhere", None)
    assert alone.json("verify", "--backup", str(backup), code=1)["key_checked_against"] == \
        "backup"
    shutil.copy(backup / "manifests" / sorted(
        p.name for p in (backup / "manifests").iterdir())[0], backup / "manifest.json")
    database = backup / made["database"]
    database.write_bytes(database.read_bytes() + b"FICTIONAL")
    problems = filled.json("verify", "--backup", str(backup), code=1)["problems"]
    assert [(p["kind"], p["file"]) for p in problems] == [("altered-file", made["database"])]
    err = alone("restore", "--from", str(backup), str(tmp_path / "r"), code=2).stderr
    assert "not as its manifest lists it" in " ".join(err.split())
    assert not (tmp_path / "r").exists(), "nothing half-written"


def _flip(path: Path) -> None:
    path.chmod(0o600)
    data = bytearray(path.read_bytes())
    data[0] ^= 0x01
    path.write_bytes(bytes(data))


@on_sqlite
def test_drift_in_either_copy_is_found_and_mended(filled: Cli, ws: Workspace,
                                                  tmp_path: Path) -> None:
    backup = tmp_path / "backup"
    filled.json("backup", "--to", str(backup))
    copy = LocalBlobStore(backup / "blobs")
    first, second = sorted(copy.iter_shas())[:2]
    _flip(copy.path(first))
    problems = filled.json("verify", "--backup", str(backup), code=1)["problems"]
    assert [(p["kind"], p["sha256"]) for p in problems] == [("altered-blob", first)]
    assert isinstance(ws.blobs, LocalBlobStore)
    _flip(ws.blobs.path(second))
    assert not filled.json("verify", code=1)["ok"]
    mended = filled.json("backup", "--to", str(backup), "--repair")
    assert mended["repaired_in_backup"] == [first]
    assert mended["repaired_in_workspace"] == [second]
    assert filled.json("verify", "--backup", str(backup))["ok"]
    assert filled.json("verify")["ok"]
    assert len(list((backup / "blobs" / ".quarantine").iterdir())) == 1, "moved aside"
    [entry] = [e for e in filled.json("log") if e["action"] == "backup-repaired"]
    assert entry["seq"] == mended["seq"] and entry["details"] == {
        "backup": str(backup), "repaired_in_backup": [first],
        "repaired_in_workspace": [second], "unrepaired": []}
    # Both copies altered: nothing to mend from, said so, exit 1.
    _flip(copy.path(first))
    _flip(ws.blobs.path(first))
    both = filled.json("backup", "--to", str(backup), "--repair", code=1)
    assert [u["sha256"] for u in both["unrepaired"]] == [first]


@on_sqlite
def test_drift_in_an_s3_backup_is_mended(filled: Cli, ws: Workspace,
                                         s3_location: str) -> None:
    from gavah.store.blobs.s3 import S3BlobStore

    filled.json("backup", "--to", s3_location)
    copy = S3BlobStore(f"{s3_location}/blobs")
    sha = sorted(copy.iter_shas())[0]
    copy.client.put_object(Bucket=copy.bucket, Key=copy.key(sha), Body=b"FICTIONAL drift")
    assert not filled.json("verify", "--backup", s3_location, code=1)["ok"]
    assert filled.json("backup", "--to", s3_location, "--repair")["repaired_in_backup"] == [sha]
    assert filled.json("verify", "--backup", s3_location)["ok"]


@on_sqlite
def test_restore_with_the_blobs_on_s3(filled: Cli, ws: Workspace, tmp_path: Path,
                                      s3_location: str) -> None:
    from gavah.store.blobs.s3 import S3BlobStore

    backup = tmp_path / "backup"
    made = filled.json("backup", "--to", str(backup))
    target = tmp_path / "restored"
    restored = Cli(target, None)
    report = restored.json("restore", "--from", str(backup), str(target), "--blobs",
                           s3_location)
    assert report["ok"] and report["blobs"] == made["blobs"]
    assert json.loads((target / "config.json").read_text())["blobs"] == s3_location
    assert len(list(S3BlobStore(s3_location).iter_shas())) == made["blobs"]
    assert not (target / "blobs").exists() or not any((target / "blobs").glob("??/??/*"))
    assert restored.json("verify")["ok"]
