"""The SQL that the item page, the entity page, the claims list and the search page issue,
captured in-process (a SQLAlchemy cursor hook around the real web app, signed in as the
bench analyst) and explained: EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, run inside a
transaction that is rolled back; on SQLite each SELECT is timed and its query plan kept."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path
from typing import Any

from gavah.store.workspace import Workspace

# Pages explained: one of each kind (the first of the bench's sample paths); search twice,
# a name (few matches) and a word most texts hold ("search-broad", when the paths have it).
# Browsing without words too: no filter, and a media type no item has (read from the
# media type index, not a walk of every item).
PAGES = ("item", "entity", "claims", "search", "search-broad", "browse", "browse-rare")


def _signed_in(ws: Workspace) -> Any:
    from bench_web import PASSWORD
    from fastapi.testclient import TestClient

    from gavah.web.app import create_app
    from gavah.web.settings import Settings

    app = create_app(Settings(home=ws.home, database_url=ws.db.url))
    client = TestClient(app, base_url="http://127.0.0.1")
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page)
    assert token, "no sign-in form"
    client.post("/login", data={"name": "bench", "password": PASSWORD, "next": "/account",
                                "csrf_token": token.group(1)})
    return client


def _record(ws: Workspace, client: Any, paths: dict[str, list[str]]) -> list[tuple[str, str, Any]]:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    captured: list[tuple[str, str, Any]] = []
    current = {"page": ""}
    lock = threading.Lock()

    def hook(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
             _many: bool) -> None:
        with lock:
            captured.append((current["page"], statement, parameters))

    event.listen(Engine, "before_cursor_execute", hook)
    try:
        for page in (p for p in PAGES if p in paths):
            path = paths[page][1] if page == "item" else paths[page][0]
            if page == "entity":
                _forget_pages(ws)  # the first view: the page is computed
            current["page"] = f"{page} {path}"
            answer = client.get(path)
            assert answer.status_code == 200, (path, answer.status_code)
    finally:
        event.remove(Engine, "before_cursor_execute", hook)
    return captured


def _forget_pages(ws: Workspace) -> None:
    from sqlalchemy import delete

    from gavah.store.tables import PageCache

    with ws.db.write() as session:
        session.execute(delete(PageCache))


def _explain_pg(ws: Workspace, statement: str, parameters: Any) -> dict[str, Any]:

    import psycopg
    from scale_data import _pg_conninfo

    with psycopg.connect(_pg_conninfo(ws.db.url)) as connection:
        try:
            plan = connection.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement,
                                      parameters).fetchone()[0][0]
            text_plan = "\n".join(r[0] for r in connection.execute(
                "EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters))
        finally:
            connection.rollback()
    top = plan["Plan"]
    return {"ms": float(plan["Execution Time"]),
            "buffers": int(top.get("Shared Hit Blocks", 0)) + int(top.get("Shared Read Blocks", 0)),
            "rows": int(top.get("Actual Rows", 0)), "plan": text_plan}


def _explain_sqlite(ws: Workspace, statement: str, parameters: Any) -> dict[str, Any]:
    with ws.db.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        plan = "\n".join(str(r[-1]) for r in raw.execute("EXPLAIN QUERY PLAN " + statement,
                                                          parameters))
        started = time.perf_counter()
        rows = len(raw.execute(statement, parameters).fetchall())
        ms = (time.perf_counter() - started) * 1000
    return {"ms": ms, "buffers": 0, "rows": rows, "plan": plan}


def capture(ws: Workspace, paths: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Every distinct SELECT of the pages, explained; the plans are also written to
    <home>/explain.txt."""
    client = _signed_in(ws)
    captured = _record(ws, client, paths)
    client.close()
    explain = _explain_pg if ws.db.dialect == "postgresql" else _explain_sqlite
    seen: set[tuple[str, str]] = set()
    out = []
    for page, statement, parameters in captured:
        kind = page.split()[0]
        if not statement.lstrip().upper().startswith(("SELECT", "WITH")) or \
                (kind, statement) in seen or isinstance(parameters, list):
            continue
        seen.add((kind, statement))
        out.append({"page": page, "statement": statement, "parameters": repr(parameters)[:300],
                    **explain(ws, statement, parameters)})
    with open(Path(ws.home) / "explain.txt", "w", encoding="utf-8") as report:
        for row in out:
            report.write(f"== {row['page']}: {row['ms']:.2f} ms, {row['buffers']} buffers, "
                         f"{row['rows']} rows\n{row['statement']}\n{row['parameters']}\n"
                         f"{row['plan']}\n\n")
    return out


_IN_LIST = re.compile(r"\(%\(\w+\)s(::\w+)?(, %\(\w+\)s(::\w+)?)*\)|\((\?, )*\?\)")


def key(row: dict[str, Any]) -> tuple[str, str]:
    """A statement's page kind and text with its IN lists folded (their length varies)."""
    return row["page"].split()[0], _IN_LIST.sub("(...)", row["statement"])


def _short(statement: str) -> str:
    return re.sub(r"\s+", " ", statement)[:110].replace("|", "\\|")


def growth_table(small: list[dict[str, Any]], big: list[dict[str, Any]]) -> str:
    """Each statement's time and buffers at both sizes, matched by page kind and text."""
    before = {key(r): r for r in small}
    lines = ["| page | statement | ms small | ms big | buffers small | buffers big | "
             "growth |", "|---|---|---|---|---|---|---|"]
    for row in big:
        kind = row["page"].split()[0]
        other = before.get(key(row))
        if other is None:
            lines.append(f"| {kind} | `{_short(row['statement'])}` | - | {row['ms']:.1f} | - | "
                         f"{row['buffers']} | new |")
            continue
        ratio = (row["buffers"] + 1) / (other["buffers"] + 1)
        lines.append(f"| {kind} | `{_short(row['statement'])}` | {other['ms']:.1f} | "
                     f"{row['ms']:.1f} | {other['buffers']} | {row['buffers']} | "
                     f"{ratio:.1f}x |")
    return "\n".join(lines)
