"""Which computed pages each change reaches, kept beside the signed log (changes,
change_entities) instead of inside it. Existing entries keep their signed details; the
scopes earlier versions wrote into them (an `entities` key on some actions) are copied
into the new tables, and every other change is recorded as reaching every page.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

READS = ("viewed", "downloaded")
# The actions whose writers stated a scope in their details, under "entities".
SCOPED = frozenset({
    "annotated", "claims-extracted", "acquired", "derived", "extraction-failed",
    "user-added", "user-disabled", "user-enabled", "user-role-set", "user-clearance-set",
    "user-password-reset", "token-issued", "tokens-revoked"})
BATCH = 5000


def _scope(action: str, details: str) -> list[int] | None:
    if action not in SCOPED:
        return None
    try:
        listed = json.loads(details).get("entities")
    except (ValueError, AttributeError):
        return None
    if not isinstance(listed, list) or not all(type(i) is int for i in listed):
        return None
    return listed


def upgrade() -> None:
    changes = op.create_table(
        "changes",
        sa.Column("seq", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("reaches_all", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_changes_reaches_all", "changes", ["reaches_all", "seq"])
    entities = op.create_table(
        "change_entities",
        sa.Column("entity_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("seq", sa.BigInteger(), primary_key=True, autoincrement=False),
        sqlite_with_rowid=False,
    )
    connection = op.get_bind()
    custody = sa.table("custody", sa.column("seq"), sa.column("action"),
                       sa.column("details"))
    rows = connection.execute(sa.select(custody.c.seq, custody.c.action, custody.c.details)
                              .where(custody.c.action.not_in(READS))
                              .order_by(custody.c.seq))
    change_rows: list[dict[str, object]] = []
    entity_rows: list[dict[str, object]] = []

    def flush() -> None:
        if change_rows:
            connection.execute(changes.insert(), change_rows)
        if entity_rows:
            connection.execute(entities.insert(), entity_rows)
        change_rows.clear()
        entity_rows.clear()

    for seq, action, details in rows.fetchall():
        scope = _scope(action, details)
        change_rows.append({"seq": seq, "reaches_all": scope is None})
        entity_rows += [{"entity_id": e, "seq": seq} for e in sorted(set(scope or ()))]
        if len(change_rows) >= BATCH:
            flush()
    flush()


def downgrade() -> None:
    raise NotImplementedError("gavah never downgrades an evidence store")
