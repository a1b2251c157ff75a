"""Web captures: one row per captured item, indexed by its URL.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "captures",
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("items.id"), primary_key=True),
        sa.Column("url_key", sa.String(64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("final_url", sa.Text()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("http_status", sa.Integer()),
        sa.Column("reason", sa.Text()),
        sa.Column("captured_at", sa.String(32), nullable=False),
        sa.Column("text_sha256", sa.String(64)),
    )
    op.create_index("ix_captures_url_key", "captures", ["url_key"])


def downgrade() -> None:
    raise NotImplementedError("gavah never downgrades an evidence store")
