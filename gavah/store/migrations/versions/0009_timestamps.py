"""RFC 3161 time-stamps over the custody log: trusted TSAs and their responses.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tsas",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("ca_pem", sa.Text(), nullable=False),
        sa.Column("ca_sha256", sa.String(64), nullable=False),
        sa.Column("scheduled", sa.Boolean(), nullable=False),
        sa.Column("added_at", sa.String(32), nullable=False),
        sa.Column("added_by", sa.String(255), nullable=False),
    )
    op.create_table(
        "timestamps",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("tsa_id", sa.Integer(), sa.ForeignKey("tsas.id"), nullable=False),
        sa.Column("stamped_seq", sa.BigInteger(), nullable=False),
        sa.Column("stamped_hash", sa.String(64), nullable=False),
        sa.Column("response", sa.LargeBinary(), nullable=False),
        sa.Column("response_sha256", sa.String(64), nullable=False),
        sa.Column("gen_time", sa.String(32), nullable=False),
        sa.Column("serial", sa.String(64), nullable=False),
        sa.Column("tsa_name", sa.Text(), nullable=False),
        sa.Column("custody_seq", sa.BigInteger(), nullable=False, unique=True),
    )
    op.create_index("ix_timestamps_tsa_id", "timestamps", ["tsa_id"])
    op.create_index("ix_timestamps_stamped_seq", "timestamps", ["stamped_seq"])


def downgrade() -> None:
    raise NotImplementedError("gavah never downgrades an evidence store")
