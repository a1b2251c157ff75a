"""gavah capture: web pages as evidence (WACZ, screenshot, PDF, text, media)."""

from __future__ import annotations

import typer

from gavah.cli.output import emit, err, out, safe
from gavah.cli.state import state
from gavah.core.levels import LEVELS

JSON = typer.Option(False, "--json", help="Print JSON only.")


def capture(
    ctx: typer.Context,
    urls: list[str] = typer.Argument(..., metavar="URL...",
                                          help="Web addresses (http or https)."),
    source: str | None = typer.Option(None, "--source", help="Who published the page."),
    collected_by: str | None = typer.Option(None, "--collected-by", help="Who collected it."),
    note: str | None = typer.Option(None, "--note"),
    tag: list[str] = typer.Option([], "--tag", help="A tag; repeat for more."),
    classification: str = typer.Option("public", "--classification", help=" | ".join(LEVELS)),
    depth: int = typer.Option(0, "--depth", help="0: the page; 1: also the pages it links "
                                                  "to on its own site, in the same archive."),
    timeout: int | None = typer.Option(None, "--timeout", help="Seconds allowed for each "
                                       "capture (default: the workspace's setting, or 60)."),
    allow_private: bool = typer.Option(False, "--allow-private",
                                       help="Allow loopback, private and link-local "
                                            "addresses (tests, intranets)."),
    concurrency: int = typer.Option(1, "--parallel", help="Pages loaded at once (1-8)."),
    as_json: bool = JSON,
) -> None:
    """Capture web pages with a browser: every request and response recorded as WARC in a
    WACZ package (the item's original), with a full-page screenshot, the page as PDF, its
    main text (read for claims), capture metadata, and its video and audio as child
    items. A failed capture (DNS, TLS, time-out, HTTP error) is kept with what was
    received. Exit 1 when a capture failed, 2 when an address was refused."""
    from gavah.pipelines.capture import run

    st = state(ctx)
    ws = st.workspace()
    options = run.Options(source=source, collected_by=collected_by, note=note, tags=tag,
                          classification=classification, depth=depth, timeout=timeout,
                          allow_private=allow_private, concurrency=concurrency)
    options.check()

    def progress(outcome: run.Outcome) -> None:
        if not as_json:
            err.print(f"[dim]{outcome.status}[/] {safe(outcome.url)}")

    report = run.capture_urls(ws, urls, options, st.actor, progress)

    def render() -> None:
        for o in report.outcomes:
            if o.status == "refused":
                err.print(f"[yellow]refused[/] {safe(o.url)}: {safe(o.reason)}")
                continue
            colour = "green" if o.status == "captured" else "yellow"
            made = ", ".join(d["kind"] for d in o.derivatives)
            out.print(f"[{colour}]{o.status}[/] item {o.item}  {safe(o.url)}  "
                      f"HTTP {o.http_status or '—'}  ({made}; {len(o.media)} media)")
            if o.reason:
                out.print(f"  reason: {safe(o.reason)}")
            for warning in o.warnings:
                err.print(f"  [yellow]warning[/] {safe(warning)}")
        if report.claims:
            out.print(f"claims: {report.claims.claims_new} suggested from "
                      f"{report.claims.derivatives} text(s)")

    emit(report.to_dict(), as_json, render)
    statuses = {o.status for o in report.outcomes}
    if "refused" in statuses:
        raise typer.Exit(2)
    if "failed" in statuses:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("capture")(capture)
