"""gavah entities ... and gavah events ..."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from gavah.cli.output import emit, handled, out
from gavah.cli.state import state
from gavah.core.errors import BadInput
from gavah.core.vocabulary import values
from gavah.pipelines import entities as entity_pipeline
from gavah.pipelines import events as event_pipeline
from gavah.pipelines import ftm

JSON = typer.Option(False, "--json", help="Print JSON only.")
app = typer.Typer(help="People, organisations and places.", no_args_is_help=True)
events_app = typer.Typer(help="Events: who did what to whom, when, where.",
                         no_args_is_help=True)


def _render(e: dict) -> None:  # type: ignore[type-arg]
    out.print(f"[bold]{e['caption']}[/] (#{e['id']}, {e['type']})")
    for n in e["names"]:
        out.print(f"  {n['kind']:<6} {n['name']}  [dim]{n['script']}[/]")
    for i in e["identifiers"]:
        out.print(f"  id     {i['scheme']}:{i['value']}")
    if e["merged"]:
        out.print(f"  merged entities: {', '.join(map(str, e['merged']))}")
    for p in e.get("positions", []):
        out.print(f"  position: {p['role']}, {p['organization']} ({p['start'] or '?'} – "
                  f"{p['end'] or '?'})")


def _identifiers(wikidata: list[str], sanctions: list[str],
                 other: list[str]) -> list[tuple[str, str]]:
    pairs = [("wikidata", w) for w in wikidata] + [("sanctions", s) for s in sanctions]
    for item in other:
        if ":" not in item:
            raise BadInput(f"--id {item!r}: write SCHEME:VALUE")
        scheme, value = item.split(":", 1)
        pairs.append((scheme, value))
    return pairs


@app.command("add")
def add(ctx: typer.Context, name: str,
        type_: str = typer.Option(..., "--type", help=" | ".join(values("entity_types"))),
        alias: list[str] = typer.Option([], "--alias", help="Another name, any script."),
        wikidata: list[str] = typer.Option([], "--wikidata", help="Wikidata QID."),
        sanctions: list[str] = typer.Option([], "--sanctions", help="Sanctions-list id."),
        ident: list[str] = typer.Option([], "--id", help="SCHEME:VALUE"),
        lat: float | None = typer.Option(None, "--lat"),
        lon: float | None = typer.Option(None, "--lon"),
        classification: str = typer.Option("public", "--classification"),
        as_json: bool = JSON) -> None:
    """Add a person, organisation or place."""
    st = state(ctx)
    with handled():
        data = entity_pipeline.add(st.workspace(), st.viewer(), type_, name, alias,
                                   _identifiers(wikidata, sanctions, ident), lat, lon,
                                   classification)
    emit(data, as_json, lambda: _render(data))


@app.command("alias")
def alias(ctx: typer.Context, entity: str, names: list[str], as_json: bool = JSON) -> None:
    """Add names (aliases, other scripts) to an entity."""
    st = state(ctx)
    with handled():
        data = entity_pipeline.add_names(st.workspace(), st.viewer(), entity, names)
    emit(data, as_json, lambda: _render(data))


@app.command("list")
def list_entities(ctx: typer.Context, type_: str | None = typer.Option(None, "--type"),
                  as_json: bool = JSON) -> None:
    """List entities (merged ones appear under the entity they were merged into)."""
    st = state(ctx)
    with handled():
        rows = entity_pipeline.list_entities(st.workspace(), st.viewer(), type_)

    def render() -> None:
        table = Table("id", "type", "name", "other names", box=None)
        for e in rows:
            others = sorted({n["name"] for n in e["names"]} - {e["caption"]})
            table.add_row(str(e["id"]), e["type"], e["caption"], ", ".join(others))
        out.print(table)

    emit(rows, as_json, render)


@app.command("show")
def show(ctx: typer.Context, entity: str, as_json: bool = JSON) -> None:
    """Show an entity: names, identifiers, positions, merge history."""
    st = state(ctx)
    with handled():
        data = entity_pipeline.show(st.workspace(), st.viewer(), entity)
    emit(data, as_json, lambda: _render(data))


@app.command("merge")
def merge(ctx: typer.Context, keep: str, into_it: str,
          reason: str | None = typer.Option(None, "--reason"), as_json: bool = JSON) -> None:
    """Merge the second entity into the first (undo with `split`)."""
    st = state(ctx)
    with handled():
        data = entity_pipeline.merge(st.workspace(), st.viewer(), keep, into_it, reason)
    emit(data, as_json, lambda: _render(data))


@app.command("split")
def split(ctx: typer.Context, kept: str, merged: str,
          reason: str | None = typer.Option(None, "--reason"), as_json: bool = JSON) -> None:
    """Undo a merge: the merged entity (second) stands on its own again."""
    st = state(ctx)
    with handled():
        data = entity_pipeline.split(st.workspace(), st.viewer(), kept, merged, reason)
    emit(data, as_json, lambda: _render(data))


@app.command("position")
def position(ctx: typer.Context, person: str, organization: str,
             role: str = typer.Option(..., "--role"),
             start: str | None = typer.Option(None, "--from", help="Date, any calendar."),
             end: str | None = typer.Option(None, "--to"),
             evidence: list[str] = typer.Option([], "--evidence", help="Claim or item id."),
             as_json: bool = JSON) -> None:
    """Record that a person held a role in an organisation, from - to."""
    st = state(ctx)
    with handled():
        data = entity_pipeline.add_position(st.workspace(), st.viewer(), person, organization,
                                            role, start, end, evidence)
    emit(data, as_json, lambda: out.print(f"position {data['id']}: {data['person']} — "
                                          f"{data['role']}, {data['organization']}"))


@app.command("candidates")
def candidates(ctx: typer.Context,
               threshold: float = typer.Option(entity_pipeline.CANDIDATE_THRESHOLD,
                                               "--threshold"),
               as_json: bool = JSON) -> None:
    """Entities whose names look like variants of each other (suggestions, never merged)."""
    st = state(ctx)
    with handled():
        rows = entity_pipeline.candidates(st.workspace(), st.viewer(), threshold)

    def render() -> None:
        for r in rows:
            out.print(f"{r['score']:.2f}  #{r['a']} {r['a_name']}  ~  #{r['b']} {r['b_name']}"
                      f"  ({r['matched'][0]} / {r['matched'][1]})")
        out.print(f"{len(rows)} candidate pair(s); merge with `gavah entities merge A B`")

    emit(rows, as_json, render)


@app.command("export")
def export(ctx: typer.Context,
           output: Path | None = typer.Option(None, "-o", "--output",
                                              help="File (default: standard output).")) -> None:
    """Export entities and positions as FollowTheMoney JSON lines."""
    st = state(ctx)
    with handled():
        lines = [json.dumps(e, ensure_ascii=False, sort_keys=True)
                 for e in ftm.export(st.workspace(), st.viewer())]
    text = "".join(line + "\n" for line in lines)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


@app.command("import")
def import_(ctx: typer.Context, path: Path = typer.Argument(..., help="JSON lines, or -"),
            as_json: bool = JSON) -> None:
    """Import FollowTheMoney JSON lines (Aleph, OpenSanctions)."""
    st = state(ctx)
    with handled():
        try:
            text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(f"{path}: {exc}") from None
        data = ftm.import_lines(st.workspace(), st.viewer(), text.splitlines())
    emit(data, as_json, lambda: out.print(
        f"{data['created']} created, {data['updated']} updated, {data['positions']} "
        f"positions, {len(data['skipped'])} skipped"))


def _render_event(e: dict) -> None:  # type: ignore[type-arg]
    when = e["date_start"] or "?"
    if e["date_end"] and e["date_end"] != e["date_start"]:
        when += f" – {e['date_end']}"
    out.print(f"[bold]event {e['id']}[/] {e['act_type']}: {e['title']} ({when}, "
              f"{e['precision'] or '?'})")
    if e["place"]:
        out.print(f"  place: {e['place']['name']}")
    if e["victims_count"] is not None:
        out.print(f"  victims: {e['victims_qualifier'] or ''} {e['victims_count']}")
    for p in e["participants"]:
        out.print(f"  {p['side']}: {p['name']}" + (f" ({p['role']})" if p["role"] else ""))
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


@events_app.command("add")
def add_event(
    ctx: typer.Context, title: str,
    act_type: str = typer.Option(..., "--type", help=" | ".join(values("act_types"))),
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
    st = state(ctx)
    with handled():
        data = event_pipeline.add(
            st.workspace(), st.viewer(), act_type, title, description=description, date=date,
            start=start, end=end, place=place, victims_count=victims_count,
            victims_qualifier=victims_qualifier, victims=victim,
            perpetrators=_pairs(perpetrator, "other", "--perpetrator"),
            claims=_pairs(claim, "supports", "--claim"), classification=classification)
    emit(data, as_json, lambda: _render_event(data))


@events_app.command("link")
def link(ctx: typer.Context, event: int, claim: str,
         stance: str = typer.Option("supports", "--stance", help="supports | disputes"),
         as_json: bool = JSON) -> None:
    """Link a claim to an event as supporting or disputing it."""
    st = state(ctx)
    with handled():
        data = event_pipeline.link_claim(st.workspace(), st.viewer(), event, claim, stance)
    emit(data, as_json, lambda: _render_event(data))


@events_app.command("list")
def list_events(ctx: typer.Context,
                entity: str | None = typer.Option(None, "--entity"),
                as_json: bool = JSON) -> None:
    """List events (optionally those involving an entity)."""
    st = state(ctx)
    with handled():
        rows = event_pipeline.list_events(st.workspace(), st.viewer(), entity)
    def render() -> None:
        for e in rows:
            _render_event(e)

    emit(rows, as_json, render)


@events_app.command("show")
def show_event(ctx: typer.Context, event: int, as_json: bool = JSON) -> None:
    """Show an event."""
    st = state(ctx)
    with handled():
        data = event_pipeline.show(st.workspace(), st.viewer(), event)
    emit(data, as_json, lambda: _render_event(data))


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="entities")
    root.add_typer(events_app, name="events")
