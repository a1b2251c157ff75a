"""Entity summaries: what an entity page needs from its claims, per level, kept beside the
claims so that a change which reaches every page (a merge, a source's grade) does not
make every page read thousands of claims again. Filled lazily, at each entity's first
view after the upgrade.

Revision ID: 0014_entity_summary
Revises: 0013_webauthn
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0014_entity_summary"
down_revision = "0013_webauthn"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entity_summaries",
        sa.Column("members", sa.String(255), primary_key=True),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("entity_summaries")
