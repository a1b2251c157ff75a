"""Speakers named once in full and then by surname, honorific or role.

A text names a speaker in full once ("OHCHR spokesperson Rupert Colville said", "شیرین
احمدوند، دبیرکل این سازمان، گفت") and afterwards by surname ("Mr. Colville explained",
"احمدوند تأکید کرد") or by role ("the UN Human Rights spokesperson"). Each later mention
is the person named in full before it, with the body that text tied them to, so every
claim carries one name and its full chain; a surname that matches no full name stays as
written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from gavah.core.extract.model import Party
from gavah.core.extract.offices import is_office
from gavah.core.text import CASE_EXTRA, fold, matches_at

# Persian titles written before a name ("آقای", "پرزیدنت ترامپ"): never part of it
FA_TITLES = ("آقای", "خانم", "دکتر", "پرزیدنت", "سناتور", "سفیر")
_HONORIFIC = re.compile(
    r"^(?:mr|mrs|ms|miss|dr|prof|professor|judge|ambassador|minister|aqa|"
    # a title before a surname: "Secretary Clinton", "Secretary-General Ban", "پرزیدنت ترامپ"
    r"secretary-general|secretary|president|senator|governor|general|chairman|chairwoman|"
    rf"{'|'.join(FA_TITLES)})"
    r"\.?\s+",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"\b(spokesperson|spokesman|spokeswoman|official|rapporteur|high commissioner|"
    r"director|envoy)\b|(سخنگو|گزارشگر|کمیسر|مدیر|دبیرکل|نماینده)",
    re.IGNORECASE,
)
_TITLED = re.compile(
    r"(?P<role>(?i:spokesperson|spokesman|spokeswoman))\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})"
)
_DEFINITE_ROLE = re.compile(
    r"^(?:(?:the|this)\s+|(?=[A-Z]))(?:[\w.’'-]+\s+){0,5}?(?P<role>\w+)$", re.I
)


_ROLE_FOR_BODY = re.compile(
    r"^(?:(?:the|a)\s+)?(?P<role>(?i:spokesperson|spokesman|spokeswoman))\s+(?:for|of)\s+"
    r"(?:the\s+)?(?P<org>[A-Z][^,;:]{2,80})$"
)


@dataclass(frozen=True)
class _Known:
    person: Party
    org: Party | None
    roles: frozenset[str]
    at: int


class Speakers:
    """Full names seen so far in the text, in text order, with their bodies and roles."""

    def __init__(self) -> None:
        self._known: list[_Known] = []  # by position
        # the names known up to `_upto`, one per name (with its body and roles), the one
        # seen last last: all that `complete` reads, as a page naming one speaker
        # thousands of times would make it read thousands of entries for each quotation
        self._recent: dict[tuple[str, str | None, Party | None, frozenset[str]], _Known] = {}
        self._read = 0  # how many of `_known` `_recent` holds
        self._upto = -1

    def _add(self, known: _Known) -> None:
        bisect.insort(self._known, known, key=lambda k: k.at)
        self._recent, self._read, self._upto = {}, 0, -1

    def _before(self, at: int) -> list[_Known]:
        """The names known at `at`, one for each name and body, in the order last seen (as
        `complete` reads them: whatever it asks of one it asks of the name and body)."""
        if at < self._upto:
            self._recent, self._read = {}, 0
        while self._read < len(self._known) and self._known[self._read].at <= at:
            k = self._known[self._read]
            key = (k.person.name, k.person.entity_id, k.org, k.roles)
            self._recent.pop(key, None)
            self._recent[key] = k
            self._read += 1
        self._upto = at
        return list(self._recent.values())

    def learn(self, text: str, person: Party, org: Party | None) -> None:
        words = _HONORIFIC.sub("", person.name).split()  # "Ms. Porter" is a surname
        if len(words) < 2 or ("raw" in person.flags and not _looks_like_name(words)):
            return
        if "speaker_from_pronoun" in person.flags:
            return  # "وی افزود": the name is the one learned where it was written
        if _is_role(person.name):
            return  # "the Special Rapporteur": a role, completed from a name, not one
        at = person.start or 0
        # the title may open a long apposition: "the UN Special Rapporteur on the
        # situation of human rights in Iran, Mai Sato, said"
        context = (
            text[max(0, at - 120) : at].split("\n")[-1]
            + text[at : (person.end or at) + 80].split("\n")[0]
        )
        roles = frozenset(fold(m.group()) for m in _ROLE.finditer(context)) if _may_hold_role(
            context) else frozenset()
        self._add(_Known(person, org, roles, at))

    def learn_titles(self, text: str) -> None:
        """Names written after a role in running text or a heading ("briefing
        spokesperson Jeremy Laurence on Iran"), which no reporting verb introduces."""
        for m in _titled(text):
            person = Party(m.group("name"), None, "speaker", m.start("name"), m.end("name"))
            i = bisect.bisect_left(self._known, person.start, key=lambda k: k.at)
            if i == len(self._known) or self._known[i].at != person.start:
                self._add(
                    _Known(person, None, frozenset({fold(m.group("role"))}), m.start("name"))
                )

    def complete(self, person: Party, org: Party | None) -> tuple[Party, Party | None]:
        """The full name (and body) a surname, honorific or role refers back to."""
        at = person.start or 0
        name = _bare(person.name)
        words = name.split()
        before = self._before(at)
        found: _Known | None = None
        same = next(
            (k for k in reversed(before) if k.org and fold(k.person.name) == fold(name)), None
        )
        if same is not None:  # the full name again, or a pronoun resolved to it
            return person, org or same.org
        if len(words) == 1 and words[0][:1].isalpha() and not is_office(name):
            # (an office alone, "Secretary-General", is no surname: "OFFICE OF SPOKESMAN
            # FOR SECRETARY-GENERAL" in a header names no one)
            key = fold(words[0])
            found = next(
                (k for k in reversed(before) if fold(k.person.name.split()[-1]) == key), None
            ) or next(
                # "Zeid" after "Zeid Ra'ad Al Hussein": a long name called by its first word
                (k for k in reversed(before) if len(k.person.name.split()) >= 3
                 and fold(k.person.name.split()[0]) == key), None) or next(
                # "Hakura" after "Fadi Harkura", "Pitter" after "Laura Pittner": a surname
                # the text misspells once, by one letter
                (k for k in reversed(before) if len(key) >= 5
                 and _one_letter_apart(fold(k.person.name.split()[-1]), key)), None)
        elif 2 <= len(words) <= 3 and words[0][:1].isupper() and not _role_of(name) and (
                _role_for_body(name) is None):
            # "De Gruijl", "Prytz Phiri", "Abu Shama": a surname of more than one word, the
            # last words of a longer full name written before
            tail = fold(name).split()
            found = next((k for k in reversed(before)
                          if len(k.person.name.split()) > len(tail)
                          and fold(k.person.name).split()[-len(tail):] == tail), None)
        elif (r := _role_for_body(name)) is not None:
            # "Spokesperson for the UN Human Rights Office": the person with that role
            want = fold(r.group("role"))
            found = next(
                (k for k in reversed(before) if any(want in role for role in k.roles)), None
            )
            if found is not None:
                body = Party(" ".join(r.group("org").split()), None, "organisation")
                org = org or found.org or body
        else:
            role = _role_of(name)
            if role:
                before = [k for k in before if not _is_role(k.person.name)]
                want = fold(role.group())
                found = next((k for k in reversed(before) if want in k.roles), None) or next(
                    (k for k in reversed(before) if k.roles), None
                )
        if found is None:
            return person, org
        full = replace(
            person,
            name=found.person.name,
            entity_id=found.person.entity_id or person.entity_id,
            flags=(*person.flags, "named_before"),
        )
        return full, org or found.org


def _one_letter_apart(a: str, b: str) -> bool:
    """The same word but for one letter added, dropped or changed (not the first)."""
    if a[:1] != b[:1] or a == b or abs(len(a) - len(b)) > 1:
        return False
    # (imported here: rapidfuzz costs start-up time, and few surnames are asked of it)
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


# every match of _ROLE holds one of these, lower-cased (keep in step); beyond ASCII only
# ı, İ, K and ſ match their letters without case
_ROLE_HOLDS = ("spokes", "official", "rapporteur", "high commissioner", "director", "envoy",
               "سخنگو", "گزارشگر", "کمیسر", "مدیر", "دبیرکل", "نماینده")


def _may_hold_role(text: str) -> bool:
    """Whether `_ROLE` can match in `text`: the pattern, case-blind with its bounds, tries
    every character; the words are found by substring tests."""
    if any(c in text for c in CASE_EXTRA):
        return True
    lower = text.lower()
    return any(w in lower for w in _ROLE_HOLDS)


def _titled(text: str) -> Iterator[re.Match[str]]:
    """`_TITLED.finditer(text)`, tried only where "spokes" starts in the lower-cased text
    (where every match starts) when that text keeps the offsets and no letter beyond ASCII
    matches one of its letters without case (İ lowers to two characters; ſ and K match
    "s" and "k"): the pattern tries every character."""
    if any(c in text for c in ("\u0130", "\u017f", "\u212a")):
        return _TITLED.finditer(text)
    lower, starts = text.lower(), []
    at = lower.find("spokes")
    while at >= 0:
        starts.append(at)
        at = lower.find("spokes", at + 1)
    return matches_at(_TITLED, text, starts)


# A speaker's name read once for each name (pure functions of the string: complete asks
# them of every speaker refined, and of every full name learned before it)
@lru_cache(maxsize=4096)
def _bare(name: str) -> str:
    """The name without an honorific or title before it."""
    return _HONORIFIC.sub("", name).strip()


@lru_cache(maxsize=4096)
def _role_for_body(name: str) -> re.Match[str] | None:
    return _ROLE_FOR_BODY.match(name)


@lru_cache(maxsize=4096)
def _role_of(name: str) -> re.Match[str] | None:
    """The role a name ends with ("the UN Human Rights spokesperson"), if it is one."""
    m = _DEFINITE_ROLE.match(name)
    return _ROLE.fullmatch(m.group("role")) if m else None


def _is_role(name: str) -> bool:
    return bool(_role_of(_bare(name)))


def _looks_like_name(words: list[str]) -> bool:
    """ "Rupert Colville", "شیرین احمدوند": short, and capitalised where script has case."""
    if len(words) > 4:
        return False
    cased = [w for w in words if w[:1].isalpha() and w[:1].lower() != w[:1].upper()]
    return all(w[:1].isupper() for w in cased)


# Nouns that describe a person by what they do or who they are to someone ("the lawyer
# said", "his mother said"): such a description refers back to the person the text named
# with that noun, by apposition ("Karim Navaei, a lawyer for the family,") or as a title
# ("researcher Leyla Mahan", "Minister of Justice Davood Rahimi", "his mother, Parvin J.").
PERSON_ROLES = frozenset([
    "lawyer", "attorney", "advocate", "doctor", "physician", "nurse", "researcher",
    "activist", "journalist", "reporter", "minister", "judge", "prosecutor", "witness",
    "survivor", "mother", "father", "sister", "brother", "wife", "husband", "son",
    "daughter", "cousin", "uncle", "aunt", "relative", "teacher", "cleric", "professor",
    "student", "author", "writer", "expert", "analyst", "official", "diplomat", "ambassador",
    "governor", "mayor", "commander", "director", "chief", "chairman", "chairwoman",
])
# "the lawyer", "his mother", "the family's lawyer": lower-case words before the noun
_PERSON_DESCRIPTION = re.compile(
    r"^(?:[Tt]he|[Tt]his|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?P<head>[a-z][a-z-]*)$"
)
_LOOKBACK = 20_000
# words between a name and its noun that start a clause: "X, who met the lawyer," is not one
_FILLER = r"(?!(?:who|whom|whose|which|that|and|but|or|said|says|told|met|with)\b)"
_NAME = r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})"


# "پدر کومار درافتاده گفت": the father, mother, spouse... of someone, named before by
# apposition ("حسن درافتاده، پدر نوجوان ...")
_FA_KIN = re.compile(r"^(?P<head>پدر|مادر|همسر|برادر|خواهر|پسر|دختر|وکیل)\s+[^\W\d_]")
# the two or three words after a sentence's or clause's start, before "، <kin>"
_FA_KIN_NAMED = (r"(?:^|(?<=[\n.!?؟:»]))\s*(?P<name>[^\W\d_]+(?:\s+[^\W\d_]+){{1,2}})"
                 r"\s*[،,]\s*{kin}\s")


def _fa_named_by_kin(text: str, kin: str, before: int) -> str | None:
    """The person the text, before `before`, introduced as someone's `kin` by apposition."""
    pattern = re.compile(_FA_KIN_NAMED.format(kin=re.escape(kin)), re.MULTILINE)
    found = None
    for hit in pattern.finditer(text, max(0, before - _LOOKBACK), before):
        found = hit
    return " ".join(found.group("name").split()) if found else None


@lru_cache(maxsize=4096)  # asked of every speaker refined, most of them again
def _person_role(description: str) -> str | None:
    """The person's role a description ends with ("the lawyer", "his mother"), if it is
    one person's."""
    m = _PERSON_DESCRIPTION.match(description.strip())
    if m is None:
        return None
    head = m.group("head").lower()
    if head.endswith("s") and head[:-1] in PERSON_ROLES:
        return None  # "the lawyers": several people, not one name
    return head if head in PERSON_ROLES else None


def named_by_role(text: str, description: str, before: int) -> str | None:
    """The full name a person description ("the lawyer", "his mother") refers back to:
    the last person the text, before `before`, tied to the same noun by apposition or
    title. None when the noun is not a person's role or nobody was named with it."""
    kin = _FA_KIN.match(description.strip()) if not description.isascii() else None
    if kin is not None:
        return _fa_named_by_kin(text, kin.group("head"), before)
    head = _person_role(description)
    if head is None:
        return None
    role = re.escape(head)
    # as far back as a long report's introduction of a person reaches, and no further:
    # a page of quotations each reading the whole text before it would grow quadratically
    window = max(0, before - _LOOKBACK)
    found: tuple[int, str] | None = None
    for pattern in (
        # "Karim Navaei, a lawyer for the family," / "Sara Tavan, the family's doctor,"
        rf"{_NAME},\s+(?:(?:a|an|the|his|her|their)\s+)?(?:{_FILLER}[\w’'-]+\s+){{0,3}}?"
        rf"(?i:{role})\b",
        # "Leyla Mahan was a researcher on the report", "X is the family's lawyer"
        rf"{_NAME}\s+(?:is|was)\s+(?:a|an|the|his|her|their)\s+(?:{_FILLER}[\w’'-]+\s+){{0,3}}?"
        rf"(?i:{role})\b",
        # "researcher Leyla Mahan", "Minister of Justice Davood Rahimi", "mother, Parvin J."
        rf"(?i:{role})(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)?"
        rf",?\s+{_NAME}",
    ):
        for hit in re.compile(pattern).finditer(text, window, before):
            if found is None or hit.start("name") > found[0]:
                found = (hit.start("name"), " ".join(hit.group("name").split()))
    if found is None:
        return None
    words = found[1].split()
    if len(words) > 2 and words[0].lower() in _SENTENCE_OPENERS:
        words = words[1:]  # "Later Omid Sarvi, a lawyer from the capital,"
    return " ".join(words)


# capitalised only because they open a sentence: never the first word of a name
_SENTENCE_OPENERS = frozenset([
    "later", "then", "also", "but", "and", "when", "after", "before", "meanwhile", "the",
    "in", "on", "at", "yesterday", "today", "however", "since", "while", "as", "earlier",
])
