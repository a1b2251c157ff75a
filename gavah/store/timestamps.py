"""Time-stamping authorities and their stamps over custody entries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gavah.core.custody import utc_now
from gavah.core.errors import NotFound
from gavah.store.custody import CustodyLog
from gavah.store.stamp_records import STAMPED, StampRecord, label
from gavah.store.tables import CustodyEntry
from gavah.store.timestamp_tables import TimeStamp, Tsa

TSA_ADDED = "tsa-added"
TSA_REMOVED = "tsa-removed"


@dataclass(frozen=True)
class Anchor:
    """A TSA as the workspace knows it: where to ask, and what to trust."""

    id: int
    url: str
    ca_pem: bytes
    ca_sha256: str
    scheduled: bool
    added_at: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "url": self.url, "ca_sha256": self.ca_sha256,
                "scheduled": self.scheduled, "added_at": self.added_at}


def _anchor(row: Tsa) -> Anchor:
    return Anchor(row.id, row.url, row.ca_pem.encode(), row.ca_sha256, row.scheduled,
                  row.added_at)


def anchors(session: Session, scheduled_only: bool = False) -> list[Anchor]:
    """The TSAs the workspace knows, newest anchor of each URL last."""
    query = select(Tsa).order_by(Tsa.id)
    if scheduled_only:
        query = query.where(Tsa.scheduled.is_(True))
    return [_anchor(row) for row in session.scalars(query)]


def find(session: Session, url: str, ca_sha256: str | None = None) -> Anchor | None:
    """The newest anchor kept for `url` (with that CA fingerprint, when given)."""
    query = select(Tsa).where(Tsa.url == url)
    if ca_sha256 is not None:
        query = query.where(Tsa.ca_sha256 == ca_sha256)
    row = session.scalars(query.order_by(Tsa.id.desc()).limit(1)).first()
    return _anchor(row) if row is not None else None


def keep(session: Session, custody: CustodyLog, actor: str, url: str, ca_pem: bytes,
         ca_sha256: str, subjects: Sequence[str], scheduled: bool) -> Anchor:
    """Keep a TSA and its anchor (or schedule one kept before), as a custody entry."""
    row = session.scalars(select(Tsa).where(Tsa.url == url, Tsa.ca_sha256 == ca_sha256)
                          ).first()
    if row is None:
        row = Tsa(url=url, ca_pem=ca_pem.decode(), ca_sha256=ca_sha256, scheduled=scheduled,
                  added_at=utc_now(), added_by=actor)
        session.add(row)
    elif scheduled and not row.scheduled:
        row.scheduled = True
    else:
        return _anchor(row)
    if scheduled:  # one anchor per URL stamps on a schedule: the newest one
        for other in session.scalars(select(Tsa).where(Tsa.url == url, Tsa.scheduled.is_(True),
                                                       Tsa.ca_sha256 != ca_sha256)):
            other.scheduled = False
    session.flush()
    custody.append(session, actor, TSA_ADDED, None, {
        "url": url, "ca_sha256": ca_sha256, "ca_subjects": list(subjects),
        "scheduled": scheduled}, reaches=[])
    return _anchor(row)


def unschedule(session: Session, custody: CustodyLog, actor: str, url: str) -> int:
    """Stop stamping with the TSA at `url`; its anchor stays, to check its stamps."""
    rows = list(session.scalars(select(Tsa).where(Tsa.url == url, Tsa.scheduled.is_(True))))
    if not rows:
        raise NotFound(f"no scheduled time-stamping authority {url!r}")
    for row in rows:
        row.scheduled = False
    custody.append(session, actor, TSA_REMOVED, None, {"url": url}, reaches=[])
    return len(rows)


def newest_entry(session: Session) -> tuple[int, str] | None:
    """(seq, hash) of the newest custody entry."""
    row = session.execute(select(CustodyEntry.seq, CustodyEntry.entry_hash)
                          .order_by(CustodyEntry.seq.desc()).limit(1)).first()
    return (int(row[0]), str(row[1])) if row is not None else None


def last_stamp_seq(session: Session, tsa_ids: Sequence[int] | None = None) -> int:
    """The newest custody entry that records a stamp (by these TSAs), or 0."""
    query = select(TimeStamp.custody_seq).order_by(TimeStamp.custody_seq.desc()).limit(1)
    if tsa_ids is not None:
        query = query.where(TimeStamp.tsa_id.in_(list(tsa_ids)))
    return int(session.scalars(query).first() or 0)


# Stamps and TSAs reach no computed page (`reaches=[]`): an hourly stamp must not make
# every entity page be computed again.
def record(session: Session, custody: CustodyLog, actor: str, anchor: Anchor,
           stamped_seq: int, stamped_hash: str, response: bytes, response_sha256: str,
           gen_time: str, serial: str, tsa_name: str) -> int:
    """Store a checked response and append the entry that records it; returns its seq."""
    entry = custody.append(session, actor, STAMPED, None, {
        "tsa": anchor.url, "ca_sha256": anchor.ca_sha256, "stamped_seq": stamped_seq,
        "stamped_hash": stamped_hash, "response_sha256": response_sha256,
        "gen_time": gen_time, "serial": serial, "tsa_name": tsa_name}, reaches=[])
    session.add(TimeStamp(tsa_id=anchor.id, stamped_seq=stamped_seq,
                          stamped_hash=stamped_hash, response=response,
                          response_sha256=response_sha256, gen_time=gen_time, serial=serial,
                          tsa_name=tsa_name, custody_seq=entry.seq))
    return entry.seq


def stamps(session: Session) -> list[StampRecord]:
    """Every stored stamp, oldest first, with the entry it stamps as the log holds it and
    the anchor to check it against."""
    stamped = CustodyEntry.__table__.alias("stamped")
    rows = session.execute(
        select(TimeStamp, Tsa.url, Tsa.ca_pem, stamped.c.entry_hash)
        .join(Tsa, Tsa.id == TimeStamp.tsa_id)
        .outerjoin(stamped, stamped.c.seq == TimeStamp.stamped_seq)
        .order_by(TimeStamp.id)).all()
    return [StampRecord(
        id=t.id, tsa_url=url, ca_pem=pem.encode(), stamped_seq=t.stamped_seq,
        stamped_hash=t.stamped_hash, entry_hash=entry_hash, response=bytes(t.response),
        response_sha256=t.response_sha256, gen_time=t.gen_time, serial=t.serial,
        tsa_name=t.tsa_name, custody_seq=t.custody_seq) for t, url, pem, entry_hash in rows]


def first_covering(session: Session, seq: int) -> dict[str, Any] | None:
    """The earliest stamp over an entry at or after `seq`: it proves that entry `seq`
    (and the whole log before it) existed no later than its time."""
    row = session.execute(
        select(TimeStamp.gen_time, TimeStamp.stamped_seq, TimeStamp.tsa_name, Tsa.url)
        .join(Tsa, Tsa.id == TimeStamp.tsa_id)
        .where(TimeStamp.stamped_seq >= seq)
        .order_by(TimeStamp.gen_time, TimeStamp.id).limit(1)).first()
    if row is None:
        return None
    return {"gen_time": row.gen_time, "stamped_seq": row.stamped_seq,
            "tsa_name": row.tsa_name, "tsa_label": label(row.tsa_name, row.url),
            "tsa": row.url}
