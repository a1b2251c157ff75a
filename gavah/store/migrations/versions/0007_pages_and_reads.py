"""Computed pages shared by the processes serving a workspace (gavah.store.page_cache),
the index of the items named by custody entries about several items at once, and an index
for an item's history (its changes and its reads, newest first).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "page_cache",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
    )
    op.create_index("ix_page_cache_version", "page_cache", ["version"])
    op.create_table(
        "custody_items",
        sa.Column("item_id", sa.Integer(), primary_key=True),
        sa.Column("seq", sa.BigInteger(), primary_key=True),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_custody_item_action", "custody", ["item_id", "action", "seq"])


def downgrade() -> None:
    raise NotImplementedError("gavah never downgrades an evidence store")
