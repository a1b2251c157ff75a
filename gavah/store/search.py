"""The full-text index: SQLite FTS5 or PostgreSQL tsvector, over folded text.

A query's cost is bounded, not proportional to the workspace: the engine yields matching
texts in its own cheap order (PostgreSQL: storage order, from the GIN index's bitmap;
SQLite: newest first, FTS5's rowid order), each checked against the reader's clearance
and filters as it comes, and stops after CANDIDATES readable ones; only those are ranked.
A broad word that matches a million texts therefore costs what a word matching
CANDIDATES does, and the caller says "at least" when the cap was reached. The clearance
check is inside the index query, before the cap: texts the reader may not see can
neither push readable ones out nor be counted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from gavah.core import search_query
from gavah.core.search_query import Query

CANDIDATES = 1000  # readable matching index rows ranked per query (the cap)
# PostgreSQL: filters that fewer items pass are searched from the items' side (a broad
# word under a narrow filter would otherwise check most of the word's matches).
FEW = 5000

# Facet filters as SQL on the item `ri` (and its blob `rb`), for the check inside the
# index query; gavah.store.facets applies the same filters to the items it counts.
_FILTER_SQL = {
    "source": "ri.source IN {}",
    "classification": "ri.classification IN {}",
    "year": "substr(ri.acquired_at, 1, 4) IN {}",
    "media_type": "rb.media_type IN {}",
    "language": "rb.language IN {}",
    "tag": "EXISTS (SELECT 1 FROM item_tags rt WHERE rt.item_id = ri.id AND rt.tag IN {})",
}


@dataclass(frozen=True)
class Hits:
    rows: list[tuple[int, int, float]]  # (item id, derivative id, score), best first
    capped: bool  # more readable texts match than were ranked


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


def _listed(params: dict[str, object], prefix: str, values: Sequence[str]) -> str:
    names = [f"{prefix}{i}" for i in range(len(values))]
    params.update(zip(names, values, strict=True))
    return "(" + ", ".join(f":{n}" for n in names) + ")"


def _conditions(params: dict[str, object], levels: Sequence[str] | None,
                filters: Mapping[str, Sequence[str]]) -> tuple[str, str]:
    """The joins and the condition on an item `ri` (of the text `rd`, with the blob `rb`)
    that the reader may see and that passes `filters`."""
    where = ["1 = 1"]
    if levels is not None:
        where.append(f"ri.classification IN {_listed(params, 'lv', levels)}")
    for k, (facet, values) in enumerate(sorted(filters.items())):
        if values:
            where.append(_FILTER_SQL[facet].format(_listed(params, f"f{k}_", values)))
    joins = "JOIN items ri ON ri.sha256 = rd.source_sha256"
    if any(filters.get(f) for f in ("media_type", "language")):
        joins += " JOIN blobs rb ON rb.sha256 = ri.sha256"
    return joins, " AND ".join(where)


def query(session: Session, parsed: Query, levels: Sequence[str] | None,
          filters: Mapping[str, Sequence[str]] | None = None,
          cap: int | None = None) -> Hits:
    """Up to `cap` readable matching texts (those of items at `levels` passing `filters`),
    ranked: (item id, derivative id, score) rows, best first (lower score = better)."""
    dialect = session.get_bind().dialect.name
    cap = cap or CANDIDATES
    params: dict[str, object] = {"cap": cap}
    joins, where = _conditions(params, levels, filters or {})
    if dialect == "sqlite":
        params["q"] = search_query.to_fts5(parsed)
        # FTS5 yields rowids newest first without sorting; SQLite checks the correlated
        # EXISTS per row as they come; rank (bm25) is computed only for the rows kept.
        sql = f"""
            WITH hits AS (
                SELECT rowid AS did, rank AS score FROM search_fts
                WHERE search_fts MATCH :q AND EXISTS (SELECT 1 FROM derivatives rd {joins}
                    WHERE rd.id = search_fts.rowid AND {where})
                ORDER BY rowid DESC LIMIT :cap)
            SELECT ri.id, hits.did, hits.score, (SELECT count(*) FROM hits) FROM hits
            JOIN derivatives rd ON rd.id = hits.did {joins}
            WHERE {where}
            ORDER BY hits.score, ri.id, hits.did"""
    else:
        params["q"] = search_query.to_tsquery(parsed)
        if filters and _few_pass(session, params, where, joins):
            return _from_items(session, params, where, joins, cap)
        # The GIN index's bitmap yields rows in storage order; each is joined to its
        # readable items as it comes (OFFSET 0 keeps PostgreSQL from making that a join
        # over every item), so the LIMIT stops the scan, and ts_rank reads only those.
        sql = f"""
            WITH found AS (
                SELECT it.id AS item_id, sd.derivative_id AS did,
                    ts_rank(sd.tsv, to_tsquery('simple', :q)) AS rank
                FROM search_docs sd CROSS JOIN LATERAL (
                    SELECT ri.id FROM derivatives rd {joins}
                    WHERE rd.id = sd.derivative_id AND {where} OFFSET 0) AS it
                WHERE sd.tsv @@ to_tsquery('simple', :q)
                LIMIT :cap)
            """ + _PG_RANKED
    return _hits(session, sql, params, cap)


# PostgreSQL: each found (item, text) once, by its best rank, with how many were found.
_PG_RANKED = """SELECT item_id, did, -max(rank) AS score, (SELECT count(*) FROM found)
    FROM found GROUP BY item_id, did ORDER BY score, item_id, did"""


def _blob_join(joins: str) -> str:
    """Of the filters' joins, only the one to blobs (a filter on media type or language):
    what a statement starting from items needs."""
    return "".join(joins.partition(" JOIN blobs")[1:])


def _hits(session: Session, sql: str, params: dict[str, object], cap: int) -> Hits:
    result = session.execute(text(sql), params).all()
    rows = [(int(item), int(derivative), float(score)) for item, derivative, score, _ in result]
    return Hits(rows, bool(result) and int(result[0][3]) >= cap)


def _few_pass(session: Session, params: dict[str, object], where: str, joins: str) -> bool:
    """Whether fewer than FEW items pass the filters (counting stops at FEW)."""
    sql = f"""SELECT count(*) FROM (SELECT 1 FROM items ri {_blob_join(joins)}
        WHERE {where} LIMIT :few) AS passing"""
    return int(session.execute(text(sql), {**params, "few": FEW}).scalar_one()) < FEW


def _from_items(session: Session, params: dict[str, object], where: str, joins: str,
                cap: int) -> Hits:
    """PostgreSQL, with filters few items pass: from those items' texts to the index (by
    key), instead of checking every match of a broad query against a narrow filter."""
    blob = _blob_join(joins)
    sql = f"""
        WITH found AS (
            SELECT p.id AS item_id, sd.derivative_id AS did,
                ts_rank(sd.tsv, to_tsquery('simple', :q)) AS rank
            FROM (SELECT ri.id, rd.id AS did FROM items ri {blob}
                JOIN derivatives rd ON rd.source_sha256 = ri.sha256
                WHERE {where} OFFSET 0) AS p
            JOIN search_docs sd ON sd.derivative_id = p.did
            WHERE sd.tsv @@ to_tsquery('simple', :q)
            LIMIT :cap)
        """ + _PG_RANKED
    return _hits(session, sql, params, cap)
