"""The `gavah` command."""

from __future__ import annotations

from pathlib import Path

import typer

from gavah.cli import claims, custody, entities, items, sources, workspace
from gavah.cli.state import State

app = typer.Typer(
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


workspace.register(app)
items.register(app)
custody.register(app)
sources.register(app)
entities.register(app)
claims.register(app)


def run() -> None:
    app()


from gavah.cli import serve, users  # noqa: E402  (issue 4: accounts and the web app)

users.register(app)
serve.register(app)

from gavah.cli import estimate, victims  # noqa: E402  (issue 5: victim registry and MSE)

victims.register(app)
estimate.register(app)
