"""The full-text index: SQLite FTS5 or PostgreSQL tsvector, over folded text."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

from gavah.core import search_query
from gavah.core.search_query import Query

MAX_HITS = 5000  # derivative hits read per query before grouping by item


def add(session: Session, derivative_id: int, body: str) -> None:
    """Index one text derivative (`body` is its original text)."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        form = search_query.index_form(body)
        if form:
            session.execute(text("INSERT INTO search_fts(rowid, body) VALUES (:id, :body)"),
                            {"id": derivative_id, "body": form})
        return
    for number, chunk in enumerate(search_query.index_chunks(body)):
        session.execute(
            text("INSERT INTO search_docs(derivative_id, chunk, tsv) "
                 "VALUES (:id, :n, to_tsvector('simple', :body))"),
            {"id": derivative_id, "n": number, "body": chunk})


def query(session: Session, parsed: Query, levels: Sequence[str] | None,
          limit: int = MAX_HITS) -> list[tuple[int, int, float]]:
    """Matching (item id, derivative id, score) rows, best first (lower score = better)."""
    dialect = session.get_bind().dialect.name
    params: dict[str, object] = {"limit": limit}
    level_clause = ""
    if levels is not None:
        names = [f"lv{i}" for i in range(len(levels))]
        params.update(zip(names, levels, strict=True))
        level_clause = "AND i.classification IN (" + ", ".join(f":{n}" for n in names) + ")"
    if dialect == "sqlite":
        params["q"] = search_query.to_fts5(parsed)
        sql = f"""
            WITH hits AS (
                SELECT rowid AS did, bm25(search_fts) AS score
                FROM search_fts WHERE search_fts MATCH :q
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
                GROUP BY derivative_id
            )
            SELECT i.id, d.id, hits.score FROM hits
            JOIN derivatives d ON d.id = hits.did
            JOIN items i ON i.sha256 = d.source_sha256
            WHERE 1 = 1 {level_clause}
            ORDER BY hits.score, i.id, d.id LIMIT :limit"""
    return [(int(a), int(b), float(c)) for a, b, c in session.execute(text(sql), params)]
