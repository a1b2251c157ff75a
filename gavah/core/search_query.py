"""Search queries: parsed once, rendered for SQLite FTS5 or PostgreSQL tsquery.

Users type words, "quoted phrases", OR, -excluded words and prefix* words. Every word
is folded (gavah.core.text.fold) exactly as the indexed text is, so the match ignores
letter variants, diacritics, ZWNJ and digit scripts. User text never reaches the
database's own query syntax unescaped: only folded word characters do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gavah.core.errors import BadInput
from gavah.core.text import fold

MAX_LIMIT = 100  # results on one page of a search

# Word characters without "_": PostgreSQL's parser splits on "_", so we do too.
TOKEN = re.compile(r"[^\W_]+")
_PART = re.compile(r'(-?)"([^"]*)"|(\S+)')
INDEX_CHUNK = 400_000  # characters of index text per row (tsvector rows are capped at 1 MB)


_ZWNJ_RUN = re.compile(r"\S*\u200c\S*")
# ASCII bytes that end a token: everything but letters and digits (TOKEN's word characters).
_ASCII_SEPARATORS = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))


def index_tokens(text: str) -> list[str]:
    return TOKEN.findall(fold(text))


def index_form(text: str) -> str:
    """The text as stored in the search index: folded tokens separated by spaces.

    Folding joins words written with a zero-width non-joiner (دشت‌آباد -> دشتاباد), the
    way a query typed without it reads. Writers also put a space there, so the parts of
    each such word are appended too: a query "دشت آباد" finds the joined spelling."""
    if text.isascii():
        # The same tokens (fold is lower() on ASCII), several times faster than the regex.
        return b" ".join(text.encode().lower().translate(_ASCII_SEPARATORS).split()).decode()
    form = " ".join(index_tokens(text))
    if "\u200c" in text:
        parts = [" ".join(index_tokens(run.replace("\u200c", " ")))
                 for run in _ZWNJ_RUN.findall(text)]
        form = form + " " + " ".join(parts)
    return form


def chunks(form: str) -> list[str]:
    """An index form cut at word boundaries into rows of at most INDEX_CHUNK characters."""
    if len(form) <= INDEX_CHUNK:
        return [form] if form else []
    chunks = []
    start = 0
    while start < len(form):
        end = form.rfind(" ", start, start + INDEX_CHUNK)
        if end <= start:
            end = min(len(form), start + INDEX_CHUNK)
        chunks.append(form[start:end].strip())
        start = end + 1
    return [c for c in chunks if c]


@dataclass(frozen=True)
class Term:
    tokens: tuple[str, ...]  # one token, or several for a phrase
    prefix: bool = False
    negated: bool = False


@dataclass
class Query:
    # Disjunction of conjunctions: [[a, b], [c]] means (a AND b) OR c.
    groups: list[list[Term]] = field(default_factory=list)

    @property
    def positive_tokens(self) -> list[str]:
        return [t for g in self.groups for term in g if not term.negated for t in term.tokens]


def parse(text: str) -> Query:
    groups: list[list[Term]] = [[]]
    for match in _PART.finditer(text):
        negated = bool(match.group(1))
        raw = match.group(2) if match.group(2) is not None else match.group(3)
        if match.group(3) == "OR":
            if groups[-1]:
                groups.append([])
            continue
        if match.group(3) is not None and raw.startswith("-") and len(raw) > 1:
            negated, raw = True, raw[1:]
        prefix = match.group(3) is not None and raw.endswith("*")
        tokens = tuple(index_tokens(raw))
        if tokens:
            groups[-1].append(Term(tokens, prefix=prefix and len(tokens) == 1, negated=negated))
    groups = [g for g in groups if g]
    groups += [alt for g in groups for alt in _joined_alternatives(g)]
    for group in groups:
        if all(term.negated for term in group):
            raise BadInput("a search needs at least one word that is not excluded with '-'")
    if not groups:
        raise BadInput("the search query has no words to look for")
    return Query(groups)


def _arabic_script(token: str) -> bool:
    return all("\u0600" <= c <= "\u06ff" for c in token)


def _joined_alternatives(group: list[Term], most: int = 3) -> list[list[Term]]:
    """Two adjacent Persian/Arabic words may be one word written with a ZWNJ or joined
    in the text: also look for them joined."""
    out: list[list[Term]] = []
    for i in range(len(group) - 1):
        a, b = group[i], group[i + 1]
        if (len(out) < most and not (a.negated or b.negated or a.prefix)
                and len(a.tokens) == len(b.tokens) == 1
                and _arabic_script(a.tokens[0]) and _arabic_script(b.tokens[0])):
            joined = Term((a.tokens[0] + b.tokens[0],), prefix=b.prefix)
            out.append([*group[:i], joined, *group[i + 2:]])
    return out


def _fts5_term(term: Term) -> str:
    phrase = '"' + " ".join(term.tokens) + '"'
    return phrase + ("*" if term.prefix else "")


def to_fts5(query: Query) -> str:
    parts = []
    for group in query.groups:
        positive = " AND ".join(_fts5_term(t) for t in group if not t.negated)
        negative = [_fts5_term(t) for t in group if t.negated]
        expr = f"({positive})"
        for neg in negative:
            expr = f"({expr} NOT {neg})"
        parts.append(expr)
    return " OR ".join(parts)


def _ts_term(term: Term) -> str:
    body = " <-> ".join(f"'{t}'" for t in term.tokens)
    if term.prefix:
        body += ":*"
    if len(term.tokens) > 1:
        body = f"({body})"
    return ("!" if term.negated else "") + body


def to_tsquery(query: Query) -> str:
    return " | ".join("(" + " & ".join(_ts_term(t) for t in group) + ")"
                      for group in query.groups)
