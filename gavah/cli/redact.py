"""gavah redact: a redacted copy of an item's text or picture, as a new derivative."""

from __future__ import annotations

import typer

from gavah.cli.output import emit, out, safe
from gavah.cli.state import state

JSON = typer.Option(False, "--json", help="Print JSON only.")


def redact(
    ctx: typer.Context,
    item: str = typer.Argument(..., help="Item id or sha256 prefix."),
    span: list[str] = typer.Option(
        [], "--span", metavar="START:END",
        help="Characters [START, END) of the item's text to hide (each replaced by a mark, "
             "so other offsets stay valid); repeat for more."),
    region: list[str] = typer.Option(
        [], "--region", metavar="X,Y,W,H",
        help="A rectangle of the picture to black out, in pixels from its top left corner "
             "as it is shown; repeat for more. The copy keeps no EXIF or GPS metadata."),
    text: str | None = typer.Option(None, "--text",
                                    help="Which text the spans are in (e.g. 'page 2'); "
                                         "default the item's first."),
    reason: str = typer.Option(..., "--reason", help="Why it is hidden (kept in the "
                                                     "custody log)."),
    afresh: bool = typer.Option(False, "--afresh",
                                help="Hide only these, not also what the item's latest "
                                     "copy of the same text or picture hides."),
    as_json: bool = JSON,
) -> None:
    """Make a redacted copy of an item; the original is never changed. The copy is a
    new derivative recorded in the custody log with what was hidden, why and by whom,
    and exports for the defence or the public carry it in place of the original. It
    also hides what the latest earlier copy hid (see --afresh)."""
    from gavah.core.redaction import parse_region, parse_span
    from gavah.pipelines import redact as redact_pipeline

    st = state(ctx)
    data = redact_pipeline.redact(st.workspace(), st.viewer(), item,
                                  [parse_span(s) for s in span],
                                  [parse_region(r) for r in region], reason, text,
                                  afresh=afresh)

    def render() -> None:
        out.print(f"item {data['item']}: redacted copy {data['sha256'][:12]} "
                  f"(derivative {data['id']}, custody #{data['custody_seq']})")
        out.print(f"  hidden: {safe(data['hidden'])}")
        out.print(f"  reason: {safe(data['reason'])}")

    emit(data, as_json, render)


def register(app: typer.Typer) -> None:
    app.command("redact")(redact)
