"""A workspace opened for reading on the DB-API: what Workspace.open checks (the
folder, its config, the schema revision) and the parts a reader needs (blobs, public
keys, the custody head file), each made when first used."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from gavah.store import config as ws_config
from gavah.store.fastread.connection import Connection, connect, schema_revision
from gavah.store.migrate import HEAD

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from gavah.store.blobs import BlobStore


class ReadWorkspace:
    def __init__(self, home: Path, config: dict[str, object], conn: Connection,
                 blobs_location: str) -> None:
        self.home = home
        self.config = config
        self.conn = conn
        self.blobs_location = blobs_location
        self.head_path = home / "custody.head"

    @cached_property
    def blobs(self) -> BlobStore:
        from gavah.store import keys
        from gavah.store.datakey import DataKey

        store = ws_config.open_blobs(self.blobs_location)
        store.data_key = DataKey(self.home / "keys", keys.passphrase_from_env)
        return store

    @cached_property
    def public_key(self) -> Ed25519PublicKey:
        from gavah.store import keys

        return keys.load_public(self.home / "keys")

    def key_ring(self) -> dict[str, Ed25519PublicKey]:
        from gavah.store import keys

        return keys.ring(self.home / "keys")

    def close(self) -> None:
        self.conn.close()


def open_workspace(home: Path, database_url: str | None = None) -> ReadWorkspace | None:
    """The workspace at `home` on the DB-API, checked as Workspace.open checks it; None
    when its database is one only the ORM path opens (the caller opens it that way)."""
    home = Path(home)
    ws_config.require_workspace(home)
    ws_config.owner_only(home)
    config = ws_config.read_config(home)
    conn = connect(ws_config.database_url(home, config, database_url))
    if conn is None:
        return None
    location = str(config.get("blobs") or home / "blobs")
    try:
        if location.startswith("s3://"):  # as Workspace.open: refused without boto3
            ws_config.open_blobs(location)
        current = schema_revision(conn)
    except BaseException:
        conn.close()
        raise
    if current != HEAD:
        conn.close()
        raise ws_config.schema_mismatch(current, HEAD)
    return ReadWorkspace(home, config, conn, location)
