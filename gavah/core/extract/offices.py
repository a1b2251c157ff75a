"""The person an office given as a speaker refers to, when the document names its holder.

"the UN chief said", "said the UN envoy", "insisted the Chief Spokesperson", "UN High
Commissioner for Human Rights said": the annotation guide resolves an office to the named
entity the document means ("the High Commissioner" is Michelle Bachelet when the text names
her), and keeps the office only when the text names nobody. An office is read by what it
is called in UN and government reporting (the Secretary-General is "the UN chief"; a
Special Representative is "the UN envoy"; the High Commissioner is "the UN rights chief"),
and its holder is the person the text writes next to one of those names: "Secretary-General
Ban Ki-moon", "Tadamichi Yamamoto, the Secretary-General's Special Representative", "the
Special Rapporteur on ..., Ahmed Shaheed".
"""

from __future__ import annotations

import functools
import re

# each office by the names a text gives it, most specific first
_OFFICES: dict[str, tuple[str, ...]] = {
    "secretary-general": ("secretary-general", "secretary general", "un chief",
                          "u.n. chief", "united nations chief"),
    "deputy high commissioner": ("deputy high commissioner for human rights",
                                 "deputy high commissioner"),
    "high commissioner": ("high commissioner for human rights", "high commissioner",
                          "human rights chief", "rights chief"),
    "special representative": ("special representative", "special envoy", "envoy"),
    "special rapporteur": ("special rapporteur",),
    "spokesperson": ("chief spokesperson", "spokesperson", "spokesman", "spokeswoman"),
}
# words an office's name may carry besides its title: "the UN's human rights chief", "the
# top United Nations human rights official"
_AROUND = r"(?:the|a|un|u\.n\.|united|nations|un's|un’s|top|former|then|his|her|office|ohchr)"
# capitalised words and initials ("Juan E. Méndez"), never across a sentence's end
_WORD = r"(?:[A-Z]\.|[A-Z][\w’'-]+)"
# (a particle is a word of its own: "The delivery" is no "The de")
_SPACE = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a name runs over a line's end, never a blank line
_NAME = rf"(?P<name>{_WORD}(?:{_SPACE}(?:{_WORD}|(?:al|von|der|de|van|bin|ibn)(?=\s))){{1,4}})"


_AROUND_WORD = re.compile(_AROUND)
# every office's names hold one of these: a phrase without any is no office (most are not)
_OFFICE_HINTS = ("secretary", "chief", "commissioner", "envoy", "representative",
                 "rapporteur", "spokes")


@functools.lru_cache(maxsize=4096)  # every speaker is asked about, most of them again
def _office_of(phrase: str) -> str | None:
    """The office a speaker phrase names and nothing else ("the UN envoy"), else None."""
    low = phrase.lower()
    if not any(h in low for h in _OFFICE_HINTS):
        return None
    words = low.strip(" ,.").split()
    if not words or len(words) > 8:
        return None
    low = " ".join(words)
    for office, names in _OFFICES.items():
        for name in names:
            at = low.find(name)
            if at < 0:
                continue
            rest = (low[:at] + " " + low[at + len(name) :]).split()
            if all(_AROUND_WORD.fullmatch(w) for w in rest):
                return office
    return None


def is_office(phrase: str) -> bool:
    """Whether a phrase names an office and nothing else ("the Secretary-General")."""
    return _office_of(phrase) is not None


_NOT_AFTER_PLACE = "".join(rf"(?<!\b{w}\s)" for w in ("of", "in", "at", "from", "to", "near",
                                                     "into", "across"))


def _patterns(title: str) -> tuple[re.Pattern[str], ...]:
    t = re.escape(title).replace(r"\ ", r"\s+")
    t = rf"(?<![Dd]eputy\s){t}"  # the High Commissioner is not their deputy
    return (
        # "Secretary-General Ban Ki-moon", "the Special Rapporteur on ..., Ahmed Shaheed"
        re.compile(rf"(?i:{t})(?:\s+(?:on|for|of|in)\s+[^.;:\"“”\n]{{1,90}}?,)?\s+{_NAME}"),
        # "Tadamichi Yamamoto, the Secretary-General’s Special Representative" (not a place
        # after a preposition: "lie in the streets of Western Mosul, the UN High Commissioner
        # ... said")
        # (not "X, Spokesman for the Secretary-General": someone else's office)
        re.compile(rf"{_NOT_AFTER_PLACE}{_NAME},\s+(?:the\s+|a\s+)?"
                   rf"(?:(?!(?i:for|to|of)\s)[\w’'-]+\s+){{0,4}}?(?i:{t})\b"),
    )


_TITLE_PATTERNS = {office: [(title, _patterns(title)) for title in titles]
                   for office, titles in _OFFICES.items()}


@functools.lru_cache(maxsize=4)  # a text's quotations ask of the same office again
def _holders(text: str, office: str) -> list[tuple[int, str]]:
    """(offset, name) of every person the text writes next to a name of the office."""
    found: list[tuple[int, str]] = []
    low = text.lower()
    for title, patterns in _TITLE_PATTERNS[office]:
        if title.split()[0] not in low:  # (its words may be split across a line)
            continue
        for pattern in patterns:
            for m in pattern.finditer(text):
                name = " ".join(m.group("name").split()).rstrip(".")
                if _office_of(name) is None and len(name.split()) >= 2:
                    found.append((m.start("name"), name))
    return sorted(found)


# Persian titles that open an office's name: "وزیر خارجه آمریکا", "نماینده ویژه ..."
_FA_TITLES = frozenset(("وزیر", "نماینده", "سخنگوی", "رئیس", "دبیرکل", "معاون", "سفیر",
                        "دادستان"))
_FA_WORD = r"[^\s،,.:؛«»\"()\d]+"
_FA_NOT_NAME = frozenset(("در", "که", "و", "به", "از", "با", "را", "این", "آن", "روز", "گفت"))


def _fa_holder(text: str, phrase: str, at: int) -> str | None:
    """The person a Persian office phrase refers to: "وزیر خارجه آمریکا ... نوشت" after
    "مایک پمپئو، وزیر خارجه ایالات متحده، ...": the name written before the office's title
    and its next word, as an apposition (the nearest before the phrase, else the first)."""
    words = phrase.split()
    if not 2 <= len(words) <= 8 or words[0] not in _FA_TITLES:
        return None
    second = re.escape(words[1].rstrip("هۀ")) + "[هۀ]?"
    pattern = re.compile(
        rf"(?:^|(?<=[\n.،:»!؟]))\s*(?P<name>{_FA_WORD}(?:\s+{_FA_WORD}){{1,2}})\s*،\s*"
        rf"{re.escape(words[0])}\s+{second}(?![^\W\d_])"
    )
    found = [(m.start("name"), " ".join(m.group("name").split())) for m in pattern.finditer(text)]
    found = [(i, n) for i, n in found
             if not any(w in _FA_NOT_NAME or w in _FA_TITLES for w in n.split())]
    if not found:
        return None
    before = [n for i, n in found if i < at]
    return before[-1] if before else found[0][1]


def office_holder(text: str, phrase: str, at: int) -> str | None:
    """The name of the person an office phrase at `at` refers to: the holder named with the
    phrase itself, else the last one named before it, else the only one the text names."""
    if not phrase.isascii():
        return _fa_holder(text, phrase, at)
    office = _office_of(phrase)
    if office is None:
        return None
    holders = _holders(text, office)
    if not holders:
        return None
    end = at + len(phrase)
    near = [name for start, name in holders  # written with the phrase, in its sentence
            if end <= start <= end + 120 and not re.search(r"[.!?]\s", text[end:start])]
    if near:
        return near[0]
    before = [name for start, name in holders if start < at]
    if before:
        return before[-1]
    names = {name.split()[-1] for _, name in holders}
    return holders[0][1] if len(names) == 1 else None


# A spokesperson who delivers a principal's words: "Delivering the High Commissioner’s
# statement, ... spokesperson Ravina Shamdasani", "Rupert Colville, for the Office of the
# High Commissioner ..., said that the High Commissioner welcomed ...". The principal's
# quotations reach the publisher through the spokesperson: a reporting level (see the
# annotation guide).
_PRINCIPAL = (r"(?:the\s+)?(?:UN\s+|United\s+Nations\s+|U\.N\.\s+)?(?:High\s+Commissioner"
              r"(?:\s+for\s+Human\s+Rights)?|Secretary-General)")
_ANY_NAME = _NAME.replace("?P<name>", "")
_DELIVERING = re.compile(
    rf"(?:Delivering|Reading|Reading\s+out|Presenting)\s+(?P<p>{_PRINCIPAL}|{_NAME})(?:’s|'s)\s+"
    rf"(?:statement|remarks|message|speech|appeal)[^.;\n]{{0,60}}?,\s+[^.;\n]{{0,80}}?"
    rf"(?P<s>{_ANY_NAME})"
)
_SAID_THAT = re.compile(
    rf"(?P<s>{_ANY_NAME})(?:,[^.;\n]{{0,140}}?,|\s+of\s+the\s+[^.;\n]{{0,120}}?)?"
    rf"\s+(?:said|told|noted|stated)\s+(?:[^.;\n]{{0,40}}?\s)?that\s+"
    rf"(?P<p>{_PRINCIPAL}(?:\s+{_ANY_NAME})?)"
)


def relays(text: str) -> dict[str, str]:
    """The spokesperson who delivers each principal's words, by the principal's surname."""
    out: dict[str, str] = {}
    if "High Commissioner" not in text and "Secretary-General" not in text:
        return out  # every principal pattern names one of them: most texts hold neither
    for pattern in (_DELIVERING, _SAID_THAT):
        for m in pattern.finditer(text):
            principal = m.group("p")
            name = office_holder(text, principal, m.start("p")) if _office_of(principal) else None
            if name is None:  # "... said that UN High Commissioner Navi Pillay condemned"
                words = [w for w in principal.split() if w[:1].isupper()]
                tail = " ".join(words[-2:])
                name = tail if len(words) >= 2 and _office_of(tail) is None else None
            # the name on its own line: not a title above it ("Egypt Death Sentences\nX")
            spokesperson = " ".join(m.group("s").split("\n")[-1].split())
            if name is not None and name.split()[-1] != spokesperson.split()[-1]:
                out.setdefault(name.split()[-1], spokesperson)
    return out
