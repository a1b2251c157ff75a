"""gavah users add/list/disable/enable/set-role/set-clearance/reset-password/token."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from gavah.cli.boundary import Typer
from gavah.cli.output import emit, out, safe
from gavah.cli.state import state
from gavah.core.errors import BadInput
from gavah.core.levels import LEVELS
from gavah.core.roles import ROLES

if TYPE_CHECKING:
    from gavah.pipelines.accounts import Account

users_app = Typer(help="Accounts for the web app and the API.", no_args_is_help=True)
JSON = typer.Option(False, "--json", help="Print JSON only.")
STDIN = typer.Option(False, "--password-stdin", help="Read the password from standard input.")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise BadInput("no password on standard input")
        return password
    if not sys.stdin.isatty():
        raise BadInput("no terminal to ask for a password: use --password-stdin")
    first = typer.prompt("Password", hide_input=True)
    if typer.prompt("Repeat", hide_input=True) != first:
        raise BadInput("the passwords differ")
    return str(first)


def _done(account: Account, as_json: bool, message: str) -> None:

    emit(account.to_dict(), as_json, lambda: out.print(message))


@users_app.command("add")
def add(ctx: typer.Context, name: str = typer.Argument(...),
        role: str = typer.Option(..., "--role", help=" | ".join(ROLES)),
        clearance: str = typer.Option(..., "--clearance", help=" | ".join(LEVELS)),
        language: str = typer.Option("en", "--language", help="en | fa"),
        password_stdin: bool = STDIN, as_json: bool = JSON) -> None:
    """Add a user (the password is asked for, or read with --password-stdin)."""
    from gavah.pipelines import accounts

    st = state(ctx)
    ws = st.workspace()
    for check in (lambda: accounts._check_role(role), lambda: accounts._check_name(name)):
        check()
    account = accounts.add_user(ws, name, role, clearance, _password(password_stdin),
                                st.actor, language)
    _done(account, as_json, f"added user {name} ({role}, clearance {clearance})")


@users_app.command("list")
def list_users(ctx: typer.Context, as_json: bool = JSON) -> None:
    """List users with their role, clearance, active API tokens and second factors
    (whether a TOTP secret is confirmed, how many security keys)."""
    from rich.table import Table

    from gavah.pipelines import accounts

    rows = accounts.list_users(state(ctx).workspace())

    def render() -> None:
        # One space between columns: the widest row fits 80 columns unwrapped.
        table = Table("name", "role", "clearance", "language", "status", "tokens", "totp",
                      "keys", box=None, collapse_padding=True, pad_edge=False)
        for r in rows:
            totp = "yes" if r["totp"] else "pending" if r["totp_pending"] else "no"
            table.add_row(safe(r["name"]), r["role"], r["clearance"], r["language"],
                          "disabled" if r["disabled"] else "active", str(len(r["tokens"])),
                          totp, str(r["security_keys"]))
        out.print(table)

    emit(rows, as_json, render)


@users_app.command("disable")
def disable(ctx: typer.Context, name: str = typer.Argument(...), as_json: bool = JSON) -> None:
    """Disable a user: their sessions end and their API tokens are revoked."""
    from gavah.pipelines import accounts

    st = state(ctx)
    account = accounts.set_disabled(st.workspace(), name, True, st.actor)
    _done(account, as_json, f"disabled {name}")


@users_app.command("enable")
def enable(ctx: typer.Context, name: str = typer.Argument(...), as_json: bool = JSON) -> None:
    """Enable a disabled user again (issue a new token for API use)."""
    from gavah.pipelines import accounts

    st = state(ctx)
    account = accounts.set_disabled(st.workspace(), name, False, st.actor)
    _done(account, as_json, f"enabled {name}")


@users_app.command("set-role")
def set_role(ctx: typer.Context, name: str = typer.Argument(...),
             role: str = typer.Argument(..., help=" | ".join(ROLES)),
             as_json: bool = JSON) -> None:
    """Change a user's role."""
    from gavah.pipelines import accounts

    st = state(ctx)
    account = accounts.set_role(st.workspace(), name, role, st.actor)
    _done(account, as_json, f"{name} is now {role}")


@users_app.command("set-clearance")
def set_clearance(ctx: typer.Context, name: str = typer.Argument(...),
                  clearance: str = typer.Argument(..., help=" | ".join(LEVELS)),
                  as_json: bool = JSON) -> None:
    """Change a user's clearance."""
    from gavah.pipelines import accounts

    st = state(ctx)
    account = accounts.set_clearance(st.workspace(), name, clearance, st.actor)
    _done(account, as_json, f"{name} now has clearance {clearance}")


@users_app.command("reset-password")
def reset_password(ctx: typer.Context, name: str = typer.Argument(...),
                   password_stdin: bool = STDIN, as_json: bool = JSON) -> None:
    """Set a new password; the user's sessions end."""
    from gavah.pipelines import accounts

    st = state(ctx)
    ws = st.workspace()
    accounts.get(ws, name)
    account = accounts.reset_password(ws, name, _password(password_stdin), st.actor)
    _done(account, as_json, f"new password set for {name}")


@users_app.command("token")
def token(ctx: typer.Context, name: str = typer.Argument(...),
          label: str | None = typer.Option(None, "--label", help="What the token is for."),
          revoke: bool = typer.Option(False, "--revoke-all",
                                      help="Revoke all of the user's tokens instead."),
          code: str | None = typer.Option(
              None, "--code", help="A current TOTP code of the user's (needed when the user "
                                   "has a second factor, unless --vouch)."),
          vouch: bool = typer.Option(
              False, "--vouch", help="Issue it to a user with a second factor without a code: "
                                     "you vouch for the holder (say a security key, which "
                                     "cannot answer here). Written to the custody log."),
          as_json: bool = JSON) -> None:
    """Print a new API token for NAME (use it as `Authorization: Bearer TOKEN`). A user
    with a second factor needs a current TOTP code (--code) or the operator's --vouch;
    users may also issue their own on the account page with their password and factor."""
    from gavah.pipelines import accounts

    st = state(ctx)
    if revoke:
        count = accounts.revoke_tokens(st.workspace(), name, st.actor)
        emit({"user": name, "revoked": count}, as_json,
             lambda: out.print(f"revoked {safe(count)} token(s) of {safe(name)}"))
        return
    try:
        value = accounts.new_token(st.workspace(), name, st.actor, label, code,
                                   proof="operator" if vouch and not code else None)
    except BadInput as e:
        if e.field != "code":
            raise
        raise BadInput(f"{e}; give --code CODE, or --vouch to issue it on your word (written "
                       "to the custody log)", field="code") from None
    emit({"user": name, "token": value}, as_json, lambda: typer.echo(value))


@users_app.command("totp")
def totp(ctx: typer.Context, name: str = typer.Argument(...),
         remove: bool = typer.Option(False, "--remove",
                                     help="Take the second factor off instead (a lost "
                                          "device)."),
         confirm: str | None = typer.Option(
             None, "--confirm", metavar="CODE",
             help="Confirm the pending secret with a code the app shows now."),
         as_json: bool = JSON) -> None:
    """Enrol NAME in a TOTP second factor: prints the otpauth:// URI to add to an
    authenticator app (shown this once). The new secret is pending until confirmed with
    --confirm CODE; until then signing in goes on as before. Required for administrators
    (or a security key) to sign in."""
    from gavah.pipelines import second_factor

    st = state(ctx)
    if remove:
        second_factor.remove(st.workspace(), name, st.actor)
        emit({"user": name, "totp": False}, as_json,
             lambda: out.print(f"second factor removed from {safe(name)}"))
        return
    if confirm is not None:
        second_factor.confirm(st.workspace(), name, confirm, st.actor)
        emit({"user": name, "totp": True}, as_json,
             lambda: out.print(f"second factor confirmed for {safe(name)}"))
        return
    uri = second_factor.enrol(st.workspace(), name, st.actor)
    emit({"user": name, "totp": False, "pending": True, "uri": uri}, as_json,
         lambda: typer.echo(uri))


@users_app.command("keys")
def keys(ctx: typer.Context, name: str = typer.Argument(...),
         remove_all: bool = typer.Option(False, "--remove-all",
                                         help="Take every security key off (a lost key)."),
         as_json: bool = JSON) -> None:
    """List NAME's security keys (WebAuthn; registered on the account page), or remove
    them all."""
    from gavah.pipelines import security_keys

    st = state(ctx)
    if remove_all:
        count = security_keys.remove(st.workspace(), name, None, st.actor)
        emit({"user": name, "removed": count}, as_json,
             lambda: out.print(f"removed {safe(count)} security key(s) of {safe(name)}"))
        return
    rows = security_keys.keys_of(st.workspace(), name)

    def show() -> None:
        for row in rows:
            out.print(f"{safe(row['name'])}  {safe(row['id'][:16])}…  "
                      f"registered {safe(row['created_at'])}  "
                      f"last used {safe(row['last_used_at'] or 'never')}")
        if not rows:
            out.print(f"{safe(name)} has no security key")

    emit({"user": name, "keys": rows}, as_json, show)


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
