"""Which computed pages a change reaches is kept beside the signed log (changes,
change_entities), written in the same transaction as its entry. Workspaces made before
that kept it inside signed details; upgrading copies it out and leaves the entries as
they were signed."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from gavah.store import migrate
from gavah.store.db import Database
from gavah.store.tables import Change, ChangeEntity
from gavah.store.workspace import Workspace, default_database_url


def _scopes(ws: Workspace) -> tuple[dict[int, bool], dict[int, set[int]]]:
    with ws.db.read() as session:
        changes = {c.seq: c.reaches_all for c in session.scalars(sa.select(Change))}
        reached: dict[int, set[int]] = {}
        for row in session.scalars(sa.select(ChangeEntity)):
            reached.setdefault(row.seq, set()).add(row.entity_id)
    return changes, reached


def test_each_change_records_what_it_reaches_and_reads_record_nothing(ws: Workspace) -> None:
    with ws.db.write() as session:
        everything = ws.custody.append(session, "test", "entity-added", None,
                                       {"entity": 1, "type": "Person", "name": "FICTIONAL"})
        scoped = ws.custody.append(session, "test", "annotated", None,
                                   {"claim": "c1", "action": "confirm"}, reaches=[3, 1, 3])
        nothing = ws.custody.append(session, "test", "user-added", None,
                                    {"user": "x", "role": "viewer", "clearance": "public"},
                                    reaches=())
        read = ws.custody.append(session, "test", "viewed", None, {"via": "test"})
    changes, reached = _scopes(ws)
    assert changes == {everything.seq: True, scoped.seq: False, nothing.seq: False}
    assert reached == {scoped.seq: {1, 3}}
    assert read.seq not in changes
    assert ws.cache.change_version() == nothing.seq
    assert ws.cache.everything_version() == everything.seq
    assert ws.cache.entity_version([3], everything.seq) == scoped.seq
    assert ws.cache.entity_version([2], everything.seq) == everything.seq


def test_upgrading_copies_old_scopes_out_of_signed_details(
        tmp_path: Path, empty_database_url: str | None) -> None:
    """Rows as version 0007 wrote them (details are not re-signed here: the migration
    reads only seq, action and details)."""
    from alembic import command

    home = tmp_path / "old"
    home.mkdir()
    db = Database(empty_database_url or default_database_url(home))
    config = migrate._config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0007")
    custody = sa.table("custody", *(sa.column(c) for c in (
        "seq", "time", "actor", "action", "item_id", "details", "prev_hash", "entry_hash",
        "signature", "key_id")))
    rows = [("entity-added", '{"entity":1}'), ("annotated", '{"claim":"c","entities":[2,5]}'),
            ("viewed", '{"via":"web"}'), ("acquired", '{"entities":[]}'),
            ("source-added", '{"entities":[7]}'),  # not a scoped action: reaches everything
            ("derived", '{"sha256":"x"}')]  # scoped action, no scope written: everything
    with db.engine.begin() as connection:
        connection.execute(custody.insert(), [
            {"seq": seq, "time": "2026-01-01T00:00:00.000000Z", "actor": "test",
             "action": action, "item_id": None, "details": details, "prev_hash": "0",
             "entry_hash": str(seq), "signature": "", "key_id": ""}
            for seq, (action, details) in enumerate(rows, start=1)])
    before, after = migrate.upgrade(db)
    assert (before, after) == ("0007", migrate.HEAD)
    with db.engine.connect() as connection:
        changes = dict(connection.execute(sa.text("SELECT seq, reaches_all FROM changes")).all())
        reached = connection.execute(
            sa.text("SELECT seq, entity_id FROM change_entities ORDER BY seq, entity_id")).all()
        details = connection.execute(sa.text("SELECT details FROM custody WHERE seq = 2"))
        assert details.scalar() == '{"claim":"c","entities":[2,5]}'  # as signed
    assert {k: bool(v) for k, v in changes.items()} == {
        1: True, 2: False, 4: False, 5: True, 6: True}
    assert [tuple(r) for r in reached] == [(2, 2), (2, 5)]
    db.dispose()
