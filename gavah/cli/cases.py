"""gavah cases ..."""

from __future__ import annotations

from typing import Any

import typer

from gavah.cli.boundary import Typer
from gavah.cli.output import emit, out, safe
from gavah.cli.state import state
from gavah.core.errors import BadInput

JSON = typer.Option(False, "--json", help="Print JSON only.")
FRAMEWORK = typer.Option(None, "--framework", help="Legal framework (default: rome-statute).")
app = Typer(help="Case files: charges, evidence mapped to the elements of crimes, gaps and "
                 "exculpatory material.", no_args_is_help=True)


def _render_case(c: dict[str, Any]) -> None:
    out.print(f"[bold]case {c['id']}[/] {safe(c['title'])} ({safe(c['framework'])}, "
              f"{c['classification']}): {c['charges']} charge(s), {c['links']} link(s)")


def _target(claim: str | None, item: int | None, event: int | None, estimate: int | None,
            victim: int | None) -> tuple[str, str]:
    given = [(kind, str(ref)) for kind, ref in (("claim", claim), ("item", item),
                                                ("event", event), ("estimate", estimate),
                                                ("victim", victim)) if ref is not None]
    if len(given) != 1:
        raise BadInput("give exactly one of --claim, --item, --event, --estimate, --victim",
                       field="target")
    return given[0]


def _span(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    start, sep, end = text.partition(":")
    if not sep or not start.strip().isdigit() or not end.strip().isdigit():
        raise BadInput(f"--span {text!r}: write START:END (character offsets)", field="span")
    return int(start), int(end)


@app.command("elements")
def elements(ctx: typer.Context, framework: str | None = FRAMEWORK,
             as_json: bool = JSON) -> None:
    """Every crime, context and mode of liability of a framework, with its elements."""
    from gavah.pipelines import cases

    rows = cases.elements(state(ctx).workspace(), framework)

    def render() -> None:
        group = None
        for e in rows:
            if e["crime"] != group:
                group = e["crime"]
                out.print(f"[bold]{safe(e['crime'])}[/] art. {safe(e['article'])}: "
                          f"{safe(e['crime_title'])}")
            out.print(f"  {safe(e['id'])}  {safe(e['label'])}  [dim]({safe(e['citation'])})"
                      "[/]")

    emit(rows, as_json, render)


@app.command("create")
def create(ctx: typer.Context, title: str, framework: str | None = FRAMEWORK,
           classification: str = typer.Option("public", "--classification"),
           event: list[int] = typer.Option([], "--event", help="An event the case covers; "
                                           "repeat."),
           as_json: bool = JSON) -> None:
    """Open a case under a legal framework."""
    from gavah.pipelines import cases

    st = state(ctx)
    data = cases.create(st.workspace(), st.viewer(), title, framework_id=framework,
                        classification=classification, events=event)
    emit(data, as_json, lambda: _render_case(data))


@app.command("charge")
def charge(ctx: typer.Context, case: int,
           suspect: str = typer.Option(..., "--suspect", help="The suspect (an entity)."),
           crime: str = typer.Option(..., "--crime", help="Crime id (gavah cases elements)."),
           mode: str | None = typer.Option(None, "--mode", help="Mode of liability id."),
           as_json: bool = JSON) -> None:
    """Charge a suspect with a crime under a mode of liability."""
    from gavah.pipelines import cases

    st = state(ctx)
    data = cases.charge(st.workspace(), st.viewer(), case, suspect, crime, mode)
    emit(data, as_json, lambda: out.print(
        f"charge {data['id']}: {safe(data['suspect']['name'])}, {safe(data['crime'])}"
        f"{' (' + safe(data['mode']) + ')' if data['mode'] else ''}; "
        f"{len(data['elements'])} elements to prove"))


@app.command("link")
def link(ctx: typer.Context, case: int,
         element: str = typer.Option(..., "--element", help="Element id."),
         claim: str | None = typer.Option(None, "--claim"),
         item: int | None = typer.Option(None, "--item"),
         event: int | None = typer.Option(None, "--event"),
         estimate: int | None = typer.Option(None, "--estimate", help="A saved estimate."),
         victim: int | None = typer.Option(None, "--victim", help="A victim record."),
         page: int | None = typer.Option(None, "--page", help="For an item: the page."),
         span: str | None = typer.Option(None, "--span", help="For an item: START:END of "
                                         "its text."),
         stance: str = typer.Option(..., "--stance", help="supports | undermines"),
         suspect: str | None = typer.Option(None, "--suspect", help="Only for this suspect "
                                            "(default: every suspect charged)."),
         note: str | None = typer.Option(None, "--note"),
         as_json: bool = JSON) -> None:
    """Link evidence to an element of a case, supporting or undermining it."""
    from gavah.pipelines import cases

    st = state(ctx)
    kind, ref = _target(claim, item, event, estimate, victim)
    data = cases.link(st.workspace(), st.viewer(), case, element, kind, ref, stance,
                      suspect=suspect, note=note, page=page, span=_span(span))
    emit(data, as_json, lambda: out.print(
        f"link {data['id']}: {data['target']} {safe(data['target_id'])} {data['stance']} "
        f"{safe(data['element'])}"))


@app.command("unlink")
def unlink(ctx: typer.Context, case: int,
           element: str = typer.Option(..., "--element", help="Element id."),
           claim: str | None = typer.Option(None, "--claim"),
           item: int | None = typer.Option(None, "--item"),
           event: int | None = typer.Option(None, "--event"),
           estimate: int | None = typer.Option(None, "--estimate"),
           victim: int | None = typer.Option(None, "--victim"),
           suspect: str | None = typer.Option(None, "--suspect"),
           note: str | None = typer.Option(None, "--note", help="Why it is removed."),
           as_json: bool = JSON) -> None:
    """Remove a link (it stays in the case's history)."""
    from gavah.pipelines import cases

    st = state(ctx)
    kind, ref = _target(claim, item, event, estimate, victim)
    data = cases.unlink(st.workspace(), st.viewer(), case, element, kind, ref,
                        suspect=suspect, note=note)
    emit(data, as_json, lambda: out.print(
        f"link {data['id']} removed: {data['target']} {safe(data['target_id'])} from "
        f"{safe(data['element'])}"))


def _render_matrix(data: dict[str, Any]) -> None:
    names = {s["id"]: s["name"] for s in data["suspects"]}
    for charge in data["charges"]:
        out.print(f"  charge {charge['id']}: {safe(charge['suspect_name'])}, "
                  f"{safe(charge['crime_title'])} (art. {safe(charge['article'])})"
                  + (f", {safe(charge['mode_title'])}" if charge["mode"] else ""))
    labels = {e["id"]: e["label"] for e in data["elements"]}
    for row in data["matrix"]:
        out.print(f"[bold]{safe(row['element'])}[/] {safe(labels[row['element']])}")
        for cell in row["cells"]:
            if not cell["applies"]:
                continue
            out.print(f"    {safe(names[cell['suspect']])}: {cell['evidence']} supporting, "
                      f"{cell['independent_originators']} independent, best grade "
                      f"{cell['best_grade'] or '-'}"
                      + (f", [red]{cell['undermining']} undermining[/]"
                         if cell["undermined"] else ""))


@app.command("show")
def show(ctx: typer.Context, case: int, as_json: bool = JSON) -> None:
    """A case file: charges, the element matrix, evidence, gaps, exculpatory material."""
    from gavah.pipelines import cases

    st = state(ctx)
    data = cases.show(st.workspace(), st.viewer(), case)

    def render() -> None:
        _render_case(data["case"])
        _render_matrix(data)
        out.print(f"{len(data['gaps'])} gap(s), {len(data['exculpatory'])} exculpatory "
                  "item(s) to disclose (gavah cases gaps)")

    emit(data, as_json, render)


@app.command("gaps")
def gaps(ctx: typer.Context, case: int, as_json: bool = JSON) -> None:
    """What the case lacks, and the exculpatory material it must disclose."""
    from gavah.pipelines import cases

    st = state(ctx)
    data = cases.gap_list(st.workspace(), st.viewer(), case)

    def render() -> None:
        for g in data["gaps"]:
            out.print(f"[bold]{safe(g['element'])}[/] {g['kind']}: {safe(g['message'])}")
        for x in data["exculpatory"]:
            out.print(f"[red]must disclose[/] {x['kind']}: {safe(x['quote'] or '')[:100]} "
                      f"({safe(x['asserted_by'] or '?')}; {safe(x['reason'])})")

    emit(data, as_json, render)


@app.command("list")
def list_cases(ctx: typer.Context, as_json: bool = JSON) -> None:
    """The cases you may see."""
    from gavah.pipelines import cases

    st = state(ctx)
    rows = cases.list_cases(st.workspace(), st.viewer())

    def render() -> None:
        for c in rows:
            _render_case(c)

    emit(rows, as_json, render)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="cases")
