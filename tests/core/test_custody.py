import base64
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.core.custody import GENESIS, Entry, Head, Signer, canonical, check_chain


def chain(signer: Signer, n: int) -> list[Entry]:
    entries = []
    prev = GENESIS
    for seq in range(1, n + 1):
        entry = signer.seal(Entry(seq, f"2026-01-01T00:00:0{seq % 10}.000000Z", "tester",
                                  "acquired", seq, {"sha256": "ab" * 32, "n": seq}, prev))
        entries.append(entry)
        prev = entry.entry_hash
    return entries


def problems(entries: list[Entry], signer: Signer, head: Head | None = None) -> list[str]:
    found = list(check_chain(entries, signer.public_key, head))
    assert isinstance(found[-1], int)
    return [f"{p.kind}@{p.seq}" for p in found[:-1]]  # type: ignore[union-attr]


@pytest.fixture
def signer() -> Signer:
    return Signer(Ed25519PrivateKey.generate())


def test_canonical_form_is_stable_and_refuses_floats() -> None:
    assert canonical({"b": 1, "a": ["ی", True, None]}) == '{"a":["ی",true,null],"b":1}'.encode()
    with pytest.raises(TypeError):
        canonical({"x": 0.1})


def test_intact_chain_has_no_problems(signer: Signer) -> None:
    entries = chain(signer, 5)
    assert problems(entries, signer, Head(5, entries[-1].entry_hash)) == []


def test_each_kind_of_tampering_is_named(signer: Signer) -> None:
    entries = chain(signer, 5)
    altered = [*entries[:2], replace(entries[2], actor="someone else"), *entries[3:]]
    assert problems(altered, signer) == ["altered-entry@3"]
    removed = entries[:2] + entries[3:]
    assert problems(removed, signer) == ["entry-removed@3", "broken-chain@4"]
    swapped = [entries[0], entries[2], entries[1], *entries[3:]]
    assert "entry-out-of-order@2" in problems(swapped, signer)
    other = Signer(Ed25519PrivateKey.generate())
    forged = [*entries[:4], other.seal(replace(entries[4], entry_hash="", signature=""))]
    assert problems(forged, signer) == ["bad-signature@5"]
    garbage = [*entries[:4], replace(entries[4], signature=base64.b64encode(b"x").decode())]
    assert problems(garbage, signer) == ["bad-signature@5"]


def test_removing_the_newest_entries_is_caught_by_the_head(signer: Signer) -> None:
    entries = chain(signer, 5)
    head = Head(5, entries[-1].entry_hash)
    assert problems(entries[:3], signer, head) == ["entry-removed@4"]
    assert problems([], signer, head) == ["entry-removed@1"]


def test_signature_is_over_the_raw_hash(signer: Signer) -> None:
    entry = chain(signer, 1)[0]
    signer.public_key.verify(base64.b64decode(entry.signature), bytes.fromhex(entry.entry_hash))
