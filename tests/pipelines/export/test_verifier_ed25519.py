"""The offline verifier's Ed25519 against the RFC 8032 (section 7.1) vectors: its own
pure-Python code and the `cryptography` path it takes when that package is installed
give the same answers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gavah.pipelines.export import verifier

ENGINES = {"pure": verifier.engine(pure=True), "library": verifier.engine(pure=False)}

# RFC 8032 section 7.1: TEST 1, TEST 2, TEST 3 and TEST SHA(abc) (public key, message,
# signature).
VECTORS = [
    ("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
     "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
    ("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
     "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
    ("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
     "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
    ("ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
     "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
     "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"),
]


Verify = Callable[[bytes, bytes, bytes], bool]


@pytest.fixture(params=sorted(ENGINES))
def ed25519_verify(request: pytest.FixtureRequest) -> Verify:
    return ENGINES[request.param][1]


def test_both_engines_are_there() -> None:
    # cryptography is a gavah dependency, so here the library path is the one taken
    assert "cryptography" in ENGINES["library"][0]
    assert "pure-Python" in ENGINES["pure"][0]
    assert ENGINES["pure"][1] is verifier.ed25519_verify_pure


@pytest.mark.parametrize(("public", "message", "signature"), VECTORS)
def test_rfc8032_vectors_verify(ed25519_verify: Verify, public: str, message: str,
                                signature: str) -> None:
    assert ed25519_verify(bytes.fromhex(public), bytes.fromhex(message),
                          bytes.fromhex(signature))


@pytest.mark.parametrize(("public", "message", "signature"), VECTORS)
def test_any_changed_bit_fails(ed25519_verify: Verify, public: str, message: str,
                               signature: str) -> None:
    key, msg, sig = bytes.fromhex(public), bytes.fromhex(message), bytes.fromhex(signature)
    assert not ed25519_verify(key, msg + b"x", sig)
    for at in (0, 31, 32, 63):  # R and S halves
        bad = bytearray(sig)
        bad[at] ^= 1
        assert not ed25519_verify(key, msg, bytes(bad))
    other = bytes.fromhex(VECTORS[(VECTORS.index((public, message, signature)) + 1) % 4][0])
    assert not ed25519_verify(other, msg, sig)


def test_s_not_below_group_order_is_refused(ed25519_verify: Verify) -> None:
    # S + L is the same point arithmetic but RFC 8032 requires S < L (malleability).
    public, message, signature = (bytes.fromhex(v) for v in VECTORS[0])
    order = 2**252 + 27742317777372353535851937790883648493
    s = int.from_bytes(signature[32:], "little") + order
    assert not ed25519_verify(public, message, signature[:32] + s.to_bytes(32, "little"))


def test_wrong_lengths_are_refused(ed25519_verify: Verify) -> None:
    public, message, signature = (bytes.fromhex(v) for v in VECTORS[1])
    assert not ed25519_verify(public[:31], message, signature)
    assert not ed25519_verify(public, message, signature[:63])
