"""gavah estimate: multiple systems estimation from linked persons or a published table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from gavah.cli.output import emit, err, out, safe
from gavah.cli.state import state
from gavah.core.errors import BadInput


def estimate(
    ctx: typer.Context,
    lists: str | None = typer.Option(None, "--lists", help="Lists to use, e.g. A,B,C "
                                     "(default: every linked list; at least 3)."),
    stratify: str | None = typer.Option(None, "--stratify", help="Estimate per value of a "
                                        "field (e.g. prison) and add the strata up."),
    method: str = typer.Option("loglinear", "--method", help="loglinear | lcmcr"),
    from_table: Path | None = typer.Option(None, "--from-table", help="Aggregated CSV: one "
                                           "0/1 column per list and a count column."),
    figures: Path | None = typer.Option(None, "--figures", help="Folder for PNG and SVG "
                                        "figures of the overlaps and the estimate."),
    seed: int = typer.Option(0, "--seed", help="Random seed (bootstrap, LCMCR sampler)."),
    imputations: int = typer.Option(20, "--imputations", help="Linkages drawn from the "
                                    "pair probabilities and pooled into the estimate, so "
                                    "that its interval includes linkage uncertainty "
                                    "(0: the linked persons only)."),
    save: bool = typer.Option(False, "--save", help="Keep the result and its figures in "
                              "the workspace (estimates/N/), where the web app's estimate "
                              "page shows them."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON only."),
) -> None:
    """Estimate how many victims no list recorded (multiple systems estimation)."""
    from gavah.pipelines.estimate import run, saved

    chosen = run.parse_lists(lists)
    if save:
        if from_table is not None or figures is not None:
            raise BadInput("--save keeps its own figures and estimates from the linked "
                           "persons: not with --from-table or --figures")
        st = state(ctx)
        result = saved.run_estimate(st.workspace(), st.viewer(), lists=chosen,
                                    stratify=stratify, method=method, seed=seed,
                                    imputations=imputations)
    elif from_table is not None:
        result = run.from_table(from_table, lists=chosen, stratify=stratify,
                                method=method, figures=figures, seed=seed)
    else:
        result = run.from_persons(state(ctx).workspace(), lists=chosen, stratify=stratify,
                                  method=method, figures=figures, seed=seed,
                                  imputations=imputations)

    def render() -> None:
        def num(value: float | None) -> str:
            return "n/a" if value is None else f"{value:,.0f}"

        out.print(f"[bold]{safe(result['method'])}[/] on lists {safe(', '.join(result['lists']))}: "
                  f"{result['documented']:,} documented, estimate {safe(num(result['estimate']))} "
                  f"(95%: {safe(num(result['lower']))} - {safe(num(result['upper']))})")
        out.print(f"  model: {safe(result['model'])}")
        out.print(f"  interval: {safe(result['interval'])}")
        _chosen(result.get("chosen_model"), num)
        _linkage(result.get("linkage"), num)
        for name, part in (result.get("strata") or {}).items():
            out.print(f"  stratum {name}: {part['documented']:,} documented, estimate "
                      f"{num(part['estimate'])} ({num(part['lower'])} - {num(part['upper'])})",
                      markup=False)
        for warning in result["warnings"]:
            err.print(f"[yellow]warning:[/] {safe(warning)}")
        if "saved" in result:
            out.print(f"  saved as estimate {safe(result['saved']['id'])} in the workspace "
                      f"({safe(saved.FOLDER)}/{safe(result['saved']['id'])}/): figures "
                      f"{safe(', '.join(result['figures']))}")
        else:
            for path in result["figures"]:
                out.print(f"  figure: {safe(path)}")

    emit(result, as_json, render)


def _linkage(info: dict[str, Any] | None, num: Callable[[float | None], str]) -> None:
    if not info:
        return
    if info.get("imputations"):
        share = info.get("linkage_share_of_width")
        part = (f"; {share:.0%} of the interval's width comes from linkage uncertainty"
                if share is not None else "")
        out.print(f"  linkage: pooled over {info['imputations']} linkages drawn from the pair "
                  f"probabilities{part}", markup=False)
    if info.get("undecided_pairs"):
        out.print(f"  {info['undecided_pairs']:,} uncertain pair(s) undecided: the estimate "
                  f"would be {num(info.get('if_all_matches'))} if all were matches, "
                  f"{num(info.get('if_none_match'))} if none were", markup=False)


def _chosen(chosen: dict[str, Any] | None, num: Callable[[float | None], str]) -> None:
    if not chosen:
        return
    on = f"; on {chosen['on']}" if chosen.get("on") else ""
    out.print(f"  chosen model ({str(chosen['criterion']).upper()}): {chosen['model']}: "
              f"estimate {num(chosen.get('estimate'))} ({num(chosen.get('lower'))} - "
              f"{num(chosen.get('upper'))}, {chosen['interval']}{on})", markup=False)


def register(app: typer.Typer) -> None:
    app.command("estimate")(estimate)
