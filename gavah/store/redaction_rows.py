"""A redacted copy as a row of derivatives joined with its custody entry, read by the ORM
(gavah.store.redactions) and the fast read path (gavah.store.fastread.items) alike."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

KIND = "redacted"
# The columns both paths select, derivatives joined with custody on custody_seq.
SQL = ("SELECT derivatives.id, custody.item_id, derivatives.source_sha256, "
       "derivatives.sha256, derivatives.media_type, derivatives.label, "
       "derivatives.created_at, derivatives.custody_seq, custody.actor, custody.details "
       "FROM derivatives JOIN custody ON custody.seq = derivatives.custody_seq "
       "WHERE derivatives.kind = 'redacted' AND custody.action = 'redacted' "
       "AND custody.item_id = ? ORDER BY derivatives.id")


@dataclass(frozen=True)
class Copy:
    """A redacted copy as the package and the item's record show it."""

    derivative_id: int
    item_id: int
    source_sha256: str  # the bytes it was made from (the original, a text, a copy)
    sha256: str
    media_type: str
    label: str
    created_at: str
    custody_seq: int
    by: str
    details: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        d = self.details
        return {"id": self.derivative_id, "source_sha256": self.source_sha256,
                "sha256": self.sha256, "media_type": self.media_type, "label": self.label,
                "created_at": self.created_at, "custody_seq": self.custody_seq,
                "by": self.by, "hidden": d.get("hidden"), "count": d.get("count"),
                "reason": d.get("reason"), "spans": d.get("spans"),
                "regions": d.get("regions"), "text": d.get("text")}



def from_row(row: Any) -> Copy:
    return Copy(int(row.id), int(row.item_id), row.source_sha256, row.sha256,
                row.media_type, row.label, row.created_at, int(row.custody_seq),
                row.actor, json.loads(row.details))
