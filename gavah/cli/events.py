"""gavah events ..."""

from __future__ import annotations

import typer

from gavah.cli.boundary import Typer, choices
from gavah.cli.output import emit, out, safe
from gavah.cli.state import state
from gavah.core.errors import BadInput

JSON = typer.Option(False, "--json", help="Print JSON only.")
app = Typer(help="Events: who did what to whom, when, where.", no_args_is_help=True)


def _render_event(e: dict) -> None:  # type: ignore[type-arg]
    when = e["date_start"] or "?"
    if e["date_end"] and e["date_end"] != e["date_start"]:
        when += f" – {e['date_end']}"
    out.print(f"[bold]event {e['id']}[/] {e['act_type']}: {safe(e['title'])} ({safe(when)}, "
              f"{e['precision'] or '?'})")
    if e["place"]:
        out.print(f"  place: {e['place']['name']}", markup=False)
    if e["victims_count"] is not None:
        out.print(f"  victims: {e['victims_qualifier'] or ''} {e['victims_count']}",
                  markup=False)
    for p in e["participants"]:
        out.print(f"  {p['side']}: {p['name']}" + (f" ({p['role']})" if p["role"] else ""),
                  markup=False)
    for c in e["claims"]:
        out.print(f"  {c['stance']}: {c['id']} {c['speaker'] or c['publisher']}: "
                  f"“{c['quote'][:80]}”", markup=False)


def _pairs(items: list[str], default: str, option: str) -> list[tuple[str, str]]:
    out_pairs = []
    for item in items:
        ref, _, value = item.rpartition(":") if ":" in item else (item, "", default)
        if not ref:
            raise BadInput(f"{option} {item!r}: write REF or REF:{default.upper()}")
        out_pairs.append((ref, value or default))
    return out_pairs


@app.command("add")
def add_event(
    ctx: typer.Context, title: str,
    act_type: str = typer.Option(..., "--type", help=choices("act_types")),
    date: str | None = typer.Option(None, "--date", help="e.g. 1988-07, 'summer 1988', "
                                    "'مرداد ۱۳۶۷'"),
    start: str | None = typer.Option(None, "--from"),
    end: str | None = typer.Option(None, "--to"),
    place: str | None = typer.Option(None, "--place", help="Place entity."),
    victims_count: int | None = typer.Option(None, "--victims-count"),
    victims_qualifier: str | None = typer.Option(None, "--victims-qualifier"),
    victim: list[str] = typer.Option([], "--victim", help="Victim entity; repeat."),
    perpetrator: list[str] = typer.Option([], "--perpetrator",
                                          help="ENTITY:ROLE (ordered, decided, carried-out, "
                                               "present); repeat."),
    claim: list[str] = typer.Option([], "--claim", help="CLAIM[:supports|disputes]; repeat."),
    description: str | None = typer.Option(None, "--description"),
    classification: str = typer.Option("public", "--classification"),
    as_json: bool = JSON,
) -> None:
    """Record an event with its date (any calendar), place, victims, perpetrators, claims."""
    from gavah.pipelines import events as event_pipeline


    st = state(ctx)
    data = event_pipeline.add(
        st.workspace(), st.viewer(), act_type, title, description=description, date=date,
        start=start, end=end, place=place, victims_count=victims_count,
        victims_qualifier=victims_qualifier, victims=victim,
        perpetrators=_pairs(perpetrator, "other", "--perpetrator"),
        claims=_pairs(claim, "supports", "--claim"), classification=classification)
    emit(data, as_json, lambda: _render_event(data))


@app.command("link")
def link(ctx: typer.Context, event: int, claim: str,
         stance: str = typer.Option("supports", "--stance", help="supports | disputes"),
         as_json: bool = JSON) -> None:
    """Link a claim to an event as supporting or disputing it."""
    from gavah.pipelines import events as event_pipeline


    st = state(ctx)
    data = event_pipeline.link_claim(st.workspace(), st.viewer(), event, claim, stance)
    emit(data, as_json, lambda: _render_event(data))


@app.command("list")
def list_events(ctx: typer.Context,
                entity: str | None = typer.Option(None, "--entity"),
                as_json: bool = JSON) -> None:
    """List events (optionally those involving an entity)."""
    from gavah.pipelines import events as event_pipeline


    st = state(ctx)
    rows = event_pipeline.list_events(st.workspace(), st.viewer(), entity)
    def render() -> None:
        for e in rows:
            _render_event(e)

    emit(rows, as_json, render)


@app.command("show")
def show_event(ctx: typer.Context, event: int, as_json: bool = JSON) -> None:
    """Show an event."""
    from gavah.pipelines import events as event_pipeline


    st = state(ctx)
    data = event_pipeline.show(st.workspace(), st.viewer(), event)
    emit(data, as_json, lambda: _render_event(data))


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="events")
