"""SQLite query plans that must not depend on planner statistics. gavah never runs
ANALYZE, but a workspace someone analysed by hand gets statistics like these (those of
the scale bench's 100,000-item workspace): a claim's speaker mostly NULL, custody actions
mostly two values, every blob of one media type. With them SQLite once scanned every
claim for an entity page and walked the whole custody log for every search. Also, on
both databases: a media type few items have is read from its index (issue 16)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event, text

from gavah.core import search_query
from gavah.store import claim_queries, facets, redaction_rows
from gavah.store import items as item_store
from gavah.store import search as index
from gavah.store.workspace import Workspace

STATISTICS = [
    ("claim_about", "ix_claim_about_entity_id", "1000000 2500"),
    ("claim_about", "sqlite_autoindex_claim_about_1", "1000000 1 1"),
    ("claims", "ix_claims_item_id", "1000000 10"),
    ("claims", "ix_claims_speaker_entity_id", "1000000 1000000"),
    ("claims", "ix_claims_status", "1000000 1000000"),
    ("claims", "sqlite_autoindex_claims_1", "1000000 1"),
    ("custody", "ix_custody_action", "206410 51603"),
    ("custody", "ix_custody_item_action", "206410 3 1 1"),
    ("custody", "ix_custody_item_id", "206410 3"),
    ("custody", "sqlite_autoindex_custody_1", "206410 1"),
    ("items", "ix_items_classification", "100000 25000"),
    ("blobs", "ix_blobs_media_type", "100000 100000"),
    ("blobs", "sqlite_autoindex_blobs_1", "100000 1"),
    ("items", "ix_items_sha256", "100000 1"),
]
RARE = "application/x-fictional-rare"
LEVELS = ["public", "restricted", "confidential"]


@pytest.fixture
def analysed(ws: Workspace) -> Iterator[Workspace]:
    if ws.db.dialect != "sqlite":
        pytest.skip("SQLite's planner statistics")
    with ws.db.write() as session:
        session.execute(text("ANALYZE"))  # makes sqlite_stat1
        session.execute(text("DELETE FROM sqlite_stat1"))
        session.execute(text("INSERT INTO sqlite_stat1 VALUES (:t, :i, :s)"),
                        [{"t": t, "i": i, "s": s} for t, i, s in STATISTICS])
    ws.db.dispose()  # a connection reads the statistics when it opens
    yield ws


def _plans(ws: Workspace, call: Any) -> str:
    """The query plans of every statement `call(session)` runs."""
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(ws.db.engine, "before_cursor_execute", capture)
    try:
        with ws.db.read() as session:
            call(session)
    finally:
        event.remove(ws.db.engine, "before_cursor_execute", capture)
    with ws.db.read() as session:
        connection = session.connection()
        return "\n".join(row[3] for statement, parameters in seen
                         for row in connection.exec_driver_sql(
                             "EXPLAIN QUERY PLAN " + statement, parameters))


@pytest.mark.parametrize("call", [
    lambda s: claim_queries.spoken_about(s, [1], LEVELS, 50),
    lambda s: claim_queries.on_entities(s, [1], LEVELS),
    lambda s: claim_queries.first_on_entities(s, [1], LEVELS, 100),
], ids=["spoken_about", "on_entities", "first_on_entities"])
def test_a_speakers_claims_come_from_the_speaker_index(analysed: Workspace, call: Any) -> None:
    plan = _plans(analysed, call)
    assert "ix_claims_speaker_entity_id (speaker_entity_id=?)" in plan, plan
    assert "SCAN claims" not in plan and "SCAN claim_about" not in plan, plan


@pytest.mark.parametrize("call", [
    lambda s: claim_queries.spoken_about(s, [1], LEVELS, 50),
    lambda s: claim_queries.on_entities(s, [1], LEVELS),
    lambda s: claim_queries.first_on_entities(s, [1], LEVELS, 100),
], ids=["spoken_about", "on_entities", "first_on_entities"])
def test_without_statistics_too(ws: Workspace, call: Any) -> None:
    """gavah's own SQLite workspaces have no statistics: there the `rare` hint once made
    SQLite walk the claim_about index in entity order for the GROUP BY instead (136 s at
    10,000,000 claims)."""
    if ws.db.dialect != "sqlite":
        pytest.skip("SQLite's planner")
    plan = _plans(ws, call)
    assert "ix_claims_speaker_entity_id (speaker_entity_id=?)" in plan, plan
    assert "SCAN claims" not in plan and "SCAN claim_about" not in plan, plan


def test_the_newest_reclassification_is_not_a_walk_of_the_log(analysed: Workspace) -> None:
    plan = _plans(analysed, lambda s: s.execute(item_store._RECLASSIFIED).all())
    assert "sqlite_autoindex_custody_1" not in plan and "SCAN custody" not in plan, plan


def _statement_plans(ws: Workspace, call: Any) -> str:
    """Each SELECT that `call(session)` runs and its plan (SQLite: EXPLAIN QUERY PLAN;
    PostgreSQL: EXPLAIN), separated by blank lines."""
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
    plan = _statement_plans(shelved, lambda s: facets.newest(
        s, LEVELS, {"media_type": [RARE]}, 1001))
    assert "SCAN items" not in plan and "Seq Scan on items" not in plan, plan
    if shelved.db.dialect == "postgresql":  # one statement: its statistics choose
        assert "ix_blobs_media_type" in plan.split("\n\n")[-1], plan
        return
    found, newest = plan.split("\n\n")[-2:]  # the few items, then the newest of them
    assert "ix_blobs_media_type" in found, plan
    assert "PRIMARY KEY" in newest, plan


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
    plan = _statement_plans(shelved, lambda s: facets.newest(
        s, LEVELS, {"media_type": ["text/plain"]}, 1001))
    newest = plan.split("\n\n")[-1]
    assert "ix_blobs_media_type" not in newest and "TEMP B-TREE" not in newest, plan
    assert "SCAN items" in newest, plan


def test_search_under_a_rare_type_uses_the_index(shelved: Workspace) -> None:
    """PostgreSQL asks whether few items pass the filters and then starts from them; on
    SQLite the index's matches drive and each is checked by key (the index is not used)."""
    parsed = search_query.parse("fictional")
    with shelved.db.read() as session:
        assert index.query(session, parsed, LEVELS, {"media_type": [RARE]}).rows == []
    plan = _statement_plans(shelved, lambda s: index.query(
        s, parsed, LEVELS, {"media_type": [RARE]}))
    if shelved.db.dialect == "sqlite":
        assert "SCAN search_fts" in plan and "ix_blobs_media_type" not in plan, plan
    else:
        counted, searched = plan.split("\n\n")[-2:]
        assert "ix_blobs_media_type" in counted and "ix_blobs_media_type" in searched, plan


def test_a_rare_type_is_read_from_the_index_whatever_the_statistics(
        analysed: Workspace) -> None:
    """Statistics say every blob has one type: the index looks useless, but the count
    said few items have this one (SQLite is told: `rare`)."""
    plan = _statement_plans(analysed, lambda s: facets.newest(
        s, LEVELS, {"media_type": [RARE]}, 1001))
    found, newest = plan.split("\n\n")[-2:]
    assert "ix_blobs_media_type" in found, plan
    assert "SCAN items" not in plan and "INTEGER PRIMARY KEY" in newest, plan


def test_an_items_redacted_copies_come_from_the_kind_index(ws: Workspace) -> None:
    """Every item page asks for the item's redacted copies: from the derivatives' kind
    index (few are redacted copies), not by reading every derivative (136 ms per page at
    1,000,000 items on SQLite, 212 ms on PostgreSQL, before migration 0015)."""
    if ws.db.dialect != "sqlite":
        pytest.skip("SQLite's planner (PostgreSQL's chooses by its statistics)")
    with ws.db.read() as session:
        plan = "\n".join(str(row[3]) for row in session.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN " + redaction_rows.SQL, (1,)))
    assert "ix_derivatives_kind (kind=?)" in plan and "SCAN derivatives" not in plan, plan
    assert "TEMP B-TREE" not in plan, plan

