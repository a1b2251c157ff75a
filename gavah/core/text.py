"""Script-aware text folding for search and matching.

Persian, Arabic and Latin text is written many ways that readers treat as the same:
Arabic ي/ك against Persian ی/ک, optional diacritics (harakat), hamza carriers, the
zero-width non-joiner inside words, Persian, Arabic-Indic or Latin digits, presentation
forms, Latin accents and case. `fold` maps all of these to one form so that a query and
a text that differ only in such variants match. `fold_with_map` does the same while
remembering, for every folded character, where it came from in the original, so that
hits and claim spans found in folded text can be shown in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import accumulate, chain, repeat

# Letters that NFKD leaves alone but readers do not distinguish.
_LETTERS = {
    "\u064a": "\u06cc",  # ARABIC YEH -> FARSI YEH
    "\u0649": "\u06cc",  # ALEF MAKSURA -> FARSI YEH
    "\u0643": "\u06a9",  # ARABIC KAF -> KEHEH
    "\u06d5": "\u0647",  # AE (left by NFKD of HEH WITH YEH ABOVE) -> HEH
    "\u0629": "\u0647",  # TEH MARBUTA -> HEH
    "\u0671": "\u0627",  # ALEF WASLA -> ALEF
}
_DIGITS = {chr(base + i): str(i) for base in (0x06F0, 0x0660) for i in range(10)}
# Invisible characters that change nothing a reader sees: ZWNJ, ZWJ, ZWSP, BOM, soft
# hyphen, tatweel and the bidi controls.
_INVISIBLE = ("\u200b\u200c\u200d\u200e\u200f\ufeff\u00ad\u0640"
              "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

_TABLE = str.maketrans({**_LETTERS, **_DIGITS, **{c: None for c in _INVISIBLE}})
# Combining marks: Latin accents after NFKD, Arabic harakat, Quranic marks.
_MARKS = re.compile(
    "[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)


def fold(text: str) -> str:
    """Return the search/matching form of `text` (lower case, one spelling per letter)."""
    if text.isascii():  # the same result, far cheaper: nothing below changes ASCII but case
        return text.lower()
    if len(text) <= 64:  # names and words, folded again and again by the extractors
        return _fold_short(text)
    return _fold(text)


@lru_cache(maxsize=16384)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = _MARKS.sub("", text)
    # translate after NFKD: decomposition yields ARABIC YEH (from ئ) which must then be folded.
    return text.translate(_TABLE).casefold()


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return fold(char)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold `text` and return (folded, origin) where origin[i] is the index in `text`
    of the character that produced folded[i]. origin has one extra final element,
    len(text), so a folded end offset maps to an original end offset."""
    folded, origin, _ = fold_with_maps(text)
    return folded, origin


def fold_with_maps(text: str) -> tuple[str, list[int], list[int]]:
    """`fold_with_map` and the map the other way: inverse[j] is the first folded index
    at or after original index j (len(folded) for j = len(text)). The two may be one
    list: do not change them."""
    # one character at a time (ASCII ones fold to their lower case), mapped in C: in
    # Persian text ASCII runs are mostly single spaces, too short to fold a run at a time
    folded = list(map(_fold_char, text))
    lengths = list(map(len, folded))
    if lengths.count(1) == len(lengths):  # one character for one: each index maps to itself
        index = list(range(len(text) + 1))
        return "".join(folded), index, index
    origin = list(chain.from_iterable(map(repeat, range(len(text)), lengths)))
    origin.append(len(text))
    # what the characters before j fold to is where j's own folding starts
    return "".join(folded), origin, list(accumulate(lengths, initial=0))


def original_span(origin: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a [start, end) span of folded text back to the original text."""
    if end <= start:
        return origin[start], origin[start]
    return origin[start], origin[end - 1] + 1


_WORD = re.compile(r"\w+", re.UNICODE)
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_ASCII_LETTER_RUN = re.compile(r"[A-Za-z]+")


def letter_runs(text: str) -> dict[str, list[int]]:
    """Where each run of letters (`[^\\W\\d_]+`, as the extractors' word boundaries read
    them) starts, by the run: one scan that lets a pattern opening with a word boundary
    and a list of words be tried only where one of its first words starts."""
    runs: dict[str, list[int]] = {}
    # in ASCII the letters are [A-Za-z], which the engine tests faster than the class
    for m in (_ASCII_LETTER_RUN if text.isascii() else _LETTER_RUN).finditer(text):
        runs.setdefault(m.group(), []).append(m.start())
    return runs


_DIGIT_RUN = re.compile(r"\d+")


def digit_runs(text: str) -> list[int]:
    """Where each run of digits (`\\d+`) starts, in text order."""
    return [m.start() for m in _DIGIT_RUN.finditer(text)]


def first_words(phrases: Iterable[str]) -> frozenset[str]:
    """The run of letters each phrase opens with: where a phrase that opens with a letter
    boundary can start (see `letter_runs`). Phrases are letters and single spaces only."""
    words = [phrase.split(" ") for phrase in phrases]
    if not all(_LETTER_RUN.fullmatch(w) for ws in words for w in ws):
        raise ValueError("phrases must be runs of letters separated by single spaces")
    return frozenset(ws[0] for ws in words)


def run_starts(runs: dict[str, list[int]], words: frozenset[str]) -> list[int]:
    """Where a run of letters that is one of `words` starts, in text order."""
    return sorted(p for word in words.intersection(runs) for p in runs[word])


_Trie = dict[str, "_Trie"]


def trie_alternation(words: Iterable[str]) -> str:
    """The words as one alternation that tries the longest first, written as a trie
    ("ma(?:r(?:ch|)|y)"): the same matches, in the same order, as "|".join(the words
    escaped, longest first), but the regex engine no longer tries a hundred words one by
    one at every character. For case-sensitive patterns: the branches of a node differ
    in their first character, so one at most matches."""
    root: _Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def branch(node: _Trie) -> str:
        # Longer words (the children) before the word ending here, as longest-first does:
        # the words that match at one place are prefixes of one another.
        longer = [re.escape(char) + branch(child) for char, child in node.items() if char]
        if not longer:
            return ""
        if len(longer) == 1 and "" not in node:
            return longer[0]
        return "(?:" + "|".join(longer) + ("|)" if "" in node else ")")

    return branch(root)


def last_match(pattern: re.Pattern[str], text: str, pos: int, endpos: int
               ) -> re.Match[str] | None:
    """The last of `pattern.finditer(text, pos, endpos)`, or None: what a text named last
    before a position, within a window."""
    found = None
    for m in pattern.finditer(text, pos, endpos):
        found = m
    return found


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int], pos: int = 0,
               endpos: int | None = None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, pos, endpos)` for a pattern whose every match starts at one
    of `starts` (sorted; more do no harm): tried there only, in text order, each search
    going on after the match before (a match is never empty). A pattern that opens with a
    look-behind makes the engine try every character; this tries a few."""
    end = len(text) if endpos is None else endpos
    for start in starts:
        if pos <= start < end:
            m = pattern.match(text, start, end)
            if m is not None:
                yield m
                pos = m.end()


def terms(text: str) -> list[str]:
    """Folded word tokens of `text`, in order (duplicates kept)."""
    return _WORD.findall(fold(text))


_RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def is_rtl_char(char: str) -> bool:
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _RTL_RANGES)


_RTL_LETTERS = re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _RTL_RANGES)
                          + "]")


def direction(text: str) -> str:
    """'rtl' when most letters are Hebrew/Arabic-script, else 'ltr'."""
    letters = "".join(filter(str.isalpha, text))  # looped in C, as is the count
    rtl = len(_RTL_LETTERS.findall(letters))
    return "rtl" if rtl > len(letters) - rtl else "ltr"


# the only letters beyond ASCII that lower-case to, or match without case, an ASCII letter
# (ı, İ, K, ſ): a text without them lower-cases with the same offsets and no new matches
CASE_EXTRA = ("\u0131", "\u0130", "\u212a", "\u017f")


def lower_starts(text: str, words: tuple[str, ...] | frozenset[str]) -> list[int] | None:
    """Where any of `words` (lower-case ASCII) starts in `text` lower-cased, in text order:
    where a case-blind pattern opening with one of them can match. None when the text
    holds a letter of CASE_EXTRA, which makes the lower-cased text no guide."""
    if any(c in text for c in CASE_EXTRA):
        return None
    lower, starts = text.lower(), set()
    for word in words:
        at = lower.find(word)
        while at >= 0:
            starts.add(at)
            at = lower.find(word, at + 1)
    return sorted(starts)
