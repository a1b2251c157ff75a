"""Snippets of search hits, shown in the original script with the matched words marked.
Searching itself (with facets and clearance) is `gavah.pipelines.browse`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from gavah.core.text import fold, fold_with_map, original_span

SNIPPET = 240  # characters of context around the first hit


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
