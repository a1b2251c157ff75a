"""Evidence vault: blobs, items, derivatives, members, custody log, search index.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

T = sa.String(32)  # ISO 8601 UTC time


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("media_type", sa.String(255), nullable=False),
        sa.Column("created_at", T, nullable=False),
        sa.Column("extraction", sa.String(16), nullable=False, index=True),
        sa.Column("extraction_error", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("metadata_json", sa.Text),
    )
    op.create_table(
        "items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("blobs.sha256"), nullable=False,
                  index=True),
        sa.Column("original_name", sa.Text, nullable=False),
        sa.Column("original_path", sa.Text),
        sa.Column("file_modified", T),
        sa.Column("file_changed", T),
        sa.Column("resume_key", sa.String(255), index=True),
        sa.Column("acquired_at", T, nullable=False, index=True),
        sa.Column("acquired_by", sa.String(255), nullable=False),
        sa.Column("collected_by", sa.String(255)),
        sa.Column("source", sa.String(255), index=True),
        sa.Column("method", sa.String(32), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("classification", sa.String(32), nullable=False, index=True),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("items.id"), index=True),
        sa.Column("relation", sa.String(32)),
        sa.Column("custody_seq", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "item_tags",
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id"), primary_key=True),
        sa.Column("tag", sa.String(255), primary_key=True, index=True),
    )
    op.create_table(
        "derivatives",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source_sha256", sa.String(64), sa.ForeignKey("blobs.sha256"),
                  nullable=False, index=True),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("blobs.sha256"), nullable=False,
                  index=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("label", sa.String(255), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("media_type", sa.String(255), nullable=False),
        sa.Column("tool", sa.String(255), nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("created_at", T, nullable=False),
        sa.Column("custody_seq", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "members",
        sa.Column("parent_sha256", sa.String(64), sa.ForeignKey("blobs.sha256"),
                  primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("child_sha256", sa.String(64), sa.ForeignKey("blobs.sha256"),
                  nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("relation", sa.String(32), nullable=False),
        sa.Column("modified", T),
    )
    op.create_table(
        "custody",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("time", T, nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("item_id", sa.Integer, index=True),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("signature", sa.String(128), nullable=False),
        sa.Column("key_id", sa.String(32), nullable=False),
    )
    op.create_table(
        "verify_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", T, nullable=False),
        sa.Column("finished_at", T, nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("items_checked", sa.Integer, nullable=False),
        sa.Column("entries_checked", sa.Integer, nullable=False),
        sa.Column("blobs_checked", sa.Integer, nullable=False),
        sa.Column("problems", sa.Text, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER custody_no_{verb.lower()} BEFORE {verb} ON custody "
                "BEGIN SELECT RAISE(ABORT, 'custody entries are append-only'); END"
            )
        # Contentless: the index holds folded terms only; rowid = derivative id.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='', "
            "tokenize='unicode61 remove_diacritics 2')"
        )
    else:
        op.execute(
            "CREATE FUNCTION gavah_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'custody entries are append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER custody_no_change BEFORE UPDATE OR DELETE ON custody "
            "FOR EACH ROW EXECUTE FUNCTION gavah_append_only()"
        )
        op.execute(
            "CREATE TRIGGER custody_no_truncate BEFORE TRUNCATE ON custody "
            "FOR EACH STATEMENT EXECUTE FUNCTION gavah_append_only()"
        )
        op.create_table(
            "search_docs",
            sa.Column("derivative_id", sa.Integer, sa.ForeignKey("derivatives.id"),
                      primary_key=True),
            sa.Column("chunk", sa.Integer, primary_key=True),
            sa.Column("tsv", sa.dialects.postgresql.TSVECTOR, nullable=False),
        )
        op.execute("CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)")


def downgrade() -> None:
    raise NotImplementedError("gavah never downgrades an evidence store")
