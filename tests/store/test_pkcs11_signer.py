"""The signing key on a real PKCS#11 token (SoftHSM 2): ordinary Ed25519 signatures,
a private key that cannot be read off the token, and clear errors for a wrong PIN, an
absent token, module or key. Tokens and entries are FICTIONAL."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from gavah.core.custody import GENESIS, Entry, check_chain
from gavah.store.keys import KeyLocked
from gavah.store.pkcs11_signer import Pkcs11Signer, TokenError, TokenKey, release_modules
from tests.softhsm import Token


def _entry(seq: int, prev: str) -> Entry:
    return Entry(seq=seq, time="2026-12-04T00:00:00.000000Z", actor="fictional-operator",
                 action="acquired", item=seq, details={"note": "FICTIONAL"}, prev_hash=prev)


def test_token_key_signs_ed25519_and_never_leaves_the_token(token: Token) -> None:
    import pkcs11
    from pkcs11 import Attribute, KeyType, ObjectClass

    where = TokenKey(token.module, token.label, "fictional-signing")
    signer = Pkcs11Signer(where, token.pin, create=True)
    assert signer.created
    first = signer.seal(_entry(1, GENESIS))
    second = signer.seal(_entry(2, first.entry_hash))
    problems = list(check_chain([first, second], signer.public_key))
    assert problems == [2], problems  # no problem, two entries checked
    raw = signer.public_key.public_bytes_raw()
    Ed25519PublicKey.from_public_bytes(raw).verify(signer.sign(b"FICTIONAL manifest"),
                                                   b"FICTIONAL manifest")
    signer.close()
    # Opened again (another process would): the same key, not a new one.
    again = Pkcs11Signer(where, token.pin, create=True)
    assert (again.created, again.key_id) == (False, signer.key_id)
    again.close()
    # The private key is sensitive and cannot be exported, even by its owner (this
    # process is logged in already: the session shares that login).
    lib = pkcs11.lib(token.module)
    with lib.get_token(token_label=token.label).open() as session:
        private = session.get_key(object_class=ObjectClass.PRIVATE_KEY,
                                  key_type=KeyType.EC_EDWARDS, label="fictional-signing")
        assert private[Attribute.EXTRACTABLE] is False
        assert private[Attribute.SENSITIVE] is True
        with pytest.raises(pkcs11.AttributeSensitive):
            private[Attribute.VALUE]


def test_wrong_pin_absent_token_module_and_key_are_named(token: Token,
                                                         softhsm_conf: Path) -> None:
    where = TokenKey(token.module, token.label, "fictional-signing")
    with pytest.raises(KeyLocked) as wrong:
        Pkcs11Signer(where, "fictional-wrong-pin")
    assert "does not open" in str(wrong.value) and "fictional-wrong-pin" not in str(wrong.value)
    with pytest.raises(TokenError, match="no Ed25519 private key labelled"):
        Pkcs11Signer(where, token.pin)  # no key by that label, and not asked to make one
    with pytest.raises(TokenError, match="no PKCS#11 token labelled 'fict-absent'"):
        Pkcs11Signer(TokenKey(token.module, "fict-absent", "k"), token.pin)
    with pytest.raises(TokenError, match="does not exist"):
        Pkcs11Signer(TokenKey("/nonexistent/libfictional.so", token.label, "k"), token.pin)
    Pkcs11Signer(where, token.pin, create=True).close()
    subprocess.run(["softhsm2-util", "--delete-token", "--token", token.label], check=True,
                   capture_output=True)
    release_modules()
    with pytest.raises(TokenError, match="is it plugged in"):
        Pkcs11Signer(where, token.pin)


def test_config_entry_is_checked() -> None:
    from gavah.core.errors import BadInput

    good = {"pkcs11": {"module": "/m.so", "token": "t", "key_label": "k"}}
    assert TokenKey.from_config(good) == TokenKey("/m.so", "t", "k")
    assert TokenKey.from_config(TokenKey("/m.so", "t", "k").to_config()) == TokenKey(
        "/m.so", "t", "k")
    for bad in ({"pkcs11": {"module": "/m.so", "token": "t"}}, {"hsm": {}}, "pkcs11",
                {"pkcs11": {"module": "", "token": "t", "key_label": "k"}}):
        with pytest.raises(BadInput, match="signer"):
            TokenKey.from_config(bad)
