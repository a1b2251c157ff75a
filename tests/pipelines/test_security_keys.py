"""Security keys at the pipeline level: who is asked for a key at sign-in, the
ceremony's challenge (bound, spent once, expiring), relying party ids. The browser's
side (real attestations and assertions) is in tests/web/test_browser_keys.py.
FICTIONAL accounts."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from gavah.core.errors import BadInput
from gavah.pipelines import accounts, security_keys
from gavah.store import accounts as account_store
from gavah.store import webauthn as key_store
from gavah.store.account_tables import WebAuthnChallenge
from gavah.store.workspace import Workspace
from tests.conftest import Cli
from tests.pipelines.test_second_factor import PASSWORD, enrolled

HERE = security_keys.Origin("localhost", "http://localhost:8000")


def with_key(ws: Workspace, name: str) -> None:
    """A credential row as registration leaves it (the key itself is not needed to be
    asked for it; answering is tested in the browser)."""
    with ws.db.write() as session:
        key_store.add_credential(session, account_store.get_user(session, name),
                                 "RklDVElPTkFMLWtleQ", b"FICTIONAL COSE key", 3, "usb",
                                 "FICTIONAL key", "localhost")


def test_a_key_is_asked_for_instead_of_a_code(ws: Workspace) -> None:
    accounts.add_user(ws, "lale", "analyst", "public", PASSWORD, "test")
    with_key(ws, "lale")
    with pytest.raises(accounts.SecurityKeyNeeded) as needed:
        accounts.authenticate(ws, "lale", PASSWORD, "e")
    assert needed.value.name == "lale" and needed.value.attempt_id > 0
    with pytest.raises(accounts.LoginRefused) as wrong:  # a wrong password: no key step
        accounts.authenticate(ws, "lale", "not the FICTIONAL password", "e")
    assert not isinstance(wrong.value, accounts.SecurityKeyNeeded)
    # The password step alone is a failure until the key answers: it counts to the limit.
    for _ in range(accounts.MAX_FAILURES_PER_NAME - 2):
        with pytest.raises(accounts.SecurityKeyNeeded):
            accounts.authenticate(ws, "lale", PASSWORD, "e")
    with pytest.raises(accounts.RateLimited):
        accounts.authenticate(ws, "lale", PASSWORD, "e")


def test_with_a_key_and_totp_a_code_still_works(ws: Workspace) -> None:
    accounts.add_user(ws, "arman", "admin", "public", PASSWORD, "test")
    with pytest.raises(accounts.SecondFactorMissing):
        accounts.authenticate(ws, "arman", PASSWORD, "f")
    with_key(ws, "arman")  # an administrator whose only factor is a key: asked for it
    with pytest.raises(accounts.SecurityKeyNeeded):
        accounts.authenticate(ws, "arman", PASSWORD, "f")
    app = enrolled(ws, "arman")
    assert accounts.authenticate(ws, "arman", PASSWORD, "f", app.now()).role == "admin"
    with pytest.raises(accounts.SecondFactorRefused):  # a wrong code is not a key step
        accounts.authenticate(ws, "arman", PASSWORD, "f", "000000" if app.now() != "000000"
                              else "111111")
    assert security_keys.remove(ws, "arman", None, "test") == 1
    assert security_keys.keys_of(ws, "arman") == []


def test_challenges_are_spent_once_and_expire(ws: Workspace) -> None:
    accounts.add_user(ws, "dara", "analyst", "public", PASSWORD, "test")
    with_key(ws, "dara")
    ceremony = security_keys.begin_sign_in(ws, "dara", 0, HERE)
    assert '"rpId": "localhost"' in ceremony.options
    assert "RklDVElPTkFMLWtleQ" in ceremony.options  # the account's key is allowed
    # An unreadable answer is refused and spends the challenge all the same.
    with pytest.raises(BadInput, match="not readable"):
        security_keys.finish_sign_in(ws, HERE, ceremony.key, "{not json")
    with pytest.raises(BadInput, match="not accepted"):
        security_keys.finish_sign_in(ws, HERE, ceremony.key,
                                     '{"id": "RklDVElPTkFMLWtleQ", "response": {}}')
    late = security_keys.begin_sign_in(ws, "dara", 0, HERE)
    with ws.db.write() as session:
        session.execute(update(WebAuthnChallenge).values(expires_at="2000-01-01T00:00:00Z"))
    with pytest.raises(BadInput, match="expired"):
        security_keys.finish_sign_in(ws, HERE, late.key,
                                     '{"id": "RklDVElPTkFMLWtleQ", "response": {}}')
    # A registration's challenge is bound to the session it was made in.
    made = security_keys.begin_registration(ws, "dara", HERE, "FICTIONAL session key")
    with pytest.raises(BadInput, match="expired or was already used"):
        security_keys.finish_registration(ws, "dara", HERE, "another session", made.key,
                                          "{}", "FICTIONAL key 2")
    with pytest.raises(BadInput, match="name"):
        security_keys.finish_registration(ws, "dara", HERE, "FICTIONAL session key",
                                          made.key, "{}", " \t ")


@pytest.mark.parametrize("host", ["127.0.0.1", "[::1]", "10.0.0.7"])
def test_an_ip_address_is_not_a_relying_party(host: str) -> None:
    with pytest.raises(BadInput, match="host name"):
        security_keys.Origin.of("http", host, f"{host}:8000")


def test_a_host_name_is() -> None:
    where = security_keys.Origin.of("https", "gavah.example.org", "gavah.example.org")
    assert where == security_keys.Origin("gavah.example.org", "https://gavah.example.org")


def test_re_entering_the_password_shares_the_sign_in_limit(ws: Workspace) -> None:
    accounts.add_user(ws, "yas", "analyst", "public", PASSWORD, "test")
    assert accounts.password_ok(ws, "yas", PASSWORD, "g")
    assert not accounts.password_ok(ws, "nobody-fictional", PASSWORD, "g")
    for _ in range(accounts.MAX_FAILURES_PER_NAME):
        assert not accounts.password_ok(ws, "yas", "not the FICTIONAL password", "g")
    assert not accounts.password_ok(ws, "yas", PASSWORD, "g"), "limited: even the right one"
    with pytest.raises(accounts.RateLimited):
        accounts.authenticate(ws, "yas", PASSWORD, "g")


def test_operators_list_and_remove_keys(cli: Cli, ws: Workspace) -> None:
    accounts.add_user(ws, "ramin", "analyst", "public", PASSWORD, "test")
    assert "has no security key" in cli("users", "keys", "ramin").stdout
    with_key(ws, "ramin")
    [listed] = cli.json("users", "keys", "ramin")["keys"]
    assert listed["name"] == "FICTIONAL key" and listed["sign_count"] == 3
    assert "public_key" not in listed
    assert cli.json("users", "keys", "ramin", "--remove-all")["removed"] == 1
    assert security_keys.keys_of(ws, "ramin") == []
    last = cli.json("log")[-1]
    assert last["action"] == "user-security-key-removed" and last["details"]["user"] == "ramin"
