"""Migration 0015: an index on the blobs' media type, so that browsing or searching with a
type few items have reads those items from it instead of walking every item (issue 16).
Upgrade and downgrade on both databases; the plans that use it are in
test_query_plans.py."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from gavah.store import migrate
from gavah.store.db import Database
from gavah.store.workspace import default_database_url

RARE = "application/x-fictional-rare"


def _indexes(db: Database) -> set[str]:
    with db.engine.connect() as connection:
        inspector = sa.inspect(connection)
        return {str(i["name"]) for table in ("blobs", "derivatives")
                for i in inspector.get_indexes(table)}


def _to(db: Database, revision: str, down: bool = False) -> None:
    from alembic import command

    config = migrate._config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def test_upgrade_adds_the_index_and_downgrade_removes_it(
        tmp_path: Path, empty_database_url: str | None) -> None:
    home = tmp_path / "old"
    home.mkdir()
    db = Database(empty_database_url or default_database_url(home))
    _to(db, "0014_entity_summary")
    blobs = sa.table("blobs", *(sa.column(c) for c in (
        "sha256", "size", "media_type", "created_at", "extraction")))
    with db.engine.begin() as connection:  # rows made before the upgrade are indexed too
        connection.execute(blobs.insert(), [
            {"sha256": f"{k:064x}", "size": 1, "media_type": RARE if k == 2 else "text/plain",
             "created_at": "2026-01-01T00:00:00.000000Z", "extraction": "done"}
            for k in range(3)])
    assert not {"ix_blobs_media_type", "ix_derivatives_kind"} & _indexes(db)
    assert migrate.upgrade(db) == ("0014_entity_summary", "0015_media_type_index")
    assert migrate.HEAD == "0015_media_type_index"
    assert {"ix_blobs_media_type", "ix_derivatives_kind"} <= _indexes(db)
    with db.engine.connect() as connection:
        found = connection.execute(sa.text("SELECT sha256 FROM blobs WHERE media_type = :t"),
                                   {"t": RARE}).scalars().all()
    assert found == [f"{2:064x}"]
    _to(db, "0014_entity_summary", down=True)
    assert not {"ix_blobs_media_type", "ix_derivatives_kind"} & _indexes(db)
    assert migrate.upgrade(db) == ("0014_entity_summary", "0015_media_type_index")
    assert {"ix_blobs_media_type", "ix_derivatives_kind"} <= _indexes(db)
    db.dispose()
