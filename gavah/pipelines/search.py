"""Full-text search over extracted text, with snippets shown in the original script."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from gavah.core import search_query
from gavah.core.text import fold, fold_with_map, original_span
from gavah.store import items as item_store
from gavah.store import search as index
from gavah.store.tables import Blob, Derivative, Item
from gavah.store.workspace import Workspace

SNIPPET = 240  # characters of context around the first hit


@dataclass
class Hit:
    item: dict[str, Any]
    derivative_id: int
    label: str
    snippet: str
    highlights: list[tuple[int, int]]
    score: float
    more: int = 0  # other parts of the same item that match

    def to_dict(self) -> dict[str, Any]:
        return {"item_id": self.item["id"], "item": self.item,
                "derivative_id": self.derivative_id, "label": self.label,
                "snippet": self.snippet, "highlights": [list(h) for h in self.highlights],
                "score": round(self.score, 6), "more_matches": self.more}


@dataclass
class Results:
    query: str
    total: int
    hits: list[Hit] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "total": self.total,
                "results": [h.to_dict() for h in self.hits]}


def snippet(text: str, tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """A window of `text` around the first line holding a query token, and the spans
    of every token in it (offsets into the returned snippet)."""
    if not tokens:
        return text[:SNIPPET], []
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(
        re.escape(t) for t in sorted(set(tokens), key=len, reverse=True)) + ")")
    offset = 0
    for line in text.splitlines(keepends=True):
        if pattern.search(fold(line)):  # cheap test before the per-character map
            folded, origin = fold_with_map(line)
            first = pattern.search(folded)
            assert first is not None
            start0, _ = original_span(origin, first.start(), first.end())
            start = max(0, start0 - SNIPPET // 3)
            window = line[start:start + SNIPPET]
            wfolded, worigin = fold_with_map(window)
            spans = [original_span(worigin, m.start(), m.end())
                     for m in pattern.finditer(wfolded)]
            prefix = "…" if offset + start > 0 else ""
            suffix = "…" if start + SNIPPET < len(line.rstrip()) else ""
            shift = len(prefix)
            return (prefix + window.strip("\n") + suffix,
                    [(a + shift, b + shift) for a, b in spans])
        offset += len(line)
    return text[:SNIPPET], []


def search(ws: Workspace, query: str, levels: Sequence[str] | None = None, limit: int = 20,
           offset: int = 0) -> Results:
    parsed = search_query.parse(query)
    tokens = parsed.positive_tokens
    with ws.db.read() as session:
        rows = index.query(session, parsed, levels)
        best: dict[int, tuple[int, float]] = {}
        counts: dict[int, int] = {}
        for item_id, derivative_id, score in rows:
            counts[item_id] = counts.get(item_id, 0) + 1
            if item_id not in best:
                best[item_id] = (derivative_id, score)
        ordered = list(best.items())[offset:offset + limit]
        results = Results(query=query, total=len(best))
        for item_id, (derivative_id, score) in ordered:
            item = session.get(Item, item_id)
            derivative = session.get(Derivative, derivative_id)
            assert item is not None and derivative is not None
            blob = session.get(Blob, item.sha256)
            assert blob is not None
            with ws.blobs.open(derivative.sha256) as stream:
                text = stream.read().decode("utf-8", errors="replace")
            snip, spans = snippet(text, tokens)
            tags = item_store.tags_of(session, [item_id])[item_id]
            results.hits.append(Hit(item_store.item_dict(item, blob, tags), derivative_id,
                                    derivative.label, snip, spans, score,
                                    counts[item_id] - 1))
    return results
