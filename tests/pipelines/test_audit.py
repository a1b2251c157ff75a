"""Group commit of recorded reads (gavah.store.audit): many readers of protected items at
once each get their custody entries, the chain verifies, nobody sees protected content
before the transaction holding its entry has committed, and a failed commit fails every
reader in it. Real SQLite and PostgreSQL, real threads."""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from gavah.pipelines import items, reading
from gavah.pipelines.access import Viewer
from gavah.pipelines.ingest import Options, ingest_paths
from gavah.store.audit import AuditFailed, Pending
from gavah.store.tables import CustodyEntry
from gavah.store.workspace import Workspace
from tests.conftest import Cli, write

READER_THREADS = 12
READS_EACH = 8


def _protected_items(ws: Workspace, tmp_path: Path) -> list[int]:
    ids = []
    for level in ("restricted", "confidential"):
        folder = tmp_path / level
        for i in range(3):
            write(folder, f"{level}-{i}.txt", f"FICTIONAL {level} statement {i}.\n")
        report = ingest_paths(ws, [str(folder)], Options(classification=level), "test")
        ids += [r["item"] for r in report.acquired]
    return ids


def _viewed(ws: Workspace) -> list[CustodyEntry]:
    with ws.db.read() as session:
        return list(session.scalars(select(CustodyEntry).where(
            CustodyEntry.action == "viewed").order_by(CustodyEntry.seq)))


def test_many_readers_at_once_each_leave_their_entries(ws: Workspace, cli: Cli,
                                                       tmp_path: Path) -> None:
    items = _protected_items(ws, tmp_path)
    errors: list[BaseException] = []
    start = threading.Barrier(READER_THREADS)

    def reader(n: int) -> None:
        viewer = Viewer(f"user:reader{n}", "confidential")
        start.wait()
        try:
            for k in range(READS_EACH):
                data = reading.item(ws, viewer, str(items[(n + k) % len(items)]))
                assert data["texts"]
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(READER_THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    viewed = _viewed(ws)
    assert Counter(e.actor for e in viewed) == {
        f"user:reader{n}": READS_EACH for n in range(READER_THREADS)}
    seqs = [e.seq for e in viewed]
    assert seqs == sorted(set(seqs))
    report = cli.json("verify")
    assert report["ok"], report["problems"]


def _blocking_append(ws: Workspace, release: threading.Event,
                     fail_actor: str | None = None) -> None:
    """Hold the first group's transaction open until `release`; fail any entry of
    `fail_actor`."""
    append = ws.custody.append

    def wrapped(session: Any, actor: str, *args: Any, **kwargs: Any) -> Any:
        if actor == "user:first":
            release.wait(30)
        if actor == fail_actor:
            raise RuntimeError("the disk is full")
        return append(session, actor, *args, **kwargs)

    ws.custody.append = wrapped  # type: ignore[method-assign]


def _wait_queued(ws: Workspace, count: int) -> None:
    deadline = time.monotonic() + 30
    while len(ws.audit._queue) < count:
        assert time.monotonic() < deadline, "readers never queued"
        time.sleep(0.01)


def test_readers_wait_for_the_commit_and_share_one(ws: Workspace, cli: Cli,
                                                   tmp_path: Path) -> None:
    items = _protected_items(ws, tmp_path)
    release = threading.Event()
    _blocking_append(ws, release)
    results: dict[str, Any] = {}
    transactions = []
    write_transaction = ws.db.write

    def counted() -> Any:
        transactions.append(threading.current_thread().name)
        return write_transaction()

    ws.db.write = counted  # type: ignore[method-assign]

    def read(actor: str, item: int) -> None:
        results[actor] = reading.item(ws, Viewer(actor, "confidential"), str(item))

    first = threading.Thread(target=read, args=("user:first", items[0]))
    first.start()
    while not ws.audit._committing:
        time.sleep(0.01)
    others = [threading.Thread(target=read, args=(f"user:r{n}", items[n % len(items)]))
              for n in range(4)]
    for thread in others:
        thread.start()
    _wait_queued(ws, 4)
    time.sleep(0.2)
    # Nothing protected has been handed back: every reader waits for a commit.
    assert results == {} and all(t.is_alive() for t in [first, *others])
    with ws.db.read() as session:
        assert not session.scalars(select(CustodyEntry).where(
            CustodyEntry.action == "viewed")).all()
    release.set()
    for thread in [first, *others]:
        thread.join(30)
    assert set(results) == {"user:first", *(f"user:r{n}" for n in range(4))}
    viewed = _viewed(ws)
    assert viewed[0].actor == "user:first"
    assert {e.actor for e in viewed[1:]} == {f"user:r{n}" for n in range(4)}
    assert len(viewed) == 5
    assert len(transactions) == 2, "the four who waited shared one transaction"
    report = cli.json("verify")
    assert report["ok"], report["problems"]


def test_a_failed_commit_fails_every_reader_in_its_group(ws: Workspace, cli: Cli,
                                                         tmp_path: Path) -> None:
    items = _protected_items(ws, tmp_path)
    release = threading.Event()
    _blocking_append(ws, release, fail_actor="user:bad")
    outcome: dict[str, str] = {}

    def read(actor: str) -> None:
        try:
            reading.item(ws, Viewer(actor, "confidential"), str(items[0]))
            outcome[actor] = "shown"
        except AuditFailed:
            outcome[actor] = "failed"

    first = threading.Thread(target=read, args=("user:first",))
    first.start()
    while not ws.audit._committing:
        time.sleep(0.01)
    group = [threading.Thread(target=read, args=(a,))
             for a in ("user:a", "user:bad", "user:b")]
    for thread in group:
        thread.start()
    _wait_queued(ws, 3)
    release.set()
    for thread in [first, *group]:
        thread.join(30)
    assert outcome == {"user:first": "shown", "user:a": "failed", "user:bad": "failed",
                       "user:b": "failed"}
    assert [e.actor for e in _viewed(ws)] == ["user:first"]
    # The writer recovers: the next read is recorded and the chain still verifies.
    assert ws.audit.append([Pending("user:a", "viewed", items[0])])[0].seq > 0
    report = cli.json("verify")
    assert report["ok"], report["problems"]


def test_nothing_to_record_writes_nothing(ws: Workspace) -> None:
    assert ws.audit.append([]) == []


@pytest.mark.parametrize("count", [1, 3])
def test_entries_come_back_sealed_in_order(ws: Workspace, count: int) -> None:
    written = ws.audit.append([Pending("user:x", "viewed", None, {"via": f"test-{n}"})
                               for n in range(count)])
    assert [e.details["via"] for e in written] == [f"test-{n}" for n in range(count)]
    assert [e.seq for e in written] == list(range(written[0].seq, written[0].seq + count))
    assert all(e.entry_hash and e.key_id for e in written)
    with ws.db.read() as session:
        stored = [session.scalar(select(CustodyEntry.signature)
                                 .where(CustodyEntry.seq == e.seq)) for e in written]
    # One signature, over the transaction's last entry, covers the others.
    assert [bool(signature) for signature in stored] == [False] * (count - 1) + [True]


def test_a_much_read_items_page_keeps_its_changes_in_view(ws: Workspace,
                                                           tmp_path: Path) -> None:
    """Reads are custody entries too; the item page shows its changes (acquisition first
    of all) however often it was read, and only the newest reads."""
    item = _protected_items(ws, tmp_path)[0]
    viewer = Viewer("user:often", "confidential")
    for _ in range(6):
        reading.item(ws, viewer, str(item))
    page = reading.item(ws, viewer, str(item), custody_limit=3, reads_limit=2)
    everything = items.show(ws, str(item))["custody"]  # records no read
    changes = [e["seq"] for e in everything if e["action"] != "viewed"]
    reads = [e["seq"] for e in everything if e["action"] == "viewed"]
    assert "acquired" in {e["action"] for e in page["custody"]}
    assert [e["seq"] for e in page["custody"]] == sorted(changes[-3:] + reads[-3:-1])
    assert page["custody_not_shown"] == len(everything) - len(page["custody"]) - 1  # own read
