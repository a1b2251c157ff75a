import stat
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from gavah.core.errors import BadInput
from gavah.store import migrate
from gavah.store.workspace import Workspace
from tests.conftest import Cli


def test_init_creates_everything_with_a_private_key(home: Path,
                                                    empty_database_url: str | None) -> None:
    ws, result = Workspace.init(home, empty_database_url)
    assert result.created and result.key_created and result.schema_after == migrate.HEAD
    assert result.schema_before is None
    key = home / "keys" / "workspace.ed25519"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE((home / "config.json").stat().st_mode) == 0o600
    assert (home / "blobs").is_dir()
    ws.close()


def test_init_again_upgrades_and_never_wipes(ws: Workspace, home: Path,
                                             database_url: str | None, tmp_path: Path) -> None:
    cli = Cli(home, database_url)
    (tmp_path / "a.txt").write_text("kept across init")
    cli("ingest", str(tmp_path / "a.txt"))
    key_before = (home / "keys" / "workspace.ed25519").read_bytes()
    again = cli.json("init")
    assert again["created"] is False and again["key_created"] is False
    assert (home / "keys" / "workspace.ed25519").read_bytes() == key_before
    assert len(cli.json("items")) == 1
    assert cli.json("verify")["ok"] is True


def test_custody_rows_cannot_be_updated_or_deleted(ws: Workspace, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    Cli(ws.home, None if ws.db.dialect == "sqlite" else ws.db.url)("ingest", str(tmp_path))
    for statement in ("UPDATE custody SET actor = 'mallory'", "DELETE FROM custody"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), ws.db.engine.begin() as c:
            c.execute(sa.text(statement))


def test_key_export_prints_the_public_key_only(cli: Cli, home: Path) -> None:
    pem = cli("key", "export").stdout
    assert pem.startswith("-----BEGIN PUBLIC KEY-----")
    assert "PRIVATE" not in pem
    private = (home / "keys" / "workspace.ed25519").read_text()
    assert private.splitlines()[1] not in pem


def test_opening_a_missing_workspace_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="gavah init"):
        Workspace.open(tmp_path / "nowhere")
    result = Cli(tmp_path / "nowhere", None)("items", code=2)
    assert "gavah init" in result.stderr


def test_declared_head_matches_the_migration_scripts() -> None:
    from gavah.store import migrate

    assert migrate.head_revision() == migrate.HEAD


def test_init_keeps_blobs_on_s3_and_writes_no_secret(home: Path, s3_env: dict[str, str],
                                                     tmp_path: Path) -> None:
    location = f"s3://gavah-init-{uuid.uuid4().hex[:8]}/evidence"  # a new bucket: made
    cli = Cli(home, None)
    assert cli.json("init", "--blobs", location)["blobs"] == location
    config = (home / "config.json").read_text()
    assert location in config
    for secret in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL"):
        assert s3_env[secret] not in config, secret
    (tmp_path / "a.txt").write_text("fictional note kept on S3")
    [row] = cli.json("ingest", str(tmp_path / "a.txt"))["acquired"]
    ws = Workspace.open(home)
    assert list(ws.blobs.iter_shas()) == [row["sha256"]]
    assert not list((home / "blobs").glob("??/??/*")), "nothing in the local folder"
    ws.close()
    moved = cli("init", "--blobs", "s3://another-bucket/x", code=2).stderr
    assert location in moved and "blobs copy" in moved
    assert cli.json("init")["blobs"] == location and cli.json("verify")["ok"]


@pytest.mark.parametrize("location", ["s3:///no-bucket", "/a/folder", "s3:/"])
def test_init_refuses_a_bad_blobs_location_and_writes_nothing(home: Path,
                                                              location: str) -> None:
    error = Cli(home, None)("init", "--blobs", location, code=2).stderr
    assert "s3://" in error and not home.exists()


def test_workspace_is_its_owners_alone(tmp_path: Path) -> None:
    import io

    home = tmp_path / "ws"
    workspace, _ = Workspace.init(home)
    stored = workspace.blobs.put(io.BytesIO(b"FICTIONAL original"))
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "gavah.db").stat().st_mode) == 0o600
    assert stat.S_IMODE(workspace.blobs.path(stored.sha256).stat().st_mode) == 0o400
    workspace.db.dispose()
    home.chmod(0o755)  # an older workspace, or one opened up by hand
    Workspace.open(home).db.dispose()
    assert stat.S_IMODE(home.stat().st_mode) == 0o700


def test_a_database_at_another_schema_is_refused_at_open(ws: Workspace, home: Path,
                                                         database_url: str | None) -> None:
    with ws.db.engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '0011_old'"))
    with pytest.raises(BadInput, match=f"at schema 0011_old, this gavah needs {migrate.HEAD}"):
        Workspace.open(home, database_url)
    with ws.db.engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE alembic_version"))
    with pytest.raises(BadInput, match="at schema None"):
        Workspace.open(home, database_url)
