"""What one entity page view costs (issue 15), in one process, one view at a time, on the
web bench's workspace (bench_web.py builds it: 400 FICTIONAL people, ~2,500 claims each):
a repeat view (the page and its rendered body read back) and a first view whose page is
computed again from the entity summaries kept beside the claims, and rendered (what a
change that reaches the page costs its next reader). For each: the time per view, the
SQL statements each view runs, and where the time goes (cProfile, cumulative seconds of
gavah's own functions). Prints only: the reading in RESULTS.md is written by hand.

It empties the workspace's page cache (computed pages are derived and disposable; the
entity summaries are kept).

Run: .venv/bin/python bench/explain_entity_page.py [--home DIR] [--database-url URL]
     [--pages 40]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gavah.pipelines import accounts, dossiers  # noqa: E402
from gavah.pipelines.access import Viewer  # noqa: E402
from gavah.pipelines.entities import list_entities  # noqa: E402
from gavah.store.workspace import Workspace  # noqa: E402


def _renderer() -> Callable[[dict[str, Any]], str]:
    from gavah.web.graph import layout, timeline_chart
    from gavah.web.templating import Templates

    templates = Templates()
    return lambda e: templates.render("en", "_entity_body.html", {
        "entity": e, "graph": layout(e["network"]),
        "chart": timeline_chart(e["positions"], e["timeline"])})


def _shape(statement: str) -> str:
    """A statement without its literals and bound lists, cut to its first 110 characters."""
    text = re.sub(r"\s+", " ", statement)
    text = re.sub(r"\(__\[POSTCOMPILE_\w+\]\)|\((\?, )*\?\)|IN \([^)]*\)", "IN (...)", text)
    return text[:110]


def _views(ws: Workspace, viewer: Viewer, people: list[int], render: Any,
           statements: list[str], label: str) -> None:
    times: list[float] = []
    counts: list[int] = []
    shapes: Counter[str] = Counter()
    profile = cProfile.Profile()
    for person in people:
        statements.clear()
        started = time.perf_counter()
        profile.enable()
        dossiers.entity(ws, viewer, str(person), with_candidates=True, part="en",
                        render=render)
        profile.disable()
        times.append(time.perf_counter() - started)
        counts.append(len(statements))
        shapes.update(_shape(s) for s in statements)
    print(f"\n## {label}: {len(people)} views, median {statistics.median(times) * 1000:.1f} ms, "
          f"mean {statistics.mean(times) * 1000:.1f} ms; SQL statements per view: median "
          f"{statistics.median(counts):.0f} (min {min(counts)}, max {max(counts)})")
    print("statements, per view:")
    for shape, n in shapes.most_common(16):
        print(f"  {n / len(people):5.1f}  {shape}")
    print("cumulative time per view (gavah functions, ms):")
    stats = pstats.Stats(profile)
    rows = [(v[3], k) for k, v in stats.stats.items()  # type: ignore[attr-defined]
            if "/gavah/" in k[0]]
    for cumulative, (path, line, name) in sorted(rows, reverse=True)[:22]:
        where = path.split("/gavah/", 1)[1]
        print(f"  {cumulative / len(people) * 1000:6.2f}  {where}:{line} {name}")


def main() -> None:
    import tempfile

    from sqlalchemy import delete, event

    from gavah.store.tables import PageCache

    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path,
                        default=Path(tempfile.gettempdir()) / "gavah-bench" / "web-sqlite")
    parser.add_argument("--database-url")
    parser.add_argument("--pages", type=int, default=40)
    args = parser.parse_args()
    ws = Workspace.open(args.home, args.database_url)
    statements: list[str] = []
    event.listen(ws.db.engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *rest: statements.append(statement))
    viewer = accounts.get(ws, "bench").viewer()
    people = [e["id"] for e in list_entities(ws, Viewer("bench"), "Person")][:args.pages]
    render = _renderer()
    with ws.db.write() as session:
        session.execute(delete(PageCache))
    _views(ws, viewer, people, render, statements, "computed (first view after a change)")
    _views(ws, viewer, people, render, statements, "repeat view (this process kept it)")
    # Another process: nothing in memory, every page and body read back from the workspace.
    other = Workspace.open(args.home, args.database_url)
    event.listen(other.db.engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *rest: statements.append(statement))
    _views(other, viewer, people, render, statements, "repeat view (another process kept it)")
    other.close()
    ws.close()


if __name__ == "__main__":
    main()
