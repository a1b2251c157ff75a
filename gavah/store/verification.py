"""What verification compares with the custody log and the blob store: every item,
blob, derivative and member as the database records it; the index of reads; the runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gavah.core.custody import Entry
from gavah.store.blobs import BlobStore
from gavah.store.custody import iter_entries, newest_seq
from gavah.store.stamp_records import StampRecord
from gavah.store.tables import Blob, CustodyItem, Derivative, Item, Member, VerifyRun
from gavah.store.timestamps import stamps
from gavah.store.verify_rows import Records

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from gavah.store.workspace import Workspace


def records(session: Session) -> Records:
    return Records(
        items=[(int(i), str(s), str(n), int(q)) for i, s, n, q in session.execute(
            select(Item.id, Item.sha256, Item.original_name, Item.custody_seq))],
        blob_sizes={str(s): int(n) for s, n in session.execute(select(Blob.sha256, Blob.size))},
        derivatives=[(int(i), str(s), int(q)) for i, s, q in session.execute(
            select(Derivative.id, Derivative.sha256, Derivative.custody_seq))],
        member_shas=set(session.scalars(select(Member.child_sha256))))


def indexed_reads(session: Session, upto: int) -> set[tuple[int, int]]:
    """(item, seq) of every row of the custody-item index up to entry `upto`."""
    return {(int(item), int(seq)) for item, seq in session.execute(
        select(CustodyItem.item_id, CustodyItem.seq).where(CustodyItem.seq <= upto))}


def add_run(session: Session, **fields: Any) -> None:
    """Record a verification run (started_at, finished_at, ok, the counts, problems)."""
    session.add(VerifyRun(**fields))


class SessionSource:
    """What gavah.pipelines.verify reads and writes, through the ORM's sessions."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.head_path: Path = ws.custody.head_path

    @property
    def blobs(self) -> BlobStore:
        return self.ws.blobs

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.ws.public_key

    def key_ring(self) -> dict[str, Ed25519PublicKey]:
        return self.ws.key_ring()

    def snapshot(self) -> tuple[Records, int, list[StampRecord]]:
        """The records, the newest entry and the stamps, read in one transaction: every
        stamp recorded up to that entry is among them."""
        with self.ws.db.read() as session:
            return records(session), newest_seq(session), stamps(session)

    def entries(self) -> Iterator[Entry]:
        with self.ws.db.read() as session:
            yield from iter_entries(session)

    def first_entry(self) -> Entry | None:
        with self.ws.db.read() as session:
            return next(iter_entries(session, limit=1), None)

    def indexed_reads(self, upto: int) -> set[tuple[int, int]]:
        with self.ws.db.read() as session:
            return indexed_reads(session, upto)

    def add_run(self, **fields: Any) -> None:
        with self.ws.db.write() as session:
            add_run(session, **fields)
