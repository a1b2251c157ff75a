"""Passphrase-protected keys, key rotation followed by verify, originals sealed at
ingest and on reclassification. Every file and name here is FICTIONAL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gavah.cli.main import app
from gavah.core.custody import COSIGNED_FIELD, key_id
from gavah.pipelines import ingest, sealing
from gavah.pipelines.keys import rotate
from gavah.pipelines.verify import verify
from gavah.store import keys
from gavah.store.custody import iter_entries
from gavah.store.workspace import Workspace

ACTOR = "fictional-operator"


def _ingest(ws: Workspace, tmp_path: Path, name: str, text: str, level: str) -> int:
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    report = ingest.ingest_paths(ws, [str(path)], ingest.Options(classification=level), ACTOR)
    return int(report.acquired[0]["item"])


def _stored(ws: Workspace, sha: str) -> bytes:
    with ws.blobs.open_stored(sha) as raw:
        return raw.read()


def test_rotation_is_signed_by_both_keys_and_verify_follows_it(ws: Workspace,
                                                               tmp_path: Path) -> None:
    _ingest(ws, tmp_path, "before.txt", "FICTIONAL note before the rotation", "public")
    old_id = ws.custody.signer.key_id
    done = rotate(ws, ACTOR, "FICTIONAL: the laptop was out of sight")
    assert (done.old_key_id, done.new_key_id != old_id) == (old_id, True)
    _ingest(ws, tmp_path, "after.txt", "FICTIONAL note after the rotation", "public")
    with ws.db.read() as session:
        entries = list(iter_entries(session))
    rotation = next(e for e in entries if e.action == "key-rotated")
    assert rotation.key_id == old_id and COSIGNED_FIELD in rotation.details
    assert {e.key_id for e in entries if e.seq > rotation.seq} == {done.new_key_id}
    assert {e.key_id for e in entries if e.seq < rotation.seq} == {old_id}
    # A fresh process: the rotated key is the workspace's, the old one retired.
    again = Workspace.open(ws.home, ws.db.url)
    assert key_id(again.public_key) == done.new_key_id
    assert set(again.key_ring()) == {old_id, done.new_key_id}
    assert not (ws.home / "keys" / keys.PENDING).exists()
    report = verify(again)
    assert report.ok, [p.to_dict() for p in report.problems]
    again.close()
    # Another key put in place of the workspace's is found.
    folder = ws.home / "keys"
    (folder / keys.PRIVATE).unlink()
    (folder / keys.PUBLIC).unlink()
    keys.create(folder)
    forged = Workspace.open(ws.home, ws.db.url)
    kinds = {p.kind for p in verify(forged).problems}
    assert "key-mismatch" in kinds
    forged.close()


def test_passphrase_protected_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "ws"
    monkeypatch.setenv("FICTIONAL_PASS", "correct horse fictional staple")
    monkeypatch.delenv(keys.ENV_PASSPHRASE, raising=False)
    runner = CliRunner()
    made = runner.invoke(app, ["--home", str(home), "init", "--key-passphrase-env",
                               "FICTIONAL_PASS", "--json"])
    assert made.exit_code == 0, made.output
    assert json.loads(made.stdout)["key_protected"] is True
    pem = (home / "keys" / keys.PRIVATE).read_bytes()
    assert pem.startswith(keys.ENCRYPTED_PEM)
    note = tmp_path / "note.txt"
    note.write_text("FICTIONAL testimony summary")
    missing = runner.invoke(app, ["--home", str(home), "ingest", str(note)])
    assert missing.exit_code == 2 and keys.ENV_PASSPHRASE in missing.output
    monkeypatch.setenv(keys.ENV_PASSPHRASE, "wrong fictional passphrase")
    wrong = runner.invoke(app, ["--home", str(home), "ingest", str(note)])
    assert wrong.exit_code == 2 and "does not open" in wrong.output
    assert "wrong fictional passphrase" not in wrong.output
    monkeypatch.setenv(keys.ENV_PASSPHRASE, "correct horse fictional staple")
    added = runner.invoke(app, ["--home", str(home), "ingest", str(note), "--classification",
                                "confidential"])
    assert added.exit_code == 0, added.output
    record = json.loads((home / "keys" / "blobs.key").read_text())
    assert record["kdf"] == "scrypt", "the data key is protected like the signing key"
    rotated = runner.invoke(app, ["--home", str(home), "keys", "rotate", "--json"])
    assert rotated.exit_code == 0, rotated.output
    assert (home / "keys" / keys.PRIVATE).read_bytes().startswith(keys.ENCRYPTED_PEM)
    checked = runner.invoke(app, ["--home", str(home), "verify", "--json"])
    assert checked.exit_code == 0, checked.output
    monkeypatch.delenv(keys.ENV_PASSPHRASE)
    upgraded = runner.invoke(app, ["--home", str(home), "init", "--json"])
    assert upgraded.exit_code == 0, upgraded.output  # no passphrase needed to upgrade


def test_confidential_originals_are_sealed_and_verify_unchanged(ws: Workspace,
                                                                tmp_path: Path) -> None:
    secret = _ingest(ws, tmp_path, "witness.txt", "FICTIONAL witness Roya names a guard",
                     "confidential")
    open_item = _ingest(ws, tmp_path, "press.txt", "FICTIONAL press release, public",
                        "public")
    with ws.db.read() as session:
        from gavah.store.classify import item_level

        secret_sha, _ = item_level(session, secret)
        open_sha, _ = item_level(session, open_item)
    assert ws.blobs.is_sealed(secret_sha) and not ws.blobs.is_sealed(open_sha)
    assert b"Roya" not in _stored(ws, secret_sha)
    with ws.blobs.open(secret_sha) as stream:
        assert stream.read() == b"FICTIONAL witness Roya names a guard"
    # Bytes the store held in clear (a public copy) are sealed once an item at
    # confidential has them, with an entry saying so.
    again = _ingest(ws, tmp_path, "copy-of-press.txt", "FICTIONAL press release, public",
                    "confidential")
    assert again != open_item and ws.blobs.is_sealed(open_sha)
    with ws.db.read() as session:
        sealed_entries = [e for e in iter_entries(session) if e.action == "blobs-sealed"]
    assert [e.details for e in sealed_entries] == [{"sha256s": [open_sha], "reason": "ingest"}]
    with ws.blobs.open(open_sha) as stream:
        assert stream.read() == b"FICTIONAL press release, public"
    third = _ingest(ws, tmp_path, "leaflet.txt", "FICTIONAL leaflet naming a cell", "public")
    with ws.db.read() as session:
        third_sha, _ = item_level(session, third)
    assert not ws.blobs.is_sealed(third_sha)
    assert sealing.reclassify(ws, ACTOR, third, "strictly-confidential",
                              "FICTIONAL: names a witness") is True
    assert ws.blobs.is_sealed(third_sha) and b"leaflet" not in _stored(ws, third_sha)
    with ws.db.read() as session:
        last = list(iter_entries(session))[-1]
        assert item_level(session, third) == (third_sha, "strictly-confidential")
    assert (last.action, last.item, last.details["from"], last.details["sealed"]) == (
        "reclassified", third, "public", True)
    report = verify(ws)
    assert report.ok, [p.to_dict() for p in report.problems]
    assert sealing.seal_all(ws, ACTOR) == [], "nothing left to seal"


def test_copying_blobs_to_s3_keeps_sealed_originals_sealed(ws: Workspace, tmp_path: Path,
                                                           s3_location: str) -> None:
    from gavah.pipelines.blob_copy import copy_blobs

    secret = _ingest(ws, tmp_path, "witness.txt", "FICTIONAL witness Darius, his village",
                     "strictly-confidential")
    with ws.db.read() as session:
        from gavah.store.classify import item_level

        sha, _ = item_level(session, secret)
    report = copy_blobs(ws, s3_location, ACTOR)
    assert report.ok, report.problems
    assert ws.blobs.location == s3_location and ws.blobs.is_sealed(sha)
    assert b"Darius" not in _stored(ws, sha)
    with ws.blobs.open(sha) as stream:
        assert stream.read() == b"FICTIONAL witness Darius, his village"
    assert verify(ws).ok


def test_worker_processes_seal_what_they_store(ws: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "testimonies"
    folder.mkdir()
    for n in range(40):  # enough for the worker processes
        (folder / f"t{n}.txt").write_text(f"FICTIONAL testimony {n} naming witness W{n}")
    report = ingest.ingest_paths(ws, [str(folder)],
                                 ingest.Options(classification="confidential"), ACTOR)
    shas = [a["sha256"] for a in report.acquired]
    assert len(shas) == 40 and all(ws.blobs.is_sealed(sha) for sha in shas)
    assert not any(b"witness W" in _stored(ws, sha) for sha in shas)
    with ws.db.read() as session:
        assert not [e for e in iter_entries(session) if e.action == "blobs-sealed"], \
            "sealed as stored: nothing was ever in clear"
    assert verify(ws).ok


def test_an_upload_is_sealed_as_it_is_stored(ws: Workspace) -> None:
    import io

    data = b"FICTIONAL upload: the address of a witness's family"
    item, _ = ingest.ingest_stream(ws, io.BytesIO(data), "upload.txt",
                                   ingest.Options(classification="confidential"), ACTOR)
    with ws.db.read() as session:
        from gavah.store.classify import item_level

        sha, _ = item_level(session, item)
    assert ws.blobs.is_sealed(sha) and b"witness" not in _stored(ws, sha)
    if hasattr(ws.blobs, "path"):
        assert not ws.blobs.path(sha).exists(), "never stored in clear"
    with ws.blobs.open(sha) as stream:
        assert stream.read() == data
    assert verify(ws).ok


def test_backup_keeps_sealed_originals_sealed_and_restore_reads_them(
        ws: Workspace, tmp_path: Path) -> None:
    from gavah.pipelines.backup import make_backup, place_for
    from gavah.pipelines.restore import restore

    if "sqlite" not in ws.db.url:
        pytest.skip("restored into SQLite here; PostgreSQL drills: tests/pipelines/test_backup.py")
    data = "FICTIONAL witness Shirin, her street and her brother's name"
    item = _ingest(ws, tmp_path, "witness.txt", data, "confidential")
    with ws.db.read() as session:
        from gavah.store.classify import item_level

        sha, _ = item_level(session, item)
    passphrase = b"a long fictional backup passphrase"
    report = make_backup(ws, str(tmp_path / "backup"), ACTOR, passphrase)
    assert report.ok, report.problems
    place = place_for(str(tmp_path / "backup"))
    assert place.blobs.is_sealed(sha)
    with place.blobs.open_stored(sha) as raw:
        assert b"Shirin" not in raw.read()
    assert b"Shirin" not in b"".join(p.read_bytes() for p in (tmp_path / "backup").rglob("*")
                                      if p.is_file() and "blobs" in p.parts)
    from gavah.pipelines.backup_check import verify_backup

    checked = verify_backup(str(tmp_path / "backup"), ws.public_key, passphrase)
    assert checked.ok, [p.to_dict() for p in checked.problems]
    blind = verify_backup(str(tmp_path / "backup"), ws.public_key)
    assert [p.kind for p in blind.problems] == ["sealed-blob-unchecked"]
    home = tmp_path / "restored"
    done = restore(str(tmp_path / "backup"), home, passphrase, ACTOR)
    assert done.problems == []
    again = Workspace.open(home)
    try:
        assert again.blobs.is_sealed(sha)
        with again.blobs.open(sha) as stream:
            assert stream.read().decode() == data
        assert verify(again).ok
    finally:
        again.close()
