"""Where attribution cues are in a sentence: the clauses it splits into, where a reporting
verb, "according to" or "به گزارش" can start (tried only there), and where what a cue
reports starts (past "that"/":" and a short object)."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

from gavah.core.extract import lexicon as lx
from gavah.core.extract.segments import Sentence
from gavah.core.extract.textmap import Folded
from gavah.core.text import first_words, matches_at, trie_alternation

_B, _E = r"(?<![^\W\d_])", r"(?![^\W\d_])"
_CUE = re.compile(  # Arabic attaches و/ف to the cue: وقال, فبحسب
    rf"{_B}(?:و|ف)?(?:(?P<acc>{trie_alternation(lx.ACCORDING)})|"
    rf"(?P<rep>{trie_alternation(lx.REPORTER)})|(?P<verb>{trie_alternation(lx.ALL_VERBS)})){_E}"
)
# Where a cue can start: a run of letters that opens one, or one with و/ف attached
_CUE_FIRST = first_words(lx.ACCORDING + lx.REPORTER + lx.ALL_VERBS)
_LETTER = re.compile(r"[^\W\d_]")
_THAT_OR_COLON = (":", *lx.THAT)
_OBJECT_THEN_THAT = re.compile(  # a short object, then ":" or "that": "told reporters that"
    rf"(?:\s*[^\W\d_][\w'’\u200c-]*){{0,6}}?\s*(?::|{_B}(?:{trie_alternation(lx.THAT)}){_E})"
)
_FA_AUXILIARY = re.compile(r"\s*(?:بود|بودند|است|اند|بوده\s+است)(?![^\W\d_])\s*[،,]?")
_OPENING_QUOTE = re.compile(r"[\"“«]")


def clauses(doc: Folded, sentence: Sentence, any_break: bool = True) -> list[tuple[int, int]]:
    """Folded [start, end) of the clauses of a sentence (split at ; and 'while', 'بینما').
    `any_break`: False when the whole text holds no clause break's word or mark."""
    fs, fe = doc.at(sentence.start), doc.at(sentence.end)
    span = doc.folded[fs:fe] if any_break else ""
    breaks = (lx.CLAUSE_BREAK.finditer(doc.folded, fs, fe)
              if any_break and any(w in span for w in lx.CLAUSE_BREAK_LITERALS) else ())
    cuts = [fs] + [m.end() for m in breaks] + [fe]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def cue_starts(doc: Folded) -> list[int]:
    """Where in the folded text a cue can start (a superset), in text order."""
    return sorted(p for word, at in doc.runs.items()
                  if word in _CUE_FIRST or (word[:1] in "وف" and word[1:] in _CUE_FIRST)
                  for p in at)


def cues(doc: Folded, starts: list[int], cs: int, ce: int) -> Iterator[re.Match[str]]:
    """`_CUE.finditer(doc.folded, cs, ce)`, tried only where a cue can start: the pattern
    opens with a look-behind, so a scan would try every character."""
    at = starts[bisect.bisect_left(starts, cs) : bisect.bisect_left(starts, ce)]
    if cs < ce < len(doc.folded) and _LETTER.match(doc.folded, ce) and _LETTER.match(
            doc.folded, ce - 1):
        # a run of letters the clause's end cuts reads as a word ending there
        cut = ce - 1
        while cut > cs and _LETTER.match(doc.folded, cut - 1):
            cut -= 1
        at = sorted({*at, cut})
    return matches_at(_CUE, doc.folded, at, cs, ce)


def cue_may_start(doc: Folded, starts: list[int], sentence: Sentence) -> bool:
    """Whether `cues` can find one in the sentence read as one clause: a place a cue
    can start inside it, or a run of letters its end cuts."""
    fs, fe = doc.at(sentence.start), doc.at(sentence.end)
    i = bisect.bisect_left(starts, fs)
    if i < len(starts) and starts[i] < fe:
        return True
    return fs < fe < len(doc.folded) and bool(
        _LETTER.match(doc.folded, fe) and _LETTER.match(doc.folded, fe - 1))


def scope_after(doc: Folded, pos: int, clause_end: int) -> int:
    """Folded start of the content after a cue: past "that"/":" and a short object."""
    aux = _FA_AUXILIARY.match(doc.folded, pos, clause_end)  # "نوشته بود، ...": past its auxiliary
    if aux:
        pos = aux.end()
    window = doc.folded[pos : min(clause_end, pos + 160)]
    # a match ends in ":" or "that": a window without either is not tried (the pattern
    # backtracks through every way of cutting its words)
    m = _OBJECT_THEN_THAT.match(window) if any(w in window for w in _THAT_OR_COLON) else None
    return pos + (m.end() if m and not _OPENING_QUOTE.search(m.group()) else 0)
