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


def before(app: pyotp.TOTP) -> str:
    """The code of the step before the current one (accepted: clocks drift), so that
    confirming with it leaves the current code good for signing in."""
    return app.at(time.time() - second_factor.STEP)


def enrolled(ws: Workspace, name: str) -> pyotp.TOTP:
    """Enrol and confirm, as the user does with the app in hand."""
    app = app_for(second_factor.enrol(ws, name, "test"))
    second_factor.confirm(ws, name, before(app), "test")
    return app


def test_totp_at_sign_in_and_token_issue(cli: Cli, ws: Workspace) -> None:
    accounts.add_user(ws, "mina", "analyst", "public", PASSWORD, "test")
    assert accounts.authenticate(ws, "mina", PASSWORD, "a").totp is False
    enrolment = cli.json("users", "totp", "mina")
    app = app_for(enrolment["uri"])
    assert "issuer=gavah" in enrolment["uri"] and enrolment["pending"] is True
    assert accounts.authenticate(ws, "mina", PASSWORD, "a").totp is False, "pending"
    assert cli.json("users", "totp", "mina", "--confirm", before(app))["totp"] is True
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
    assert actions[-5:] == ["user-added", "user-totp-pending", "user-totp-enrolled",
                            "token-issued", "user-totp-removed"]


def test_failed_codes_count_against_the_sign_in_limit(ws: Workspace) -> None:
    accounts.add_user(ws, "nima", "analyst", "public", PASSWORD, "test")
    app = enrolled(ws, "nima")
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
    with pytest.raises(accounts.SecondFactorMissing):  # pending is not enough
        accounts.authenticate(ws, "root-fictional", PASSWORD, "c", app.now())
    second_factor.confirm(ws, "root-fictional", before(app), "t")
    assert accounts.authenticate(ws, "root-fictional", PASSWORD, "c", app.now()).role == "admin"


def test_a_new_secret_is_pending_until_a_code_from_it_confirms_it(cli: Cli,
                                                                  ws: Workspace) -> None:
    accounts.add_user(ws, "sara", "analyst", "public", PASSWORD, "test")
    with pytest.raises(BadInput, match="no enrolment waiting"):
        second_factor.confirm(ws, "sara", "123456", "test")
    old = enrolled(ws, "sara")
    new = app_for(second_factor.enrol(ws, "sara", "test"))  # a second phone, say
    assert second_factor.pending(ws, "sara")
    # Until confirmed, the old secret signs in and the new one does not.
    with pytest.raises(accounts.SecondFactorRefused):
        accounts.authenticate(ws, "sara", PASSWORD, "d", new.now())
    assert accounts.authenticate(ws, "sara", PASSWORD, "d", old.now()).totp is True
    wrong = f"{(int(new.now()) + 1) % 1_000_000:06d}"
    refused = cli("users", "totp", "sara", "--confirm", wrong, code=2)
    assert "does not match" in refused.stderr and second_factor.pending(ws, "sara")
    with pytest.raises(BadInput, match="does not match"):
        second_factor.confirm(ws, "sara", old.at(time.time() + second_factor.STEP), "test")
    second_factor.confirm(ws, "sara", before(new), "test")
    assert not second_factor.pending(ws, "sara")
    with pytest.raises(accounts.SecondFactorRefused):  # the old phone stopped working
        accounts.authenticate(ws, "sara", PASSWORD, "d",
                              old.at(time.time() + second_factor.STEP))
    with pytest.raises(accounts.SecondFactorRefused):  # the confirming code is spent
        accounts.authenticate(ws, "sara", PASSWORD, "d", before(new))
    assert accounts.authenticate(ws, "sara", PASSWORD, "d", new.now()).totp is True


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
