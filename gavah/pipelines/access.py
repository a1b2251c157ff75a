"""Who is reading, what they may see, and the custody entry every read of protected
material leaves (restricted and above), whether through the CLI, the web app or the API."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gavah.core.levels import LEVELS, is_protected, visible_levels
from gavah.store.audit import Pending
from gavah.store.workspace import Workspace


@dataclass(frozen=True)
class Viewer:
    actor: str  # "cli:user@host", "user:alice", "token:alice"
    clearance: str = LEVELS[-1]

    @property
    def levels(self) -> list[str]:
        return visible_levels(self.clearance)

    def may_see(self, classification: str) -> bool:
        return classification in self.levels


def record_reads(ws: Workspace, viewer: Viewer, items: Iterable[tuple[int, str]],
                 action: str = "viewed", details: dict[str, Any] | None = None) -> int:
    """Write one custody entry per protected item read: (item id, classification), and
    return the number written once they are committed. Concurrent readers' entries share
    one transaction (gavah.store.audit), so many readers do not queue for the write lock."""
    return len(ws.audit.append([
        Pending(viewer.actor, action, item_id,
                {"classification": classification, **(details or {})})
        for item_id, classification in items if is_protected(classification)]))
