"""gavah sources add/list/show/assess."""

from __future__ import annotations

import typer

from gavah.cli.boundary import Typer, choices
from gavah.cli.output import emit, out, safe
from gavah.cli.state import state

JSON = typer.Option(False, "--json", help="Print JSON only.")
app = Typer(help="Sources: originators, their affiliation and reliability grades.",
                  no_args_is_help=True)


def _render(s: dict) -> None:  # type: ignore[type-arg]
    aligned = f" with {s['aligned_with']}" if s["aligned_with"] else ""
    out.print(f"[bold]{safe(s['name'])}[/] (#{s['id']}) {s['type']}, {s['affiliation']}"
              f"{safe(aligned)}, grade {s['grade'] or '-'}")
    for g in s["grades"]:
        out.print(f"  {g['graded_at'][:19]} {g['grade']} by {g['grader']}: {g['reason']}",
                  markup=False)


@app.command("add")
def add(ctx: typer.Context, name: str,
        type_: str = typer.Option(..., "--type", help=choices("source_types")),
        affiliation: str = typer.Option(..., "--affiliation",
                                        help=choices("affiliations")),
        aligned_with: str | None = typer.Option(None, "--aligned-with",
                                                help="The party it is aligned with."),
        description: str | None = typer.Option(None, "--description"),
        grade: str | None = typer.Option(None, "--grade", help="Admiralty A-F."),
        reason: str | None = typer.Option(None, "--reason", help="Why this grade."),
        classification: str = typer.Option("public", "--classification"),
        as_json: bool = JSON) -> None:
    """Register a source (originator)."""
    from gavah.pipelines import sources as source_pipeline

    st = state(ctx)
    data = source_pipeline.add(st.workspace(), st.viewer(), name, type_, affiliation,
                               aligned_with, description, classification, grade, reason)
    emit(data, as_json, lambda: _render(data))


@app.command("assess")
def assess(ctx: typer.Context, source: str,
           grade: str = typer.Option(..., "--grade", help="Admiralty A-F."),
           reason: str = typer.Option(..., "--reason"), as_json: bool = JSON) -> None:
    """Grade a source's reliability (the history of grades is kept)."""
    from gavah.pipelines import sources as source_pipeline

    st = state(ctx)
    data = source_pipeline.assess(st.workspace(), st.viewer(), source, grade, reason)
    emit(data, as_json, lambda: _render(data))


@app.command("show")
def show(ctx: typer.Context, source: str, as_json: bool = JSON) -> None:
    """Show a source with its grade history."""
    from gavah.pipelines import sources as source_pipeline

    st = state(ctx)
    data = source_pipeline.show(st.workspace(), st.viewer(), source)
    emit(data, as_json, lambda: _render(data))


@app.command("list")
def list_sources(ctx: typer.Context, as_json: bool = JSON) -> None:
    """List sources."""
    from rich.table import Table

    from gavah.pipelines import sources as source_pipeline

    st = state(ctx)
    rows = source_pipeline.list_sources(st.workspace(), st.viewer())

    def render() -> None:
        table = Table("id", "name", "type", "affiliation", "aligned with", "grade", box=None)
        for s in rows:
            table.add_row(str(s["id"]), s["name"], s["type"], s["affiliation"],
                          s["aligned_with"] or "", s["grade"] or "-")
        out.print(table)

    emit(rows, as_json, render)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="sources")
