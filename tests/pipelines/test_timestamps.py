"""Time-stamps over the custody log, against a local RFC 3161 authority (`openssl ts`
behind a small HTTP server on 127.0.0.1): a round trip, and each way a stored stamp can
fail to prove what it should, as `gavah verify` reports it."""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from gavah.core import timestamps as tsp
from gavah.pipelines import timestamps as stamp_pipeline
from gavah.pipelines import verify as verify_pipeline
from gavah.pipelines.ingest import Options, ingest_paths
from gavah.store import timestamps as stamp_store
from gavah.store.custody import iter_entries
from gavah.store.workspace import Workspace
from tests.conftest import write
from tests.tsa import LocalTsa

ACTOR = "test:timestamps"


@pytest.fixture(scope="module")
def tsa() -> Iterator[LocalTsa]:
    with LocalTsa() as local:
        yield local


def _kinds(ws: Workspace) -> list[str]:
    return sorted({p.kind for p in verify_pipeline.verify(ws, workers=1).problems})


def _record_reply(ws: Workspace, anchor_tsa: LocalTsa, replying: LocalTsa,
                  stamped_hash: str | None = None) -> None:
    """Store, under `anchor_tsa`'s anchor, what `replying` answers for a stamp over the
    newest entry (or over `stamped_hash`): what a faulty or hostile TSA, or a forger with
    database access, could leave behind. The pipeline itself refuses such answers."""
    pem = anchor_tsa.ca_path.read_bytes()
    with ws.db.write() as session:
        anchor = stamp_store.keep(session, ws.custody, ACTOR, anchor_tsa.url, pem,
                                  tsp.fingerprint(pem), ["test"], scheduled=False)
    with ws.db.read() as session:
        newest = stamp_store.newest_entry(session)
    assert newest is not None
    seq, entry_hash = newest
    response = replying.reply(tsp.request(stamped_hash or entry_hash, 7))
    stamp = tsp.read(response)
    with ws.db.write() as session:
        stamp_store.record(session, ws.custody, ACTOR, anchor, seq, entry_hash, response,
                           hashlib.sha256(response).hexdigest(), stamp.gen_time,
                           stamp.serial, stamp.tsa_name)


def test_round_trip_and_openssl_checks_the_stamp(ws: Workspace, tsa: LocalTsa,
                                                 tmp_path: Path) -> None:
    stamp_pipeline.add_tsa(ws, tsa.url, tsa.ca_path.read_bytes(), ACTOR)
    report = stamp_pipeline.stamp(ws, ACTOR)
    assert report.ok, report.to_dict()
    (outcome,) = report.outcomes
    with ws.db.read() as session:
        entries = list(iter_entries(session))
    stamped = next(e for e in entries if e.seq == outcome.stamped_seq)
    assert stamped.action == "tsa-added"
    recorded = entries[-1]
    assert recorded.action == "timestamped" and recorded.seq == outcome.custody_seq
    assert recorded.details["stamped_hash"] == stamped.entry_hash

    result = verify_pipeline.verify(ws, workers=1)
    assert result.ok, [p.to_dict() for p in result.problems]
    assert result.timestamps_checked == 1

    # The stamp is over the entry's own hash: standard tools check it without gavah.
    (record,) = stamp_pipeline.stamps(ws)
    assert record.entry_hash == stamped.entry_hash
    response = tmp_path / "stamp.tsr"
    response.write_bytes(record.response)
    checked = subprocess.run(["openssl", "ts", "-verify", "-digest", stamped.entry_hash,
                              "-in", str(response), "-CAfile", str(tsa.ca_path)],
                             capture_output=True, text=True)
    assert checked.returncode == 0 and "Verification: OK" in checked.stdout

    # Nothing changed since: a scheduled stamp is not due.
    assert stamp_pipeline.stamp_if_due(ws, ACTOR) is None


def test_a_stamp_over_a_different_hash_is_reported(ws: Workspace, tsa: LocalTsa) -> None:
    _record_reply(ws, tsa, tsa, stamped_hash=hashlib.sha256(b"another entry").hexdigest())
    assert _kinds(ws) == ["timestamp-wrong-hash"]


def test_a_stamp_by_an_unknown_certificate_is_reported(ws: Workspace, tsa: LocalTsa) -> None:
    with LocalTsa() as stranger:
        _record_reply(ws, tsa, stranger)
        assert _kinds(ws) == ["timestamp-untrusted"]
        # Asked through the pipeline with the wrong anchor, the answer is refused.
        report = stamp_pipeline.stamp(ws, ACTOR, [stranger.url], tsa.ca_path.read_bytes())
    (outcome,) = report.outcomes
    assert outcome.status == "failed" and "does not chain" in (outcome.reason or "")
    assert len(stamp_pipeline.stamps(ws)) == 1


def test_a_stamp_by_an_expired_certificate_is_reported(ws: Workspace, tsa: LocalTsa) -> None:
    with LocalTsa(expired=True) as expired:
        report = stamp_pipeline.stamp(ws, ACTOR, [expired.url], expired.ca_path.read_bytes())
        assert not report.ok and "not at the stamp's time" in (report.outcomes[0].reason or "")
        assert stamp_pipeline.stamps(ws) == []
        _record_reply(ws, expired, expired)
        assert _kinds(ws) == ["timestamp-expired-certificate"]


def test_a_tampered_stamp_is_reported(ws: Workspace, tsa: LocalTsa) -> None:
    report = stamp_pipeline.stamp(ws, ACTOR, [tsa.url], tsa.ca_path.read_bytes())
    assert report.ok
    (record,) = stamp_pipeline.stamps(ws)
    # One character of the stamp's time, inside what the TSA signed.
    at = record.response.index(record.gen_time[:4].encode())
    forged = bytearray(record.response)
    forged[at + 3] = ord("0") if forged[at + 3] != ord("0") else ord("1")
    with ws.db.engine.begin() as connection:
        connection.execute(sa.text("UPDATE timestamps SET response = :r WHERE id = :i"),
                           {"r": bytes(forged), "i": record.id})
    assert _kinds(ws) == ["timestamp-altered", "timestamp-bad-signature"]


def test_a_removed_stamp_is_reported(ws: Workspace, tsa: LocalTsa) -> None:
    assert stamp_pipeline.stamp(ws, ACTOR, [tsa.url], tsa.ca_path.read_bytes()).ok
    with ws.db.engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM timestamps"))
    assert _kinds(ws) == ["timestamp-removed"]


def test_ingest_stamps_once_at_the_end(ws: Workspace, tsa: LocalTsa, tmp_path: Path) -> None:
    stamp_pipeline.add_tsa(ws, tsa.url, tsa.ca_path.read_bytes(), ACTOR)
    for number in range(30):
        write(tmp_path / "in", f"note-{number}.txt", f"fictional note {number}\n")
    before = tsa.requests
    report = ingest_paths(ws, [str(tmp_path / "in")], Options(), ACTOR)
    assert len(report.acquired) == 30
    assert tsa.requests == before + 1
    (record,) = stamp_pipeline.stamps(ws)
    with ws.db.read() as session:
        entries = list(iter_entries(session))
    # The stamp covers the last entry of the ingest: everything it recorded.
    assert record.stamped_seq == entries[-2].seq and entries[-1].action == "timestamped"
    assert report.to_dict()["timestamps"][0]["status"] == "stamped"


def test_a_tsa_that_does_not_answer_is_a_warning_of_ingest(ws: Workspace, tsa: LocalTsa,
                                                            tmp_path: Path) -> None:
    with LocalTsa() as gone:
        url, pem = gone.url, gone.ca_path.read_bytes()
    stamp_pipeline.add_tsa(ws, url, pem, ACTOR)
    write(tmp_path / "in", "note.txt", "fictional note\n")
    report = ingest_paths(ws, [str(tmp_path / "in")], Options(), ACTOR)
    assert len(report.acquired) == 1
    assert any("did not answer" in w for w in report.warnings)


def test_a_server_stamps_on_a_schedule_while_the_log_grows(ws: Workspace,
                                                           tsa: LocalTsa) -> None:
    import threading
    import time

    stamp_pipeline.add_tsa(ws, tsa.url, tsa.ca_path.read_bytes(), ACTOR)
    stop = threading.Event()
    lines: list[str] = []
    worker = threading.Thread(target=stamp_pipeline.every,
                              args=(ws, ACTOR, 0.05, stop, lines.append))
    worker.start()
    try:
        deadline = time.monotonic() + 20
        while not stamp_pipeline.stamps(ws) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)  # several more turns: nothing changed, so no second stamp
    finally:
        stop.set()
        worker.join(10)
    assert len(stamp_pipeline.stamps(ws)) == 1
    assert lines and lines[0].startswith("time-stamped custody entry")
