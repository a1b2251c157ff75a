"""Schema upgrades with Alembic; `gavah init` on an existing workspace upgrades it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # importing HEAD (the fast read path) must not load SQLAlchemy
    from gavah.store.db import Database

SCRIPTS = "gavah.store:migrations"
# The newest revision; a test checks it against the migration scripts.
HEAD = "0015_media_type_index"


# Alembic is imported inside the functions: it is slow to import, and only `init`
# and the schema check at open need it.


def _config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPTS)
    return config


# Whether the revision table exists, asked of the catalogue directly: SQLAlchemy's
# inspector compiles its reflection queries first, a cost every command paid at open.
_HAS_VERSION_TABLE = {
    "sqlite": "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'",
    "postgresql": "SELECT 1 WHERE to_regclass('alembic_version') IS NOT NULL",
}


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        if connection.exec_driver_sql(_HAS_VERSION_TABLE[db.dialect]).scalar() is None:
            return None
        revision = connection.exec_driver_sql(
            "SELECT version_num FROM alembic_version").scalar()
        return None if revision is None else str(revision)


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def upgrade(db: Database) -> tuple[str | None, str | None]:
    """Bring the schema to the newest revision; return (before, after)."""
    from alembic import command

    before = current_revision(db)
    config = _config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return before, current_revision(db)
