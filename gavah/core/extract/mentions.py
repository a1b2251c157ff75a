"""Entity mentions from a gazetteer: (entity id, names and aliases in any script).

Two indexes are built once: folded token sequences (exact aliases) and `name_key`
skeletons (spelling and script variants, confirmed by `name_similarity`). A document is
read token by token and each n-gram is looked up, so the cost per document depends on
its length, not on the size of the gazetteer. Person surnames are indexed too, but a
surname alone is a mention only when the full name appeared earlier in the document,
or a title or reporting verb stands next to it and the surname is unique.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gavah.core.extract.lexicon import ALL_VERBS, TITLES
from gavah.core.extract.model import Mention
from gavah.core.extract.textmap import Folded
from gavah.core.names import MATCH_THRESHOLD, is_script, name_key, name_similarity, token_key
from gavah.core.text import fold

MAX_TOKENS = 8  # longest alias, in tokens, that is matched
_PREFIX = 6
_TOKEN = re.compile(r"[^\W_]+")
_SURNAME_SUFFIXES = frozenset(
    fold(w)
    for w in [
        "zadeh",
        "zade",
        "pour",
        "pur",
        "nejad",
        "nezhad",
        "far",
        "rad",
        "زاده",
        "پور",
        "نژاد",
        "فر",
        "راد",
    ]
)
_CLITICS = ("وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل", "ک")
_TITLE_BEFORE = re.compile(rf"(?:{'|'.join(re.escape(t) for t in TITLES)})\.?\s*$")
_VERB_AFTER = re.compile(rf"\s*,?\s*(?:{'|'.join(re.escape(v) for v in ALL_VERBS)})(?![^\W\d_])")


@dataclass(frozen=True)
class Entity:
    id: str
    names: tuple[str, ...]
    kind: str = ""  # "Person", "Organization", "Place"


@dataclass(frozen=True)
class _Alias:
    entity_id: str
    name: str
    surname: bool


def _surname(name: str) -> str | None:
    tokens = re.split(r"[\s\-]+", name.strip())
    if len(tokens) < 2:
        return None
    if fold(tokens[-1]) in _SURNAME_SUFFIXES and len(tokens) > 2:
        return " ".join(tokens[-2:])
    return tokens[-1] if len(fold(tokens[-1])) >= 3 else None


def _clitic_variants(word: str) -> list[tuple[str, int]]:
    """The word without each Arabic proclitic it may open with, and the clitic's length."""
    return [(word[len(c) :], len(c)) for c in _CLITICS
            if word.startswith(c) and len(word) - len(c) >= 2]


class Gazetteer:
    """Index of known entities. Build once, reuse for every document."""

    def __init__(
        self,
        entities: Iterable[Entity | tuple[str, Sequence[str]] | tuple[str, Sequence[str], str]],
    ):
        self.entities: dict[str, Entity] = {}
        self._exact: dict[tuple[str, ...], list[_Alias]] = {}
        self._keys: dict[str, list[_Alias]] = {}
        self._first: set[str] = set()  # first folded token of every alias
        self._prefixes: set[str] = set()  # key prefixes up to _PREFIX letters: prunes n-grams early
        self.max_tokens = 1
        for item in entities:
            entity = (
                item if isinstance(item, Entity) else Entity(item[0], tuple(item[1]), *item[2:])
            )
            self.entities[entity.id] = entity
            for name in entity.names:
                self._add(_Alias(entity.id, name, False))
                surname = _surname(name) if entity.kind == "Person" else None
                if surname:
                    self._add(_Alias(entity.id, surname, True))

    def __len__(self) -> int:
        return len(self.entities)

    def _add(self, alias: _Alias) -> None:
        tokens = tuple(_TOKEN.findall(fold(alias.name)))
        if not tokens or len(tokens) > MAX_TOKENS:
            return
        self.max_tokens = max(self.max_tokens, len(tokens))
        self._exact.setdefault(tokens, []).append(alias)
        self._first.add(tokens[0])
        key = name_key(alias.name)
        self._keys.setdefault(key, []).append(alias)
        self._prefixes.update(key[:j] for j in range(1, min(len(key), _PREFIX) + 1))

    def find(self, doc: Folded, *, max_mentions: int = 20_000) -> list[Mention]:
        if not self._first:  # no names to find (a workspace without entities)
            return []
        tokens = list(_TOKEN.finditer(doc.folded))
        words = [t.group() for t in tokens]
        # a run of ASCII digits has no letters, so no key: a document's numbers are not
        # worked out one by one (most are new, and each would evict a word's key)
        keys = ["" if w.isdigit() and w.isascii() else token_key(w) for w in words]
        cased = any(c.islower() for c in doc.text) and any(c.isupper() for c in doc.text)
        seen_full: set[str] = set()
        out: list[Mention] = []
        first, prefixes = self._first, self._prefixes
        opens: dict[str, bool] = {}  # whether a word may open a name: the word's alone
        i = 0
        while i < len(tokens) and len(out) < max_mentions:
            word = words[i]
            # Most words start no name: not an alias's first word and their key starts no
            # alias's key, nor does either hold once a clitic comes off them (what
            # _exact_at and _variant_at would find out more slowly).
            may_open = opens.get(word)
            if may_open is None:
                may_open = opens[word] = (
                    word in first or keys[i][:_PREFIX] in prefixes
                    or (is_script(word) and any(
                        v in first or token_key(v)[:_PREFIX] in prefixes
                        for v, _ in _clitic_variants(word))))
            if not may_open:
                i += 1
                continue
            variants = [(word, 0)]
            if is_script(word):  # Arabic proclitics: لمرصد = ل + مرصد
                variants += _clitic_variants(word)
            best = self._exact_at(doc, tokens, i, variants, seen_full, cased) or self._variant_at(
                doc, tokens, keys, i, variants, seen_full, cased
            )
            if best is None:
                i += 1
                continue
            out.append(best)
            if best.method != "surname":
                seen_full.update(best.entity_ids)
            while i < len(tokens) and doc.origin[tokens[i].start()] < best.end:
                i += 1
        return out

    def _exact_at(
        self,
        doc: Folded,
        tokens: list[re.Match[str]],
        i: int,
        variants: list[tuple[str, int]],
        seen_full: set[str],
        cased: bool,
    ) -> Mention | None:
        for word, offset in variants:
            if word not in self._first:
                continue
            for n in range(min(self.max_tokens, len(tokens) - i), 0, -1):
                aliases = self._exact.get((word, *(t.group() for t in tokens[i + 1 : i + n])))
                if aliases:
                    found = self._verify(doc, tokens, i, n, offset, aliases, True, seen_full, cased)
                    if found:
                        return found
        return None

    def _variant_at(
        self,
        doc: Folded,
        tokens: list[re.Match[str]],
        keys: list[str],
        i: int,
        variants: list[tuple[str, int]],
        seen_full: set[str],
        cased: bool,
    ) -> Mention | None:
        """Spelling and script variants: grow the key token by token while it can still
        be the start of a known key (every word must carry consonants: not "in", "و")."""
        for word, offset in variants:
            key = token_key(word)
            hits: list[tuple[int, str]] = []
            for n in range(
                1, min(self.max_tokens + 2, len(tokens) - i) + 1
            ):  # "Ja'fari" is 2 tokens
                if n > 1:
                    nxt = keys[i + n - 1]
                    if not nxt:
                        break
                    key += nxt[1:] if key and key[-1] == nxt[0] else nxt
                if not key or key[:_PREFIX] not in self._prefixes:
                    break
                if key in self._keys:
                    hits.append((n, key))
            for n, key in reversed(hits):
                found = self._verify(
                    doc, tokens, i, n, offset, self._keys[key], False, seen_full, cased
                )
                if found:
                    return found
        return None

    def _verify(
        self,
        doc: Folded,
        tokens: list[re.Match[str]],
        i: int,
        n: int,
        offset: int,
        aliases: list[_Alias],
        exact: bool,
        seen_full: set[str],
        cased: bool,
    ) -> Mention | None:
        group = tokens[i : i + n]
        gaps = [doc.folded[a.end() : b.start()] for a, b in itertools.pairwise(group)]
        if any(len(g) > 3 or re.search(r"[.,;:!?؟،()«»\"“”\n]", g) for g in gaps):
            return None
        start, end = doc.original(group[0].start() + offset, group[-1].end())
        surface = doc.text[start:end]
        if cased and not is_script(surface) and not surface[:1].isupper():
            return None
        if (
            exact
            and n == 1
            and surface.isupper() != aliases[0].name.isupper()
            and len(surface) <= 6
        ):
            return None  # acronyms match in capitals only ("AI" is not "ai")
        return self._resolve(doc, surface, start, end, aliases, exact, seen_full)

    def _resolve(
        self,
        doc: Folded,
        surface: str,
        start: int,
        end: int,
        aliases: list[_Alias],
        exact: bool,
        seen_full: set[str],
    ) -> Mention | None:
        scored: dict[str, tuple[float, bool]] = {}
        for alias in aliases[
            :500
        ]:  # a key shared by more aliases than this is too common to decide
            score = 1.0 if exact else name_similarity(surface, alias.name)
            if score >= (0.9 if alias.surname else MATCH_THRESHOLD):
                old = scored.get(alias.entity_id)
                if old is None or (not alias.surname, score) > (not old[1], old[0]):
                    scored[alias.entity_id] = (score, alias.surname)
        if not scored:
            return None
        full = {e: v for e, v in scored.items() if not v[1]}
        flags: tuple[str, ...] = ()
        method = "exact" if exact else "name"
        if full:
            scored = full
        else:  # a surname alone
            method = "surname"
            known = {e: v for e, v in scored.items() if e in seen_full}
            before = doc.folded[max(0, doc.at(start) - 40) : doc.at(start)]
            cue = _TITLE_BEFORE.search(before) or _VERB_AFTER.match(doc.folded, doc.at(end))
            if known:
                scored = known
            elif len(scored) == 1 and cue:
                flags = ("surname_only",)
            else:
                return None
        ids = tuple(sorted(scored, key=lambda e: (-scored[e][0], e)))
        if len(ids) > 1:
            flags += ("ambiguous",)
        kinds = {self.entities[e].kind for e in ids}
        score = max(v[0] for v in scored.values()) * (0.85 if method == "surname" else 1.0)
        return Mention(
            start,
            end,
            surface,
            ids[:5],
            kinds.pop() if len(kinds) == 1 else "",
            method,
            round(score, 3),
            flags,
        )
