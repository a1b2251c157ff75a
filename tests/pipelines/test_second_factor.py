"""Accounts: TOTP second factor (required for admins), idle session timeout, password
policy. Codes are computed from the enrolled secret as an authenticator app would.
FICTIONAL accounts."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlparse

import pyotp
import pytest

from gavah.core import passwords
from gavah.core.errors import BadInput
from gavah.pipelines import accounts, second_factor
from gavah.store.workspace import Workspace
from tests.conftest import Cli

PASSWORD = "FICTIONAL long password"


def app_for(uri: str) -> pyotp.TOTP:
    """The authenticator app: the secret read back from the otpauth:// URI."""
    parsed = urlparse(uri)
    assert parsed.scheme == "otpauth" and parsed.netloc == "totp"
    return pyotp.TOTP(parse_qs(parsed.query)["secret"][0])


def test_totp_at_sign_in_and_token_issue(cli: Cli, ws: Workspace) -> None:
    accounts.add_user(ws, "mina", "analyst", "public", PASSWORD, "test")
    assert accounts.authenticate(ws, "mina", PASSWORD, "a").totp is False
    enrolled = cli.json("users", "totp", "mina")
    app = app_for(enrolled["uri"])
    assert "issuer=gavah" in enrolled["uri"]
    with pytest.raises(accounts.SecondFactorRefused):
        accounts.authenticate(ws, "mina", PASSWORD, "a")  # no code
    wrong = f"{(int(app.now()) + 1) % 1_000_000:06d}"
    with pytest.raises(accounts.SecondFactorRefused):
        accounts.authenticate(ws, "mina", PASSWORD, "a", wrong)
    code = app.now()
    assert accounts.authenticate(ws, "mina", PASSWORD, "a", code).totp is True
    with pytest.raises(accounts.SecondFactorRefused):
        accounts.authenticate(ws, "mina", PASSWORD, "a", code)  # a code counts once
    # Tokens: a code is needed (and the one just used is spent).
    assert "second factor" in cli("users", "token", "mina", code=2).stderr
    assert "second factor" in cli("users", "token", "mina", "--code", code, code=2).stderr
    # The code of the next step (accepted: clocks drift by a step).
    later = app.at(time.time() + second_factor.STEP)
    assert cli("users", "token", "mina", "--code", later).stdout.startswith("gvh_")
    cli("users", "totp", "mina", "--remove")
    assert accounts.authenticate(ws, "mina", PASSWORD, "a").totp is False
    actions = [e["action"] for e in cli.json("log") if e["item"] is None]
    assert actions[-4:] == ["user-added", "user-totp-enrolled", "token-issued",
                            "user-totp-removed"][-4:]


def test_failed_codes_count_against_the_sign_in_limit(ws: Workspace) -> None:
    accounts.add_user(ws, "nima", "analyst", "public", PASSWORD, "test")
    app = app_for(second_factor.enrol(ws, "nima", "test"))
    for _ in range(accounts.MAX_FAILURES_PER_NAME):
        with pytest.raises(accounts.SecondFactorRefused):
            accounts.authenticate(ws, "nima", PASSWORD, "b", "000000" if app.now() != "000000"
                                  else "111111")
    with pytest.raises(accounts.RateLimited):  # even with the right code now
        accounts.authenticate(ws, "nima", PASSWORD, "b", app.now())


def test_admins_need_a_second_factor(ws: Workspace) -> None:
    accounts.add_user(ws, "root-fictional", "admin", "strictly-confidential", PASSWORD, "t")
    with pytest.raises(accounts.SecondFactorMissing):
        accounts.authenticate(ws, "root-fictional", PASSWORD, "c")
    app = app_for(second_factor.enrol(ws, "root-fictional", "t"))
    assert accounts.authenticate(ws, "root-fictional", PASSWORD, "c", app.now()).role == "admin"


@pytest.mark.parametrize("password, why", [
    ("short1!", "too short"), ("password", "common"), ("Password123!", "common"),
    ("QWERTYUIOP", "common"), ("12345678", "common"), ("aaaaaaaaaa", "repeated"),
    ("abcabcabcabc", "repeated"), ("mina-is-here-2026", "user name")])
def test_password_policy_refuses_weak_passwords(password: str, why: str) -> None:
    problem = passwords.problem(password, "mina")
    assert problem is not None and why in problem


def test_password_policy_accepts_a_good_one_and_applies_to_accounts(ws: Workspace) -> None:
    assert passwords.problem("FICTIONAL long password", "mina") is None
    with pytest.raises(BadInput, match="common") as refused:
        accounts.add_user(ws, "mina", "analyst", "public", "Password1", "test")
    assert refused.value.field == "password"
    accounts.add_user(ws, "mina", "analyst", "public", PASSWORD, "test")
    with pytest.raises(BadInput, match="common"):
        accounts.reset_password(ws, "mina", "letmein2024", "test")


def test_idle_sessions_end(ws: Workspace) -> None:
    accounts.add_user(ws, "mina", "analyst", "public", PASSWORD, "test")
    account = accounts.get(ws, "mina")
    key = accounts.open_session(ws, account, 12)
    assert accounts.account_for_session(ws, key) is not None  # 30 minutes by default
    ws.config["session_idle_minutes"] = 0.002  # 120 ms
    time.sleep(0.3)
    assert accounts.account_for_session(ws, key) is None
    ws.config["session_idle_minutes"] = 30
    assert accounts.account_for_session(ws, key) is None, "an ended session stays ended"
