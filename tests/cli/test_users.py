"""gavah users: add, list, disable/enable, set-role, set-clearance, reset-password, token."""

from __future__ import annotations

import json

from gavah.pipelines import accounts
from gavah.store.workspace import Workspace
from tests.conftest import Cli


def test_user_lifecycle(cli: Cli, ws: Workspace) -> None:
    added = json.loads(cli("users", "add", "mina", "--role", "investigator", "--clearance",
                           "restricted", "--language", "fa", "--password-stdin", "--json",
                           input="a long passphrase\n").stdout)
    assert added["role"] == "investigator" and added["language"] == "fa"
    assert accounts.authenticate(ws, "mina", "a long passphrase", "cli-test").name == "mina"

    token = cli("users", "token", "mina", "--label", "scripts").stdout.strip()
    assert token.startswith("gvh_") and accounts.account_for_token(ws, token) is not None
    listed = cli.json("users", "list")
    assert listed[0]["name"] == "mina" and len(listed[0]["tokens"]) == 1
    assert token not in str(listed)  # only a prefix is ever shown again

    assert cli.json("users", "set-role", "mina", "analyst")["role"] == "analyst"
    assert cli.json("users", "set-clearance", "mina", "confidential")["clearance"] == \
        "confidential"
    cli("users", "reset-password", "mina", "--password-stdin", input="another passphrase\n")
    assert accounts.authenticate(ws, "mina", "another passphrase", "cli-test")

    cli("users", "disable", "mina")
    assert accounts.account_for_token(ws, token) is None
    assert cli.json("users", "list")[0]["disabled"] is True
    cli("users", "enable", "mina")
    assert accounts.account_for_token(ws, token) is None  # revoked for good on disable

    actions = [e["action"] for e in cli.json("log") if e["item"] is None]
    assert actions == ["user-added", "token-issued", "user-role-set", "user-clearance-set",
                       "user-password-reset", "user-disabled", "user-enabled"]


def test_bad_input_exits_2(cli: Cli) -> None:
    base = ["users", "add", "x", "--clearance", "public", "--password-stdin"]
    assert "unknown role" in cli(*base, "--role", "boss", input="long enough\n",
                                 code=2).stderr
    assert "too short" in cli(*base, "--role", "viewer", input="short\n", code=2).stderr
    cli(*base, "--role", "viewer", input="long enough\n")
    assert "already exists" in cli(*base, "--role", "viewer", input="long enough\n",
                                   code=2).stderr
    assert "unknown classification" in cli("users", "set-clearance", "x", "secret",
                                           code=2).stderr
    assert "no user" in cli("users", "token", "nobody", code=2).stderr
    assert "--password-stdin" in cli("users", "add", "y", "--role", "viewer", "--clearance",
                                     "public", code=2).stderr
