"""check_chain with hashes and signatures checked ahead on threads finds exactly what the
one-thread walk finds: on an intact chain longer than several chunks, and on chains
with altered entries, bad signatures, a removed entry and key rotations (good and bad)
in the middle of a chunk. Entries are FICTIONAL."""

from __future__ import annotations

from dataclasses import replace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.core import seal_checks
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

LENGTH = 3 * seal_checks.CHUNK + 17


def _next(prev: Entry | None, signer: Signer, action: str = "annotated",
          details: dict | None = None, cosigner: Ed25519PrivateKey | None = None
          ) -> Entry:  # type: ignore[type-arg]
    entry = Entry(seq=1 if prev is None else prev.seq + 1,
                  time="2026-01-01T00:00:00.000000Z", actor="fictional-analyst",
                  action=action, item=None, details=details or {"note": "fictional"},
                  prev_hash=GENESIS if prev is None else prev.entry_hash)
    return signer.seal(cosign(entry, cosigner) if cosigner is not None else entry)


def _chain(keys: list[Ed25519PrivateKey], rotate_at: dict[int, tuple[int, int]]
           ) -> list[Entry]:
    """LENGTH entries signed by keys[0]; at seq s in rotate_at, a rotation to
    keys[new] cosigned by keys[cosigner], after which keys[new] signs."""
    chain: list[Entry] = []
    signer = Signer(keys[0])
    for seq in range(1, LENGTH + 1):
        prev = chain[-1] if chain else None
        if seq in rotate_at:
            new, cosigner = rotate_at[seq]
            details = {NEW_PUBLIC_KEY: raw_public(keys[new].public_key()),
                       "new_key_id": key_id(keys[new].public_key())}
            chain.append(_next(prev, signer, KEY_ROTATED, details, keys[cosigner]))
            signer = Signer(keys[new])
        else:
            chain.append(_next(prev, signer))
    return chain


def _both(chain: list[Entry], key: Ed25519PrivateKey,
          current: Ed25519PrivateKey | None = None) -> list[Problem | int]:
    current_key = current.public_key() if current else None
    alone = list(check_chain(chain, key.public_key(), current_key=current_key))
    ahead = list(check_chain(chain, key.public_key(), current_key=current_key, workers=2))
    assert ahead == alone
    return alone


def _kinds(found: list[Problem | int]) -> list[tuple[str, int | None]]:
    return [(p.kind, p.seq) for p in found if isinstance(p, Problem)]


@pytest.fixture()
def keys() -> list[Ed25519PrivateKey]:
    return [Ed25519PrivateKey.generate() for _ in range(3)]


def test_an_intact_chain_over_several_chunks(keys: list[Ed25519PrivateKey]) -> None:
    chain = _chain(keys, {})
    assert _both(chain, keys[0], keys[0]) == [LENGTH]


def test_altered_and_badly_signed_entries_are_the_same_problems(
        keys: list[Ed25519PrivateKey]) -> None:
    chain = _chain(keys, {})
    chain[10] = replace(chain[10], details={"note": "altered"})
    forged = Signer(keys[1]).seal(replace(chain[300], entry_hash="", signature=""))
    chain[300] = forged
    del chain[500]
    found = _kinds(_both(chain, keys[0]))
    assert ("altered-entry", 11) in found and ("bad-signature", 301) in found
    assert ("entry-removed", 501) in found


def test_rotations_hand_over_inside_a_chunk(keys: list[Ed25519PrivateKey]) -> None:
    # keys[0] -> keys[1] at 100 (good), -> keys[2] at 400 (good).
    chain = _chain(keys, {100: (1, 1), 400: (2, 2)})
    assert _both(chain, keys[0], keys[2]) == [LENGTH]


def test_a_bad_rotation_leaves_the_old_key_in_force(keys: list[Ed25519PrivateKey]) -> None:
    # The handover at 200 is cosigned by the wrong key: every later entry, signed by
    # keys[1], fails against keys[0].
    chain = _chain(keys, {200: (1, 2)})
    found = _kinds(_both(chain, keys[0], keys[1]))
    assert found[0] == ("bad-rotation", 200)
    assert [seq for kind, seq in found if kind == "bad-signature"] == \
        list(range(201, LENGTH + 1))
    assert found[-1] == ("key-mismatch", None)


def _transactions(chain: list[Entry], every: int) -> list[Entry]:
    """The chain as gavah writes it: only each transaction's last entry (every `every`
    entries) and each rotation keep their signatures."""
    return [e if e.seq % every == 0 or e.action == KEY_ROTATED or e.seq == len(chain)
            else replace(e, signature="") for e in chain]


def test_one_signature_covers_its_transactions_entries(
        keys: list[Ed25519PrivateKey]) -> None:
    chain = _transactions(_chain(keys, {100: (1, 1), 400: (2, 2)}), 50)
    assert sum(1 for e in chain if e.signature) < LENGTH // 40
    assert _both(chain, keys[0], keys[2]) == [LENGTH]


def test_unsigned_entries_with_no_signature_after_them(
        keys: list[Ed25519PrivateKey]) -> None:
    chain = _transactions(_chain(keys, {}), 50)
    # The last entry's signature stripped: nothing covers the entries from seq 751 on.
    stripped = [*chain[:-1], replace(chain[-1], signature="")]
    assert _kinds(_both(stripped, keys[0])) == [("unsigned-entry", 751)]
    # An unsigned entry altered is still an altered entry; one that is forged with
    # another key's signature fails, and so do the entries it was to cover.
    chain[60] = replace(chain[60], details={"note": "altered"})
    chain[99] = Signer(keys[1]).seal(replace(chain[99], entry_hash="", signature=""))
    found = _both(chain, keys[0])
    assert _kinds(found) == [("altered-entry", 61), ("bad-signature", 100)]
    assert "cover the unsigned seq 51-99" in found[1].detail  # type: ignore[union-attr]


def test_a_rotation_must_carry_its_own_signature(keys: list[Ed25519PrivateKey]) -> None:
    chain = _chain(keys, {100: (1, 1)})
    chain[99] = replace(chain[99], signature="")
    found = _kinds(_both(chain, keys[0], keys[1]))
    assert found[0] == ("bad-signature", 100) and found[-1] == ("key-mismatch", None)
