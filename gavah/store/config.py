"""A workspace's own files: its config.json, and where its database and blobs are. No
database library is imported here: the fast read path opens workspaces too."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gavah.core.errors import BadInput

if TYPE_CHECKING:
    from gavah.store.blobs import BlobStore

CONFIG = "config.json"
ENV_DATABASE_URL = "GAVAH_DATABASE_URL"


def default_database_url(home: Path) -> str:
    return f"sqlite:///{(home / 'gavah.db').resolve()}"


def database_url(home: Path, config: dict[str, Any], given: str | None) -> str:
    """The URL given, else GAVAH_DATABASE_URL, else the config's, else the SQLite file."""
    return given or os.environ.get(ENV_DATABASE_URL) or config.get(
        "database_url") or default_database_url(home)


def read_config(home: Path) -> dict[str, Any]:
    path = home / CONFIG
    try:
        return dict(json.loads(path.read_text()))
    except FileNotFoundError:
        return {}
    except ValueError as exc:
        raise BadInput(f"{path} is not valid JSON: {exc}") from None


def write_config(home: Path, config: dict[str, Any]) -> None:
    path = home / CONFIG
    temp = path.with_suffix(".tmp")
    # The config may hold a database URL with a password: owner-only.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump(config, out, indent=2, sort_keys=True)
    os.replace(temp, path)


def owner_only(home: Path) -> None:
    """The workspace folder is its owner's alone (0700): the database, the originals and
    the keys below it are then out of every other local user's reach, whatever modes
    the files themselves were made with."""
    try:
        if home.stat().st_uid == os.geteuid() and home.stat().st_mode & 0o077:
            home.chmod(0o700)
    except OSError:  # a folder we may read but not change (a shared mount): left alone
        pass


def open_blobs(location: str) -> BlobStore:
    from gavah.store.blobs import open_store  # its sealing loads cryptography

    try:
        return open_store(location)
    except ImportError:
        raise BadInput(f"blobs in {location} need the S3 client: install gavah[s3]",
                       field="blobs") from None


def require_workspace(home: Path) -> None:
    """BadInput unless `home` holds a workspace (its config)."""
    if not (home / CONFIG).is_file():
        raise BadInput(f"no gavah workspace at {home}; create one with `gavah init`")


def schema_mismatch(current: str | None, head: str) -> BadInput:
    return BadInput(f"the workspace database is at schema {current}, this gavah needs "
                    f"{head}; run `gavah init` to upgrade it")
