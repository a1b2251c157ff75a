"""Scores of claim extraction on the real-document corpus (bench/data/claims_corpus).

Categories, each with precision and recall, per language and per document type:
- figures: a figure claim overlapping a gold figure, with the same value/min/max and
  a `counts` that shares a content word with the gold's (what it counts; a word in
  another inflection counts as the same word, see `_related`);
- figures+party: the same, and the asserting party (claim speaker, else publisher) is
  the gold party;
- quotations: a quotation claim overlapping half of a gold quotation, with the gold
  speaker;
- chain: a gold quotation whose matched claim carries the gold attribution chain at every
  level, outermost first, the speaker's level judged as the speaker is (with its aliases)
  (recall-like; precision over the quotation claims found);
- dates: a date overlapping a gold date with the same start at its precision.
The extractor is given the text and the page's site name as metadata (what
og:site_name says), never a publisher from the ingest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from gavah.core.extract import Extraction, Party, extract
from gavah.core.names import is_same_name
from gavah.core.text import fold

Span = tuple[int, int]
PUNCT = "()[]{},.;:!?\"'«»“”‘’"
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "from",
        "and",
        "or",
        "who",
        "were",
        "was",
        "been",
        "have",
        "has",
        "had",
        "that",
        "this",
        "their",
        "its",
        "his",
        "her",
        "they",
        "them",
        "these",
        "those",
        "with",
        "as",
        "into",
        "over",
        "under",
        "during",
        "since",
        "than",
        "people",
        "persons",
        "individuals",
    ]
)
_TOKEN = re.compile(r"[^\W\d_]+")


def _bare(name: str) -> list[str]:
    words = [w.strip(PUNCT) for w in fold(name).replace("’", "'").split()]
    words = [w for w in words if w]
    while words and words[0] in ("the", "a", "an"):
        words.pop(0)
    return words


def same_name(want: str, got: str) -> bool:
    """The same party: equal names, a spelling variant, or one a run of the other's words
    that is not a lone word of a longer name."""
    w, g = _bare(want), _bare(got)
    if not w or not g:
        return False
    if w == g or is_same_name(" ".join(w), " ".join(g)):
        return True
    short, long = (w, g) if len(w) <= len(g) else (g, w)
    inside = any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))
    return inside and (len(short) >= 2 or 2 * len(short) >= len(long))


def _names(gold: dict[str, Any]) -> list[str]:
    return [gold["name"], *gold.get("aliases", ())]


def party_ok(gold: dict[str, Any] | str, party: Party | None) -> bool:
    if party is None:
        return False
    wanted = [gold] if isinstance(gold, str) else _names(gold)
    return any(same_name(w, party.name) for w in wanted)


def _stem(word: str) -> str:
    for suffix in ("ها", "های", "ان", "ies", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def counts_ok(gold: str, got: str | None) -> bool:
    """What a figure counts: the found phrase shares a content word with the gold's."""
    if not got:
        return False
    g = {_stem(w) for w in _TOKEN.findall(fold(gold).replace("\u200c", "")) if w not in _STOP}
    p = {_stem(w) for w in _TOKEN.findall(fold(got).replace("\u200c", "")) if w not in _STOP}
    if not g:
        return bool(p)
    return any(_related(a, b) for a in g for b in p)


def _related(a: str, b: str) -> bool:
    """The same word in another inflection: equal, or sharing a prefix of five letters
    (four in Arabic script, whose compounds lose the ZWNJ): "executed"/"executions",
    "بازداشت"/"بازداشت‌شدگان"."""
    if a == b:
        return True
    n = 4 if not a[:1].isascii() else 5
    return len(a) >= n and len(b) >= n and a[:n] == b[:n]


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _half(a: Span, b: Span) -> bool:
    return _overlap(a, b) * 2 >= min(a[1] - a[0], b[1] - b[0])


def _match(
    gold: list[dict[str, Any]],
    pred: list[tuple[Span, Any]],
    ok: Callable[[dict[str, Any], Span, Any], bool],
) -> tuple[int, list[tuple[dict[str, Any], Any]], list[str]]:
    """Greedy one-to-one matching in gold order; returns tp, the pairs, and error lines."""
    used: set[int] = set()
    pairs, errors = [], []
    for g in gold:
        hit = next((i for i, (ps, p) in enumerate(pred) if i not in used and ok(g, ps, p)), None)
        if hit is None:
            errors.append(f"missed {g['text'][:70]!r}")
        else:
            used.add(hit)
            pairs.append((g, pred[hit][1]))
    errors += [
        f"extra {getattr(p, 'text', '')[:70]!r}" for i, (_, p) in enumerate(pred) if i not in used
    ]
    return len(pairs), pairs, errors


# "the UN Refugee Agency (UNHCR)": the document writes the body under both names
_DEFINED = re.compile(
    r"(?P<long>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|for|on|and|the|to|in))*)"
    r"\s+\((?P<short>[A-Z][A-Za-z]{1,9})\)"
)


def defined_names(text: str) -> list[tuple[str, str]]:
    """(name, acronym) for each body the text names with its acronym in brackets."""
    return [(m.group("long"), m.group("short")) for m in _DEFINED.finditer(text)]


def _same_level(want: str, got: str, defined: Iterable[tuple[str, str]]) -> bool:
    """The same name, or the two names a document gives one body ("X (ACR)")."""
    return same_name(want, got) or any(
        (same_name(want, long) and same_name(got, short))
        or (same_name(want, short) and same_name(got, long))
        for long, short in defined
    )


def chain_ok(gold_chain: list[str], chain: Iterable[Party],
             speaker: dict[str, Any] | str | None = None,
             defined: Iterable[tuple[str, str]] = ()) -> bool:
    """Every level by name, outermost first; the last level, when it is the gold speaker,
    as the speaker is judged (its aliases too: "UN experts" for "UN human rights experts");
    `defined`: the (name, acronym) pairs the document gives, either name of which is its
    body's (registered before blind24's run)."""
    got, defined = list(chain), list(defined)
    if len(got) != len(gold_chain):
        return False
    last = len(got) - 1
    named = speaker["name"] if isinstance(speaker, dict) else speaker
    return all(
        party_ok(speaker, p) if i == last and speaker is not None and w == named
        else _same_level(w, p.name, defined)
        for i, (w, p) in enumerate(zip(gold_chain, got, strict=True))
    )


def _date_ok(gold: dict[str, Any], start: str | None, precision: str) -> bool:
    if start is None or precision != gold["precision"]:
        return False
    g = gold["iso_start"]
    keep = {"day": 10, "month": 7, "season": 4, "year": 4, "decade": 3}[precision]
    return g[:keep] == start[:keep]


def score_document(
    text: str, gold: dict[str, Any], site_name: str, **options: Any
) -> dict[str, tuple[int, int, int, list[str]]]:
    """(tp, predicted, gold, errors) per category for one document; `options` go to
    `extract` (e.g. `figure_model`)."""
    result: Extraction = extract(text, metadata={"site_name": site_name}, **options)
    speech = {(q.start, q.end) for q in result.quotations if q.speech}
    quotes = [
        ((c.start, c.end), c)
        for c in result.claims
        if (c.start, c.end) in speech and "reported_speech" not in c.flags and c.kind != "figure"
    ]
    figures = [((c.start, c.end), c) for c in result.claims if c.kind == "figure"]
    dates = [((d.start, d.end), d) for d in result.dates]
    g_dates = [d for d in gold["dates"] if d.get("iso_start")]

    def span(g: dict[str, Any]) -> Span:
        return (g["start"], g["end"])

    def figure_ok(g: dict[str, Any], ps: Span, c: Any) -> bool:
        f = c.figure
        values = (f.value, f.min, f.max) == (g.get("value"), g.get("min"), g.get("max"))
        return _overlap(span(g), ps) > 0 and values and counts_ok(g["counts"], f.counts)

    def figure_party_ok(g: dict[str, Any], ps: Span, c: Any) -> bool:
        return figure_ok(g, ps, c) and party_ok(g["party"], c.speaker or c.publisher)

    def quote_ok(g: dict[str, Any], ps: Span, c: Any) -> bool:
        return _half(span(g), ps) and party_ok(g["speaker"], c.speaker)

    def quote_span_ok(g: dict[str, Any], ps: Span, c: Any) -> bool:
        return _half(span(g), ps)

    def date_ok(g: dict[str, Any], ps: Span, d: Any) -> bool:
        return _overlap(span(g), ps) > 0 and _date_ok(g, d.iso_start, d.precision)

    out: dict[str, tuple[int, int, int, list[str]]] = {}
    tp, _, errs = _match(gold["figures"], figures, figure_ok)
    out["figures"] = (tp, len(figures), len(gold["figures"]), errs)
    tp, _, errs = _match(gold["figures"], figures, figure_party_ok)
    out["figures+party"] = (tp, len(figures), len(gold["figures"]), errs)
    tp, _, errs = _match(gold["quotations"], quotes, quote_ok)
    out["quotations"] = (tp, len(quotes), len(gold["quotations"]), errs)
    _, pairs, _ = _match(gold["quotations"], quotes, quote_span_ok)
    defined = defined_names(text)
    good = [
        g
        for g, c in pairs
        if party_ok(g["speaker"], c.speaker)
        and chain_ok(g["chain"], c.attribution, g["speaker"], defined)
    ]
    chain_errs = [
        f"chain {g['text'][:40]!r}: want {g['chain']} got {[p.name for p in c.attribution]}"
        for g, c in pairs
        if g not in good
    ]
    out["chain"] = (len(good), len(quotes), len(gold["quotations"]), chain_errs)
    tp, _, errs = _match(g_dates, dates, date_ok)
    out["dates"] = (tp, len(dates), len(g_dates), errs)
    return out


def prf(tp: int, pred: int, gold: int) -> dict[str, float]:
    p = tp / pred if pred else 1.0
    r = tp / gold if gold else 1.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "tp": tp,
        "predicted": pred,
        "gold": gold,
    }
