"""Migration 0015: an index on the blobs' media type, so that browsing or searching with a
type few items have reads those items from it instead of walking every item (issue 16).
Upgrade and downgrade on both databases, and the plans that use it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from gavah.core import search_query
from gavah.store import facets, migrate
from gavah.store import search as index
from gavah.store.db import Database
from gavah.store.workspace import Workspace, default_database_url

LEVELS = ["public", "restricted", "confidential"]
RARE = "application/x-fictional-rare"


def _indexes(db: Database) -> set[str]:
    with db.engine.connect() as connection:
        return {str(i["name"]) for i in sa.inspect(connection).get_indexes("blobs")}


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
    assert "ix_blobs_media_type" not in _indexes(db)
    assert migrate.upgrade(db) == ("0014_entity_summary", "0015_media_type_index")
    assert migrate.HEAD == "0015_media_type_index"
    assert "ix_blobs_media_type" in _indexes(db)
    with db.engine.connect() as connection:
        found = connection.execute(sa.text("SELECT sha256 FROM blobs WHERE media_type = :t"),
                                   {"t": RARE}).scalars().all()
    assert found == [f"{2:064x}"]
    _to(db, "0014_entity_summary", down=True)
    assert "ix_blobs_media_type" not in _indexes(db)
    assert migrate.upgrade(db) == ("0014_entity_summary", "0015_media_type_index")
    assert "ix_blobs_media_type" in _indexes(db)
    db.dispose()


def _plans(ws: Workspace, call: Any) -> str:
    """The query plans of every statement `call(session)` runs (SQLite: EXPLAIN QUERY
    PLAN; PostgreSQL: EXPLAIN)."""
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(ws.db.engine, "before_cursor_execute", capture)
    try:
        with ws.db.read() as session:
            call(session)
    finally:
        event.remove(ws.db.engine, "before_cursor_execute", capture)
    sqlite = ws.db.dialect == "sqlite"
    with ws.db.read() as session:
        connection = session.connection()
        return "\n\n".join(
            statement + "\n" + "\n".join(str(row[3] if sqlite else row[0])
                                         for row in connection.exec_driver_sql(
                ("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN ") + statement, parameters))
            for statement, parameters in seen if statement.lstrip().upper().startswith(
                ("SELECT", "WITH")))


@pytest.fixture
def shelved(ws: Workspace) -> Iterator[Workspace]:
    """FICTIONAL rows straight in the tables: 20,000 plain-text items and 3 of a rare
    type; PostgreSQL's planner statistics gathered (gavah's SQLite workspaces have none:
    never ANALYZE there)."""
    sqlite = ws.db.dialect == "sqlite"
    count = 20_000
    numbers = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
               f"{count}) SELECT i FROM n" if sqlite else
               f"SELECT i FROM generate_series(1, {count}) AS i")
    sha = "printf('%064d', i)" if sqlite else "lpad(i::text, 64, '0')"
    with ws.db.write() as session:
        session.execute(sa.text(
            f"INSERT INTO blobs (sha256, size, media_type, created_at, extraction) "
            f"SELECT {sha}, 10, CASE WHEN i % 7000 = 0 THEN '{RARE}' ELSE 'text/plain' END, "
            f"'2026-01-01T00:00:00.000000Z', 'done' FROM ({numbers}) AS n"))
        session.execute(sa.text(
            f"INSERT INTO items (sha256, original_name, acquired_at, acquired_by, method, "
            f"classification, custody_seq) SELECT {sha}, 'fictional-' || i, "
            f"'2026-01-01T00:00:00.000000Z', 'test', 'import', 'public', 0 "
            f"FROM ({numbers}) AS n"))
        if not sqlite:
            session.execute(sa.text("ANALYZE blobs"))
            session.execute(sa.text("ANALYZE items"))
    ws.db.dispose()
    yield ws


def test_a_rare_type_is_read_from_the_index(shelved: Workspace) -> None:
    with shelved.db.read() as session:
        found = facets.newest(session, LEVELS, {"media_type": [RARE]}, 1001)
        assert len(found) == 2 and found == sorted(found, reverse=True)
    plan = _plans(shelved, lambda s: facets.newest(s, LEVELS, {"media_type": [RARE]}, 1001))
    newest = plan.split("\n\n")[-1]  # after the count that chose the way
    assert "ix_blobs_media_type" in newest, plan
    assert "SCAN items" not in newest and "Seq Scan on items" not in newest, plan


def test_a_common_type_walks_the_items_newest_first(shelved: Workspace,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting stops at FEW: a common type is checked on each item along the key, not
    gathered from the index and sorted (SQLite, without statistics, would otherwise
    prefer the index)."""
    with shelved.db.read() as session:
        assert len(facets.newest(session, LEVELS, {"media_type": ["text/plain"]}, 10)) == 10
    if shelved.db.dialect != "sqlite":
        pytest.skip("PostgreSQL's planner chooses by its statistics")
    monkeypatch.setattr(facets, "FEW", 1000)
    plan = _plans(shelved, lambda s: facets.newest(s, LEVELS, {"media_type": ["text/plain"]},
                                                   1001))
    newest = plan.split("\n\n")[-1]
    assert "ix_blobs_media_type" not in newest and "TEMP B-TREE" not in newest, plan
    assert "SCAN items" in newest, plan


def test_search_under_a_rare_type_uses_the_index(shelved: Workspace) -> None:
    """PostgreSQL asks whether few items pass the filters and then starts from them; on
    SQLite the index's matches drive and each is checked by key (the index is not used)."""
    parsed = search_query.parse("fictional")
    with shelved.db.read() as session:
        assert index.query(session, parsed, LEVELS, {"media_type": [RARE]}).rows == []
    plan = _plans(shelved, lambda s: index.query(s, parsed, LEVELS, {"media_type": [RARE]}))
    if shelved.db.dialect == "sqlite":
        assert "SCAN search_fts" in plan and "ix_blobs_media_type" not in plan, plan
    else:
        counted, searched = plan.split("\n\n")[-2:]
        assert "ix_blobs_media_type" in counted and "ix_blobs_media_type" in searched, plan
