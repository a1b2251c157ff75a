"""gavah init, gavah key export."""

from __future__ import annotations

import typer

from gavah.cli.boundary import Typer
from gavah.cli.output import emit, out
from gavah.cli.state import state

key_app = Typer(help="The workspace signing key.", no_args_is_help=True)


def init(
    ctx: typer.Context,
    blobs: str | None = typer.Option(
        None, "--blobs", metavar="s3://BUCKET/PREFIX",
        help="Keep the blobs in this S3 bucket. Endpoint from AWS_ENDPOINT_URL or "
             "GAVAH_S3_ENDPOINT, credentials from the standard AWS variables (never "
             "written to the workspace)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Create the workspace (database, blob store, signing key), or upgrade it."""
    from gavah.store.workspace import Workspace

    st = state(ctx)
    ws, result = Workspace.init(st.home, st.database_url, blobs)
    data = {"home": str(ws.home.resolve()), "created": result.created,
            "database": ws.db.safe_url, "blobs": ws.blobs_location,
            "schema_before": result.schema_before,
            "schema": result.schema_after, "key_created": result.key_created,
            "key_id": ws.custody.signer.key_id}
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
                  + (" (new)" if result.key_created else ""))

    emit(data, as_json, render)


@key_app.command("export")
def key_export(ctx: typer.Context) -> None:
    """Print the workspace's public key (PEM) so others can check signatures."""
    ws = state(ctx).workspace()
    typer.echo(ws.public_key_pem().decode(), nl=False)


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.add_typer(key_app, name="key")
