"""Index custody entries by action (the search cache asks for the newest reclassification).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_custody_action", "custody", ["action"])


def downgrade() -> None:
    raise NotImplementedError("gavah never downgrades an evidence store")
