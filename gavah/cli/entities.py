"""gavah entities ..."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from gavah.cli.boundary import Typer, choices
from gavah.cli.output import emit, out, safe
from gavah.cli.state import state
from gavah.core.errors import BadInput

JSON = typer.Option(False, "--json", help="Print JSON only.")
app = Typer(help="People, organisations and places.", no_args_is_help=True)


def _render(e: dict) -> None:  # type: ignore[type-arg]
    out.print(f"[bold]{safe(e['caption'])}[/] (#{e['id']}, {e['type']})")
    for n in e["names"]:
        out.print(f"  {n['kind']:<6} {safe(n['name'])}  [dim]{n['script']}[/]")
    for i in e["identifiers"]:
        out.print(f"  id     {safe(i['scheme'])}:{safe(i['value'])}")
    if e["merged"]:
        out.print(f"  merged entities: {', '.join(map(str, e['merged']))}")
    for p in e.get("positions", []):
        out.print(f"  position: {safe(p['role'])}, {safe(p['organization'])} "
                  f"({safe(p['start'] or '?')} – {safe(p['end'] or '?')})")


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
        type_: str = typer.Option(..., "--type", help=choices("entity_types")),
        alias: list[str] = typer.Option([], "--alias", help="Another name, any script."),
        wikidata: list[str] = typer.Option([], "--wikidata", help="Wikidata QID."),
        sanctions: list[str] = typer.Option([], "--sanctions", help="Sanctions-list id."),
        ident: list[str] = typer.Option([], "--id", help="SCHEME:VALUE"),
        lat: float | None = typer.Option(None, "--lat"),
        lon: float | None = typer.Option(None, "--lon"),
        classification: str = typer.Option("public", "--classification"),
        as_json: bool = JSON) -> None:
    """Add a person, organisation or place."""
    from gavah.pipelines import entities as entity_pipeline


    st = state(ctx)
    data = entity_pipeline.add(st.workspace(), st.viewer(), type_, name, alias,
                               _identifiers(wikidata, sanctions, ident), lat, lon,
                               classification)
    emit(data, as_json, lambda: _render(data))


@app.command("alias")
def alias(ctx: typer.Context, entity: str, names: list[str], as_json: bool = JSON) -> None:
    """Add names (aliases, other scripts) to an entity."""
    from gavah.pipelines import entities as entity_pipeline


    st = state(ctx)
    data = entity_pipeline.add_names(st.workspace(), st.viewer(), entity, names)
    emit(data, as_json, lambda: _render(data))


@app.command("list")
def list_entities(ctx: typer.Context, type_: str | None = typer.Option(None, "--type"),
                  as_json: bool = JSON) -> None:
    """List entities (merged ones appear under the entity they were merged into)."""
    from rich.table import Table

    from gavah.pipelines import entities as entity_pipeline


    st = state(ctx)
    rows = entity_pipeline.list_entities(st.workspace(), st.viewer(), type_)

    def render() -> None:
        table = Table("id", "type", "name", "other names", box=None)
        for e in rows:
            others = sorted({n["name"] for n in e["names"]} - {e["caption"]})
            table.add_row(str(e["id"]), e["type"], safe(e["caption"]), safe(", ".join(others)))
        out.print(table)

    emit(rows, as_json, render)


@app.command("show")
def show(ctx: typer.Context, entity: str, as_json: bool = JSON) -> None:
    """Show an entity: names, identifiers, positions, merge history."""
    from gavah.pipelines import entities as entity_pipeline
    from gavah.pipelines.access import record_object_read

    st = state(ctx)
    data = entity_pipeline.show(st.workspace(), st.viewer(), entity)
    record_object_read(st.workspace(), st.viewer(), "entity", data["id"], data["classification"],
                       {"via": "cli"})
    emit(data, as_json, lambda: _render(data))


@app.command("protect")
def protect(ctx: typer.Context, entity: str,
            reason: str | None = typer.Option(None, "--reason", help="Why."),
            as_json: bool = JSON) -> None:
    """Protect a person (a witness): every export names them by a stable pseudonym."""
    from gavah.pipelines import protection

    st = state(ctx)
    data = protection.protect(st.workspace(), st.viewer(), entity, reason)
    emit(data, as_json, lambda: out.print(
        f"entity {data['entity']} is protected" + (" (already was)" if data["already"]
                                                   else "")))


@app.command("merge")
def merge(ctx: typer.Context, keep: str, into_it: str,
          reason: str | None = typer.Option(None, "--reason"), as_json: bool = JSON) -> None:
    """Merge the second entity into the first (undo with `split`)."""
    from gavah.pipelines import entities as entity_pipeline


    st = state(ctx)
    data = entity_pipeline.merge(st.workspace(), st.viewer(), keep, into_it, reason)
    emit(data, as_json, lambda: _render(data))


@app.command("split")
def split(ctx: typer.Context, kept: str, merged: str,
          reason: str | None = typer.Option(None, "--reason"), as_json: bool = JSON) -> None:
    """Undo a merge: the merged entity (second) stands on its own again."""
    from gavah.pipelines import entities as entity_pipeline


    st = state(ctx)
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
    from gavah.pipelines import entities as entity_pipeline


    st = state(ctx)
    data = entity_pipeline.add_position(st.workspace(), st.viewer(), person, organization,
                                        role, start, end, evidence)
    emit(data, as_json, lambda: out.print(f"position {data['id']}: {data['person']} — "
                                          f"{data['role']}, {data['organization']}",
                                          markup=False))


@app.command("candidates")
def candidates(ctx: typer.Context,
               threshold: float = typer.Option(0.85, "--threshold"),
               as_json: bool = JSON) -> None:
    """Entities whose names look like variants of each other (suggestions, never merged)."""
    from gavah.pipelines import entities as entity_pipeline


    st = state(ctx)
    rows = entity_pipeline.candidates(st.workspace(), st.viewer(), threshold)

    def render() -> None:
        for r in rows:
            out.print(f"{r['score']:.2f}  #{r['a']} {r['a_name']}  ~  #{r['b']} {r['b_name']}"
                      f"  ({r['matched'][0]} / {r['matched'][1]})", markup=False)
        out.print(f"{len(rows)} candidate pair(s); merge with `gavah entities merge A B`")

    emit(rows, as_json, render)


@app.command("export")
def export(ctx: typer.Context,
           output: Path | None = typer.Option(None, "-o", "--output",
                                              help="File (default: standard output).")) -> None:
    """Export entities and positions as FollowTheMoney JSON lines."""
    from gavah.pipelines import ftm


    st = state(ctx)
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
    from gavah.pipelines import ftm


    st = state(ctx)
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: {exc}") from None
    data = ftm.import_lines(st.workspace(), st.viewer(), text.splitlines())
    emit(data, as_json, lambda: out.print(
        f"{data['created']} created, {data['updated']} updated, {data['positions']} "
        f"positions, {len(data['skipped'])} skipped"))


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="entities")
