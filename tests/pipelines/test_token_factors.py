"""API tokens need the account's second factor, as sign-in does: a TOTP code, a security
key's assertion (account page), or an operator vouching at the console (recorded).
Listings show who has which factor and never a secret. FICTIONAL accounts."""

from __future__ import annotations

import time

import pytest

from gavah.core.errors import BadInput
from gavah.pipelines import accounts, second_factor
from gavah.store.workspace import Workspace
from tests.conftest import Cli
from tests.pipelines.test_second_factor import PASSWORD, enrolled
from tests.pipelines.test_security_keys import with_key


def _issued(cli: Cli) -> list[dict[str, object]]:
    return [e["details"] for e in cli.json("log") if e["action"] == "token-issued"]


def test_a_key_only_account_gets_no_token_without_its_factor(cli: Cli, ws: Workspace) -> None:
    accounts.add_user(ws, "kaveh", "analyst", "public", PASSWORD, "test")
    with_key(ws, "kaveh")
    with pytest.raises(BadInput, match="second factor"):
        accounts.new_token(ws, "kaveh", "test")
    refused = cli("users", "token", "kaveh", code=2).stderr
    assert "second factor" in refused and "--vouch" in " ".join(refused.split())
    with pytest.raises(BadInput, match="second factor"):  # a code is no key
        accounts.new_token(ws, "kaveh", "test", code="123456")
    # The operator at the console may vouch for the holder: written down as such.
    token = cli("users", "token", "kaveh", "--vouch", "--label", "FICTIONAL script").stdout
    assert accounts.account_for_token(ws, token.strip()) is not None
    assert _issued(cli)[-1]["second_factor"] == "operator"


def test_totp_and_no_factor_accounts(cli: Cli, ws: Workspace) -> None:
    accounts.add_user(ws, "nava", "analyst", "public", PASSWORD, "test")
    # No factor: none is asked, and an operator's word is not recorded as one.
    assert accounts.new_token(ws, "nava", "test", proof="operator").startswith("gvh_")
    app = enrolled(ws, "nava")
    with pytest.raises(BadInput, match="second factor"):
        accounts.new_token(ws, "nava", "test")
    accounts.new_token(ws, "nava", "test", code=app.at(time.time() + second_factor.STEP))
    details = _issued(cli)
    assert [d["second_factor"] for d in details] == [None, "totp"]


def test_who_has_which_factor_is_listed_without_secrets(cli: Cli, ws: Workspace) -> None:
    for name in ("parvin", "reza", "sima"):
        accounts.add_user(ws, name, "analyst", "strictly-confidential", PASSWORD, "test")
    enrolled(ws, "parvin")
    with_key(ws, "reza")
    second_factor.enrol(ws, "sima", "test")  # pending: not yet a factor
    listed = {r["name"]: r for r in cli.json("users", "list")}
    assert (listed["parvin"]["totp"], listed["parvin"]["security_keys"]) == (True, 0)
    assert (listed["reza"]["totp"], listed["reza"]["security_keys"]) == (False, 1)
    assert (listed["sima"]["totp"], listed["sima"]["totp_pending"]) == (False, True)
    table = " ".join(cli("users", "list").stdout.split())
    assert ("name role clearance language status tokens totp keys" in table
            and "parvin analyst strictly-confidential en active 0 yes 0" in table
            and "reza analyst strictly-confidential en active 0 no 1" in table
            and "sima analyst strictly-confidential en active 0 pending 0" in table), table
    with ws.db.read() as session:
        from gavah.store import accounts as store

        secrets = [u.totp_secret or "" for u in store.list_users(session)]
        secrets += [u.totp_pending or "" for u in store.list_users(session)]
    shown = cli("users", "list", "--json").stdout + cli("users", "list").stdout
    assert all(s not in shown for s in secrets if s)
    assert "RklDVElPTkFMLWtleQ" not in shown and "COSE" not in shown
