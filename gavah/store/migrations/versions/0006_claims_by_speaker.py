"""Index claims by their speaker entity (an entity's timeline and network ask for the
claims it speaks as well as those about it).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_claims_speaker_entity_id", "claims", ["speaker_entity_id"])


def downgrade() -> None:
    raise NotImplementedError("gavah never downgrades an evidence store")
