"""The full-text index: SQLite FTS5 or PostgreSQL tsvector, over folded text."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

from gavah.core import search_query
from gavah.core.levels import LEVELS
from gavah.core.search_query import Query

MAX_HITS = 5000  # derivative hits read per query before grouping by item


def add_many(session: Session, rows: Sequence[tuple[int, str]]) -> None:
    """Index text derivatives: (derivative id, index form from search_query.index_form)."""
    if not rows:
        return
    if session.get_bind().dialect.name == "sqlite":
        params = [{"id": i, "body": form} for i, form in rows if form]
        if params:
            session.execute(text("INSERT INTO search_fts(rowid, body) VALUES (:id, :body)"),
                            params)
        return
    params = [{"id": i, "n": n, "body": chunk} for i, form in rows
              for n, chunk in enumerate(search_query.chunks(form))]
    if params:
        session.execute(text("INSERT INTO search_docs(derivative_id, chunk, tsv) "
                             "VALUES (:id, :n, to_tsvector('simple', :body))"), params)


def query(session: Session, parsed: Query, levels: Sequence[str] | None,
          limit: int = MAX_HITS) -> list[tuple[int, int, float]]:
    """Matching (item id, derivative id, score) rows, best first (lower score = better).
    Only the `limit` best-ranked texts are joined to their items: ranking inside the
    full-text engine and cutting there halves the cost of a broad word."""
    dialect = session.get_bind().dialect.name
    params: dict[str, object] = {"limit": limit}
    level_clause = readable = ""
    if levels is not None:
        names = [f"lv{i}" for i in range(len(levels))]
        params.update(zip(names, levels, strict=True))
        listed = "(" + ", ".join(f":{n}" for n in names) + ")"
        level_clause = f"AND i.classification IN {listed}"
        if set(levels) != set(LEVELS):
            # The reader's clearance filters before the best hits are cut: texts they
            # may not see must not push the ones they may out of the cut.
            readable = f"""AND EXISTS (SELECT 1 FROM derivatives rd
                JOIN items ri ON ri.sha256 = rd.source_sha256
                WHERE rd.id = {{did}} AND ri.classification IN {listed})"""
    if dialect == "sqlite":
        params["q"] = search_query.to_fts5(parsed)
        sql = f"""
            WITH hits AS (
                SELECT rowid AS did, rank AS score
                FROM search_fts WHERE search_fts MATCH :q
                {readable.format(did="search_fts.rowid")}
                ORDER BY rank LIMIT :limit
            )
            SELECT i.id, d.id, hits.score FROM hits
            JOIN derivatives d ON d.id = hits.did
            JOIN items i ON i.sha256 = d.source_sha256
            WHERE 1 = 1 {level_clause}
            ORDER BY hits.score, i.id, d.id LIMIT :limit"""
    else:
        params["q"] = search_query.to_tsquery(parsed)
        sql = f"""
            WITH hits AS (
                SELECT derivative_id AS did, -max(ts_rank(tsv, to_tsquery('simple', :q)))
                    AS score
                FROM search_docs WHERE tsv @@ to_tsquery('simple', :q)
                {readable.format(did="search_docs.derivative_id")}
                GROUP BY derivative_id ORDER BY score LIMIT :limit
            )
            SELECT i.id, d.id, hits.score FROM hits
            JOIN derivatives d ON d.id = hits.did
            JOIN items i ON i.sha256 = d.source_sha256
            WHERE 1 = 1 {level_clause}
            ORDER BY hits.score, i.id, d.id LIMIT :limit"""
    return [(int(a), int(b), float(c)) for a, b, c in session.execute(text(sql), params)]
