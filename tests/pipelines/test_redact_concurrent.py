"""Two analysts redacting the same FICTIONAL item at once, on SQLite and PostgreSQL: two
threads, each with a workspace of its own (its own connections), as two web workers or
two `gavah redact` would be. Both make their copy before either records it (a barrier at
the step between: the real store_bytes runs after it), so the second to record always
finds the first one's copy recorded meanwhile: it is made again on top of it (the latest
copy hides what both hid), or refused when it was asked to start afresh."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gavah.core.errors import Conflict
from gavah.pipelines import redact
from gavah.store import redactions
from gavah.store.workspace import Workspace
from tests.conftest import Cli, write
from tests.pipelines.case_world import ANALYST

# FICTIONAL: two places a witness was held, each hidden by another analyst
TEXT = ("FICTIONAL TEST DOCUMENT. The witness stayed at QzNorthfarm 3 and later at "
        "QzRiverside 9; nothing here happened.")
FIRST, SECOND = "QzNorthfarm 3", "QzRiverside 9"


def _span(word: str) -> tuple[int, int]:
    return TEXT.index(word), TEXT.index(word) + len(word)


def _item(cli: Cli, tmp_path: Path) -> int:
    write(tmp_path / "in", "statement.txt", TEXT)
    cli("ingest", str(tmp_path / "in"), "--no-ocr", "--classification", "restricted")
    return int(next(i["id"] for i in cli.json("items")))


def _meet_before_storing(monkeypatch: pytest.MonkeyPatch, names: tuple[str, ...],
                         hold: dict[str, threading.Event] | None = None) -> list[str]:
    """The first copy of each thread of `names` waits at a barrier before it is stored
    and recorded (a thread named in `hold` then waits for its event too); returns the
    names of the threads in the order they stored copies."""
    barrier = threading.Barrier(len(names), timeout=30)
    real = redact.store_bytes
    order: list[str] = []
    met: set[str] = set()

    def store(ws: Workspace, data: bytes, classification: str) -> tuple[str, int]:
        me = threading.current_thread().name
        if me in names and me not in met:
            met.add(me)
            barrier.wait()
            if hold and me in hold:
                assert hold[me].wait(30)
        order.append(me)
        return real(ws, data, classification)

    monkeypatch.setattr(redact, "store_bytes", store)
    return order


def _run(jobs: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """Run each job on a thread of that name; what each returned or raised."""
    out: dict[str, Any] = {}

    def one(name: str) -> None:
        try:
            out[name] = jobs[name]()
        except Exception as exc:  # the test asserts what it was
            out[name] = exc

    threads = [threading.Thread(target=one, args=(n,), name=n) for n in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return out


def _copies(ws: Workspace, item: int) -> list[Any]:
    with ws.db.read() as session:
        return redactions.of_items(session, [item])[item]


def _text(ws: Workspace, sha256: str) -> str:
    with ws.blobs.open(sha256) as stream:
        return stream.read().decode()


def test_the_second_analyst_builds_on_the_first(cli: Cli, ws: Workspace, home: Path,
                                                database_url: str | None, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    item = _item(cli, tmp_path)
    order = _meet_before_storing(monkeypatch, ("ana", "bijan"))
    spaces = {n: Workspace.open(home, database_url) for n in ("ana", "bijan")}
    try:
        made = _run({name: (lambda name=name, word=word: redact.redact(
            spaces[name], ANALYST, str(item), [_span(word)], [], f"FICTIONAL: {word}"))
            for name, word in (("ana", FIRST), ("bijan", SECOND))})
    finally:
        for space in spaces.values():
            space.close()
    assert not any(isinstance(m, Exception) for m in made.values()), made
    # Both made a copy from the same state; the one that recorded second made it again.
    assert sorted(order[:2]) == ["ana", "bijan"] and len(order) == 3, order
    loser = order[2]
    winner = "ana" if loser == "bijan" else "bijan"
    copies = _copies(ws, item)
    assert [c.custody_seq for c in copies] == sorted(m["custody_seq"] for m in made.values())
    latest = copies[-1]
    assert latest.custody_seq == made[loser]["custody_seq"]
    assert latest.details["builds_on"] == made[winner]["custody_seq"]
    assert sorted(map(tuple, latest.details["spans"])) == sorted([_span(FIRST),
                                                                   _span(SECOND)])
    shown = _text(ws, latest.sha256)
    assert FIRST not in shown and SECOND not in shown and len(shown) == len(TEXT)
    assert cli.json("verify")["ok"] is True


def test_a_fresh_start_made_meanwhile_is_refused(cli: Cli, ws: Workspace, home: Path,
                                                 database_url: str | None, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    item = _item(cli, tmp_path)
    first = redact.redact(ws, ANALYST, str(item), [_span(FIRST)], [], "FICTIONAL: first")
    # ana adds a span (building on the first copy) while bijan starts afresh from the
    # text; ana records first: bijan's copy would drop both her span and the first one.
    recorded = threading.Event()
    _meet_before_storing(monkeypatch, ("ana", "bijan"), hold={"bijan": recorded})
    spaces = {n: Workspace.open(home, database_url) for n in ("ana", "bijan")}

    def ana() -> dict[str, Any]:
        try:
            return redact.redact(spaces["ana"], ANALYST, str(item), [(0, 9)], [],
                                 "FICTIONAL: a word")
        finally:
            recorded.set()

    try:
        made = _run({"ana": ana, "bijan": lambda: redact.redact(
            spaces["bijan"], ANALYST, str(item), [_span(SECOND)], [], "FICTIONAL: afresh",
            afresh=True)})
    finally:
        for space in spaces.values():
            space.close()
    assert isinstance(made["bijan"], Conflict), made
    assert "meanwhile" in str(made["bijan"])
    assert made["ana"]["spans"] == [[0, 9], list(_span(FIRST))]
    copies = _copies(ws, item)
    assert [c.custody_seq for c in copies] == [first["custody_seq"],
                                               made["ana"]["custody_seq"]]
    # Asked again, now that bijan has seen ana's copy, the fresh start is made.
    again = redact.redact(ws, ANALYST, str(item), [_span(SECOND)], [], "FICTIONAL: afresh",
                          afresh=True)
    assert again["spans"] == [list(_span(SECOND))]
