"""Bodies named in a text: the Persian body a demonstrative ("این سازمان", "این نهاد")
refers back to, and the words that make a name a body's rather than a person's."""

from __future__ import annotations

import re

from gavah.core.extract import lexicon as lx
from gavah.core.text import fold

_FA_NAME_END = frozenset(["در", "به", "از", "که", "را", "با", "و", "گفت", "اعلام", "نوشت", "روز"])


def body_named_before(text: str, phrase: str, at: int) -> str | None:
    """ "این سازمان" -> the last "سازمان ..." named before `at` ("سازمان حقوق بشر کویر")."""
    head = phrase.split()[1]
    best = None
    # (a name in guillemets is one word of it: "ائتلاف بین‌المللی «آزادی نرگس»")
    for m in re.finditer(rf"(?<![^\W\d_]){re.escape(head)}"
                         r"(?:\s+(?:«[^«»\n]{1,40}»|[^\s،,.:«»\"\n]+)){1,4}",
                         text[max(0, at - 2000) : at]):
        if re.search(r"(?:این|آن)\s*$", text[max(0, at - 2000) : at][: m.start()]):
            continue
        words = m.group().split()
        cut = next((i for i, w in enumerate(words[1:], 1) if w in _FA_NAME_END), len(words))
        best = " ".join(words[:cut]) if cut > 1 else best
    return best


_FA_BODY = re.compile(
    r"(?<![^\W\d_])(?:سازمان|انجمن|کانون|نهاد|هیئت|هیات|دفتر|کمیسیون|کمیته|شورای|وزارت|"
    r"دادستانی|دیده\u200cبان|دیدهبان|دیدبان|مرکز|خبرگزاری|اتحادیه|جمعیت)"
    r"(?:\s+[^\s،,.:«»\"\n]+){1,4}"
)


def body_before(text: str, at: int) -> str | None:
    """The last Persian body named before `at` ("انجمن حقوقدانان تابران ... این نهاد"),
    for a demonstrative no speaker before resolves."""
    window = text[max(0, at - 2000) : at]
    best = None
    for m in _FA_BODY.finditer(window):
        if re.search(r"(?:این|آن)\s*$", window[: m.start()]):
            continue
        words = m.group().split()
        cut = next((i for i, w in enumerate(words[1:], 1) if w in _FA_NAME_END), len(words))
        best = " ".join(words[:cut]) if cut > 1 else best
    return best


# words of a body's name beyond ORG_WORDS: "...the UN Human Rights Office" is no person's
_BODY_WORDS = frozenset(fold(w) for w in (
    "rights", "nations", "front", "council", "court", "office", "mission", "committee",
    "commission", "group", "army", "forces", "ministry", "department", "agency", "service",
    "services", "union", "party", "movement", "coalition", "organisation", "organization",
    "watch", "network", "centre", "center", "institute", "foundation", "mechanism",
))


def body_word(word: str) -> bool:
    """A word that makes a name a body's ("Office", "Watch", "سازمان")."""
    w = fold(word.strip(".,"))
    return w in lx.ORG_WORDS or w in _BODY_WORDS


# an adjective before a title is no body: "Military spokesman X", "Presidential spokesman
# X", "Iranian Foreign Minister X"
_ADJECTIVE_END = ("ian", "ese", "ish", "al", "ary", "ing", "can")
# a clause's opening word before a title is no body: "As Ambassador X noted, “...”"
_OPENING_WORDS = frozenset(("as", "when", "while", "after", "before", "since", "if", "but",
                            "and", "so", "then", "later", "also", "yet", "though",
                            "although", "because", "once", "where", "whereas"))


def one_word_body(text: str, org: str, at: int) -> str | None:
    """A level of one capitalised word: the body named before with that word as its last
    ("Agency spokesman X" after "the U.N. refugee agency", "Tribunal spokesman" after "the
    Khmer Rouge tribunal"), no level for an adjective, else the word. The last words of a
    name work too ("rights office spokesperson X" after "the U.N. human rights office")."""
    if not body_word(org.split()[-1]):
        return None if org.endswith(_ADJECTIVE_END) or org.lower() in _OPENING_WORDS else org
    # "the Special Court for Sierra Leone", "the International Residual Mechanism for
    # Criminal Tribunals": the word may open the name's "for"/"of" part too
    # (a word hyphened to a lower-case one is no part of the name: "United Nations-backed")
    # ("the U.N. refugee agency": a UN body's lower-case words of what it does)
    named = re.findall(rf"(?<![\w.-])(?:(?:U\.N\.|UN|United[ \t]+Nations)[ \t]+"
                       rf"(?:[a-z]+[ \t]+){{0,2}}|(?:[A-Z][\w’']*(?:-[A-Z][\w’']*)*[ \t]+){{1,4}})"
                       rf"(?i:{re.escape(org)})\b"
                       r"(?:[ \t]+(?:for|of)[ \t]+(?:the[ \t]+)?[A-Z][\w’'-]*"
                       r"(?:[ \t]+(?:[A-Z][\w’'-]*|of|and)){0,4}(?<![ \t]of)(?<![ \t]and))?",
                       text[max(0, at - 3000):at])
    named = [re.sub(r"^(?:The|A|An)\s+", "", n) for n in named]
    return next((n for n in reversed(named) if " " in n), org)
