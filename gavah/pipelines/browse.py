"""Browsing and searching items with facets, for the web app and the API. Only items at
or below the reader's clearance are counted or returned, and every protected item shown
in a result page is a read recorded in the custody log."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gavah.core import search_query
from gavah.core.errors import BadInput
from gavah.core.search_query import MAX_LIMIT
from gavah.pipelines.access import Viewer, record_reads
from gavah.pipelines.search import snippet
from gavah.store import facets as facet_store
from gavah.store import items as item_store
from gavah.store import search as index
from gavah.store.workspace import Workspace

FACETS = facet_store.FACETS


@dataclass
class Result:
    item: dict[str, Any]
    label: str | None = None
    snippet: str | None = None
    highlights: list[tuple[int, int]] = field(default_factory=list)
    more: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"item_id": self.item["id"], "item": self.item, "label": self.label,
                "snippet": self.snippet, "highlights": [list(h) for h in self.highlights],
                "more_matches": self.more}


@dataclass
class Page:
    query: str
    total: int
    offset: int
    limit: int
    filters: dict[str, list[str]]
    results: list[Result]
    facets: dict[str, list[tuple[str, int]]]
    notice: str | None = None  # why a query found nothing to look for
    # A text query ranks at most index.CANDIDATES readable matches, and browsing without
    # words counts at most facet_store.BROWSE_CAP items (a page's cost must not grow with
    # the workspace): when more match, the total and the facet counts are lower bounds
    # ("at least"); only a text query's ranked matches can be paged through.
    at_least: bool = False
    facets_at_least: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "total": self.total, "total_at_least": self.at_least,
                "offset": self.offset, "limit": self.limit, "filters": self.filters,
                "results": [r.to_dict() for r in self.results],
                "facets": {k: [{"value": v, "count": c} for v, c in rows]
                           for k, rows in self.facets.items()},
                "facet_counts_at_least": self.facets_at_least, "notice": self.notice}


def _clean(filters: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    unknown = set(filters) - set(FACETS)
    if unknown:
        raise BadInput(f"unknown filter {sorted(unknown)[0]!r}; expected one of "
                       f"{', '.join(FACETS)}")
    # NUL cannot be stored in text (PostgreSQL refuses it), so such a value matches nothing.
    return {k: sorted({v if "\x00" not in v else "" for v in values} - {""}) or ["\u2205"]
            for k, values in filters.items() if values}


def browse(ws: Workspace, viewer: Viewer, query: str = "",
           filters: Mapping[str, Sequence[str]] | None = None, limit: int = 20,
           offset: int = 0, via: str = "search", with_facets: bool = True) -> Page:
    if not 1 <= limit <= MAX_LIMIT:
        raise BadInput(f"the limit must be 1-{MAX_LIMIT}", field="limit")
    if offset < 0:
        raise BadInput("the offset must be 0 or more", field="offset")
    chosen = _clean(filters or {})
    levels = viewer.levels
    query = query.strip()
    tokens: list[str] = []
    parsed = None
    if query:
        try:
            parsed = search_query.parse(query)
        except BadInput as exc:  # e.g. only excluded words: nothing to search for
            return Page(query, 0, offset, limit, chosen, [], {}, notice=str(exc))
        tokens = parsed.positive_tokens
    with ws.db.read() as session:
        version = item_store.content_version(session, ws.cache.region("reclassified"))
    # Kept by everything that decides it: a broad query costs hundreds of milliseconds
    # to rank; asked again (the next page of facets, another reader with the same
    # clearance) it costs a lookup. Every request is still audited, outside any open
    # session: one connection per request at a time, so a full pool can never hold
    # readers that wait for a writer's connection.
    parts = ["search", query, sorted(chosen.items()), limit, offset, levels, with_facets]
    page = ws.cache.get(parts, version, lambda: _search(ws, query, parsed, tokens, chosen, limit,
                                                        offset, levels, with_facets))
    _audit(ws, viewer, page, via)
    return page


def _search(ws: Workspace, query: str, parsed: Any, tokens: list[str],
            chosen: dict[str, list[str]], limit: int, offset: int, levels: list[str],
            with_facets: bool) -> Page:
    with ws.db.read() as session:
        best: dict[int, tuple[int, int]] = {}  # item -> (derivative, matching parts)
        at_least = facets_at_least = False
        if query:
            hits = index.query(session, parsed, levels)
            best = _by_item(hits)
            keep, facets = facet_store.among(session, levels, chosen, list(best))
            at_least = facets_at_least = hits.capped
            if chosen and hits.capped:
                # The filters may pass few of the ranked texts: ask the index again with
                # them inside, so that the results are every passing match up to the cap.
                # The facets stay counted over the unfiltered candidates: lower bounds.
                hits = index.query(session, parsed, levels, chosen)
                best = _by_item(hits)
                keep = facet_store.among(session, levels, chosen, list(best), counts=False)[0]
                at_least = hits.capped
            ordered = [i for i in best if i in keep]
            total, page_ids = len(ordered), ordered[offset:offset + limit]
        else:
            # Newest first by the items' key, counted only as far as the page reaches
            # (and one more: whether there is a next page): a page costs the same in any
            # workspace instead of counting every item.
            bound = max(facet_store.BROWSE_CAP, offset + limit) + 1
            ids = facet_store.newest(session, levels, chosen, bound)
            total, at_least, page_ids = len(ids), len(ids) == bound, ids[offset:offset + limit]
            facets = {}
            if with_facets:
                facets, facets_at_least = _newest_facets(session, levels, chosen, ids)
        results = _results(ws, session, page_ids, best, tokens)
    return Page(query, total, offset, limit, chosen, results, facets, at_least=at_least,
                facets_at_least=facets_at_least)


def _newest_facets(session: Any, levels: list[str], chosen: dict[str, list[str]],
                   ids: list[int]) -> tuple[dict[str, list[tuple[str, int]]], bool]:
    """Facet counts without words, over the newest BROWSE_CAP of `ids` (the visible items
    passing the filters, newest first) and, so that the other values of a chosen facet
    show too, the newest BROWSE_CAP visible items: lower bounds when either was cut."""
    cap = facet_store.BROWSE_CAP
    capped, counted = len(ids) > cap, set(ids[:cap])
    if chosen:
        wider = facet_store.newest(session, levels, {}, cap + 1)
        capped, counted = capped or len(wider) > cap, counted | set(wider[:cap])
    return facet_store.among(session, levels, chosen, sorted(counted))[1], capped


def _by_item(hits: index.Hits) -> dict[int, tuple[int, int]]:
    """Item -> (its best matching derivative, its matching parts), best item first."""
    best: dict[int, tuple[int, int]] = {}
    for item_id, derivative_id, _score in hits.rows:
        known = best.get(item_id)
        best[item_id] = (known[0], known[1] + 1) if known else (derivative_id, 1)
    return best


def _audit(ws: Workspace, viewer: Viewer, page: Page, via: str) -> None:
    record_reads(ws, viewer, [(r.item["id"], r.item["classification"]) for r in page.results],
                 details={"via": via, "query": page.query})


def _results(ws: Workspace, session: Any, ids: list[int], best: dict[int, tuple[int, int]],
             tokens: list[str]) -> list[Result]:
    if not ids:
        return []
    rows = {item.id: (item, blob) for item, blob in item_store.with_blobs(session, ids)}
    tags = item_store.tags_of(session, ids)
    derivatives = item_store.derivatives_by_id(session, [best[i][0] for i in ids if i in best])
    out = []
    for item_id in ids:
        item, blob = rows[item_id]
        result = Result(item_store.item_dict(item, blob, tags[item_id]))
        if item_id in best:
            derivative = derivatives[best[item_id][0]]
            with ws.blobs.open(derivative.sha256) as stream:
                text = stream.read().decode("utf-8", errors="replace")
            result.snippet, result.highlights = snippet(text, tokens)
            result.label, result.more = derivative.label, best[item_id][1] - 1
        out.append(result)
    return out
