"""SQLite query plans that must not depend on planner statistics. gavah never runs
ANALYZE, but a workspace someone analysed by hand gets statistics like these (those of
the scale bench's 100,000-item workspace): a claim's speaker mostly NULL, custody actions
mostly two values. With them SQLite once scanned every claim for an entity page and
walked the whole custody log for every search."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, text

from gavah.store import claim_queries
from gavah.store import items as item_store
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
]
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


def test_the_newest_reclassification_is_not_a_walk_of_the_log(analysed: Workspace) -> None:
    plan = _plans(analysed, lambda s: s.execute(item_store._RECLASSIFIED).all())
    assert "sqlite_autoindex_custody_1" not in plan and "SCAN custody" not in plan, plan
