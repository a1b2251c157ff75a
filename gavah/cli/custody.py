"""gavah log, gavah verify."""

from __future__ import annotations

import typer

from gavah.cli.output import emit, err, out, progress, safe
from gavah.cli.state import state

JSON = typer.Option(False, "--json", help="Print JSON only.")


def log(ctx: typer.Context,
        item: str | None = typer.Argument(None, help="Only entries about this item."),
        limit: int | None = typer.Option(None, "--limit", help="The newest N entries."),
        as_json: bool = JSON) -> None:
    """Show the custody log (oldest first)."""
    from gavah.core.custody import READ_ITEMS
    from gavah.store.custody import iter_entries
    from gavah.store.items import resolve

    ws = state(ctx).workspace()
    with ws.db.read() as session:
        item_id = resolve(session, item).id if item else None
        entries = [e.to_dict() for e in iter_entries(session, item_id, newest_first=bool(limit),
                                                     limit=limit)]
    entries.sort(key=lambda e: e["seq"])

    def render() -> None:
        for e in entries:
            listed = e["details"].get(READ_ITEMS) if e["item"] is None else None
            subject = f"item {e['item']}" if e["item"] is not None else \
                f"{len(listed)} items" if isinstance(listed, list) else "-"
            out.print(f"#{e['seq']:<6} {e['time'][:19]}  {safe(e['action']):<18} "
                      f"{subject:<10} {safe(e['actor'])}  [dim]{e['hash'][:16]}[/]")

    emit(entries, as_json, render)


def verify(ctx: typer.Context,
           backup: str | None = typer.Option(
               None, "--backup", metavar="DIR|s3://BUCKET/PREFIX",
               help="Check this backup instead, without restoring it: its manifest's "
                    "signature, and every file and blob it lists re-hashed."),
           as_json: bool = JSON) -> None:
    """Re-hash every blob, check every custody link and signature, and every time-stamp
    against the entry it stamps and its TSA's certificate. Exit 1 on problems."""
    from gavah.pipelines import verify as verify_pipeline

    if backup is not None:
        _verify_backup(ctx, backup, as_json)
        return
    st = state(ctx)
    fast = st.read_workspace()  # on the DB-API, when it opens the database
    with progress("verify") as bar:
        task = bar.add_task("verify", total=None, current="")

        def step(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = (verify_pipeline.verify_read_only(fast, progress=step) if fast is not None
                  else verify_pipeline.verify(st.workspace(), progress=step))

    def render() -> None:
        for p in report.problems:
            err.print(f"[bold red]{p.kind}[/] {safe(p.detail)}")
        verdict = "[green]intact[/]" if report.ok else f"[red]{len(report.problems)} problem(s)[/]"
        out.print(f"{verdict}: {report.items_checked} items, {report.blobs_checked} blobs, "
                  f"{report.entries_checked} custody entries, {report.timestamps_checked} "
                  "time-stamps checked")

    emit(report.to_dict(), as_json, render)
    if not report.ok:
        raise typer.Exit(1)


def _verify_backup(ctx: typer.Context, location: str, as_json: bool) -> None:
    """The backup's signature is checked with the workspace's key when --home names a
    workspace, else with the key the backup carries; with GAVAH_BACKUP_PASSPHRASE set the
    encrypted signing key is opened and compared too."""
    import os

    from gavah.cli.backup import ENV_PASSPHRASE
    from gavah.core.errors import BadInput
    from gavah.pipelines import backup_check

    st = state(ctx)
    try:
        expected = st.workspace().public_key
    except BadInput:  # no workspace here: the backup is checked on its own
        expected = None
    secret = os.environ.get(ENV_PASSPHRASE)
    with progress("verify") as bar:
        task = bar.add_task("verify", total=None, current="")
        check = backup_check.verify_backup(
            location, expected, secret.encode() if secret is not None else None,
            lambda _stage, done, total: bar.update(task, completed=done, total=total))

    def render() -> None:
        for p in check.problems:
            err.print(f"[bold red]{p.kind}[/] {safe(p.detail)}")
        verdict = "[green]intact[/]" if check.ok else f"[red]{len(check.problems)} problem(s)[/]"
        made = check.manifest.made_at if check.manifest else "?"
        out.print(f"{verdict}: backup of {made} in {safe(check.location)}, "
                  f"{check.files_checked} files and {check.blobs_checked} blobs checked, "
                  f"signature checked with the {check.key_checked_against}'s key")

    emit(check.to_dict(), as_json, render)
    if not check.ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("log")(log)
    app.command("verify")(verify)
