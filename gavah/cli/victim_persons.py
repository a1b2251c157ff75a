"""gavah victims person / split / merge: one person's records side by side, and an
analyst's decisions that a record is someone else or that two persons are one."""

from __future__ import annotations

from typing import Any

import typer

from gavah.cli.output import emit, out, safe
from gavah.cli.state import state

JSON = typer.Option(False, "--json", help="Print JSON only.")
SHOWN = ("list", "source_ref", "name", "father_name", "sex", "birth_year", "age",
         "arrest_date", "death_date", "prison", "death_place")
MARK = {"agree": "=", "close": "~", "disagree": "x", "missing": "?"}


def _render(data: dict[str, Any]) -> None:
    from rich.table import Table

    run = data["run"]
    out.print(f"[bold]person {data['id']}[/]: {len(data['records'])} record(s) on "
              f"{len(data['lists'])} list(s)"
              + (f", linked by run {run['id']}" if run else ", not linked yet"))
    table = Table(show_header=True)
    table.add_column("")
    for r in data["records"]:
        table.add_column(f"record {r['id']}")
    for key in SHOWN:
        table.add_row(key, *(safe(r.get(key) if r.get(key) is not None else "") for r in
                             data["records"]))
    out.print(table)
    for p in data["pairs"]:
        probability = f"p={p['probability']:.3f}" if p["probability"] is not None else \
            "not scored"
        fields = " ".join(f"{name}{MARK[v['verdict']]}" for name, v in p["fields"].items())
        decided = f"  decided {p['decision']}" if p["decision"] else ""
        out.print(f"  {p['a']} ~ {p['b']}  {probability}  {safe(fields)}{decided}")
    for p in data["nearby"]:
        out.print(f"  near: record {p['record']['id']} {safe(p['record']['name'])} (list "
                  f"{safe(p['record']['list'])}, person {safe(p['person_id'])}) "
                  f"p={p['probability']:.3f}")
    for d in data["decisions"]:
        pending = " (pending: next link)" if d["pending"] else ""
        out.print(f"  decision #{d['id']} {d['decided_at'][:19]} {d['actor']}: {d['a']} "
                  f"{d['decision']} {d['b']} ({d['reason']}){pending}", markup=False)
    out.print("fields: = agree, ~ close, x disagree, ? missing")


def person(ctx: typer.Context,
           ref: int = typer.Argument(..., help="A person id, or any of its record ids."),
           as_json: bool = JSON) -> None:
    """One person: every record linked into them, side by side, with the pairwise
    evidence (match probability, which fields agree) and the decisions on them."""
    from gavah.pipelines.victims import persons

    data = persons.person(state(ctx).workspace(), ref)
    emit(data, as_json, lambda: _render(data))


def split(ctx: typer.Context,
          record: int = typer.Argument(..., help="The record to split off its person."),
          reason: str = typer.Option(..., "--reason", help="Why (kept with the decision)."),
          as_json: bool = JSON) -> None:
    """Record that a record is a different person from the others linked with it (in
    force from the next `gavah victims link`)."""
    from gavah.pipelines.victims import persons

    st = state(ctx)
    data = persons.split(st.workspace(), st.actor, record, reason)
    emit(data, as_json, lambda: out.print(
        f"record {data['record']} split from {', '.join(map(str, data['from']))} "
        f"({safe(data['note'])})"))


def merge(ctx: typer.Context,
          record: int = typer.Argument(..., help="A record (or person id) of one person."),
          other: int = typer.Argument(..., help="A record (or person id) of the other."),
          reason: str = typer.Option(..., "--reason", help="Why (kept with the decision)."),
          as_json: bool = JSON) -> None:
    """Record that two persons are one (a "same" decision; in force from the next
    `gavah victims link`)."""
    from gavah.pipelines.victims import persons

    st = state(ctx)
    data = persons.merge(st.workspace(), st.actor, record, other, reason)
    emit(data, as_json, lambda: out.print(
        f"decision {data['id']}: persons of {data['a']} and {data['b']} are one "
        f"({safe(data['note'])})"))


def register(app: typer.Typer) -> None:
    app.command("person")(person)
    app.command("split")(split)
    app.command("merge")(merge)
