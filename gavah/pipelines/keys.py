"""Rotating the workspace signing key. The `key-rotated` entry is signed by the old key
and co-signed by the new one (gavah.core.custody); every later entry is signed by the
new key, and verify follows the handover. The new key is a file in keys/, or a key on
a PKCS#11 token (made there when the token has none by that label)."""

from __future__ import annotations

from dataclasses import dataclass

from gavah.core.custody import KEY_ROTATED, NEW_PUBLIC_KEY, Signer, raw_public
from gavah.core.errors import BadInput
from gavah.store import keys
from gavah.store.pkcs11_signer import TokenKey
from gavah.store.workspace import PENDING_SIGNER, Workspace, open_token_signer


@dataclass(frozen=True)
class Rotation:
    old_key_id: str
    new_key_id: str
    seq: int
    token: str | None = None  # the new key's token label, when it is on one


def rotate(ws: Workspace, actor: str, reason: str = "", onto: TokenKey | None = None,
           ) -> Rotation:
    folder = ws.home / "keys"
    old = ws.custody.signer  # opens the current key (and settles an interrupted rotation)
    new: Signer
    if onto is not None:
        on_token = open_token_signer(onto, create=True)
        if on_token.key_id == old.key_id:
            on_token.close()
            raise BadInput(f"the workspace already signs with the {onto}", field="pkcs11_key")
        ws.update_config(**{PENDING_SIGNER: onto.to_config() | {
            "key_id": on_token.key_id, "public_key": raw_public(on_token.public_key)}})
        new = on_token
    else:
        protected = keys.is_protected(folder)
        new = Signer(keys.stage_next(folder, ws.key_passphrase() if protected else None))
    try:
        with ws.db.write() as session:
            entry = ws.custody.append(
                session, actor, KEY_ROTATED, None,
                {"old_key_id": old.key_id, "new_key_id": new.key_id,
                 "old_public_key": raw_public(old.public_key),
                 NEW_PUBLIC_KEY: raw_public(new.public_key), "reason": reason},
                reaches=[], cosigner=new)
    except BaseException:
        if onto is not None:
            ws.update_config(**{PENDING_SIGNER: None})
        else:
            keys.drop_pending(folder)
        ws.custody.forget_signer()
        raise
    if onto is not None:  # the public half first, then the config names the token
        keys.finish_rotation(folder, new.public_key, from_pending=False)
        ws.update_config(**{"signer": onto.to_config(), PENDING_SIGNER: None})
    else:  # off a token (if it was on one): the config first, then the key file
        ws.update_config(signer=None)
        keys.finish_rotation(folder, new.public_key)
    close = getattr(old, "close", None)
    if close is not None:
        close()
    ws.__dict__.pop("public_key", None)
    return Rotation(old.key_id, new.key_id, entry.seq, onto.token if onto else None)
