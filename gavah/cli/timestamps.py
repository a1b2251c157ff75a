"""gavah timestamp, gavah tsa add/list/stamps/remove."""

from __future__ import annotations

from pathlib import Path

import typer

from gavah.cli.boundary import Typer
from gavah.cli.output import emit, err, out, safe
from gavah.cli.state import state
from gavah.core.errors import BadInput

JSON = typer.Option(False, "--json", help="Print JSON only.")
TIMEOUT = 30.0  # seconds to wait for a TSA (gavah.pipelines.timestamps.TIMEOUT)
tsa_app = Typer(help="Time-stamping authorities (RFC 3161) the workspace trusts.",
                no_args_is_help=True)


def _read_pem(path: Path | None, field: str) -> bytes | None:
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BadInput(f"cannot read the trust anchor {path}: {exc.strerror or exc}",
                       field=field) from None


def timestamp(ctx: typer.Context,
              tsa: list[str] = typer.Option([], "--tsa", help="A TSA's URL; repeat for more "
                                            "(default: every TSA added with `gavah tsa add`)."),
              tsa_ca: Path | None = typer.Option(None, "--tsa-ca",
                                                 help="The CA certificate (PEM) that the "
                                                      "named TSA's certificate chains to."),
              timeout: float = typer.Option(TIMEOUT, "--timeout", min=1,
                                            help="Seconds to wait for each TSA."),
              as_json: bool = JSON) -> None:
    """Have the newest custody entry (and so the whole log up to it) time-stamped by one
    or more RFC 3161 authorities. Exit 1 when a TSA could not stamp."""
    from gavah.pipelines import timestamps as stamp_pipeline

    st = state(ctx)
    report = stamp_pipeline.stamp(st.workspace(), st.actor, tsa, _read_pem(tsa_ca, "tsa_ca"),
                                  timeout)

    def render() -> None:
        for o in report.outcomes:
            if o.status == "stamped":
                out.print(f"[green]stamped[/] custody entry {o.stamped_seq} at "
                          f"{o.gen_time} by {safe(o.tsa)} (entry {o.custody_seq})")
            else:
                err.print(f"[bold red]failed[/] {safe(o.tsa)}: {safe(o.reason or '')}")

    emit(report.to_dict(), as_json, render)
    if not report.ok:
        raise typer.Exit(1)


@tsa_app.command("add")
def add(ctx: typer.Context, url: str = typer.Argument(..., help="The TSA's URL."),
        ca: Path = typer.Option(..., "--ca", help="The CA certificate (PEM) its "
                                                  "certificate chains to."),
        as_json: bool = JSON) -> None:
    """Keep a TSA and its trust anchor: `gavah timestamp`, ingest and the web server
    stamp with it."""
    from gavah.pipelines import timestamps as stamp_pipeline

    st = state(ctx)
    anchor = stamp_pipeline.add_tsa(st.workspace(), url, _read_pem(ca, "ca") or b"", st.actor)
    emit(anchor.to_dict(), as_json,
         lambda: out.print(f"TSA {safe(anchor.url)} kept (anchor {anchor.ca_sha256[:16]}…)"))


@tsa_app.command("list")
def list_(ctx: typer.Context, as_json: bool = JSON) -> None:
    """The TSAs the workspace knows: scheduled ones stamp; the others' stamps are checked."""
    from gavah.pipelines import timestamps as stamp_pipeline

    anchors = stamp_pipeline.list_tsas(state(ctx).workspace())

    def render() -> None:
        for a in anchors:
            mark = "scheduled" if a.scheduled else "kept for checks"
            out.print(f"{safe(a.url)}  [dim]{a.ca_sha256[:16]}…  {mark}  since "
                      f"{a.added_at[:19]}[/]")

    emit([a.to_dict() for a in anchors], as_json, render)


@tsa_app.command("stamps")
def stamps(ctx: typer.Context,
           out_dir: Path | None = typer.Option(None, "--out", help="Also write each response "
                                               "(SEQ.tsr) and its TSA's anchor (SEQ-ca.pem) "
                                               "to this folder, for `openssl ts -verify`."),
           as_json: bool = JSON) -> None:
    """The stored time-stamps, each with the custody entry it stamps."""
    from gavah.pipelines import timestamps as stamp_pipeline

    records = stamp_pipeline.stamps(state(ctx).workspace())
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            for r in records:
                (out_dir / f"{r.custody_seq}.tsr").write_bytes(r.response)
                (out_dir / f"{r.custody_seq}-ca.pem").write_bytes(r.ca_pem)
        except OSError as exc:
            raise BadInput(f"cannot write to {out_dir}: {exc.strerror or exc}",
                           field="out_dir") from None

    def render() -> None:
        for r in records:
            out.print(f"entry {r.stamped_seq} ({r.stamped_hash[:16]}…) existed no later than "
                      f"{r.gen_time} by {safe(r.tsa_url)}  [dim]recorded at entry "
                      f"{r.custody_seq}[/]")

    emit([r.to_dict() for r in records], as_json, render)


@tsa_app.command("remove")
def remove(ctx: typer.Context, url: str = typer.Argument(..., help="The TSA's URL.")) -> None:
    """Stop stamping with a TSA. Its trust anchor is kept, so its stamps stay checkable."""
    from gavah.pipelines import timestamps as stamp_pipeline

    st = state(ctx)
    stamp_pipeline.remove_tsa(st.workspace(), url, st.actor)
    out.print(f"TSA {safe(url)} no longer stamps")


def register(app: typer.Typer) -> None:
    app.command("timestamp")(timestamp)
    app.add_typer(tsa_app, name="tsa")
