"""The baseline of the scale bench's search numbers, measured in the same run on the same
database: the three statements a text search issued before its cost was bounded (commit
cfe1991: rank every readable match, cut at 5,000, then read the items with their blobs
and the tags of all of them), explained with EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL.
The SQL is copied from that commit's gavah/store/search.py and facets.py as it reached
the database; only the statements are kept here, nothing of gavah uses them."""

from __future__ import annotations

from typing import Any

from gavah.core import search_query
from gavah.store.workspace import Workspace

MAX_HITS = 5000

RANK = """
    WITH hits AS (
        SELECT derivative_id AS did, -max(ts_rank(tsv, to_tsquery('simple', %(q)s)))
            AS score
        FROM search_docs WHERE tsv @@ to_tsquery('simple', %(q)s)
        AND EXISTS (SELECT 1 FROM derivatives rd
            JOIN items ri ON ri.sha256 = rd.source_sha256
            WHERE rd.id = search_docs.derivative_id AND ri.classification = ANY(%(levels)s))
        GROUP BY derivative_id ORDER BY score LIMIT %(limit)s
    )
    SELECT i.id, d.id, hits.score FROM hits
    JOIN derivatives d ON d.id = hits.did
    JOIN items i ON i.sha256 = d.source_sha256
    WHERE i.classification = ANY(%(levels)s)
    ORDER BY hits.score, i.id, d.id LIMIT %(limit)s"""
FACETS = """
    SELECT items.id, items.source, blobs.media_type, blobs.language,
        substr(items.acquired_at, 1, 4), items.classification
    FROM items JOIN blobs ON blobs.sha256 = items.sha256
    WHERE items.classification = ANY(%(levels)s) AND items.id = ANY(%(ids)s)"""
TAGS = """
    SELECT item_tags.item_id, item_tags.tag FROM item_tags
    WHERE item_tags.item_id IN (SELECT items.id FROM items WHERE items.id = ANY(%(ids)s))"""


def explain(ws: Workspace, query: str, levels: list[str]) -> dict[str, Any]:
    """The previous search's statements for `query`: their summed time and buffers."""
    import psycopg
    from scale_data import _pg_conninfo

    params: dict[str, Any] = {"q": search_query.to_tsquery(search_query.parse(query)),
                              "levels": levels, "limit": MAX_HITS}
    total = {"ms": 0.0, "buffers": 0, "matches": 0}
    with psycopg.connect(_pg_conninfo(ws.db.url)) as connection:
        rows = connection.execute(RANK, params).fetchall()
        params["ids"] = sorted({row[0] for row in rows})
        total["matches"] = len(params["ids"])
        for statement in (RANK, FACETS, TAGS):
            plan = connection.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement,
                                      params).fetchone()[0][0]
            top = plan["Plan"]
            total["ms"] += float(plan["Execution Time"])
            total["buffers"] += int(top.get("Shared Hit Blocks", 0)) + \
                int(top.get("Shared Read Blocks", 0))
        connection.rollback()
    return total
