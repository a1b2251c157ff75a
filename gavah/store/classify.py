"""Reading and changing items' classification levels, for sealing originals at rest."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from gavah.core.errors import NotFound
from gavah.store.tables import Item


def item_level(session: Session, item_id: int) -> tuple[str, str]:
    """(sha256, classification) of an item."""
    row = session.execute(select(Item.sha256, Item.classification)
                          .where(Item.id == item_id)).first()
    if row is None:
        raise NotFound(f"no item {item_id}", field="item")
    return str(row[0]), str(row[1])


def set_level(session: Session, item_id: int, level: str) -> None:
    item = session.get(Item, item_id)
    if item is None:
        raise NotFound(f"no item {item_id}", field="item")
    item.classification = level


def shas_at(session: Session, levels: Sequence[str]) -> list[str]:
    """The originals of items at these levels (each once)."""
    return sorted(set(session.scalars(select(Item.sha256)
                                      .where(Item.classification.in_(list(levels))))))
