"""gavah claims ..., gavah corroborate, gavah timeline."""

from __future__ import annotations

import typer

from gavah.cli.boundary import Typer, choices
from gavah.cli.output import emit, out, safe
from gavah.cli.state import state
from gavah.core.errors import BadInput
from gavah.core.figures import describe

JSON = typer.Option(False, "--json", help="Print JSON only.")
app = Typer(help="Attributed claims: who says what, where.", no_args_is_help=True)


def _render_claim(c: dict) -> None:  # type: ignore[type-arg]
    who = c["speaker"] or "?"
    via = f" (published by {c['publisher']})" if c["publisher"] and c["publisher"] != who else ""
    status, span = f"[{c['status']}]", f"[{c['start']}:{c['end']}]"
    out.print(f"[bold]{safe(c['id'])}[/] {safe(status)} {c['kind']} — item {c['item_id']} "
              f"{safe(span)}")
    out.print(f"  {who}{via} says: “{c['quote']}”", markup=False)
    if c.get("figure"):
        f = c["figure"]
        out.print(f"  figure: {describe(f)}, counting {f.get('counts') or '?'}", markup=False)


@app.command("list")
def list_claims(
    ctx: typer.Context,
    about: str | None = typer.Option(None, "--about", help="Entity id or name."),
    item: str | None = typer.Option(None, "--item", help="Item id or sha256 prefix."),
    status: str | None = typer.Option(None, "--status", help="suggested|confirmed|rejected"),
    kind: str | None = typer.Option(None, "--kind"),
    limit: int | None = typer.Option(None, "--limit"),
    as_json: bool = JSON,
) -> None:
    """List claims, optionally about an entity or from one item."""
    from gavah.pipelines import claims as claim_pipeline


    st = state(ctx)
    rows = claim_pipeline.list_claims(st.workspace(), st.viewer(), about, item, status,
                                      kind, limit)

    def render() -> None:
        for c in rows:
            _render_claim(c)
        out.print(f"{len(rows)} claim(s)")

    emit(rows, as_json, render)


@app.command("show")
def show(ctx: typer.Context, claim: str, as_json: bool = JSON) -> None:
    """Show a claim: span, attribution chain, figure, reviews, events."""
    from gavah.pipelines import claims as claim_pipeline


    st = state(ctx)
    data = claim_pipeline.show_claim(st.workspace(), st.viewer(), claim)

    def render() -> None:
        _render_claim(data)
        chain = " → ".join(f"{p['name']} ({p['role']})" for p in data["attribution"])
        out.print(f"  attribution: {chain}", markup=False)
        out.print(f"  span verified against text {data['text_sha256'][:12]}: "
                  f"{'yes' if data['span_verified'] else 'NO'}")
        for r in data["reviews"]:
            out.print(f"  {r['reviewed_at'][:19]} {r['action']} by {r['reviewer']}: "
                      f"{r['reason'] or ''}", markup=False)

    emit(data, as_json, render)


@app.command("confirm")
def confirm(ctx: typer.Context, claim: str,
            reason: str | None = typer.Option(None, "--reason"),
            credibility: str | None = typer.Option(None, "--credibility", help="1-6"),
            as_json: bool = JSON) -> None:
    """Confirm a suggested claim (the text says this, attributed to this speaker)."""
    from gavah.pipelines import claims as claim_pipeline


    st = state(ctx)
    data = claim_pipeline.confirm(st.workspace(), st.viewer(), claim, reason, credibility)
    emit(data, as_json, lambda: _render_claim(data))


@app.command("reject")
def reject(ctx: typer.Context, claim: str,
           reason: str = typer.Option(..., "--reason", help="Why the extraction is wrong."),
           as_json: bool = JSON) -> None:
    """Reject a suggested claim (the extraction is wrong), with a reason."""
    from gavah.pipelines import claims as claim_pipeline


    st = state(ctx)
    data = claim_pipeline.reject(st.workspace(), st.viewer(), claim, reason)
    emit(data, as_json, lambda: _render_claim(data))


@app.command("edit")
def edit(ctx: typer.Context, claim: str,
         set_: list[str] = typer.Option([], "--set", help="FIELD=VALUE; repeat. FIELD: "
                                        + choices("claim_fields")),
         reason: str | None = typer.Option(None, "--reason"),
         as_json: bool = JSON) -> None:
    """Edit a claim's fields; the change is kept in its history and the custody log."""
    from gavah.pipelines import claims as claim_pipeline


    st = state(ctx)
    fields: dict[str, object] = {}
    for pair in set_:
        if "=" not in pair:
            raise BadInput(f"--set {pair!r}: write FIELD=VALUE")
        name, value = pair.split("=", 1)
        name = name.strip()
        if name == "about":
            fields[name] = [v.strip() for v in value.split(",") if v.strip()]
        elif name in ("figure_value", "figure_min", "figure_max"):
            try:
                fields[name] = float(value) if value else None
            except ValueError:
                raise BadInput(f"--set {name}: {value!r} is not a number") from None
        else:
            fields[name] = value
    data = claim_pipeline.edit(st.workspace(), st.viewer(), claim, fields, reason)
    emit(data, as_json, lambda: _render_claim(data))


@app.command("add")
def add(ctx: typer.Context, item: str, start: int, end: int,
        kind: str = typer.Option("allegation", "--kind"),
        speaker: str | None = typer.Option(None, "--speaker"),
        label: str | None = typer.Option(None, "--text", help="Which text (e.g. 'page 2')."),
        reason: str | None = typer.Option(None, "--reason"),
        as_json: bool = JSON) -> None:
    """Add an analyst's claim anchored to [START, END) of an item's text."""
    from gavah.pipelines import claims as claim_pipeline


    st = state(ctx)
    data = claim_pipeline.add_claim(st.workspace(), st.viewer(), item, start, end, kind,
                                    speaker, reason, label)
    emit(data, as_json, lambda: _render_claim(data))


def corroborate(ctx: typer.Context,
                target: str = typer.Argument(..., help="A claim id, or event:N."),
                as_json: bool = JSON) -> None:
    """Supporting and contradicting claims, independent originators, figures side by side."""
    from rich.table import Table

    from gavah.pipelines import corroborate as corroborate_pipeline


    st = state(ctx)
    data = corroborate_pipeline.corroborate(st.workspace(), st.viewer(), target)

    def render() -> None:
        head = data.get("claim") or data.get("event") or {}
        out.print(f"[bold]{safe(head.get('quote') or head.get('title'))}[/]")
        support = data["support"]
        out.print(f"consistent with {len(data['supporting'])} other claim(s); "
                  f"{support['originator_count']} originator(s), "
                  f"{data['independent_originators']} independent")
        for group in support["not_independent"]:
            out.print(f"  not independent of each other (aligned with "
                      f"{group['aligned_with']}): {', '.join(group['originators'])}",
                      markup=False)
        for c in data["contradicting"]:
            out.print(f"  contradicted by {c['id']}: {c['speaker'] or c['publisher']}: "
                      f"“{c['quote']}”", markup=False)
        if data["figures"]:
            table = Table("figure", "counts", "asserted by", "affiliation", "published by",
                          "fits?", box=None)
            for row in data["figures"]:
                fits = row["compatible_with_claim"]
                aligned = f" ({row['aligned_with']})" if row["aligned_with"] else ""
                table.add_row(*map(safe, (
                    row["figure"], row["counts"] or "", row["asserted_by"],
                    (row["affiliation"] or "?") + aligned, row["publisher"] or "",
                    "—" if fits is None else "yes" if fits else "CONTRADICTS")))
            out.print(table)

    emit(data, as_json, render)


def timeline(ctx: typer.Context, entity: str = typer.Argument(..., help="Entity id or name."),
             as_json: bool = JSON) -> None:
    """Positions, events and claims about an entity, in date order, with their sources."""
    from gavah.pipelines import timeline as timeline_pipeline


    st = state(ctx)
    data = timeline_pipeline.timeline(st.workspace(), st.viewer(), entity)

    def render() -> None:
        out.print(f"[bold]{safe(data['entity']['caption'])}[/] ({data['entity']['type']})")
        for e in data["entries"]:
            src = e["source"]
            by = src.get("speaker") or src.get("publisher") or src.get("created_by") or ""
            out.print(f"  {e['date'] or 'undated':<10} {e['kind']:<9} {safe(e['summary'][:90])}"
                      f"  [dim]{safe(by)}[/]")

    emit(data, as_json, render)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="claims")
    root.command("corroborate")(corroborate)
    root.command("timeline")(timeline)
