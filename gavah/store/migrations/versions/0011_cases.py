"""Case files: cases, charges, the events they cover and evidence linked to elements.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("framework", sa.String(64), nullable=False),
        sa.Column("framework_version", sa.String(32), nullable=False),
        sa.Column("classification", sa.String(32), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
        sa.Column("custody_seq", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_cases_classification", "cases", ["classification"])
    op.create_table(
        "case_charges",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("suspect_id", sa.Integer(), sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("crime", sa.String(64), nullable=False),
        sa.Column("mode", sa.String(64)),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
        sa.Column("custody_seq", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_case_charges_case_id", "case_charges", ["case_id"])
    op.create_index("ix_case_charges_suspect_id", "case_charges", ["suspect_id"])
    op.create_table(
        "case_events",
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
    )
    op.create_table(
        "case_links",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("element", sa.String(128), nullable=False),
        sa.Column("suspect_id", sa.Integer(), sa.ForeignKey("entities.id")),
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target_id", sa.String(64), nullable=False),
        sa.Column("page", sa.Integer()),
        sa.Column("span_start", sa.Integer()),
        sa.Column("span_end", sa.Integer()),
        sa.Column("stance", sa.String(16), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
        sa.Column("custody_seq", sa.BigInteger(), nullable=False),
        sa.Column("removed_at", sa.String(32)),
        sa.Column("removed_by", sa.String(255)),
        sa.Column("removed_seq", sa.BigInteger()),
    )
    op.create_index("ix_case_links_case_id", "case_links", ["case_id"])
    op.create_index("ix_case_links_target", "case_links", ["target_kind", "target_id"])
    op.create_index("ix_case_links_element", "case_links", ["case_id", "element"])


def downgrade() -> None:
    raise NotImplementedError("gavah never downgrades an evidence store")
