"""Schema upgrades with Alembic; `gavah init` on an existing workspace upgrades it."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from gavah.store.db import Database

SCRIPTS = "gavah.store:migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPTS)
    return config


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_config()).get_current_head()


def upgrade(db: Database) -> tuple[str | None, str | None]:
    """Bring the schema to the newest revision; return (before, after)."""
    before = current_revision(db)
    config = _config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return before, current_revision(db)
