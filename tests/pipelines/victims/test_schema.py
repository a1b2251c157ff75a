"""The victim tables in migration 0003 match the ORM models, on both databases."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from gavah.store import victim_tables
from gavah.store.workspace import Workspace


def _ours(obj: Any, name: str | None, type_: str, reflected: bool, other: Any) -> bool:
    table = obj if type_ == "table" else getattr(obj, "table", None)
    return bool(table is not None and str(table.name).startswith("victim_"))


def test_migration_matches_models(ws: Workspace) -> None:
    with ws.db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "include_object": _ours})
        diff = compare_metadata(context, victim_tables.Base.metadata)
    assert diff == []
