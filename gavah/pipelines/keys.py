"""Rotating the workspace signing key. The `key-rotated` entry is signed by the old key
and co-signed by the new one (gavah.core.custody); every later entry is signed by the
new key, and verify follows the handover."""

from __future__ import annotations

from dataclasses import dataclass

from gavah.core.custody import KEY_ROTATED, NEW_PUBLIC_KEY, key_id, raw_public
from gavah.store import keys
from gavah.store.workspace import Workspace


@dataclass(frozen=True)
class Rotation:
    old_key_id: str
    new_key_id: str
    seq: int


def rotate(ws: Workspace, actor: str, reason: str = "") -> Rotation:
    folder = ws.home / "keys"
    old = ws.custody.signer  # opens the current key (and settles an interrupted rotation)
    protected = keys.is_protected(folder)
    new = keys.stage_next(folder, ws.key_passphrase() if protected else None)
    new_id = key_id(new.public_key())
    try:
        with ws.db.write() as session:
            entry = ws.custody.append(
                session, actor, KEY_ROTATED, None,
                {"old_key_id": old.key_id, "new_key_id": new_id,
                 "old_public_key": raw_public(old.public_key),
                 NEW_PUBLIC_KEY: raw_public(new.public_key()), "reason": reason},
                reaches=[], cosigner=new)
    except BaseException:
        keys.drop_pending(folder)
        ws.custody.forget_signer()
        raise
    keys.finish_rotation(folder, new.public_key())
    ws.__dict__.pop("public_key", None)
    return Rotation(old.key_id, new_id, entry.seq)
