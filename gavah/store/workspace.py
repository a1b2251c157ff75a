"""A workspace: one folder holding config, keys, blobs and (by default) the SQLite
database. With a PostgreSQL URL the database lives on the server instead."""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from gavah.core.custody import Signer, key_id, utc_now
from gavah.core.errors import BadInput
from gavah.store import datakey, keys, migrate
from gavah.store.audit import AuditWriter
from gavah.store.blobs import S3_SCHEME, BlobStore
from gavah.store.cache import Cache
from gavah.store.config import (  # noqa: F401  (CONFIG and the URLs: importers' names)
    CONFIG,
    ENV_DATABASE_URL,
    default_database_url,
    open_blobs,
    owner_only,
    read_config,
    require_workspace,
    schema_mismatch,
    write_config,
)
from gavah.store.config import database_url as _database_url
from gavah.store.custody import CustodyLog
from gavah.store.datakey import DataKey
from gavah.store.db import Database
from gavah.store.pkcs11_signer import Pkcs11Signer, TokenError, TokenKey, pin_from_env
from gavah.store.tables import Meta

SIGNER = "signer"  # config: where the signing key is when not in keys/ (a PKCS#11 token)
# config: a rotation's token key (with its key id and public key) until it is recorded
PENDING_SIGNER = "signer_pending"
SCRATCH = Path("blobs") / ".incoming"  # local temp files, whatever store holds the blobs


def open_token_signer(token: TokenKey, create: bool = False) -> Pkcs11Signer:
    return Pkcs11Signer(token, pin_from_env(), create=create)


def _token_public(home: Path, config: dict[str, Any], token: TokenKey,
                  ) -> tuple[Ed25519PublicKey, bool]:
    """The token key's public half (made on the token when absent) and whether it was
    made; refused when the workspace already signs with another key."""
    current = config.get(SIGNER)
    if (home / "keys" / keys.PRIVATE).exists() or (
            current is not None and TokenKey.from_config(current) != token):
        raise BadInput("this workspace already has a signing key: move it onto the token "
                       "with `gavah keys rotate` and the same --pkcs11 options",
                       field="pkcs11_module")
    signer = open_token_signer(token, create=True)
    signer.close()
    return signer.public_key, signer.created


@dataclass
class InitResult:
    created: bool
    schema_before: str | None
    schema_after: str | None
    key_created: bool


def _check_blobs(location: str, current: str | None) -> str:
    """An s3:// location, the same as the workspace's if it has one already."""
    from gavah.store.blobs import s3

    try:
        bucket, prefix = s3.parse(location)
    except ValueError as exc:
        raise BadInput(f"{exc}", field="blobs") from None
    location = f"{S3_SCHEME}{bucket}/{prefix}".rstrip("/")
    if current is not None and current != location:
        raise BadInput(f"this workspace keeps its blobs in {current}, not {location}; "
                       "copy them with `gavah blobs copy` first", field="blobs")
    return location


class Workspace:
    def __init__(self, home: Path, database_url: str | None = None,
                 passphrase: bytes | None = None) -> None:
        self.home = Path(home)
        self.passphrase = passphrase  # else GAVAH_KEY_PASSPHRASE, read when the key is
        self.config = read_config(self.home)
        self.db = Database(_database_url(self.home, self.config, database_url))
        self.blobs_location = str(self.config.get("blobs") or self.home / "blobs")
        self.blobs: BlobStore = open_blobs(self.blobs_location)
        self.data_key = DataKey(self.home / "keys", self.key_passphrase)
        self.blobs.data_key = self.data_key
        self.scratch = self.home / SCRATCH
        self.custody = CustodyLog(self._load_signer, self.home / "custody.head")
        self.audit = AuditWriter(self.db, self.custody)  # recorded reads, group-committed
        self.cache = Cache(self.db, writer=self.audit)  # computed values, in memory and shared

    @classmethod
    def init(cls, home: Path, database_url: str | None = None, blobs: str | None = None,
             passphrase: bytes | None = None, token: TokenKey | None = None,
             ) -> tuple[Workspace, InitResult]:
        """Create the workspace, or upgrade an existing one; never wipe anything. `blobs`
        (s3://BUCKET/PREFIX) keeps the blobs in object storage instead of the folder.
        `passphrase` protects the signing key and the blobs' data key (an existing key
        without one is protected from then on). `token`: the signing key is (or is made)
        on this PKCS#11 token instead of in keys/, its PIN in GAVAH_PKCS11_PIN."""
        home = Path(home)
        config = read_config(home)
        if blobs is not None:
            blobs = _check_blobs(blobs, config.get("blobs"))
        # The token is opened (and its key made) before anything is written.
        token_public = _token_public(home, config, token) if token else None
        created = not config
        if created:
            config = {"workspace_id": str(uuid.uuid4()), "created_at": utc_now()}
        if database_url:
            config["database_url"] = database_url
        if blobs:
            open_blobs(blobs).ensure()  # reachable before the config names it
            config["blobs"] = blobs
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        owner_only(home)
        if token is not None and token_public is not None:
            config[SIGNER] = token.to_config()
            keys.write_public(home / "keys", token_public[0])
        write_config(home, config)
        was_protected = keys.is_protected(home / "keys")
        if config.get(SIGNER) is None:
            key_created = keys.create(home / "keys", passphrase)
        else:
            key_created = token_public[1] if token_public else False
        if passphrase and config.get(SIGNER) is not None:
            # The token's PIN guards the signing key; the passphrase guards the data key,
            # made now so that it is wrapped from the first original it seals.
            datakey.create(home / "keys", passphrase)
        elif passphrase and not was_protected:
            datakey.protect(home / "keys", passphrase)
        workspace = cls(home, database_url, passphrase)
        workspace.blobs.ensure()
        workspace.scratch.mkdir(parents=True, exist_ok=True)
        before, after = migrate.upgrade(workspace.db)
        for name in ("gavah.db", "gavah.db-wal", "gavah.db-shm"):
            if (home / name).exists():
                (home / name).chmod(0o600)
        with workspace.db.write() as session:
            if session.get(Meta, "workspace_id") is None:
                session.add(Meta(key="workspace_id", value=config["workspace_id"]))
        return workspace, InitResult(created, before, after, key_created)

    @classmethod
    def open(cls, home: Path, database_url: str | None = None) -> Workspace:
        home = Path(home)
        require_workspace(home)
        owner_only(home)
        workspace = cls(home, database_url)
        current = migrate.current_revision(workspace.db)
        if current != migrate.HEAD:
            raise schema_mismatch(current, migrate.HEAD)
        return workspace

    def use_blobs(self, location: str) -> None:
        """Keep the blobs at `location` from now on (after they were copied there)."""
        self.config = read_config(self.home) | {"blobs": location}
        write_config(self.home, self.config)
        self.blobs_location = location
        self.blobs = open_blobs(location)
        self.blobs.data_key = self.data_key

    @property
    def workspace_id(self) -> str:
        return str(self.config.get("workspace_id", ""))

    def key_passphrase(self) -> bytes | None:
        return self.passphrase or keys.passphrase_from_env()

    def token_key(self) -> TokenKey | None:
        """The PKCS#11 token the signing key is on; None when it is the file in keys/."""
        value = self.config.get(SIGNER)
        return None if value is None else TokenKey.from_config(value)

    def update_config(self, **changes: Any) -> None:
        """Set (or, with None, remove) top-level config entries, atomically."""
        config = read_config(self.home) | changes
        self.config = {k: v for k, v in config.items() if v is not None}
        write_config(self.home, self.config)

    def _load_signer(self) -> Signer:
        folder = self.home / "keys"
        if (folder / keys.PENDING).exists() or self.config.get(PENDING_SIGNER) is not None:
            self._settle_rotation()
        token = self.token_key()
        if token is None:
            return Signer(keys.load_private(folder, self.key_passphrase()))
        signer = open_token_signer(token)
        expected = key_id(keys.load_public(folder))
        if signer.key_id != expected:
            signer.close()
            raise TokenError(f"the {token} is key {signer.key_id}, but this workspace signs "
                             f"with key {expected}", field="pkcs11_key")
        return signer

    def _settle_rotation(self) -> None:
        """Finish a rotation whose entry the log holds, or drop one it never recorded."""
        from gavah.store.custody import last_rotation

        folder = self.home / "keys"
        with self.db.read() as session:
            rotated_to = last_rotation(session)
        staged = self.config.get(PENDING_SIGNER)
        if staged is not None:  # settled without the token: the config has the public key
            token = TokenKey.from_config(staged)
            if rotated_to is not None and rotated_to == staged.get("key_id"):
                public = Ed25519PublicKey.from_public_bytes(
                    base64.b64decode(str(staged.get("public_key", ""))))
                keys.finish_rotation(folder, public, from_pending=False)  # then the config
                self.update_config(signer=token.to_config(), signer_pending=None)
            else:
                self.update_config(signer_pending=None)
        pending = keys.pending_key(folder, self.key_passphrase())
        if pending is not None:
            if rotated_to == key_id(pending.public_key()):
                self.update_config(signer=None)  # off a token: the config first, then keys
                keys.finish_rotation(folder, pending.public_key())
            else:
                keys.drop_pending(folder)
        self.__dict__.pop("public_key", None)

    @cached_property
    def public_key(self) -> Ed25519PublicKey:
        return keys.load_public(self.home / "keys")

    def key_ring(self) -> dict[str, Ed25519PublicKey]:
        """Every public key this workspace has signed with, by key id."""
        return keys.ring(self.home / "keys")

    def public_key_pem(self) -> bytes:
        return keys.public_pem(self.public_key)

    def close(self) -> None:
        self.custody.release_signer()
        self.db.dispose()
