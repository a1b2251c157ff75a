"""Victim records, lists, linkage runs and review decisions (issue 5)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

T = sa.String(32)  # ISO 8601 UTC time


def _dates(prefix: str) -> list[sa.Column]:
    return [
        sa.Column(prefix, sa.Text),
        sa.Column(f"{prefix}_start", sa.String(10)),
        sa.Column(f"{prefix}_end", sa.String(10)),
        sa.Column(f"{prefix}_precision", sa.String(16)),
        sa.Column(f"{prefix}_calendar", sa.String(16)),
    ]


def upgrade() -> None:
    op.create_table(
        "victim_lists",
        sa.Column("name", sa.String(255), primary_key=True),
        sa.Column("source", sa.String(255), nullable=False),
        sa.Column("created_at", T, nullable=False),
        sa.Column("created_by", sa.String(255), nullable=False),
    )
    op.create_table(
        "victim_imports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("list_name", sa.String(255), sa.ForeignKey("victim_lists.name"),
                  nullable=False, index=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id"), nullable=False, index=True),
        sa.Column("source", sa.String(255), nullable=False),
        sa.Column("imported_at", T, nullable=False),
        sa.Column("imported_by", sa.String(255), nullable=False),
        sa.Column("file_format", sa.String(16), nullable=False),
        sa.Column("mapping_json", sa.Text, nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        sa.Column("already", sa.Integer, nullable=False),
        sa.Column("rejected", sa.Integer, nullable=False),
        sa.Column("custody_seq", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "victim_records",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("list_name", sa.String(255), sa.ForeignKey("victim_lists.name"),
                  nullable=False, index=True),
        sa.Column("record_key", sa.String(300), nullable=False),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("victim_imports.id"), nullable=False,
                  index=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id"), nullable=False, index=True),
        sa.Column("row_number", sa.Integer, nullable=False),
        sa.Column("source_ref", sa.String(255)),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_folded", sa.Text, nullable=False, index=True),
        sa.Column("name_latin", sa.Text, nullable=False),
        sa.Column("script", sa.String(16), nullable=False),
        sa.Column("father_name", sa.Text),
        sa.Column("sex", sa.String(16)),
        sa.Column("age", sa.Integer),
        sa.Column("birth_year", sa.Integer),
        sa.Column("birth_year_calendar", sa.String(16)),
        *_dates("arrest_date"),
        sa.Column("arrest_place", sa.Text),
        *_dates("death_date"),
        sa.Column("death_place", sa.Text),
        sa.Column("prison", sa.Text),
        sa.Column("affiliation", sa.Text),
        sa.Column("notes", sa.Text),
        sa.Column("extra_json", sa.Text, nullable=False),
        sa.Column("warnings_json", sa.Text, nullable=False),
        sa.Column("created_at", T, nullable=False),
        sa.Column("person_id", sa.Integer, index=True),
        sa.Column("link_run_id", sa.Integer),
    )
    op.create_index("ux_victim_records_key", "victim_records", ["list_name", "record_key"],
                    unique=True)
    op.create_table(
        "victim_rejects",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("list_name", sa.String(255), sa.ForeignKey("victim_lists.name"),
                  nullable=False, index=True),
        sa.Column("record_key", sa.String(300), nullable=False),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("victim_imports.id"), nullable=False,
                  index=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id"), nullable=False),
        sa.Column("row_number", sa.Integer, nullable=False),
        sa.Column("raw_json", sa.Text, nullable=False),
        sa.Column("problems_json", sa.Text, nullable=False),
        sa.Column("created_at", T, nullable=False),
    )
    op.create_index("ix_victim_rejects_key", "victim_rejects", ["list_name", "record_key"])
    op.create_table(
        "victim_link_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", T, nullable=False),
        sa.Column("finished_at", T, nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("backend", sa.String(16), nullable=False),
        sa.Column("splink_version", sa.String(32), nullable=False),
        sa.Column("threshold", sa.Float, nullable=False),
        sa.Column("review_low", sa.Float, nullable=False),
        sa.Column("review_high", sa.Float, nullable=False),
        sa.Column("parameters_json", sa.Text, nullable=False),
        sa.Column("settings_json", sa.Text, nullable=False),
        sa.Column("input_sha256", sa.String(64), nullable=False),
        sa.Column("records", sa.Integer, nullable=False),
        sa.Column("pairs", sa.Integer, nullable=False),
        sa.Column("persons", sa.Integer, nullable=False),
        sa.Column("review", sa.Integer, nullable=False),
        sa.Column("warnings_json", sa.Text, nullable=False),
        sa.Column("custody_seq", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "victim_link_pairs",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("victim_link_runs.id"), primary_key=True),
        sa.Column("record_a", sa.Integer, primary_key=True),
        sa.Column("record_b", sa.Integer, primary_key=True),
        sa.Column("probability", sa.Float, nullable=False),
        sa.Column("match_weight", sa.Float, nullable=False),
        sa.Column("in_review", sa.Boolean, nullable=False),
    )
    op.create_index("ix_victim_link_pairs_review", "victim_link_pairs", ["run_id", "in_review"])
    op.create_table(
        "victim_link_clusters",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("victim_link_runs.id"), primary_key=True),
        sa.Column("record_id", sa.Integer, sa.ForeignKey("victim_records.id"), primary_key=True),
        sa.Column("person_id", sa.Integer, nullable=False),
    )
    op.create_table(
        "victim_link_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_a", sa.Integer, sa.ForeignKey("victim_records.id"), nullable=False),
        sa.Column("record_b", sa.Integer, sa.ForeignKey("victim_records.id"), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("decided_at", T, nullable=False),
        sa.Column("run_id", sa.Integer),
        sa.Column("probability", sa.Float),
        sa.Column("custody_seq", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_victim_link_decisions_pair", "victim_link_decisions",
                    ["record_a", "record_b"])
    # Reviewers' decisions are evidence of who decided what: append-only, like custody.
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER victim_decisions_no_{verb.lower()} BEFORE {verb} ON "
                "victim_link_decisions BEGIN SELECT RAISE(ABORT, "
                "'review decisions are append-only'); END"
            )
    else:
        # gavah_append_only() was created by revision 0001.
        op.execute(
            "CREATE TRIGGER victim_decisions_no_change BEFORE UPDATE OR DELETE ON "
            "victim_link_decisions FOR EACH ROW EXECUTE FUNCTION gavah_append_only()"
        )
        op.execute(
            "CREATE TRIGGER victim_decisions_no_truncate BEFORE TRUNCATE ON "
            "victim_link_decisions FOR EACH STATEMENT EXECUTE FUNCTION gavah_append_only()"
        )


def downgrade() -> None:
    raise NotImplementedError("gavah never downgrades an evidence store")
