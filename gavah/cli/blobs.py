"""gavah blobs copy."""

from __future__ import annotations

import typer

from gavah.cli.boundary import Typer
from gavah.cli.output import finish, human_size, safe, stages
from gavah.cli.state import state

blobs_app = Typer(help="Where the workspace keeps its blobs.", no_args_is_help=True)


@blobs_app.command("copy")
def copy(
    ctx: typer.Context,
    to: str = typer.Option(..., "--to", metavar="s3://BUCKET/PREFIX",
                           help="The S3 bucket and prefix to copy the blobs to."),
    switch: bool = typer.Option(
        True, "--switch/--no-switch",
        help="Keep the blobs there from now on (default), or only make a proven copy."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Copy every blob to S3 and prove it (each one read back from S3 and hashed), then
    record the copy in the custody log. The blobs where they were are left untouched.
    Exit 1 when a blob could not be copied or proven (then nothing is recorded)."""
    from gavah.pipelines import blob_copy

    st = state(ctx)
    ws = st.workspace()
    with stages("blobs copy") as update:
        report = blob_copy.copy_blobs(ws, to, st.actor, switch, update)

    finish(report, as_json, "not copied", lambda: (
        f"[green]proven[/]: {report.blobs} blobs ({human_size(report.bytes)}, "
        f"{report.copied} written now) in {safe(report.target)}; custody entry "
        f"{report.seq}" + ("; the workspace uses it from now on" if report.switched else "")))


def register(app: typer.Typer) -> None:
    app.add_typer(blobs_app, name="blobs")
