"""Who is reading, what they may see, and the custody entry every read of protected
material leaves (restricted and above), whether through the CLI, the web app or the API."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from gavah.core.custody import READ_ITEMS
from gavah.core.levels import LEVELS, is_protected, visible_levels
from gavah.store.audit import Pending

if TYPE_CHECKING:  # the fast read path makes Viewers without the ORM's workspace
    from gavah.store.workspace import Workspace


@dataclass(frozen=True)
class Viewer:
    actor: str  # "cli:user@host", "user:alice", "token:alice"
    clearance: str = LEVELS[-1]

    @property
    def levels(self) -> list[str]:
        return visible_levels(self.clearance)

    def may_see(self, classification: str) -> bool:
        return classification in _visible(self.clearance)


@cache
def _visible(clearance: str) -> frozenset[str]:
    # asked once per link of a case file (a hundred thousand): not a new list each time
    return frozenset(visible_levels(clearance))


def read_entries(viewer: Viewer, items: Iterable[tuple[int, str]], action: str = "viewed",
                 details: dict[str, Any] | None = None) -> list[Pending]:
    """The entry recording the reader's read of the protected items among `items` (item
    id, classification), or none when none is protected. One item: an entry about it.
    Several (a search result page, an entity page quoting claims from hundreds of items):
    one entry listing them all, which each item's history finds too; an entry per item
    cost more than the rest of such a page."""
    protected = sorted({(int(i), level) for i, level in items if is_protected(level)})
    if not protected:
        return []
    if len(protected) == 1:
        (item_id, level), = protected
        return [Pending(viewer.actor, action, item_id,
                        {"classification": level, **(details or {})})]
    return [Pending(viewer.actor, action, None,
                    {READ_ITEMS: [list(p) for p in protected], **(details or {})})]


def object_read_entries(viewer: Viewer, kind: str, object_id: int, classification: str,
                        details: dict[str, Any] | None = None) -> list[Pending]:
    """The entry recording the reader's read of a protected entity, source, event or
    saved estimate (`kind` names it in the entry); none for one below restricted."""
    if not is_protected(classification):
        return []
    return [Pending(viewer.actor, "viewed", None, {
        kind: object_id, "classification": classification, **(details or {})})]


def record_reads(ws: Workspace, viewer: Viewer, items: Iterable[tuple[int, str]],
                 action: str = "viewed", details: dict[str, Any] | None = None) -> int:
    """Record the reader's read of the protected items among `items` (read_entries)
    before any of them is shown, and return how many there were. Concurrent readers'
    entries share one transaction (gavah.store.audit)."""
    entries = read_entries(viewer, items, action, details)
    ws.audit.append(entries)
    if not entries:
        return 0
    listed = entries[0].details.get(READ_ITEMS)
    return 1 if listed is None else len(listed)


def record_object_read(ws: Workspace, viewer: Viewer, kind: str, object_id: int,
                       classification: str, details: dict[str, Any] | None = None) -> bool:
    """Record the reader's read of a protected entity, source, event or saved estimate
    before it is shown (object_read_entries); False for one below restricted."""
    entries = object_read_entries(viewer, kind, object_id, classification, details)
    ws.audit.append(entries)
    return bool(entries)
