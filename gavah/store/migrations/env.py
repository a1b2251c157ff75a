"""Alembic environment: gavah passes an open connection in config.attributes."""

from alembic import context

# Registering every table module on Base, so autogenerate sees the whole schema.
import gavah.store.account_tables
import gavah.store.capture_tables
import gavah.store.case_tables
import gavah.store.claim_tables
import gavah.store.timestamp_tables
import gavah.store.victim_tables  # noqa: F401
from gavah.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
