"""gavah export: a case's disclosure package for a court, the defence or the public."""

from __future__ import annotations

from pathlib import Path

import typer

from gavah.cli.output import emit, out, safe
from gavah.cli.state import state

JSON = typer.Option(False, "--json", help="Print JSON only.")


def export(ctx: typer.Context, case: str,
           to: Path = typer.Option(..., "--to", help="A new folder, or FILE.zip."),
           recipient: str = typer.Option(..., "--for",
                                         help="Who receives it: court, defence or public."),
           lang: str = typer.Option("en", "--lang", help="Language of report.pdf: en or fa."),
           as_json: bool = JSON) -> None:
    """Write the case as a signed BagIt package with verify.py at its top: the evidence
    it relies on and everything that undermines it, withheld material counted by reason."""
    from gavah.pipelines.export import package

    st = state(ctx)
    done = package.export(st.workspace(), st.viewer(), case, to, recipient, lang)

    def render() -> None:
        out.print(f"exported case {safe(case)} for {safe(done.recipient)} (level "
                  f"{done.level}) to {safe(done.path)}: {len(done.items)} items")
        for withheld in done.withheld:
            out.print(f"  withheld: {withheld['count']} {withheld['what']} "
                      f"({safe(withheld['reason'])})")
        out.print(f"tag manifest SHA-256 {done.tagmanifest_sha256}, signed by key "
                  f"{done.key_id}; custody entry {done.custody_seq}")
        if not done.timestamped:
            out.print("no time-stamp: no time-stamping authority is configured")
        out.print("check it anywhere with: python3 verify.py")

    emit(done.to_dict(), as_json, render)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
