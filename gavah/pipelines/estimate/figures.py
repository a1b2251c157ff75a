"""Figures for an estimate: how the lists overlap, and how sure the estimate is.

Written with matplotlib's Agg backend (no display needed) to the path given; the
suffix picks the format (.png or .svg). Each figure is built on its own Figure object,
never pyplot's global state, so concurrent tasks cannot draw on each other's canvas.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from gavah.core.errors import BadInput
from gavah.core.estimate.result import Estimate
from gavah.core.estimate.table import CaptureTable

FORMATS = {".png": "png", ".svg": "svg"}
MAX_PATTERNS = 30  # beyond this an UpSet chart stops being readable; the rest are summed
BAR = "#3b6ea8"
DOT_ON, DOT_OFF = "#222222", "#d9d9d9"


def _format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise BadInput(
            f"{path}: figures are written as .png or .svg, not {path.suffix or '(none)'}"
        )
    return fmt


def _save(fig: Figure, path: Path) -> Path:
    fmt = _format(path)
    FigureCanvasAgg(fig)
    fig.savefig(path, format=fmt, dpi=150, bbox_inches="tight")
    return path


def plot_overlaps(table: CaptureTable, path: str | Path, title: str | None = None) -> Path:
    """UpSet-style chart: one bar per capture pattern, dots below saying which lists."""
    path = Path(path)
    _format(path)
    cells = table.cells()
    shown, rest = cells[:MAX_PATTERNS], cells[MAX_PATTERNS:]
    J = table.n_lists
    width = max(6.0, 2.2 + 0.38 * len(shown))
    # Constrained layout makes room for the list names however long they are.
    fig = Figure(figsize=(width, 3.2 + 0.32 * J), layout="constrained")
    grid = fig.add_gridspec(
        2, 2, width_ratios=(1.6, width - 1.6), height_ratios=(3, max(1.0, 0.35 * J))
    )
    bars = fig.add_subplot(grid[0, 1])
    dots = fig.add_subplot(grid[1, 1], sharex=bars)
    sizes_ax = fig.add_subplot(grid[1, 0], sharey=dots)

    xs = np.arange(len(shown))
    counts = [c for _, c in shown]
    bars.bar(xs, counts, color=BAR, width=0.7)
    for x, c in zip(xs, counts, strict=True):
        bars.annotate(
            f"{c:,}",
            (x, c),
            ha="center",
            va="bottom",
            fontsize=7,
            xytext=(0, 2),
            textcoords="offset points",
        )
    heading = title or f"Who is on which list ({table.documented:,} people documented)"
    if rest:
        # Summed into a note, not a bar: one tall bar would flatten all the others.
        heading += f"\n{len(rest)} smaller patterns ({sum(c for _, c in rest):,} people) not shown"
    bars.set_ylabel("people")
    bars.yaxis.set_major_locator(MaxNLocator(integer=True))  # people come whole
    bars.tick_params(axis="x", bottom=False, labelbottom=False)
    bars.spines[["top", "right"]].set_visible(False)
    bars.set_title(heading, fontsize=10, loc="left")

    rows = {name: J - 1 - j for j, name in enumerate(table.lists)}
    for x, (on, _) in zip(xs, shown, strict=True):
        ys = [rows[name] for name in on]
        dots.scatter([x] * J, range(J), s=28, color=DOT_OFF, zorder=1)
        dots.scatter([x] * len(ys), ys, s=34, color=DOT_ON, zorder=2)
        if len(ys) > 1:
            dots.plot([x, x], [min(ys), max(ys)], color=DOT_ON, linewidth=1.5, zorder=1)
    dots.set_ylim(-0.6, J - 0.4)
    dots.set_yticks(list(rows.values()), labels=list(rows.keys()), fontsize=9)
    dots.tick_params(left=False, bottom=False, labelbottom=False)
    for side in ("top", "right", "left", "bottom"):
        dots.spines[side].set_visible(False)

    sizes = table.list_sizes()
    sizes_ax.barh(
        [rows[n] for n in table.lists], [sizes[n] for n in table.lists], color="#7f7f7f", height=0.6
    )
    sizes_ax.invert_xaxis()
    sizes_ax.tick_params(axis="y", left=False, labelleft=False)
    sizes_ax.set_xlabel("list size", fontsize=8)
    sizes_ax.tick_params(axis="x", labelsize=7)
    sizes_ax.spines[["top", "left", "right"]].set_visible(False)
    fig.add_subplot(grid[0, 0]).axis("off")
    return _save(fig, path)


def plot_estimate(result: Estimate, path: str | Path, title: str | None = None) -> Path:
    """Distribution of the estimate (its draws) with documented, estimate and interval."""
    path = Path(path)
    _format(path)
    fig = Figure(figsize=(7.5, 4.6), layout="constrained")
    ax = fig.add_subplot()
    draws = result.draws
    finite = [v for v in (result.lower, result.upper, result.estimate) if math.isfinite(v)]
    if draws is not None and len(draws):
        cap = np.quantile(draws, 0.995)  # a long right tail would squash the histogram
        shown = draws[draws <= cap]
        ax.hist(
            shown,
            bins=min(60, max(10, len(np.unique(shown)))),
            color=BAR,
            alpha=0.55,
            label=f"{result.draws_kind or 'draws'} (n={len(draws):,})",
        )
    else:
        ax.text(
            0.02,
            0.95,
            "no draws kept: the interval is drawn as a band",
            ha="left",
            va="top",
            transform=ax.transAxes,
            fontsize=8,
            color="#555555",
        )
    ax.axvline(
        result.documented,
        color="#222222",
        linestyle=":",
        linewidth=1.5,
        label=f"documented {result.documented:,}",
    )
    if math.isfinite(result.estimate):
        ax.axvline(
            result.estimate, color="#c0392b", linewidth=2, label=f"estimate {result.estimate:,.0f}"
        )
    low = result.lower if math.isfinite(result.lower) else None
    high = result.upper if math.isfinite(result.upper) else None
    if low is not None or high is not None:
        left = low if low is not None else result.documented
        right = high if high is not None else ax.get_xlim()[1]
        ax.axvspan(
            left,
            right,
            color="#f1c40f",
            alpha=0.18,
            zorder=0,
            label=f"{result.interval}: {_fmt(result.lower)} to {_fmt(result.upper)}",
        )
    xs = [result.documented, *finite]
    if draws is not None and len(draws):
        xs += [float(np.min(draws)), float(np.quantile(draws, 0.995))]
    span = max(xs) - min(xs) or 1.0
    ax.set_xlim(min(xs) - 0.05 * span, max(xs) + 0.08 * span)
    ax.set_xlabel("total number of people (documented + undocumented)")
    ax.set_yticks([])
    ax.spines[["top", "right", "left"]].set_visible(False)
    where = f", stratum {result.stratum}" if result.stratum else ""
    heading = title or f"Estimated total ({result.method}{where}): {result.model}"
    ax.set_title(textwrap.fill(heading, 95), fontsize=9, loc="left")
    # Labels wrapped: a long interval label would widen the legend past the figure and
    # constrained layout would then squeeze the plot to a sliver to make room.
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles, [textwrap.fill(label, 55) for label in labels], fontsize=7.5,
              frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=2)
    return _save(fig, path)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if math.isfinite(value) else "unbounded"
