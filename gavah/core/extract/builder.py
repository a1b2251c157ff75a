"""What every claim of one text is built with: the text's speakers learned in order, the
bodies and offices their titles name, and `ClaimBuilder.add`, which assembles a claim's
attribution chain (publisher, reporting levels, organisation, speaker) and its id."""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import replace
from typing import Any

from gavah.core.dates import DateMention
from gavah.core.extract import lexicon as lx
from gavah.core.extract.attribution import Attribution
from gavah.core.extract.coref import PERSON_ROLES, Speakers, named_by_role
from gavah.core.extract.frames import Frame
from gavah.core.extract.model import LOW_CONFIDENCE, Claim, Figure, Mention, Party, claim_id
from gavah.core.extract.offices import relays
from gavah.core.extract.speakers import initials_of, is_name, split_affiliation
from gavah.core.extract.staff import (
    court_body,
    is_body,
    member_body,
    official_body,
    same_body,
    spokesperson_body,
    staff_body,
    within,
)
from gavah.core.text import fold, last_match

NEAR = 300  # characters around a figure or cue searched for entities and statement dates


# "the letter", "the lawyers", "this rights group": lower-case words after "the"
_DESCRIPTION = re.compile(
    r"^(?:[Tt]he|[Tt]his|[Tt]hese)\s+(?:[a-z][\w-]*\s+){0,2}(?P<head>[a-z][\w-]*)$"
)
_UNNAMED_SUBJECTS = frozenset(["it", "they", "he", "she", "we", *lx.PRONOUNS])
_DOCUMENTS = frozenset(["letter", "report", "statement", "communique", "release", "document",
                        "petition", "declaration", "appeal"])
_BODIES = frozenset(["group", "organisation", "organization", "watchdog", "body", "ngo",
                     "agency", "charity", "monitor", "campaign", "coalition", "network"])


# "A top UN investigator", "the president of a rights group": a description, no name
_INDEFINITE = re.compile(
    r"^(?:[Aa]n?|the)\s+(?:[\w.-]+\s+){0,3}(?P<head>[a-z][\w-]*)(?:\s+of\s+an?\s+[\w\s-]+)?$")
# the person's roles such a description names ("investigator", "president")
_INTRODUCED_ROLES = PERSON_ROLES | {"investigator", "president", "spokesperson", "spokesman",
                                    "spokeswoman", "head", "rapporteur", "expert"}
# words that open a sentence and no name: "Also Wednesday, ..."
_NOT_FIRST_NAMES = frozenset(("also", "on", "in", "at", "by", "meanwhile", "earlier", "later",
                              "last", "this", "the", "but", "however"))
# the next sentence opening with a person's name in apposition: "Mike Smith, who's ...",
# "Alioune Tine, president of ..."
_NEXT_SENTENCE = re.compile(
    r"[.!?”\"][ \t]*\n+[ \t]*(?P<name>[A-Z][\w’'-]+(?:[ \t]+[A-Z][\w’'.-]*){1,3}),[ \t]+"
    r"(?:who(?:'s|’s|\s+is)\s+)?(?:the\s+)?[a-z]"
)


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def _within(items: list[Any], starts: list[int], start: int, end: int) -> list[Any]:
    """Items (sorted by .start, with `starts` their starts) that begin in [start, end)."""
    return items[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


def same_party(a: Party, b: Party) -> bool:
    return (a.entity_id or a.name.casefold()) == (b.entity_id or b.name.casefold())


# a name that holds an office's title names its holder, not the body alone
_HOLDER = re.compile(r"(?i:spokes|director|head\b|chief|representative|official|officer)")
_COUNTRY_ONLY = re.compile(
    r"^(?:the\s+)?(?:U\.?S\.?|U\.?N\.?|US|UN|United States|United Nations|America|آمریکا|امریکا|"
    r"ایالات متحده)$")


_BODY_OF = re.compile(r"(?:office|ministry|department|agency)\s+(?:of|for)\s+(?:the\s+)?[A-Z]")


def _fragment(name: str) -> bool:
    """Words a level never is: a verb phrase ("read the following statement"), a word that
    opens a shot list's line ("Here's X") or a country's name alone ("U.S.", "UN")."""
    first = name.split()[0] if name.split() else ""
    if first in ("Here", "There", "Here's", "There's") or _COUNTRY_ONLY.match(name):
        return True  # "U.S. Secretary of State X": a named office's country is no body
    if _BODY_OF.match(name):
        return False  # "office of the High Commissioner for Human Rights", as written
    return first.isascii() and first.isalpha() and first.islower() and first not in (
        "the", "a", "an")


# a staff title that names no body, just before a name: "said spokesperson Jane Doe",
# "said interim Secretary-General John Doe" (the body, if any, spoke just before)
_BARE_TITLE = re.compile(
    r"(?:^|[\s,“”\"])(?:said|says|added|told)\s+(?:(?:the|its|interim|acting|deputy|chief|"
    r"senior)\s+)*(?i:spokes(?:person|man|woman)|secretary-general|(?:executive\s+)?director|"
    r"president|chair(?:man|woman|person)?)\s+$"
    # "..., spokesman X said": a spokesperson's bare title opening the subject
    r"|(?:^|[,;:.“”\"]\s*|\n\s*)(?:(?:the|its|a)\s+)?(?P<kind>(?:agency|organi[sz]ation)"
    r"(?:['’]s)?\s+)?(?i:spokes(?:person|man|woman))\s+$"
)
# "The United Nations High Commissioner for Refugees (UNHCR) ...": a body's acronym, defined
_DEFINED_ACRONYM = re.compile(r"\((?P<acr>[A-Z]{3,8})\)")
# "a UNHCR spokesman said ... spokesman X said": the body a spokesperson was given before
_BODY_SPOKESPERSON = re.compile(
    r"(?<![\w-])(?:a|an|the)\s+(?P<org>(?:U\.N\.|[A-Z][\w.-]*)(?:\s+(?:U\.N\.|[A-Z][\w.-]*)){0,4})"
    r"(?:’s|'s)?\s+spokes(?:person|man|woman)\b")


class ClaimBuilder:
    """Builds claims for one text; holds what every claim needs to look up."""

    def __init__(self, text: str, publisher: Party | None, mentions: list[Mention],
                 dates: list[DateMention]):
        self.text, self.publisher = text, publisher
        self.mentions, self.dates = mentions, dates
        self._m_starts, self._d_starts = [m.start for m in mentions], [d.start for d in dates]
        self.out: dict[tuple[str, int, int], Claim] = {}
        self.speakers = Speakers()
        self.subjects: list[Party] = []  # every speaker a frame names, in text order
        self._affiliations: dict[Party, tuple[Party, Party | None]] = {}
        self._bodies_with: dict[str, Party | None] = {}
        self._bodies_speaking: list[tuple[int, Party]] = []
        self._bodies: dict[str, str | None] = {}
        self._relays: dict[str, str] | None = None

    def relay_level(self, chain: list[Party]) -> Party | None:
        """The spokesperson who delivers the speaker's words ("Delivering the High
        Commissioner’s statement, spokesperson X ..."), when the chain lacks them."""
        if len(chain) < 2 or chain[-1] is self.publisher:
            return None
        if self._relays is None:
            self._relays = relays(self.text)
        spokesperson = self._relays.get(chain[-1].name.split()[-1]) if self._relays else None
        if spokesperson is None or any(
            p.name.split()[-1] == spokesperson.split()[-1] for p in chain
        ):
            return None
        return Party(spokesperson, None, "reporter")

    def staff_level(self, chain: list[Party]) -> Party | None:
        """The body a speaker named by a staff title speaks for ("OHCHR spokesperson X"),
        when the chain has no organisation level before them yet."""
        speaker = chain[-1] if len(chain) > 1 else None
        if speaker is None or speaker is self.publisher or chain[-2].role == "organisation":
            return None
        if (own := spokesperson_body(speaker.name) or official_body(speaker.name)) is not None:
            return None if any(same_body(own, p.name) for p in chain[:-1]) else Party(
                own, None, "organisation")
        if is_body(speaker.name):
            return None
        if speaker.name not in self._bodies:
            self._bodies[speaker.name] = (staff_body(self.text, speaker.name)
                                          or member_body(self.text, speaker.name)
                                          or court_body(self.text, speaker.name))
        body = self._bodies[speaker.name]
        publisher = self.publisher
        if body is None or any(same_body(body, p.name) for p in chain if p is not publisher) or (
                publisher is not None and within(body, publisher.name)):
            # (a body whose name holds the publisher's is not the publisher: the United
            # Nations publishes what the United Nations Assistance Mission's head said)
            return None
        return Party(body, None, "organisation")

    def affiliation(self, speaker: Party) -> tuple[Party, Party | None]:
        """`split_affiliation` in this text: frames and their claims ask it of the same
        subjects again, and its answer depends on nothing else."""
        found = self._affiliations.get(speaker)
        if found is None:
            found = split_affiliation(self.text, speaker, self.publisher)
            if found[1] is None and speaker.start is not None and (bare := _BARE_TITLE.search(
                    self.text, max(0, speaker.start - 40), speaker.start)):
                found = (found[0], self._body_said_before(speaker.start)
                         or self._spokesperson_body_before(speaker.start)
                         or (self._acronym_defined_before(speaker.start)
                             if bare.group("kind") else None))
            self._affiliations[speaker] = found
        return found

    def body_written_with(self, person: Party) -> Party | None:
        """The body given where a person's full name is written elsewhere in the text:
        "جان کربی: «...»" in a headline, "جان کربی، هماهنگ‌کننده ... شورای امنیت ملی کاخ
        سفید، ... گفت" below it; the first place that gives one, in text order."""
        name = person.name.strip()
        if name in self._bodies_with:
            return self._bodies_with[name]
        found = None
        words = name.split()
        if 2 <= len(words) <= 4 and not any(fold(w) in lx.ORG_WORDS for w in words):
            # the name as a whole word ([^\W_]: what str.isalnum() holds)
            for m in re.finditer(rf"(?<![^\W_]){re.escape(name)}(?![^\W_])", self.text):
                if m.start() != person.start:
                    _, found = self.affiliation(replace(person, start=m.start(), end=m.end()))
                    if found is not None:
                        break
        self._bodies_with[name] = found
        return found

    def _spokesperson_body_before(self, at: int) -> Party | None:
        """The body of the last "a BODY spokesman" within 1,500 characters before `at`:
        "..., a UNHCR spokesman said in Geneva. “...,” spokesman Kris Janowski said"."""
        last = last_match(_BODY_SPOKESPERSON, self.text, max(0, at - 1500), at)
        if last is None or not is_body(last.group("org")):
            return None
        return Party(last.group("org"), None, "organisation")

    def _acronym_defined_before(self, at: int) -> Party | None:
        """ "agency spokesperson X": the agency the text defined an acronym for last, within
        3,000 characters before `at` ("... for Refugees (UNHCR) ...")."""
        last = last_match(_DEFINED_ACRONYM, self.text, max(0, at - 3000), at)
        return Party(last.group("acr"), None, "organisation") if last else None

    def _body_said_before(self, at: int) -> Party | None:
        """The body that last spoke as a frame's subject within 500 characters before
        `at`, for a title with no body of its own: "Amnesty International says ... “...,”
        said interim Secretary-General X" (X speaks for it)."""
        i = bisect.bisect_left(self._bodies_speaking, (at,)) - 1
        if i < 0 or self._bodies_speaking[i][0] < at - 500:
            return None
        return self._bodies_speaking[i][1]

    def learn_speakers(self, frames: list[Frame]) -> None:
        """Full names of speakers in text order, for surnames and roles later on."""
        self.speakers.learn_titles(self.text)
        self._bodies_speaking = sorted(
            [(f.subject.start, Party(f.subject.name, f.subject.entity_id, "organisation"))
             for f in frames
             if f.subject is not None and f.subject.start is not None and f.kind != "label"
             and "pronoun" not in f.subject.flags
             and any(fold(w) in lx.ORG_WORDS for w in f.subject.name.split())],
            key=lambda found: found[0])  # two subjects may start together; no Party order
        for f in frames:
            if f.subject is not None and f.kind not in ("label",) and f.subject.name:
                person, org = self.affiliation(f.subject)
                self.speakers.learn(self.text, person, org)
                if is_name(person.name) and "pronoun" not in person.flags:
                    self.subjects.append(person)
        self.subjects.sort(key=lambda p: p.start or 0)
        # a full name after a title, with the body written after it, which no reporting
        # verb introduces ("announced by Assistant Attorney General X of the Department
        # of Justice"): "said ... General <surname>" later speaks for that body too
        learned = {p.start for p in self.subjects}
        for m in self.mentions:
            if m.kind == "Person" and "title" in m.flags and m.start not in learned and (
                    len(m.text.split()) >= 2 and m.text.isascii()
                    and all(w[:1].isupper() for w in m.text.split())):
                person, org = self.affiliation(
                    Party(m.text, m.entity_id, "speaker", m.start, m.end))
                # the body written after the name ("X of the Y"), the name not run on ("X on
                # Iran"); a body before it may be the office's own words ("UN Human Rights
                # Chief X")
                if org is not None and person.name == m.text and self.text.find(
                        org.name, m.end, m.end + 20 + len(org.name)) >= 0:
                    self.speakers.learn(self.text, person, org)

    def described(self, person: Party) -> Party:
        """ "the letter", "the lawyers", "the rights group": a definite description of a
        speaker named before ("the group of 16 lawyers said ... “...,” said the letter")."""
        if person.entity_id or person.start is None:
            return person
        m = _DESCRIPTION.match(person.name)
        if m is None or _stem(m.group("head").lower()) not in (*_DOCUMENTS, *_BODIES):
            # "the lawyer", "his mother": the person the text named with that noun
            name = named_by_role(self.text, person.name, person.start)
            if name is not None:
                return replace(person, name=name, flags=(*person.flags, "described"))
        if m is None:
            return self._introduced_next(person)
        head = _stem(m.group("head").lower())
        earlier = [p for p in self.subjects if (p.start or 0) < person.start
                   and _DESCRIPTION.match(p.name) is None
                   and fold(p.name) not in _UNNAMED_SUBJECTS]
        if head in _DOCUMENTS:  # the text speaks for whoever wrote or issued it
            found = earlier[-1] if earlier else None
        else:
            found = next((p for p in reversed(earlier)
                          if head in {_stem(w.lower()) for w in p.name.split()[1:]}), None)
            if found is None and head in _BODIES:
                found = next((p for p in reversed(earlier)
                              if any(fold(w) in lx.ORG_WORDS for w in p.name.split())), None)
        if found is None:
            return person
        return replace(person, name=found.name, entity_id=found.entity_id,
                       flags=(*person.flags, "described"))

    def _introduced_next(self, person: Party) -> Party:
        """ "A top UN investigator has told the Council that ... .\n\nMike Smith, who's
        president of the Commission, ...": an indefinite description a news story names in
        the sentence right after, which opens with the name and an apposition."""
        if person.end is None or not (m := _INDEFINITE.match(person.name)) or (
                m.group("head").lower() not in _INTRODUCED_ROLES):
            return person
        after = _NEXT_SENTENCE.search(self.text, person.end, person.end + 600)
        if after is None or after.group("name").split()[0].lower() in _NOT_FIRST_NAMES:
            return person
        return replace(person, name=after.group("name"), start=after.start("name"),
                       end=after.end("name"), flags=(*person.flags, "described"))

    def about(self, start: int, end: int, speaker: Party | None) -> tuple[str, ...]:
        """Entities named in [start, end), the speaker's own name excepted."""
        ids: list[str] = []
        for m in _within(self.mentions, self._m_starts, start, end):
            own = speaker is not None and speaker.entity_id == m.entity_id
            own = own and speaker is not None and speaker.start == m.start
            if m.end <= end and m.entity_id and m.entity_id not in ids and not own:
                ids.append(m.entity_id)
        return tuple(ids)

    def statement_date(self, a: Attribution, reported: list[tuple[int, int]]) -> DateMention | None:
        """A date in the sentence of the reporting verb, outside what is reported."""
        if a.frame is None:
            return None
        sentence, cue = a.frame.sentence, a.frame.cue
        lo, hi = max(sentence.start, cue[0] - NEAR), min(sentence.end, cue[1] + NEAR)
        for d in _within(self.dates, self._d_starts, lo, hi):
            if d.valid and not any(s <= d.start < e for s, e in reported):
                return d
        return None

    def add(self, kind: str, start: int, end: int, a: Attribution, confidence: float,
            flags: tuple[str, ...], figure: Figure | None = None,
            about: tuple[int, int] | None = None, reported: tuple[int, int] | None = None) -> None:
        """`about`: where to look for entities; `reported`: words that are not the
        statement's own date (by default the claim's span)."""
        chain: list[Party] = []
        for party in (self.publisher, *a.reporters, a.speaker):
            if party is not None and not (chain and same_party(chain[-1], party)):
                chain.append(party)
        if len(chain) > 2:  # a fragment is no level ("read the following statement")
            chain[1:-1] = [p for p in chain[1:-1] if not _fragment(p.name)]
        for i in range(len(chain) - 1, 1, -1):
            a_, b_ = chain[i - 1], chain[i]
            if is_body(a_.name) and is_body(b_.name) and same_body(a_.name, b_.name) and not (
                    _HOLDER.search(a_.name) or _HOLDER.search(b_.name)):
                # "Amnesty International has condemned ..., whom Amnesty calls “...”": one
                # body named twice is one level, by its fuller name
                fuller = a_ if len(a_.name) >= len(b_.name) else b_
                chain[i - 1 : i + 1] = [replace(fuller, role=b_.role)]
        if (level := self.staff_level(chain)) is not None:
            chain.insert(len(chain) - 1, level)
        if (relay := self.relay_level(chain)) is not None:
            chain.insert(len(chain) - 1, relay)
        if len(chain) > 2 and chain[0] is self.publisher and initials_of(chain[1].name,
                                                                          chain[0].name):
            # "ICE Director X" in an ICE release, the level read from the title or the
            # staff rules: the publisher's own officer, no level
            del chain[1]
        if confidence < LOW_CONFIDENCE:
            flags += ("low_confidence",)
        extra = "" if figure is None else json.dumps([figure.value, figure.min, figure.max,
                                                       figure.qualifier])
        who = a.speaker.entity_id or a.speaker.name if a.speaker else None
        span = about or (start, end)
        # a quotation is what is reported; otherwise the claim and what its verb governs
        words = [reported] if reported else [(start, end)] + ([a.frame.scope] if a.frame else [])
        claim = Claim(claim_id(kind, start, end, who, extra), kind, start, end,
                      self.text[start:end], a.speaker, self.publisher, tuple(chain), figure,
                      self.about(*span, a.speaker), self.statement_date(a, words),
                      round(confidence, 2), tuple(dict.fromkeys(flags)))
        self.out.setdefault((kind, start, end), claim)
