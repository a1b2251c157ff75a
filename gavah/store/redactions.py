"""Redacted copies: derivatives of kind `redacted`, each recorded by a `redacted` custody
entry about the item it was made for (what was hidden, why, by whom). A copy belongs to
that item, not to its bytes: two acquisitions of the same bytes may be redacted apart."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from gavah.core.custody import utc_now
from gavah.store.custody import CustodyLog
from gavah.store.redaction_rows import KIND, Copy, from_row
from gavah.store.tables import Blob, CustodyEntry, Derivative

ACTION = "redacted"


def _query(item_ids: list[int]) -> Any:
    return (select(Derivative.id, CustodyEntry.item_id, Derivative.source_sha256,
                   Derivative.sha256, Derivative.media_type, Derivative.label,
                   Derivative.created_at, Derivative.custody_seq, CustodyEntry.actor,
                   CustodyEntry.details)
            .join(CustodyEntry, CustodyEntry.seq == Derivative.custody_seq)
            .where(Derivative.kind == KIND, CustodyEntry.action == ACTION,
                   CustodyEntry.item_id.in_(item_ids))
            .order_by(Derivative.id))


def of_items(session: Session, item_ids: Iterable[int]) -> dict[int, list[Copy]]:
    """Each item's redacted copies, oldest first; one query per 500 items."""
    wanted = sorted(set(item_ids))
    out: dict[int, list[Copy]] = {i: [] for i in wanted}
    for start in range(0, len(wanted), 500):
        for row in session.execute(_query(wanted[start:start + 500])):
            out[int(row.item_id)].append(from_row(row))
    return out


def add(session: Session, custody: CustodyLog, actor: str, item_id: int,
        source_sha256: str, sha256: str, size: int, media_type: str, label: str,
        tool: str, details: dict[str, Any]) -> Copy:
    """Record a redacted copy already in the blob store: its blob row, the custody entry
    that says what was hidden, and the derivative, in the caller's write transaction."""
    if session.get(Blob, sha256) is None:
        session.add(Blob(sha256=sha256, size=size, media_type=media_type,
                         created_at=utc_now(), extraction="none"))
    made = {"sha256": sha256, "kind": KIND, "label": label, "media_type": media_type}
    entry = custody.append(session, actor, ACTION, item_id, {
        "sha256": source_sha256, "tool": tool, "derivatives": [made], **details},
        reaches=())
    position = session.scalar(select(func.count()).select_from(Derivative).where(
        Derivative.source_sha256 == source_sha256, Derivative.kind == KIND)) or 0
    now = utc_now()
    derivative_id = session.execute(insert(Derivative).values(
        source_sha256=source_sha256, sha256=sha256, kind=KIND, label=label,
        position=int(position), media_type=media_type, tool=tool, language=None,
        created_at=now, custody_seq=entry.seq).returning(Derivative.id)).scalar_one()
    return Copy(int(derivative_id), item_id, source_sha256, sha256, media_type, label, now,
                entry.seq, actor, {"sha256": source_sha256, "tool": tool, **details})


def quotes_in(session: Session, item_ids: Iterable[int]) -> list[tuple[str, int, int, str]]:
    """(text SHA-256, start, end, quote) of every claim in these items' texts."""
    from gavah.store.claim_tables import Claim

    wanted = sorted(set(item_ids))
    out: list[tuple[str, int, int, str]] = []
    for start in range(0, len(wanted), 500):
        out += [(r.text_sha256, int(r.start), int(r.end), r.quote) for r in session.execute(
            select(Claim.text_sha256, Claim.start, Claim.end, Claim.quote)
            .where(Claim.item_id.in_(wanted[start:start + 500])))]
    return out
