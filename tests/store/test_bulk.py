from sqlalchemy import select

from gavah.store.bulk import insert_with_ids
from gavah.store.tables import VerifyRun
from gavah.store.workspace import Workspace


def run(n: int) -> dict[str, object]:
    return {"started_at": f"2026-01-0{n}", "finished_at": "", "ok": True, "items_checked": n,
            "entries_checked": 0, "blobs_checked": 0, "problems": "[]"}


def test_ids_come_back_in_row_order_and_continue_after_earlier_rows(ws: Workspace) -> None:
    with ws.db.write() as session:
        first = insert_with_ids(session, VerifyRun, [run(3), run(1), run(2)])
    with ws.db.write() as session:
        second = insert_with_ids(session, VerifyRun, [run(5), run(4)])
        assert insert_with_ids(session, VerifyRun, []) == []
    assert len(set(first + second)) == 5 and min(second) > max(first)
    with ws.db.read() as session:
        rows = dict(session.execute(select(VerifyRun.id, VerifyRun.items_checked)).all())
    assert [rows[i] for i in first + second] == [3, 1, 2, 5, 4]
    with ws.db.write() as session:  # the database's own numbering goes on after them
        session.add(VerifyRun(**run(6)))
        session.flush()
        assert session.scalar(select(VerifyRun.id).where(VerifyRun.items_checked == 6)) \
            > max(second)
