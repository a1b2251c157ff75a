"""Sources, entities, events and attributed claims (issue 3).

Generated with Alembic autogenerate from gavah/store/claim_tables.py, then frozen.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('entities',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('caption', sa.Text(), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('properties', sa.Text(), nullable=False),
    sa.Column('classification', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('created_by', sa.String(length=255), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_entities_type'), 'entities', ['type'], unique=False)
    op.create_table('entity_identifiers',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('scheme', sa.String(length=64), nullable=False),
    sa.Column('value', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_entity_identifiers_entity_id'), 'entity_identifiers', ['entity_id'], unique=False)
    op.create_index(op.f('ix_entity_identifiers_value'), 'entity_identifiers', ['value'], unique=False)
    op.create_table('entity_judgements',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('winner_id', sa.Integer(), nullable=False),
    sa.Column('loser_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('decided_by', sa.String(length=255), nullable=False),
    sa.Column('decided_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['loser_id'], ['entities.id'], ),
    sa.ForeignKeyConstraint(['winner_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('entity_names',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('script', sa.String(length=16), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_entity_names_entity_id'), 'entity_names', ['entity_id'], unique=False)
    op.create_index(op.f('ix_entity_names_key'), 'entity_names', ['key'], unique=False)
    op.create_table('events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('act_type', sa.String(length=32), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('date_start', sa.String(length=32), nullable=True),
    sa.Column('date_end', sa.String(length=32), nullable=True),
    sa.Column('precision', sa.String(length=16), nullable=True),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('victims_count', sa.Integer(), nullable=True),
    sa.Column('victims_qualifier', sa.String(length=16), nullable=True),
    sa.Column('classification', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('created_by', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['place_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_events_act_type'), 'events', ['act_type'], unique=False)
    op.create_table('positions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Text(), nullable=False),
    sa.Column('start', sa.String(length=32), nullable=True),
    sa.Column('end', sa.String(length=32), nullable=True),
    sa.Column('start_precision', sa.String(length=16), nullable=True),
    sa.Column('end_precision', sa.String(length=16), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('created_by', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['entities.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_positions_organization_id'), 'positions', ['organization_id'], unique=False)
    op.create_index(op.f('ix_positions_person_id'), 'positions', ['person_id'], unique=False)
    op.create_table('sources',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('affiliation', sa.String(length=16), nullable=False),
    sa.Column('aligned_with', sa.String(length=255), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('classification', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('created_by', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key'),
    sa.UniqueConstraint('name')
    )
    op.create_table('claim_runs',
    sa.Column('derivative_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('extractor', sa.String(length=64), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('flags', sa.Text(), nullable=False),
    sa.Column('ran_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['derivative_id'], ['derivatives.id'], ),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ),
    sa.PrimaryKeyConstraint('derivative_id')
    )
    op.create_index(op.f('ix_claim_runs_item_id'), 'claim_runs', ['item_id'], unique=False)
    op.create_table('claims',
    sa.Column('id', sa.String(length=24), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('derivative_id', sa.Integer(), nullable=False),
    sa.Column('text_sha256', sa.String(length=64), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('speaker', sa.Text(), nullable=True),
    sa.Column('speaker_source_id', sa.Integer(), nullable=True),
    sa.Column('speaker_entity_id', sa.Integer(), nullable=True),
    sa.Column('publisher', sa.Text(), nullable=True),
    sa.Column('publisher_source_id', sa.Integer(), nullable=True),
    sa.Column('attribution', sa.Text(), nullable=False),
    sa.Column('figure', sa.Text(), nullable=True),
    sa.Column('figure_min', sa.Float(), nullable=True),
    sa.Column('figure_max', sa.Float(), nullable=True),
    sa.Column('counts_key', sa.String(length=255), nullable=True),
    sa.Column('statement_date', sa.String(length=32), nullable=True),
    sa.Column('statement_precision', sa.String(length=16), nullable=True),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('credibility', sa.String(length=1), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('flags', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['derivative_id'], ['derivatives.id'], ),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ),
    sa.ForeignKeyConstraint(['publisher_source_id'], ['sources.id'], ),
    sa.ForeignKeyConstraint(['speaker_entity_id'], ['entities.id'], ),
    sa.ForeignKeyConstraint(['speaker_source_id'], ['sources.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_claims_counts_key'), 'claims', ['counts_key'], unique=False)
    op.create_index(op.f('ix_claims_item_id'), 'claims', ['item_id'], unique=False)
    op.create_index(op.f('ix_claims_kind'), 'claims', ['kind'], unique=False)
    op.create_index(op.f('ix_claims_speaker_source_id'), 'claims', ['speaker_source_id'], unique=False)
    op.create_index(op.f('ix_claims_status'), 'claims', ['status'], unique=False)
    op.create_table('event_participants',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=16), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_event_participants_entity_id'), 'event_participants', ['entity_id'], unique=False)
    op.create_index(op.f('ix_event_participants_event_id'), 'event_participants', ['event_id'], unique=False)
    op.create_table('mentions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('derivative_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['derivative_id'], ['derivatives.id'], ),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_mentions_entity_id'), 'mentions', ['entity_id'], unique=False)
    op.create_index(op.f('ix_mentions_item_id'), 'mentions', ['item_id'], unique=False)
    op.create_table('source_grades',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('grade', sa.String(length=1), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('grader', sa.String(length=255), nullable=False),
    sa.Column('graded_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_source_grades_source_id'), 'source_grades', ['source_id'], unique=False)
    op.create_table('claim_about',
    sa.Column('claim_id', sa.String(length=24), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], ),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('claim_id', 'entity_id')
    )
    op.create_index(op.f('ix_claim_about_entity_id'), 'claim_about', ['entity_id'], unique=False)
    op.create_table('claim_reviews',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('claim_id', sa.String(length=24), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('reviewer', sa.String(length=255), nullable=False),
    sa.Column('reviewed_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_claim_reviews_claim_id'), 'claim_reviews', ['claim_id'], unique=False)
    op.create_table('event_claims',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.String(length=24), nullable=False),
    sa.Column('stance', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], ),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ),
    sa.PrimaryKeyConstraint('event_id', 'claim_id')
    )
    op.create_index(op.f('ix_event_claims_claim_id'), 'event_claims', ['claim_id'], unique=False)


def downgrade() -> None:
    raise NotImplementedError("gavah never downgrades an evidence store")
