"""Time-stamps over the custody log: ask time-stamping authorities (RFC 3161) to stamp the
hash of the newest custody entry, keep their responses, and check them later.

A stamp over entry N proves that entry N existed no later than the stamp's time, and
since each entry holds the hash of the one before it, so did the whole log up to N. The
request goes out before the write lock is taken (a TSA may take seconds to answer); the
response is checked against the request, the entry and the TSA's anchor before it is
stored, and its storing is itself a custody entry."""

from __future__ import annotations

import hashlib
import secrets
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gavah.core import timestamps as tsp
from gavah.core.custody import Problem
from gavah.core.errors import BadInput
from gavah.store import timestamps as stamp_store
from gavah.store.timestamps import Anchor, StampRecord
from gavah.store.workspace import Workspace

TIMEOUT = 30  # seconds to wait for a TSA's answer
MAX_RESPONSE = 1 << 20  # bytes; a time-stamp response is a few kilobytes
CONTENT_TYPE = "application/timestamp-query"


@dataclass
class Outcome:
    tsa: str
    status: str  # stamped | failed
    reason: str | None = None
    stamped_seq: int | None = None
    gen_time: str | None = None
    custody_seq: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"tsa": self.tsa, "status": self.status, "reason": self.reason,
                "stamped_seq": self.stamped_seq, "gen_time": self.gen_time,
                "custody_seq": self.custody_seq}


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(o.status == "stamped" for o in self.outcomes)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "stamps": [o.to_dict() for o in self.outcomes]}


def _check_url(url: str, field: str) -> str:
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise BadInput(f"a time-stamping authority is an http or https URL, not {url!r}",
                       field=field)
    return url


def _anchor_facts(ca_pem: bytes, field: str) -> tuple[str, list[str]]:
    """(fingerprint, subjects) of a trust anchor file; BadInput when it is not one."""
    try:
        certs = tsp.load_anchors(ca_pem)
    except ValueError as exc:
        raise BadInput(f"the TSA's trust anchor is not usable: {exc}",
                       field=field) from None
    if not certs:
        raise BadInput("the TSA's trust anchor holds no certificate", field=field)
    return tsp.fingerprint(ca_pem), [c.subject.rfc4514_string() for c in certs]


def add_tsa(ws: Workspace, url: str, ca: bytes, actor: str) -> Anchor:
    """Keep a TSA and its trust anchor `ca` (PEM); ingest and the web server stamp with it."""
    url = _check_url(url, "url")
    fingerprint, subjects = _anchor_facts(ca, "ca")
    with ws.db.write() as session:
        return stamp_store.keep(session, ws.custody, actor, url, ca, fingerprint,
                                subjects, scheduled=True)


def remove_tsa(ws: Workspace, url: str, actor: str) -> None:
    """Stop stamping with a TSA. Its anchor is kept: its stamps stay checkable."""
    with ws.db.write() as session:
        stamp_store.unschedule(session, ws.custody, actor, url.strip())


def list_tsas(ws: Workspace) -> list[Anchor]:
    with ws.db.read() as session:
        return stamp_store.anchors(session)


def _resolve(ws: Workspace, urls: Sequence[str], ca_pem: bytes | None,
             actor: str) -> list[Anchor]:
    """The anchors to stamp with: the named URLs (with the given anchor, kept for later
    checks, or the one kept for that URL), or every scheduled TSA."""
    if not urls:
        if ca_pem is not None:
            raise BadInput("a trust anchor was given without a time-stamping authority",
                           field="tsa")
        with ws.db.read() as session:
            found = stamp_store.anchors(session, scheduled_only=True)
        if not found:
            raise BadInput("no time-stamping authority is configured: name one, or add one "
                           "to the workspace", field="tsa")
        return found
    result = []
    for url in (_check_url(u, "tsa") for u in urls):
        if ca_pem is not None:
            fingerprint, subjects = _anchor_facts(ca_pem, "tsa_ca")
            with ws.db.write() as session:
                anchor = stamp_store.find(session, url, fingerprint) or stamp_store.keep(
                    session, ws.custody, actor, url, ca_pem, fingerprint, subjects,
                    scheduled=False)
        else:
            with ws.db.read() as session:
                known = stamp_store.find(session, url)
            if known is None:
                raise BadInput(f"no trust anchor is known for the time-stamping authority "
                               f"{url}: give its CA certificate", field="tsa_ca")
            anchor = known
        result.append(anchor)
    return result


def _ask(url: str, body: bytes, timeout: float) -> bytes:
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": CONTENT_TYPE})
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        data: bytes = answer.read(MAX_RESPONSE + 1)
    if len(data) > MAX_RESPONSE:
        raise ValueError("the answer is larger than any time-stamp response")
    return data


def _stamp_one(ws: Workspace, anchor: Anchor, seq: int, entry_hash: str, actor: str,
               timeout: float) -> Outcome:
    nonce = secrets.randbits(63)
    try:
        response = _ask(anchor.url, tsp.request(entry_hash, nonce), timeout)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return Outcome(anchor.url, "failed", f"the TSA did not answer: {reason}")
    findings = tsp.check(response, entry_hash, anchor.ca_pem, nonce)
    if findings:
        return Outcome(anchor.url, "failed", "; ".join(f.detail for f in findings))
    stamp = tsp.read(response)
    with ws.db.write() as session:
        custody_seq = stamp_store.record(
            session, ws.custody, actor, anchor, seq, entry_hash, response,
            hashlib.sha256(response).hexdigest(), stamp.gen_time, stamp.serial,
            stamp.tsa_name)
    return Outcome(anchor.url, "stamped", None, seq, stamp.gen_time, custody_seq)


def stamp(ws: Workspace, actor: str, tsa: Sequence[str] = (), tsa_ca: bytes | None = None,
          timeout: float = TIMEOUT) -> Report:
    """Ask each TSA (the URLs in `tsa`, with the anchor `tsa_ca` (PEM) or the one kept for
    each; or every scheduled TSA) to stamp the newest custody entry. A TSA that fails is
    reported; the others still stamp."""
    anchors = _resolve(ws, tsa, tsa_ca, actor)
    with ws.db.read() as session:
        newest = stamp_store.newest_entry(session)
    if newest is None:
        raise BadInput("the custody log is empty: there is nothing to stamp")
    seq, entry_hash = newest
    report = Report()
    for anchor in anchors:
        report.outcomes.append(_stamp_one(ws, anchor, seq, entry_hash, actor, timeout))
    return report


def stamp_if_due(ws: Workspace, actor: str, timeout: float = TIMEOUT) -> Report | None:
    """Stamp with the scheduled TSAs when the log has grown since their last stamp; None
    when no TSA is scheduled or nothing changed. One request per TSA, however many
    entries were added since: stamps are batched by construction."""
    with ws.db.read() as session:
        anchors = stamp_store.anchors(session, scheduled_only=True)
        if not anchors:
            return None
        newest = stamp_store.newest_entry(session)
        last = stamp_store.last_stamp_seq(session, [a.id for a in anchors])
    if newest is None or newest[0] <= last:
        return None
    report = Report()
    for anchor in anchors:
        report.outcomes.append(_stamp_one(ws, anchor, newest[0], newest[1], actor, timeout))
    return report


def every(ws: Workspace, actor: str, seconds: float, stop: threading.Event,
          report: Callable[[str], None]) -> None:
    """Stamp with the scheduled TSAs every `seconds` while the log grows, until `stop` is
    set (a long-running server's thread). A failure is reported and tried again next
    time: it never stops the server."""
    while not stop.wait(seconds):
        try:
            done = stamp_if_due(ws, actor)
        except Exception as exc:  # a database or network fault: try again next time
            report(f"scheduled time-stamp failed: {type(exc).__name__}: {exc}")
            continue
        for outcome in done.outcomes if done else []:
            report(f"time-stamped custody entry {outcome.stamped_seq} by {outcome.tsa}"
                   if outcome.status == "stamped"
                   else f"time-stamp by {outcome.tsa} failed: {outcome.reason}")


def stamps(ws: Workspace) -> list[StampRecord]:
    with ws.db.read() as session:
        return stamp_store.stamps(session)


def check_stamps(records: Sequence[StampRecord], recorded: dict[int, dict[str, Any]],
                 hashes: dict[int, str]) -> list[Problem]:
    """Every stored stamp against the entry it stamps (`hashes`: seq -> the hash its
    content computes to now), the entry that recorded it (`recorded`: seq -> details of
    every `timestamped` entry in the log) and its TSA's anchor. A recorded stamp whose
    response is gone is a problem too."""
    problems: list[Problem] = []
    seen = set()
    for record in records:
        seen.add(record.custody_seq)
        where = (f"the stamp by {record.tsa_url} over custody entry {record.stamped_seq} "
                 f"(recorded at entry {record.custody_seq})")
        details = recorded.get(record.custody_seq)
        actual = hashlib.sha256(record.response).hexdigest()
        if details is None:
            problems.append(Problem("timestamp-unrecorded", f"{where} has no custody entry "
                                    "that records it", seq=record.custody_seq))
        elif details.get("response_sha256") != actual or details.get(
                "stamped_seq") != record.stamped_seq:
            problems.append(Problem("timestamp-altered", f"{where}: the stored response or "
                                    "the entry it stamps is not the one recorded",
                                    seq=record.custody_seq))
        entry_hash = hashes.get(record.stamped_seq)
        if entry_hash is None:
            problems.append(Problem("timestamp-wrong-hash", f"{where}: that entry is no "
                                    "longer in the log", seq=record.stamped_seq))
            entry_hash = record.stamped_hash
        for finding in tsp.check(record.response, entry_hash, record.ca_pem):
            problems.append(Problem(f"timestamp-{finding.kind}", f"{where}: {finding.detail}",
                                    seq=record.stamped_seq,
                                    extra={"tsa": record.tsa_url}))
    for seq in sorted(set(recorded) - seen):
        problems.append(Problem("timestamp-removed", f"custody entry {seq} records a stamp "
                                f"by {recorded[seq].get('tsa')} whose response is no longer "
                                "stored", seq=seq))
    return problems
