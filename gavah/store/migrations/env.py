"""Alembic environment: gavah passes an open connection in config.attributes."""

from alembic import context

import gavah.store.claim_tables  # noqa: F401 - registers the tables on Base
from gavah.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
