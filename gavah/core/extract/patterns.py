"""Names the gazetteer does not know: a person after a title ("Dr. Farhad Kamali",
"Ayatollah X", "قاضی X", "الشيخ X"), an organization as a capitalised phrase with an
organization word ("University of Tabaran"), and, when one is installed, a statistical
NER model behind the `EntityRecognizer` protocol. No model is required: gavah ships
none and the tests run without one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Protocol

from gavah.core.extract.fa_subject import surname_only
from gavah.core.extract.lexicon import ORG_WORDS, TITLE_WORDS, TITLES
from gavah.core.extract.mentions import Gazetteer
from gavah.core.extract.model import Mention
from gavah.core.extract.spans import Spans
from gavah.core.extract.staff import introduced_names
from gavah.core.extract.textmap import Folded
from gavah.core.text import first_words, fold, lower_starts, matches_at, run_starts


class EntityRecognizer(Protocol):
    """A statistical NER plug-in: (start, end, label) spans of the text it is given.
    Labels PERSON/PER, ORG, GPE/LOC/FAC are understood; others are ignored."""

    def __call__(self, text: str) -> Iterable[tuple[int, int, str]]: ...


def spacy_recognizer(nlp: Any) -> EntityRecognizer:
    """Adapt a loaded spaCy pipeline (anything whose call returns `.ents` with
    start_char, end_char and label_) without importing spaCy here."""

    def recognize(text: str) -> Iterable[tuple[int, int, str]]:
        return [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]

    return recognize


_KINDS = {
    "PERSON": "Person",
    "PER": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
}
_PERSONAL = [
    fold(t)
    for t in (
        "آیت‌الله",
        "حجت‌الاسلام",
        "دکتر",
        "آقای",
        "خانم",
        "سرتیپ",
        "سردار",
        "سرهنگ",
        "قاضی",
        "الشيخ",
        "السيد",
        "السيدة",
        "الدكتور",
        "الدكتورة",
        "القاضي",
        "العميد",
        "اللواء",
        "آية الله",
        # occupations written before a name
        "الباحث",
        "الباحثة",
        "المحامي",
        "المحامية",
        "الناشط",
        "الناشطة",
        "الصحفي",
        "الصحفية",
        "پژوهشگر",
    )
]
_LATIN_TITLE = re.compile(
    r"(?<![\w-])(?i:{})\.?\s+(?P<name>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){{0,3}})".format(
        "|".join(re.escape(t) for t in TITLES if t.isascii() and len(t) > 1)
    )
)
_SCRIPT_TITLE = re.compile(
    r"(?<![^\W\d_])(?:{})\s+(?P<name>[^\W\d_]+(?:\s+[^\W\d_]+)?)".format(
        "|".join(re.escape(t) for t in _PERSONAL)
    )
)
# Where a title can start: a run of letters that opens one (of the lower-cased text, which
# has the offsets of the text when it is ASCII)
_LATIN_FIRST = frozenset(re.match(r"[a-z]+", t).group()  # type: ignore[union-attr]
                         for t in TITLES if t.isascii() and len(t) > 1)
_SCRIPT_FIRST = first_words(_PERSONAL)
_CAPITALISED = re.compile(
    # [^\S\n]: any space but a line break (web text has no-break spaces inside names)
    r"(?:[A-Z][\w'’-]*)(?:[^\S\n]+(?:of|for|on|the|and|de|al-|[A-Z][\w'’-]*))*"
    r"[^\S\n]*[A-Z][\w'’-]*|[A-Z][\w'’-]*"
)
# words that open a body's name, never a person's ("Global Campaign for the ...")
_NAME_OPENERS = frozenset(
    [
        "International", "National", "Global", "World", "United", "Special", "Human",
        "Independent", "European", "African", "Arab", "Islamic", "American", "Iranian", "Iran",
        "UN", "U.N.", "Permanent", "Joint", "Regional", "Central",
    ]
)
_POSSESSIVE_S = re.compile(r"[’']s\b")
_NON_SPACE = re.compile(r"\S+")
_LEADING = frozenset(
    [
        "The",
        "the",
        "A",
        "An",
        "As",
        "In",
        "On",
        "At",
        "By",
        "For",
        "From",
        "To",
        "And",
        "But",
        "Of",
        "of",
        "for",
        "on",
        "at",
        "by",
        "and",
        "from",
    ]
)
_PARTICLES = frozenset({"al-", "bin", "ibn", "de", "van", "von", "da"})
_SCRIPT_STOP = frozenset(
    fold(w)
    for w in [
        "در",
        "با",
        "به",
        "از",
        "که",
        "را",
        "و",
        "گفت",
        "فقط",
        "هم",
        "نیز",
        "همچنین",
        "في",
        "على",
        "من",
        "إن",
        "أن",
        "قال",
    ]
)


# "summoned the ambassador Wednesday": a day after a title is no name (months are: "May")
_WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                       "sunday"))


def _capitalised_name(raw: str) -> str:
    kept: list[str] = []
    for token in raw.split():
        if token.rstrip(",.;:").lower() in _WEEKDAYS:
            break
        if token[:1].isupper() or (token.lower() in _PARTICLES and kept):
            kept.append(token)
        else:
            break
    while kept and kept[-1].lower() in _PARTICLES:
        kept.pop()
    return " ".join(kept)


def _past_titles(name: str) -> int:
    """Where the name starts after the title words that open it (0: none; len: all)."""
    at = 0
    for token in name.split():
        if token.rstrip(".").lower() not in TITLE_WORDS:
            return at
        at = name.index(token, at) + len(token)
        at += len(name[at:]) - len(name[at:].lstrip())
    return at


def _latin_starts(text: str) -> list[int] | None:
    """Where a title's first run of letters starts in a text that is not ASCII, found in
    the lower-cased text (the case-blind pattern, opening with a look-behind, would be
    tried at every character); None when the lower-cased text is no guide."""
    return lower_starts(text, _LATIN_FIRST)


def pattern_mentions(doc: Folded) -> list[Mention]:
    text, out = doc.text, []
    people = Spans()
    starts = run_starts(doc.runs, _LATIN_FIRST) if text.isascii() else _latin_starts(text)
    latin = (_LATIN_TITLE.finditer(text) if starts is None
             else matches_at(_LATIN_TITLE, text, starts))
    for m in latin:
        name = _capitalised_name(m.group("name"))
        skip = _past_titles(name)
        name = name[skip:]
        if name:
            out.append(
                Mention(
                    m.start("name") + skip,
                    m.start("name") + skip + len(name),
                    name,
                    (),
                    "Person",
                    "pattern",
                    0.6,
                    ("title",),
                )
            )
            people.add(m.start("name") + skip, m.start("name") + skip + len(name))
    for s, e in introduced_names(text):
        if not people.holds(s):  # "Helene Caux is a spokesperson for"
            out.append(Mention(s, e, text[s:e], (), "Person", "pattern", 0.6, ("title",)))
            people.add(s, e)
    for m in matches_at(_SCRIPT_TITLE, doc.folded, run_starts(doc.runs, _SCRIPT_FIRST)):
        parts = m.group("name").split()
        while parts and parts[-1] in _SCRIPT_STOP:
            parts.pop()
        if len(parts) == 2 and m.group().startswith(("خانم", "آقای")) and surname_only(
                doc.folded, *parts):
            parts = parts[:1]  # "خانم محمدی درد ...": the surname, then other words
        if parts and parts[0] not in _SCRIPT_STOP:
            s, e = doc.original(m.start("name"), m.start("name") + len(" ".join(parts)))
            out.append(Mention(s, e, text[s:e], (), "Person", "pattern", 0.5, ("title",)))
    for m in _CAPITALISED.finditer(text):
        if len(m.group().split()) < 2:
            continue  # one word: fewer than the two an organization's name needs below
        phrase = _POSSESSIVE_S.split(m.group())[0]  # "Amnesty International’s Secretary ..."
        words = list(_NON_SPACE.finditer(phrase))
        person_end = max((e - m.start() for _, e in people.starting(m.start(), m.end())),
                         default=0)
        words = [w for w in words if w.start() >= person_end]  # "Dr. X of the University of Y"
        while words and words[0].group() in _LEADING:
            words.pop(0)
        while words and words[-1].group() in _LEADING:
            words.pop()
        of = next((i for i, w in enumerate(words) if w.group() == "of" or (
            w.group() == "for" and i + 1 < len(words) and words[i + 1].group() == "the"
            and words[0].group() not in _NAME_OPENERS)), 0)
        if 2 <= of <= 3 and not any(fold(w.group().strip(".,")) in ORG_WORDS
                                    for w in words[:of]):
            # "Omid Farahani of the Office of the Ombudsman", "Lena Varga for the Tarsa
            # Rights Office": a person of a body; the body's name starts after "of"/"for"
            words = words[of + 1 :]
            if words and words[0].group() in ("the", "The"):
                words = words[1:]
        if (
            len(words) >= 2
            and any(fold(w.group().strip(".,")) in ORG_WORDS for w in words)
            and "\n" not in m.group()
        ):
            s, e = m.start() + words[0].start(), m.start() + words[-1].end()
            out.append(Mention(s, e, text[s:e], (), "Organization", "pattern", 0.5, ()))
    return out


def ner_mentions(
    doc: Folded, recognizer: EntityRecognizer, gazetteer: Gazetteer | None
) -> list[Mention]:
    """Mentions from an NER plug-in, resolved to gazetteer entities when a name matches."""
    out = []
    for start, end, label in recognizer(doc.text):
        kind = _KINDS.get(label.upper())
        if kind is None or not 0 <= start < end <= len(doc.text):
            continue
        surface = doc.text[start:end]
        ids: tuple[str, ...] = ()
        if gazetteer is not None:
            found = gazetteer.find(Folded(surface, *_slice(doc, start, end)))
            ids = found[0].entity_ids if len(found) == 1 and found[0].text == surface else ()
        out.append(Mention(start, end, surface, ids, kind, "ner", 0.6))
    return out


def _slice(doc: Folded, start: int, end: int) -> tuple[str, list[int], list[int]]:
    fs, fe = doc.at(start), doc.at(end)
    origin = [o - start for o in doc.origin[fs:fe]] + [end - start]
    inverse = [i - fs for i in doc.inverse[start:end]] + [fe - fs]
    return doc.folded[fs:fe], origin, inverse


def merge_mentions(*groups: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions; earlier groups win (gazetteer before patterns before NER),
    then longer spans."""
    chosen: list[Mention] = []
    size = max((m.end for group in groups for m in group), default=0)
    taken = bytearray(size + 1)
    for group in groups:
        for m in sorted(group, key=lambda x: (x.start - x.end, x.start)):
            if not any(taken[m.start : m.end]):
                chosen.append(m)
                taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    return sorted(chosen, key=lambda m: (m.start, m.end))
