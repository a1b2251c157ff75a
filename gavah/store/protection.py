"""Protected persons (witnesses): the protection is a custody entry, so the set is read
from the log itself and can never silently change."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gavah.store.custody import details_of
from gavah.store.tables import CustodyEntry

PROTECTED = "entity-protected"


def protected_ids(session: Session) -> set[int]:
    rows = session.execute(select(CustodyEntry.details).where(
        CustodyEntry.action == PROTECTED))
    return {int(details_of(text)["entity"]) for (text,) in rows}
