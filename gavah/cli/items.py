"""gavah ingest, items, show, search, extract."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from gavah.cli.output import emit, err, human_size, out, progress, safe, shows_progress
from gavah.cli.state import state
from gavah.core.errors import BadInput
from gavah.core.levels import LEVELS
from gavah.core.search_query import MAX_LIMIT

JSON = typer.Option(False, "--json", help="Print JSON only.")
SCHEDULER = typer.Option(None, "--scheduler", metavar="tcp://HOST:PORT",
                         help="Run the per-file work (store, extract, OCR, claims) on this "
                              "Dask cluster; this process records the results. Needs "
                              "gavah[dask] here and on the workers.")


def ingest(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="Files and folders (walked recursively)."),
    source: str | None = typer.Option(None, "--source", help="Who published or provided it."),
    collected_by: str | None = typer.Option(None, "--collected-by", help="Who collected it."),
    method: str = typer.Option("upload", "--method",
                               help="upload | web-capture | import | scan | testimony"),
    note: str | None = typer.Option(None, "--note"),
    tag: list[str] = typer.Option([], "--tag", help="A tag; repeat for more."),
    classification: str = typer.Option("public", "--classification",
                                       help=" | ".join(LEVELS)),
    no_extract: bool = typer.Option(False, "--no-extract", help="Store only; extract later."),
    no_claims: bool = typer.Option(False, "--no-claims",
                                   help="Extract text but do not read it for claims yet."),
    no_ocr: bool = typer.Option(False, "--no-ocr",
                                help="Do not read text from images and scanned PDF pages "
                                     "(Tesseract OCR; seconds a page)."),
    scheduler: str | None = SCHEDULER,
    as_json: bool = JSON,
) -> None:
    """Store files as evidence items, with custody entries, then extract their text and
    suggest the claims, figures and entity mentions in it."""
    from gavah.pipelines import early as early_staging

    st = state(ctx)
    strs = [str(p) for p in paths]
    # A few large files start to be stored now, on threads, while the imports below run;
    # what the ingest does not take is discarded when the command ends, however it ends.
    early = early_staging.start(st.home, strs, classification, scheduler)
    if early is not None:
        ctx.with_resource(early)

    from gavah.pipelines import ingest as ingest_pipeline
    from gavah.pipelines.extract.base import Limits
    from gavah.pipelines.walk import Candidate, walk

    ws = st.workspace()
    options = ingest_pipeline.Options(source=source, collected_by=collected_by,
                                      method=method, note=note, tags=tag,
                                      classification=classification,
                                      extract=not no_extract, claims=not no_claims,
                                      limits=Limits(ocr=not no_ocr), scheduler=scheduler)
    options.check()
    # The bar's total alone needs this walk (the ingest walks again): not without a bar.
    total = sum(1 for c in walk(strs, (str(ws.home),)) if isinstance(c, Candidate)) \
        if shows_progress() else None
    with progress("ingest") as bar:
        task = bar.add_task("ingest", total=total, current="")
        report = ingest_pipeline.ingest_paths(
            ws, strs, options, st.actor,
            progress=lambda path, _size: bar.update(task, advance=1, current=path[-50:]),
            early=early)

    def render() -> None:
        # One print for all of a kind's lines: the same output, at a third of the cost of
        # a print each (Rich measures the console at every call).
        _lines([f"[green]acquired[/] item {row['item']}  {safe(row['path'])}  "
                f"{row['media_type']}  {human_size(row['size'])}"
                f"{'' if row['new_bytes'] else ' (bytes already stored)'}"
                for row in report.acquired])
        _lines([f"[dim]already acquired[/] item {row['item']}  {safe(row['path'])}"
                for row in report.already])
        for row in report.skipped:
            err.print(f"[yellow]skipped[/] {safe(row['path'])}: {safe(row['reason'])}")
        for row in report.extraction.failed:
            err.print(f"[yellow]extraction failed[/] item {row['item']} {safe(row['name'])}: "
                      f"{safe(row['reason'])}")
        for warning in report.warnings:
            err.print(f"[yellow]warning[/] {safe(warning)}")
        out.print(f"{len(report.acquired)} acquired, {len(report.already)} already acquired, "
                  f"{len(report.skipped)} skipped, {report.extraction.extracted} extracted, "
                  f"{report.extraction.children} unpacked, "
                  f"{len(report.extraction.failed)} extraction failures")
        if report.claims:
            out.print(f"claims: {report.claims.claims_new} suggested from "
                      f"{report.claims.derivatives} text(s), {report.claims.mentions} "
                      "entity mentions")
        for stamp in report.timestamps.outcomes if report.timestamps else []:
            if stamp.status == "stamped":
                out.print(f"time-stamped custody entry {stamp.stamped_seq} at "
                          f"{stamp.gen_time} by {safe(stamp.tsa)}")

    emit(report.to_dict(), as_json, render)
    if report.skipped and not report.acquired and not report.already:
        raise typer.Exit(2)


def _lines(lines: list[str]) -> None:
    if lines:
        out.print("\n".join(lines))


def list_items(
    ctx: typer.Context,
    failed: bool = typer.Option(False, "--failed", help="Only items whose extraction failed."),
    limit: int | None = typer.Option(None, "--limit"),
    as_json: bool = JSON,
) -> None:
    """List evidence items."""
    from gavah.pipelines import fast_items

    st = state(ctx)
    rows = fast_items.list_items(st.read_workspace(), st.workspace, limit=limit,
                                 failed_only=failed)

    def render() -> None:
        from rich.table import Table

        table = Table("id", "name", "media type", "size", "source", "class.", "acquired",
                      "sha256", box=None)
        for r in rows:
            table.add_row(str(r["id"]), safe(r["original_name"]), safe(r["media_type"]),
                          human_size(r["size"]), safe(r["source"] or ""),
                          r["classification"], r["acquired_at"][:19], r["sha256"][:12])
        out.print(table)

    emit(rows, as_json, render)


def show(ctx: typer.Context, item: str = typer.Argument(..., help="Item id or sha256 prefix."),
         as_json: bool = JSON) -> None:
    """Show an item: metadata, derivatives, children and custody history."""
    from gavah.pipelines import fast_items

    st = state(ctx)
    # As the reading pipeline reads it: a read of protected material is a custody entry.
    data = fast_items.item(st.read_workspace(), st.workspace, st.viewer(), item, via="cli")

    def render() -> None:
        out.print(f"[bold]item {data['id']}[/]  {safe(data['original_name'])}")
        for key in ("sha256", "size", "media_type", "original_path", "source", "collected_by",
                    "method", "classification", "acquired_at", "acquired_by", "file_modified",
                    "note", "tags", "parent_id", "relation", "extraction", "extraction_error"):
            if data.get(key) not in (None, [], ""):
                out.print(f"  {key:<20} {safe(data[key])}")
        for key, value in data["metadata"].items():
            out.print(f"  {safe('meta.' + key):<20} {safe(value)}")
        for d in data["derivatives"]:
            out.print(f"  derivative {d['id']}: {d['kind']} {safe(d['label'])} "
                      f"{d['sha256'][:12]} ({safe(d['tool'])})")
        for r in data.get("redactions", []):
            out.print(f"  redacted copy {r['sha256'][:12]} ({safe(r['label'])}): "
                      f"{safe(r['hidden'])}; by {safe(r['by'])} {r['created_at'][:19]}: "
                      f"{safe(r['reason'])}")
        for p in data.get("provenance", []):
            edited = p.get("edited_after_signing")
            out.print(f"  provenance {safe(p['kind'])}: {safe(p['status'])}"
                      + (f", signed by {safe(p['signer'])}" if p.get("signer") else "")
                      + ("" if edited is None else
                         f"; edited after signing: {'yes' if edited else 'no'}"))
        if data.get("existed_by"):
            stamp = data["existed_by"]
            out.print(f"  existed no later than {stamp['gen_time']} (stamped by "
                      f"{safe(stamp['tsa_label'])})")
        for c in data["children"]:
            out.print(f"  child item {c['id']}: {safe(c['original_name'])} ({c['relation']})")
        if data.get("capture"):
            _render_captures(data["capture"])
        for e in data["custody"]:
            out.print(f"  custody #{e['seq']} {e['time'][:19]} {safe(e['action'])} by "
                      f"{safe(e['actor'])}")

    emit(data, as_json, render)


def _render_captures(capture: dict[str, Any]) -> None:
    out.print(f"  captures of {safe(capture['url'])}:")
    for c in capture["captures_of_url"]:
        mark = "*" if c["this"] else " "
        change = c["changes"]
        if change is None:
            said = "first capture" if c is capture["captures_of_url"][0] else "no text"
        elif change["same"]:
            said = "text unchanged"
        else:
            said = f"text: +{change['added']} -{change['removed']} lines"
        out.print(f"   {mark} item {c['item']}  {c['captured_at'][:19]}  {c['status']}  "
                  f"HTTP {c['http_status'] or '—'}  {said}")


def search(ctx: typer.Context, query: str = typer.Argument(...),
           limit: int = typer.Option(20, "--limit", min=1, max=MAX_LIMIT),
           offset: int = typer.Option(0, "--offset", min=0),
           as_json: bool = JSON) -> None:
    """Full-text search over extracted text (Persian, Arabic and Latin scripts alike)."""
    from rich.text import Text

    from gavah.pipelines import browse

    st = state(ctx)
    if not query.strip():  # browsing without words is `gavah items`
        raise BadInput("the search query has no words to look for")
    page = browse.browse(st.workspace(), st.viewer(), query, limit=limit, offset=offset,
                         via="cli-search")
    if page.notice:
        raise BadInput(page.notice)

    def render() -> None:
        bound = "at least " if page.at_least else ""  # only the first matches are ranked
        out.print(f"{bound}{page.total} item(s) match {safe(repr(query))}")
        for hit in page.results:
            line = Text((hit.snippet or "").replace("\n", " "))
            for start, end in hit.highlights:
                line.stylize("bold yellow", start, end)
            out.print(f"[bold]item {hit.item['id']}[/] {safe(hit.item['original_name'])} "
                      f"[dim]({safe(hit.label)})[/]")
            out.print(Text("  ").append(line))

    emit(page.to_dict(), as_json, render)


def extract(
    ctx: typer.Context,
    items: list[str] = typer.Argument(None, help="Item ids or sha256 prefixes (default: all)."),
    retry: bool = typer.Option(False, "--retry", help="Also run failed extractions again."),
    again: bool = typer.Option(False, "--again",
                               help="Read texts for claims again (idempotent: known claims "
                                    "are not duplicated; new entities are recognised)."),
    scheduler: str | None = SCHEDULER,
    as_json: bool = JSON,
) -> None:
    """Extract text and metadata from items still waiting (or failed, with --retry), then
    read the texts for claims, figures, dates and entity mentions."""
    from gavah.pipelines import claims as claim_pipeline
    from gavah.pipelines import derive
    from gavah.pipelines.extract.base import Limits
    from gavah.store.items import resolve

    st = state(ctx)
    ws = st.workspace()
    ids = None
    if items:
        with ws.db.read() as session:
            ids = [resolve(session, ref).id for ref in items]
    # On a cluster the workers read new texts for claims too, next to extraction.
    report = derive.extract_items(ws, ids, st.actor, Limits(), retry=retry,
                                  claims=scheduler is not None, scheduler=scheduler)
    claims = claim_pipeline.extract_claims(ws, ids, st.actor, force=again)

    def render() -> None:
        for row in report.failed:
            err.print(f"[yellow]extraction failed[/] item {row['item']} {safe(row['name'])}: "
                      f"{safe(row['reason'])}")
        out.print(f"{report.extracted} extracted, {report.children} unpacked, "
                  f"{len(report.failed)} failed; claims: {claims.claims_new} new, "
                  f"{claims.claims_known} already known, from {claims.derivatives} text(s)")

    emit(report.to_dict() | {"claims": claims.to_dict()}, as_json, render)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("items")(list_items)
    app.command("show")(show)
    app.command("search")(search)
    app.command("extract")(extract)
