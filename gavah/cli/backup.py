"""gavah backup, gavah restore."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from gavah.cli.output import emit, err, finish, human_size, out, safe, stages
from gavah.cli.state import state

ENV_PASSPHRASE = "GAVAH_BACKUP_PASSPHRASE"


def passphrase(confirm: bool) -> str:
    """From GAVAH_BACKUP_PASSPHRASE, else asked on the terminal (never a flag: a flag's
    value is visible to every local user)."""
    value = os.environ.get(ENV_PASSPHRASE)
    if value is None:
        value = str(typer.prompt("Backup passphrase", hide_input=True,
                                 confirmation_prompt=confirm, err=True))
    return value


def backup(
    ctx: typer.Context,
    to: str = typer.Option(..., "--to", metavar="DIR|s3://BUCKET/PREFIX",
                           help="Where to keep the backup (a folder outside the workspace, "
                                "or an S3 bucket and prefix)."),
    repair: bool = typer.Option(
        False, "--repair", help="Do not back up: compare every blob of the backup with the "
                                "workspace's and mend the copy that drifted from the good "
                                "one (recorded in the custody log)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Back up the workspace: a consistent copy of the database, the blobs the backup lacks
    (each re-read from the backup and hashed), the signing key encrypted with a passphrase
    (GAVAH_BACKUP_PASSPHRASE, else asked), and a signed manifest of it all; recorded in the
    custody log. Exit 1 when a blob could not be copied or mended."""
    st = state(ctx)
    ws = st.workspace()
    if repair:
        from gavah.pipelines import backup_check

        with stages("repair") as update:
            mended = backup_check.repair(ws, to, st.actor, update)

        def render_repair() -> None:
            for sha in mended.in_backup:
                out.print(f"[green]mended in the backup[/] {sha}")
            for sha in mended.in_workspace:
                out.print(f"[green]mended in the workspace[/] {sha}")
            for u in mended.unrepaired:
                err.print(f"[bold red]not mended[/] {u['sha256']}: {safe(u['problem'])}")
            out.print(f"{mended.checked} blobs compared"
                      + (f"; custody entry {mended.seq}" if mended.seq else ""))

        emit(mended.to_dict(), as_json, render_repair)
        if not mended.ok:
            raise typer.Exit(1)
        return
    from gavah.pipelines import backup as backup_pipeline

    secret = backup_pipeline.check_passphrase(passphrase(confirm=True))
    with stages("backup") as update:
        report = backup_pipeline.make_backup(ws, to, st.actor, secret, update)

    finish(report, as_json, "not backed up", lambda: (
        f"[green]backed up[/] to {safe(report.target)}: {report.blobs} blobs "
        f"({human_size(report.bytes)}, {report.copied} copied now), database "
        f"{safe(report.database)}; custody entry {report.seq}"))


def restore(
    ctx: typer.Context,
    backup: str = typer.Option(..., "--from", metavar="DIR|s3://BUCKET/PREFIX",
                               help="The backup to restore."),
    target: Path = typer.Argument(..., metavar="TARGET",
                                  help="The new workspace folder (must be new or empty)."),
    blobs: str | None = typer.Option(
        None, "--blobs", metavar="s3://BUCKET/PREFIX",
        help="Keep the restored blobs in this S3 bucket (default: the workspace folder)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Restore a backup into a new workspace at TARGET (with --database-url: into that
    empty PostgreSQL database). The backup's signature and hashes are checked first, each
    blob is re-hashed where it is restored, and the restore is recorded in the new
    workspace's custody log. Then run `gavah --home TARGET verify`."""
    from gavah.pipelines import restore as restore_pipeline

    st = state(ctx)
    secret = passphrase(confirm=False).encode()
    with stages("restore") as update:
        report = restore_pipeline.restore(backup, target, secret, st.actor, st.database_url,
                                          blobs, update)

    finish(report, as_json, "not restored", lambda: (
        f"restored the backup of {report.made_at} into {safe(report.home)}: "
        f"{report.blobs} blobs ({human_size(report.bytes)}); custody entry {report.seq}"))


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)
