"""Key rotation in the custody chain: the handover needs both keys, later entries the
new one, and the chain must end with the key the workspace signs with."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.core.custody import (
    GENESIS,
    KEY_ROTATED,
    NEW_PUBLIC_KEY,
    Entry,
    Problem,
    Signer,
    check_chain,
    cosign,
    key_id,
    raw_public,
)


def _entry(prev: Entry | None, action: str = "annotated", details: dict | None = None
           ) -> Entry:  # type: ignore[type-arg]
    return Entry(seq=1 if prev is None else prev.seq + 1, time="2026-01-01T00:00:00.000000Z",
                 actor="fictional-analyst", action=action, item=None, details=details or {},
                 prev_hash=GENESIS if prev is None else prev.entry_hash)


def _chain(old: Ed25519PrivateKey, new: Ed25519PrivateKey, cosigner: Ed25519PrivateKey,
           after: Ed25519PrivateKey) -> list[Entry]:
    first = Signer(old).seal(_entry(None))
    rotation = _entry(first, KEY_ROTATED, {"old_key_id": key_id(old.public_key()),
                                           "new_key_id": key_id(new.public_key()),
                                           NEW_PUBLIC_KEY: raw_public(new.public_key())})
    rotation = Signer(old).seal(cosign(rotation, cosigner))
    return [first, rotation, Signer(after).seal(_entry(rotation))]


def _kinds(found: list[Problem | int]) -> list[str]:
    return [p.kind for p in found if isinstance(p, Problem)]


def test_chain_follows_a_rotation_signed_by_both_keys() -> None:
    old, new = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    chain = _chain(old, new, new, new)
    assert list(check_chain(chain, old.public_key(), current_key=new.public_key())) == [3]
    assert _kinds(list(check_chain(chain, old.public_key(), current_key=old.public_key()))) \
        == ["key-mismatch"]


def test_a_handover_not_signed_by_the_new_key_is_refused() -> None:
    old, new, thief = (Ed25519PrivateKey.generate() for _ in range(3))
    found = _kinds(list(check_chain(_chain(old, new, thief, new), old.public_key())))
    assert found[0] == "bad-rotation" and "bad-signature" in found, found


def test_entries_after_a_rotation_must_use_the_new_key() -> None:
    old, new = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    found = list(check_chain(_chain(old, new, new, old), old.public_key()))
    assert [(p.kind, p.seq) for p in found if isinstance(p, Problem)] == [("bad-signature", 3)]
