"""What verification compares with the custody log and the blob store: every item,
blob, derivative and member as the database records it; the index of reads; the runs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gavah.store.tables import Blob, CustodyItem, Derivative, Item, Member, VerifyRun


@dataclass(frozen=True)
class Records:
    items: list[tuple[int, str, str, int]]  # (id, sha256, original name, custody seq)
    blob_sizes: dict[str, int]  # sha256 -> recorded size
    derivatives: list[tuple[int, str, int]]  # (id, sha256, custody seq)
    member_shas: set[str]  # the bytes of every member of a container


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
