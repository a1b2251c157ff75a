"""gavah serve: the web app and the REST API."""

from __future__ import annotations

import os

import typer

from gavah.cli.output import err
from gavah.cli.state import state


def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    secure_cookies: bool | None = typer.Option(
        None, "--secure-cookies/--no-secure-cookies", show_default=False,
        help="Mark cookies Secure (default: when the request came over https)."),
    workers: int | None = typer.Option(
        None, "--workers", min=1, show_default=False,
        help="Worker processes (default: one per CPU core, at most 4)."),
) -> None:
    """Serve the web app (pages and /api/v1; API docs at /docs)."""
    from gavah.cli import serving

    st = state(ctx)
    st.workspace()  # fail early, with a clear message, on a missing workspace
    # The workers build the app with gavah.web.settings.Settings.from_environment().
    os.environ["GAVAH_HOME"] = str(st.home.resolve())
    if st.database_url:
        os.environ["GAVAH_DATABASE_URL"] = st.database_url
    if secure_cookies is not None:
        os.environ["GAVAH_SECURE_COOKIES"] = "1" if secure_cookies else "0"
    err.print(f"gavah: serving {st.home} on http://{host}:{port}/ (API docs at /docs)")
    serving.serve(host, port, workers or serving.default_workers())


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
