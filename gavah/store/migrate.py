"""Schema upgrades with Alembic; `gavah init` on an existing workspace upgrades it."""

from __future__ import annotations

from typing import Any

from gavah.store.db import Database

SCRIPTS = "gavah.store:migrations"
HEAD = "0013_webauthn"  # the newest revision; a test checks it against the migration scripts


# Alembic is imported inside the functions: it is slow to import, and only `init`
# and the schema check at open need it.


def _config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPTS)
    return config


def current_revision(db: Database) -> str | None:
    from sqlalchemy import inspect, text

    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


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
