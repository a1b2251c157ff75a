"""Stable pseudonyms for protected persons in everything a package holds.

A pseudonym is an HMAC of the entity id under a secret only the workspace key can make
(the key's deterministic Ed25519 signature of a fixed label), so the same person has the
same pseudonym in every package of the workspace, and the mapping never leaves it."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from gavah.store import entities as entity_store
from gavah.store import protection
from gavah.store.workspace import Workspace

LABEL = b"gavah pseudonyms of protected persons v1"


@dataclass
class Pseudonyms:
    # (name as written, pseudonym), longest name first so no name is cut in two
    names: list[tuple[str, str]] = field(default_factory=list)
    ftm_ids: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.names)

    def text(self, value: str) -> tuple[str, int]:
        """The text with every protected name replaced, and how many were."""
        hidden = 0
        for name, pseudonym in self.names:
            if name in value:
                hidden += value.count(name)
                value = value.replace(name, pseudonym)
        return value, hidden

    def apply(self, value: Any) -> Any:
        if not self.names and not self.ftm_ids:
            return value  # no one to hide: nothing to copy
        if isinstance(value, str):
            return self.ftm_ids.get(value) or self.text(value)[0]
        if isinstance(value, dict):
            return {self.apply(k): self.apply(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.apply(v) for v in value]
        return value


def pseudonym(secret: bytes, entity_id: int) -> str:
    digest = hmac.new(secret, str(entity_id).encode(), hashlib.sha256).hexdigest()
    return f"Protected person {digest[:8].upper()}"


def load(ws: Workspace, extra: Iterable[int] = ()) -> Pseudonyms:
    with ws.db.read() as session:
        ids = sorted(protection.protected_ids(session) | set(extra))
        names = entity_store.names_of(session, ids) if ids else {}
        captions = {i: e.caption for i in ids
                    if (e := entity_store.get(session, i, follow=False)) is not None}
    if not ids:
        return Pseudonyms()
    secret = hashlib.sha256(ws.custody.signer.sign(LABEL)).digest()
    pairs = set()
    found = Pseudonyms()
    for entity_id in ids:
        alias = pseudonym(secret, entity_id)
        for name in [captions.get(entity_id, ""), *(n.name for n in names.get(entity_id, []))]:
            if name.strip():
                pairs.add((name, alias))
        found.ftm_ids[f"gavah-{ws.workspace_id[:8]}-e{entity_id}"] = (
            f"gavah-{ws.workspace_id[:8]}-x{alias.rsplit(' ', 1)[-1].lower()}")
    found.names = sorted(pairs, key=lambda p: -len(p[0]))
    return found
