"""The `gavah` command.

Start-up is a feature: importing this module loads Typer, Rich and gavah's small core
only. Each command imports the pipelines it needs when it runs (tests/cli/test_startup.py
keeps heavy libraries out)."""

from __future__ import annotations

from pathlib import Path

import typer

from gavah.cli import (
    backup,
    blobs,
    capture,
    cases,
    claims,
    custody,
    disclosure,
    entities,
    estimate,
    events,
    items,
    redact,
    serve,
    sources,
    timestamps,
    users,
    victims,
    workspace,
)
from gavah.cli.lazy import LazyTyper
from gavah.cli.state import State

app = LazyTyper(
    name="gavah", no_args_is_help=True, rich_markup_mode=None,
    help="gavah: an impartial evidence mechanism. Collect and preserve evidence, record "
         "who asserts what, and prove that nothing was altered.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def main(
    ctx: typer.Context,
    home: Path = typer.Option(Path("gavah-data"), "--home", envvar="GAVAH_HOME",
                              help="Workspace folder.", show_default=True),
    database_url: str | None = typer.Option(
        None, "--database-url", envvar="GAVAH_DATABASE_URL", show_default=False,
        help="Database URL (default: SQLite inside the workspace), e.g. "
             "postgresql+psycopg://user@host/db."),
) -> None:
    ctx.obj = State(home=home, database_url=database_url)


for noun in (workspace, blobs, backup, items, capture, custody, timestamps, sources, entities,
             events, claims, cases, users, serve, victims, estimate, disclosure, redact):
    noun.register(app)


def run() -> None:
    try:
        app()
    except SystemExit as done:
        _exit(done.code)


def _exit(code: str | int | None) -> None:
    """Exit as `sys.exit(code)` would, less tearing down every module and object one by
    one: a tenth of a second or more of CPU after an ingest has loaded SQLAlchemy and its
    tables, and of nothing. What matters at exit still happens: atexit handlers
    (multiprocessing's, logging's, temporary files'), then stdout and stderr are flushed.
    With other threads still running, the interpreter exits as it always does (it waits
    for them)."""
    import atexit
    import os
    import sys
    import threading

    if threading.active_count() > 1:
        sys.exit(code)
    if code is None or isinstance(code, int):
        status = code or 0
    else:  # sys.exit("message"): printed, status 1
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (`gavah items | head`): say it as Python does
        sys.exit(code)
    os._exit(status)
