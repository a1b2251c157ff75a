"""The workspace signing key on a real PKCS#11 token (SoftHSM 2): `gavah init` on a
token, ingest and verify, a package verified by verify.py alone, rotation from a file key
onto a token key and back, an interrupted rotation settled, and the PIN or the token
missing. Every file, name and token here is FICTIONAL."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from gavah.core.custody import key_id, raw_public
from gavah.core.errors import BadInput
from gavah.pipelines import ingest
from gavah.pipelines.export import package
from gavah.pipelines.keys import rotate
from gavah.pipelines.verify import verify
from gavah.store import keys
from gavah.store.custody import iter_entries
from gavah.store.pkcs11_signer import ENV_PIN, TokenKey, release_modules
from gavah.store.workspace import PENDING_SIGNER, Workspace
from tests.conftest import Cli
from tests.pipelines.case_world import ANALYST, CaseWorld, build
from tests.pipelines.export.test_package import bare_python, run_verify
from tests.pipelines.test_backup import PASSPHRASE, drill, filled
from tests.softhsm import Token

__all__ = ["bare_python", "filled"]  # fixtures shared with the package and backup tests
ACTOR = "fictional-operator"
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _note(ws: Workspace, tmp_path: Path, name: str, level: str = "public") -> int:
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"FICTIONAL note {name}")
    report = ingest.ingest_paths(ws, [str(path)], ingest.Options(classification=level), ACTOR)
    return int(report.acquired[0]["item"])


def _clean(home: Path, database_url: str | None = None) -> None:
    fresh = Workspace.open(home, database_url)
    report = verify(fresh)
    fresh.close()
    assert report.ok, [p.to_dict() for p in report.problems]


def test_init_on_a_token_ingest_and_verify(tmp_path: Path, token: Token,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    cli = Cli(tmp_path / "ws", None)
    made = cli.json("init", *token.options("fictional-signing"))
    assert (made["key_created"], made["key_token"]) == (True, token.label)
    assert not (cli.home / "keys" / keys.PRIVATE).exists(), "no private key off the token"
    config = json.loads((cli.home / "config.json").read_text())
    assert TokenKey.from_config(config["signer"]) == TokenKey(token.module, token.label,
                                                              "fictional-signing")
    note = tmp_path / "note.txt"
    note.write_text("FICTIONAL testimony summary")
    cli("ingest", str(note), "--classification", "confidential")
    assert cli.json("verify")["ok"] is True
    again = cli.json("init", *token.options("fictional-signing"))  # the same key: kept
    assert (again["key_created"], again["key_id"]) == (False, made["key_id"])
    cli.json("init")  # an upgrade needs neither the options nor the PIN
    assert not (cli.home / "keys" / keys.PRIVATE).exists()
    # Unprotected so far: the data key is stored as is (as with a key file without a
    # passphrase). With a passphrase, the data key is wrapped by it (scrypt).
    assert json.loads((cli.home / "keys" / "blobs.key").read_text())["kdf"] == "none"
    monkeypatch.setenv("FICTIONAL_PASS", "fictional passphrase")
    cli.json("init", *token.options("fictional-signing"), "--key-passphrase-env",
             "FICTIONAL_PASS")
    assert json.loads((cli.home / "keys" / "blobs.key").read_text())["kdf"] == "scrypt"
    assert not (cli.home / "keys" / keys.PRIVATE).exists()
    second = tmp_path / "second.txt"
    second.write_text("FICTIONAL second testimony")
    locked = cli("ingest", str(second), "--classification", "confidential", code=2)
    assert keys.ENV_PASSPHRASE in locked.output
    monkeypatch.setenv(keys.ENV_PASSPHRASE, "fictional passphrase")
    cli("ingest", str(second), "--classification", "confidential")
    assert cli.json("verify")["ok"] is True
    # Another key for a workspace that already has one goes through rotation.
    other = cli("init", *token.options("fictional-other"), code=2)
    assert "gavah keys rotate" in " ".join(other.output.split())  # the terminal may wrap it
    # The token's key signed: the chain verifies with the ordinary Ed25519 public key.
    ws = Workspace.open(cli.home)
    with ws.db.read() as session:
        entries = list(iter_entries(session))
    assert {e.key_id for e in entries} == {made["key_id"]}
    assert key_id(ws.public_key) == made["key_id"]
    ws.close()


def test_pin_missing_wrong_or_token_gone_exits_2(tmp_path: Path, token: Token,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    cli = Cli(tmp_path / "ws", None)
    cli.json("init", *token.options("fictional-signing"))
    note = tmp_path / "note.txt"
    note.write_text("FICTIONAL statement")
    monkeypatch.delenv(ENV_PIN)
    missing = cli("ingest", str(note), code=2)
    assert ENV_PIN in missing.output
    release_modules()  # a new process: nothing logged in
    monkeypatch.setenv(ENV_PIN, "fictional-wrong-pin")
    wrong = cli("ingest", str(note), code=2)
    assert "does not open" in wrong.output and "fictional-wrong-pin" not in wrong.output
    ws = Workspace.open(cli.home)
    with ws.db.read() as session:
        assert list(iter_entries(session)) == [], "nothing was recorded"
    ws.close()
    assert cli.json("items") == []
    monkeypatch.setenv(ENV_PIN, token.pin)
    subprocess.run(["softhsm2-util", "--delete-token", "--token", token.label], check=True,
                   capture_output=True)
    release_modules()
    gone = cli("ingest", str(note), code=2)
    assert f"no PKCS#11 token labelled '{token.label}'" in gone.output
    assert cli.json("verify", code=None)["ok"] is True, "reading needs no token"


@sqlite_only
def test_rotate_onto_a_token_export_and_back(ws: Workspace, world: Cli, tmp_path: Path,
                                            token: Token, bare_python: Path) -> None:
    file_key = ws.custody.signer.key_id
    where = TokenKey(token.module, token.label, "fictional-signing")
    # `init` does not swap a workspace's key file for a token key: rotation does.
    refused = Cli(ws.home, None)("init", *token.options("fictional-signing"), code=2)
    assert "gavah keys rotate" in " ".join(refused.output.split())
    assert (ws.home / "keys" / keys.PRIVATE).exists() and ws.token_key() is None
    onto = rotate(ws, ACTOR, "FICTIONAL: key moved onto a token", onto=where)
    assert (onto.old_key_id, onto.token) == (file_key, token.label)
    assert not (ws.home / "keys" / keys.PRIVATE).exists(), "the file key is removed"
    assert ws.token_key() == where and PENDING_SIGNER not in ws.config
    case_world: CaseWorld = build(ws, world, tmp_path)  # ingest, claims, a case: token-signed
    exported = package.export(ws, ANALYST, case_world.case["id"], tmp_path / "pkg", "court")
    assert exported.key_id == onto.new_key_id
    ran = run_verify(bare_python, tmp_path / "pkg")
    assert ran.returncode == 0 and "VERIFIED" in ran.stdout, ran.stdout
    assert f"signing key rotated {file_key} -> {onto.new_key_id}" in ran.stdout
    _clean(ws.home)
    # The same key again is refused; another key on the same token (one login shared);
    # back to a key file.
    with pytest.raises(BadInput, match="already signs with"):
        rotate(ws, ACTOR, "", onto=where)
    second = rotate(ws, ACTOR, "FICTIONAL: yearly", onto=TokenKey(token.module, token.label,
                                                                  "fictional-signing-2"))
    assert second.old_key_id == onto.new_key_id and ws.token_key().key_label.endswith("-2")
    _note(ws, tmp_path, "between.txt")
    back = rotate(ws, ACTOR, "FICTIONAL: the token is retired")
    assert back.old_key_id == second.new_key_id and back.token is None
    assert (ws.home / "keys" / keys.PRIVATE).exists() and ws.token_key() is None
    _note(ws, tmp_path, "after.txt")
    with ws.db.read() as session:
        entries = list(iter_entries(session))
    rotations = [e for e in entries if e.action == "key-rotated"]
    assert [e.key_id for e in rotations] == [file_key, onto.new_key_id, second.new_key_id]
    assert entries[-1].key_id == back.new_key_id
    assert set(ws.key_ring()) == {file_key, onto.new_key_id, second.new_key_id,
                                  back.new_key_id}
    _clean(ws.home)


@sqlite_only
def test_interrupted_rotation_onto_a_token_is_settled(ws: Workspace, tmp_path: Path,
                                                      token: Token) -> None:
    where = TokenKey(token.module, token.label, "fictional-signing")
    folder = ws.home / "keys"
    # Staged, never recorded (the process died before the entry): dropped.
    ws.update_config(**{PENDING_SIGNER: where.to_config() | {"key_id": "0" * 16}})
    reopened = Workspace.open(ws.home)
    _note(reopened, tmp_path, "one.txt")
    assert reopened.token_key() is None and PENDING_SIGNER not in reopened.config
    reopened.close()
    # Recorded, then the process died before the key files and the config were moved.
    old_public = (folder / keys.PUBLIC).read_bytes()
    old_private = (folder / keys.PRIVATE).read_bytes()
    config = json.loads((ws.home / "config.json").read_text())
    done = rotate(ws, ACTOR, "FICTIONAL", onto=where)
    public_b64 = raw_public(ws.public_key)
    (folder / keys.PUBLIC).write_bytes(old_public)
    (folder / keys.PRIVATE).write_bytes(old_private)
    (folder / keys.PRIVATE).chmod(0o600)
    staged = json.loads((ws.home / "config.json").read_text())
    assert PENDING_SIGNER not in staged
    (ws.home / "config.json").write_text(json.dumps(config | {PENDING_SIGNER: where.to_config()
                                                              | {"key_id": done.new_key_id,
                                                                 "public_key": public_b64}}))
    settled = Workspace.open(ws.home)
    _note(settled, tmp_path, "two.txt")
    assert settled.token_key() == where and PENDING_SIGNER not in settled.config
    assert key_id(settled.public_key) == done.new_key_id
    assert not (folder / keys.PRIVATE).exists()
    settled.close()
    _clean(ws.home)


@sqlite_only
def test_backup_and_restore_drill_of_a_token_workspace(
        filled: Cli, ws: Workspace, home: Path, tmp_path: Path, token: Token,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from gavah.core import backup_manifest as bm

    monkeypatch.setenv("GAVAH_BACKUP_PASSPHRASE", PASSPHRASE)
    rotate(ws, ACTOR, "FICTIONAL", onto=TokenKey(token.module, token.label, "fictional-k"))
    drill(filled, ws, home, str(tmp_path / "backup"), tmp_path / "restored", None)
    assert not (tmp_path / "backup" / bm.PRIVATE_KEY).exists(), "the token key stays on it"
    restored = tmp_path / "restored"
    assert not (restored / "keys" / keys.PRIVATE).exists()
    assert Workspace.open(restored).token_key() == TokenKey(token.module, token.label,
                                                            "fictional-k")
