"""gavah init, gavah keys (export, rotate, seal), gavah reclassify."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from gavah.cli.boundary import Typer
from gavah.cli.output import emit, out
from gavah.cli.state import state

if TYPE_CHECKING:
    from gavah.store.pkcs11_signer import TokenKey

key_app = Typer(help="The workspace signing key and the encryption of originals at rest.",
                no_args_is_help=True)


def _passphrase(env: str | None, ask: bool) -> bytes | None:
    """From the named environment variable, or asked on the terminal (never echoed)."""
    import os

    from gavah.core.errors import BadInput

    if env:
        value = os.environ.get(env)
        if not value:
            raise BadInput(f"the environment variable {env} is not set or empty",
                           field="key_passphrase_env")
        return value.encode()
    if ask:
        return str(typer.prompt("Passphrase for the workspace keys", hide_input=True,
                                confirmation_prompt=True)).encode()
    return None


def _token(module: str | None, token: str | None, key: str | None) -> TokenKey | None:
    """The PKCS#11 key the three options name (all three, or none)."""
    from gavah.core.errors import BadInput
    from gavah.store.pkcs11_signer import TokenKey

    given = {"pkcs11_module": module, "pkcs11_token": token, "pkcs11_key": key}
    if not any(given.values()):
        return None
    missing = [name for name, value in given.items() if not value]
    if missing:
        raise BadInput("--pkcs11-module, --pkcs11-token and --pkcs11-key go together",
                       field=missing[0])
    return TokenKey(str(module), str(token), str(key))


def _module_option() -> Any:
    return typer.Option(None, "--pkcs11-module", metavar="PATH",
                        help="The signing key is on a PKCS#11 token: this module (e.g. "
                             "/usr/lib/softhsm/libsofthsm2.so). PIN from GAVAH_PKCS11_PIN.")


def _token_option() -> Any:
    return typer.Option(None, "--pkcs11-token", metavar="LABEL", help="The token's label.")


def _key_option() -> Any:
    return typer.Option(None, "--pkcs11-key", metavar="LABEL",
                        help="The key's label on the token (an Ed25519 pair, made there "
                             "when absent; the private key never leaves the token).")


def init(
    ctx: typer.Context,
    blobs: str | None = typer.Option(
        None, "--blobs", metavar="s3://BUCKET/PREFIX",
        help="Keep the blobs in this S3 bucket. Endpoint from AWS_ENDPOINT_URL or "
             "GAVAH_S3_ENDPOINT, credentials from the standard AWS variables (never "
             "written to the workspace)."),
    key_passphrase_env: str | None = typer.Option(
        None, "--key-passphrase-env", metavar="VAR",
        help="Protect the signing key (and the data key of encrypted originals) with the "
             "passphrase in this environment variable; an existing key is protected from "
             "then on. Later commands read it from GAVAH_KEY_PASSPHRASE. With a key on a "
             "PKCS#11 token it protects the data key only."),
    ask_passphrase: bool = typer.Option(
        False, "--ask-key-passphrase", help="The same, with the passphrase asked here."),
    pkcs11_module: str | None = _module_option(),
    pkcs11_token: str | None = _token_option(),
    pkcs11_key: str | None = _key_option(),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Create the workspace (database, blob store, signing key), or upgrade it."""
    from gavah.core.custody import key_id
    from gavah.store import keys
    from gavah.store.workspace import Workspace

    st = state(ctx)
    token = _token(pkcs11_module, pkcs11_token, pkcs11_key)
    passphrase = _passphrase(key_passphrase_env, ask_passphrase)
    ws, result = Workspace.init(st.home, st.database_url, blobs, passphrase, token)
    on_token = ws.token_key()
    data = {"home": str(ws.home.resolve()), "created": result.created,
            "database": ws.db.safe_url, "blobs": ws.blobs_location,
            "schema_before": result.schema_before,
            "schema": result.schema_after, "key_created": result.key_created,
            "key_id": key_id(ws.public_key),
            "key_protected": keys.is_protected(ws.home / "keys"),
            "key_token": on_token.token if on_token else None}
    ws.close()

    def render() -> None:
        verb = "Created" if result.created else "Opened"
        out.print(f"{verb} workspace {data['home']}", markup=False)
        out.print(f"  database  {data['database']} (schema {result.schema_after}"
                  + (f", upgraded from {result.schema_before})"
                     if result.schema_before not in (None, result.schema_after) else ")"),
                  markup=False)
        out.print(f"  blobs     {data['blobs']}", markup=False)
        out.print(f"  key       Ed25519 {data['key_id']}"
                  + (" (new)" if result.key_created else "")
                  + (", passphrase-protected" if data["key_protected"] else "")
                  + (f", on PKCS#11 token {data['key_token']}" if data["key_token"] else ""),
                  markup=False)

    emit(data, as_json, render)


@key_app.command("export")
def key_export(ctx: typer.Context) -> None:
    """Print the workspace's public key (PEM) so others can check signatures."""
    ws = state(ctx).workspace()
    typer.echo(ws.public_key_pem().decode(), nl=False)


@key_app.command("rotate")
def key_rotate(
    ctx: typer.Context,
    reason: str = typer.Option("", "--reason", help="Why (kept in the custody entry)."),
    pkcs11_module: str | None = _module_option(),
    pkcs11_token: str | None = _token_option(),
    pkcs11_key: str | None = _key_option(),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Replace the signing key: a key-rotated entry signed by the old and the new key;
    later entries are signed by the new one. Publish the new key's fingerprint. The new
    key is a file in keys/, or with --pkcs11-* a key on a token."""
    from gavah.pipelines.keys import rotate

    st = state(ctx)
    token = _token(pkcs11_module, pkcs11_token, pkcs11_key)
    done = rotate(st.workspace(), st.actor, reason, token)
    data = {"old_key_id": done.old_key_id, "new_key_id": done.new_key_id, "seq": done.seq,
            "token": done.token}
    emit(data, as_json, lambda: out.print(
        f"Rotated the signing key {done.old_key_id} -> {done.new_key_id} (entry {done.seq})",
        markup=False))


@key_app.command("seal")
def key_seal(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Encrypt at rest the originals of every item at confidential and above that are
    not yet (a workspace made before encryption at rest; archive members)."""
    from gavah.pipelines.sealing import seal_all

    st = state(ctx)
    done = seal_all(st.workspace(), st.actor)
    emit({"sealed": done}, as_json,
         lambda: out.print(f"Encrypted {len(done)} original(s) at rest", markup=False))


def reclassify(
    ctx: typer.Context,
    item: int = typer.Argument(..., help="Item id."),
    level: str = typer.Argument(..., help="public, restricted, confidential or "
                                "strictly-confidential."),
    reason: str = typer.Option(..., "--reason", help="Why (kept in the custody entry)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Change an item's classification; from confidential up its original is encrypted
    at rest first."""
    from gavah.pipelines.sealing import reclassify as change

    st = state(ctx)
    sealed = change(st.workspace(), st.actor, item, level, reason)
    emit({"item": item, "classification": level, "sealed": sealed}, as_json,
         lambda: out.print(f"Item {item} is now {level}"
                           + (" (original encrypted at rest)" if sealed else ""), markup=False))


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("reclassify")(reclassify)
    app.add_typer(key_app, name="keys")
    # `gavah key export`, as earlier versions spelled it, still works (not listed).
    old = Typer(help="The workspace signing key (now `gavah keys`).", no_args_is_help=True)
    old.command("export")(key_export)
    app.add_typer(old, name="key", hidden=True)
