"""gavah victims: import lists, list and show records, link, review uncertain pairs."""

from __future__ import annotations

from pathlib import Path

import typer

from gavah.cli import victim_persons
from gavah.cli.boundary import Typer
from gavah.cli.output import emit, err, out, safe
from gavah.cli.state import state
from gavah.core.errors import BadInput
from gavah.core.levels import LEVELS

JSON = typer.Option(False, "--json", help="Print JSON only.")
app = Typer(no_args_is_help=True, rich_markup_mode=None,
                  help="Victim lists: import, link records into persons, review matches.")
review_app = Typer(invoke_without_command=True, rich_markup_mode=None,
                         help="The review queue of uncertain pairs, and decisions on them.")


def _mapping(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for text in pairs:
        column, sep, field = text.rpartition("=")
        if not sep or not column.strip() or not field.strip():
            raise BadInput(f"--map {text}: expected COLUMN=FIELD, e.g. --map 'Full name=name'")
        out[column.strip()] = field.strip()
    return out


def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="CSV, XLSX or JSON file of one list."),
    list_name: str = typer.Option(..., "--list", help="Name of the list (e.g. the group's)."),
    source: str = typer.Option(..., "--source", help="Who published or provided the list."),
    mapping: list[str] = typer.Option([], "--map", help="COLUMN=FIELD; repeat. Columns named "
                                   "like a field map themselves; others are kept as extras."),
    id_column: str | None = typer.Option(None, "--id-column",
                                         help="Column with the list's own row id "
                                              "(default: 'ref' or 'id' when present)."),
    fmt: str | None = typer.Option(None, "--format", help="csv | xlsx | json (default: "
                                   "from the file name and content)."),
    sheet: str | None = typer.Option(None, "--sheet", help="XLSX sheet (default: the first)."),
    classification: str = typer.Option("public", "--classification", help=" | ".join(LEVELS)),
    as_json: bool = JSON,
) -> None:
    """Import a list: the file is stored as evidence, each row becomes a record. Rows that
    cannot be read are reported and kept aside (`gavah victims rejects`); exit 1 then."""
    from gavah.pipelines.victims import importing

    st = state(ctx)
    report = importing.import_list(
        st.workspace(), file, list_name=list_name, source=source, actor=st.actor,
        mapping=_mapping(mapping), id_column=id_column, fmt=fmt, sheet=sheet,
        classification=classification)

    def render() -> None:
        out.print(f"list [bold]{safe(report.list_name)}[/] from item {safe(report.item_id)}: "
                  f"{safe(report.added)} added, {safe(report.already)} already imported, "
                  f"{len(report.rejected)} rejected, {safe(report.blank)} blank row(s)")
        for note in report.notes:
            out.print(f"[dim]note:[/] {safe(note)}")
        for warning in report.warnings:
            err.print(f"[yellow]row {safe(warning['row'])}:[/] {safe(warning['message'])}")
        for row in report.rejected:
            for problem in row["problems"]:
                err.print(f"[red]row {row['row']}, {safe(problem['field'])}:[/] "
                          f"{safe(problem['reason'])}")
        if report.rejected:
            err.print("rejected rows are kept aside: `gavah victims rejects`")

    emit(report.to_dict(), as_json, render)
    if report.rejected:
        raise typer.Exit(1)


def list_records(
    ctx: typer.Context,
    list_name: str | None = typer.Option(None, "--list", help="Only this list."),
    person: int | None = typer.Option(None, "--person", help="Only records of this person."),
    name: str | None = typer.Option(None, "--name", help="Name contains (any script)."),
    limit: int | None = typer.Option(None, "--limit"),
    offset: int = typer.Option(0, "--offset"),
    as_json: bool = JSON,
) -> None:
    """List victim records."""
    from rich.table import Table

    from gavah.pipelines.victims import registry

    rows = registry.list_records(state(ctx).workspace(), list_name=list_name,
                                 person_id=person, name=name, limit=limit, offset=offset)

    def render() -> None:
        table = Table("id", "list", "ref", "name", "father", "born", "died", "prison",
                      "person", box=None)
        for r in rows:
            table.add_row(str(r["id"]), r["list"], r["source_ref"] or "", r["name"],
                          r["father_name"] or "", str(r["birth_year"] or ""),
                          r["death_date"] or "", r["prison"] or "", str(r["person_id"] or ""))
        out.print(table)

    emit(rows, as_json, render)


def show(ctx: typer.Context, record: int = typer.Argument(..., help="Record id."),
         as_json: bool = JSON) -> None:
    """Show a record, the other records of its person, and decisions about it."""
    from gavah.pipelines.victims import registry

    data = registry.show_record(state(ctx).workspace(), record)

    def render() -> None:
        out.print(f"[bold]record {data['id']}[/]  {safe(data['name'])}  (list "
                  f"{safe(data['list'])}, ref {safe(data['source_ref'])}, row {data['row']}, "
                  f"item {data['item_id']})")
        for key, value in data.items():
            if key in ("id", "name", "list", "source_ref", "row", "item_id", "person",
                       "decisions") or value in (None, [], {}, ""):
                continue
            out.print(f"  {safe(key):<22} {safe(value)}")
        for other in data["person"]:
            out.print(f"  same person: record {safe(other['id'])} {safe(other['name'])} "
                      f"(list {safe(other['list'])}, ref {safe(other['source_ref'])})")
        for d in data["decisions"]:
            out.print(f"  decision #{d['id']}: {d['a']} {d['decision']} {d['b']} by "
                      f"{d['actor']} ({d['reason']})", markup=False)

    emit(data, as_json, render)


def rejects(ctx: typer.Context,
            list_name: str | None = typer.Option(None, "--list", help="Only this list."),
            include_resolved: bool = typer.Option(False, "--all",
                                                  help="Also rows since corrected."),
            as_json: bool = JSON) -> None:
    """Rows kept aside at import, with the raw cells and every problem."""
    from gavah.pipelines.victims import registry

    rows = registry.rejects(state(ctx).workspace(), list_name, include_resolved)

    def render() -> None:
        for r in rows:
            problems = "; ".join(f"{p['field']}: {p['reason']}" for p in r["problems"])
            out.print(f"[bold]{safe(r['list'])}[/] row {r['row']} (item {r['item_id']}): "
                      f"{safe(problems)}")
            out.print(f"  [dim]{safe(r['raw'])}[/]")
        out.print(f"{len(rows)} row(s) kept aside")

    emit(rows, as_json, render)


def lists(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Lists, their imports and the latest linkage run."""
    from gavah.pipelines.victims import registry

    data = registry.lists(state(ctx).workspace())

    def render() -> None:
        for entry in data["lists"]:
            out.print(f"[bold]{safe(entry['name'])}[/]  {safe(entry['records'])} records  "
                      f"(source {safe(entry['source'])})")
        run = data["latest_run"]
        if run:
            out.print(f"latest linkage run {safe(run['id'])} ({safe(run['finished_at'][:19])}): "
                      f"{safe(run['records'])} records -> {safe(run['persons'])} persons, "
                      f"{safe(run['review'])} pair(s) for review")

    emit(data, as_json, render)


def link_cmd(
    ctx: typer.Context,
    threshold: float | None = typer.Option(None, "--threshold",
                                           help="Match probability at or above which records "
                                                "are one person (default 0.6)."),
    review_low: float | None = typer.Option(None, "--review-low",
                                            help="Pairs from here up to the threshold go to "
                                                 "review (default 0.1)."),
    backend: str = typer.Option("duckdb", "--backend", help="duckdb | spark"),
    as_json: bool = JSON,
) -> None:
    """Link records within and across lists into persons (Splink, Fellegi-Sunter, EM)."""
    from gavah.pipelines.victims import link

    st = state(ctx)
    params = link.parameters(threshold, review_low)
    report = link.link(st.workspace(), st.actor, params, backend)

    def render() -> None:
        out.print(f"run {report.run_id} ({report.backend}, Splink {report.splink_version}): "
                  f"{safe(report.records)} records -> {safe(report.persons)} persons "
                  f"({safe(report.linked)} records linked), {safe(report.pairs)} scored pairs, "
                  f"{safe(report.review)} for review")
        for warning in report.warnings:
            err.print(f"[yellow]warning:[/] {safe(warning)}")

    emit(report.to_dict(), as_json, render)


def runs(ctx: typer.Context,
         run: int | None = typer.Argument(None, help="A run id: show it with its model."),
         as_json: bool = JSON) -> None:
    """Linkage runs, with what it takes to reproduce each."""
    from gavah.pipelines.victims import registry

    data = registry.runs(state(ctx).workspace(), run)

    def render() -> None:
        for r in data if isinstance(data, list) else [data]:
            out.print(f"run {r['id']} {r['finished_at'][:19]} by {safe(r['actor'])}: "
                      f"{r['backend']}, "
                      f"Splink {safe(r['splink_version'])}, threshold {safe(r['threshold'])}, "
                      f"{safe(r['records'])} records -> {safe(r['persons'])} persons, input "
                      f"{safe(r['input_sha256'][:12])}")

    emit(data, as_json, render)


@review_app.callback()
def review_queue(
    ctx: typer.Context,
    run: int | None = typer.Option(None, "--run", help="Run id (default: the newest)."),
    include_decided: bool = typer.Option(False, "--all", help="Also pairs already decided."),
    as_json: bool = JSON,
) -> None:
    """List uncertain pairs, those whose decision would move the estimate most first.
    Decide with `review decide A B same|different`."""
    from gavah.pipelines.victims import review

    if ctx.invoked_subcommand is not None:
        return
    data = review.queue(state(ctx).workspace(), run, include_decided=include_decided)

    def render() -> None:
        out.print(f"run {safe(data['run_id'])}: {len(data['pairs'])} pair(s) between "
                  f"{safe(data['review_low'])} and {safe(data['threshold'])}")
        for p in data["pairs"]:
            a, b, ev = p["a"], p["b"], p["evidence"]
            change = p.get("estimate_change")
            moves = f"  estimate {change:+,.1f} if same" if change is not None else ""
            out.print(f"[bold]{safe(a['id'])} ~ {safe(b['id'])}[/]  p={p['probability']:.3f}  "
                      f"name {safe(ev['name_similarity'])}  father {safe(ev['father_similarity'])}"
                      f"{safe(moves)}")
            for r in (a, b):
                out.print(f"  {r['id']:>6} {r['list']:<12} {r['name']}  (father "
                          f"{r['father_name'] or '?'}, born {r['birth_year'] or '?'}, died "
                          f"{r['death_date'] or '?'}, {r['prison'] or '?'})", markup=False)

    emit(data, as_json, render)


@review_app.command("decide")
def decide(
    ctx: typer.Context,
    a: int = typer.Argument(..., help="A record id."),
    b: int = typer.Argument(..., help="Another record id."),
    decision: str = typer.Argument(..., help="same | different"),
    reason: str = typer.Option(..., "--reason", help="Why (kept with the decision)."),
    as_json: bool = JSON,
) -> None:
    """Record that two records are the same person, or different persons."""
    from gavah.pipelines.victims import review

    st = state(ctx)
    data = review.decide(st.workspace(), a, b, decision, reason, st.actor)
    emit(data, as_json, lambda: out.print(
        f"decision {safe(data['id'])}: records {safe(data['a'])} and {safe(data['b'])} are "
        f"{safe(data['decision'])} ({safe(data['note'])})"))


@review_app.command("history")
def history(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Every decision ever made, oldest first (later ones override earlier ones)."""
    from gavah.pipelines.victims import review

    rows = review.history(state(ctx).workspace())

    def render() -> None:
        for d in rows:
            out.print(f"#{d['id']} {d['decided_at'][:19]} {d['actor']}: {d['a']} "
                      f"{d['decision']} {d['b']} ({d['reason']})", markup=False)

    emit(rows, as_json, render)


def register(root: typer.Typer) -> None:
    app.command("import")(import_)
    app.command("list")(list_records)
    app.command("show")(show)
    app.command("rejects")(rejects)
    app.command("lists")(lists)
    app.command("link")(link_cmd)
    app.command("runs")(runs)
    victim_persons.register(app)
    app.add_typer(review_app, name="review")
    root.add_typer(app, name="victims")
