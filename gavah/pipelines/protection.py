"""Protecting persons (witnesses) from being named in anything that leaves gavah."""

from __future__ import annotations

from typing import Any

from gavah.core.errors import BadInput
from gavah.pipelines.access import Viewer
from gavah.store import entities as entity_store
from gavah.store import protection
from gavah.store.workspace import Workspace


def protect(ws: Workspace, viewer: Viewer, entity: str, reason: str | None = None
            ) -> dict[str, Any]:
    with ws.db.write() as session:
        found = entity_store.get(session, entity, viewer.levels)
        if found.type != "Person":
            raise BadInput(f"entity {found.id} is a {found.type}; only persons are protected",
                           field="entity")
        already = found.id in protection.protected_ids(session)
        if not already:
            details: dict[str, Any] = {"entity": found.id}
            if reason:
                details["reason"] = reason
            ws.custody.append(session, viewer.actor, protection.PROTECTED, None, details,
                              reaches=[found.id])
        return {"entity": found.id, "protected": True, "already": already}
