"""Accounts: a TOTP secret waiting for its first code (enrolment confirmation), WebAuthn
credentials (security keys, passkeys) and the one-use challenges of their ceremonies.

Revision ID: 0013_webauthn
Revises: 0012_totp
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0013_webauthn"
down_revision = "0012_totp"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("totp_pending", sa.String(64), nullable=True))
    op.create_table(
        "webauthn_credentials",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("credential_id", sa.String(1400), nullable=False, unique=True),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("sign_count", sa.BigInteger(), nullable=False),
        sa.Column("transports", sa.String(255), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("rp_id", sa.String(255), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("last_used_at", sa.String(32), nullable=True),
    )
    op.create_index("ix_webauthn_credentials_user_id", "webauthn_credentials", ["user_id"])
    op.create_table(
        "webauthn_challenges",
        sa.Column("key_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("challenge", sa.String(128), nullable=False),
        sa.Column("bound_to", sa.String(64), nullable=True),
        sa.Column("attempt_id", sa.Integer(), nullable=True),
        sa.Column("expires_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_webauthn_challenges_expires_at", "webauthn_challenges",
                    ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_webauthn_challenges_expires_at", "webauthn_challenges")
    op.drop_table("webauthn_challenges")
    op.drop_index("ix_webauthn_credentials_user_id", "webauthn_credentials")
    op.drop_table("webauthn_credentials")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("totp_pending")
