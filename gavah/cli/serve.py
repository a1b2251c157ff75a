"""gavah serve: the web app and the REST API."""

from __future__ import annotations

import os
import threading

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
    allowed_host: list[str] = typer.Option(
        [], "--allowed-host", show_default=False,
        help="A host name (or *.example.org) browsers use for this server; repeat. "
             "Default: localhost and the loopback addresses, plus --host when it names one "
             "address. Any other Host is refused (DNS rebinding)."),
    timestamp_every: float = typer.Option(
        3600, "--timestamp-every", min=0,
        help="Seconds between time-stamps of the custody log by the TSAs added with "
             "`gavah tsa add`, when it has grown (0: never)."),
) -> None:
    """Serve the web app (pages and /api/v1; API docs at /docs)."""
    from gavah.cli import serving

    st = state(ctx)
    ws = st.workspace()  # fail early, with a clear message, on a missing workspace
    # The workers build the app with gavah.web.settings.Settings.from_environment().
    os.environ["GAVAH_HOME"] = str(st.home.resolve())
    if st.database_url:
        os.environ["GAVAH_DATABASE_URL"] = st.database_url
    if secure_cookies is not None:
        os.environ["GAVAH_SECURE_COOKIES"] = "1" if secure_cookies else "0"
    os.environ["GAVAH_ALLOWED_HOSTS"] = ",".join(allowed_hosts(host, allowed_host))
    err.print(f"gavah: serving {st.home} on http://{host}:{port}/ (API docs at /docs)")
    stop = threading.Event()
    if timestamp_every > 0:
        from gavah.pipelines import timestamps

        # In this process, not in the web workers: one schedule however many they are.
        threading.Thread(target=timestamps.every, name="gavah-timestamps", daemon=True,
                         args=(ws, f"{st.actor}:serve", timestamp_every, stop,
                               lambda line: err.print(f"gavah: {line}"))).start()
    try:
        serving.serve(host, port, workers or serving.default_workers())
    finally:
        stop.set()


def allowed_hosts(host: str, extra: list[str]) -> list[str]:
    """The names browsers may use besides localhost and the loopback addresses, which the
    web app always answers to: the address listened on, when it is one, and those named."""
    listens_on_one = host not in ("0.0.0.0", "::", "")
    return list(dict.fromkeys([*([host] if listens_on_one else []), *extra]))


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
