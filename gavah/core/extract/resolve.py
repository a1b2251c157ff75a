"""From a subject phrase to a Party: the person or organization a reader would name.

In order: a known person in the phrase ("Caspian Justice Watch Secretary General Shirin
Ahmadvand" -> Ahmadvand); a role the document defines elsewhere ("the Secretary
General of Caspian Justice Watch" -> the person it names with that title); a known
organization not introduced by a preposition ("Historians interviewed by Meridian Wire"
is not Meridian Wire); a short form of an organization already named, known or not, or of
the publisher ("the Panel", "the Commission", "کمیته", "المرصد"); an acronym the document
defines ("Justice for Dashtabad Coalition (JDC)" makes "JDC" that coalition); else the
phrase itself, trimmed to its head noun phrase: a proper name runs on over "of", "for",
"on" ("Independent Commission of Inquiry on Dashtabad") and stops before a parenthesis.
Pronouns are marked for the caller to resolve from the speakers before them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from gavah.core.extract import lexicon as lx
from gavah.core.extract.model import Mention, Party
from gavah.core.extract.textmap import Folded
from gavah.core.text import fold, trie_alternation

# a work that speaks for its author: "a new report by X", "the latest study from X"
_POSSESSIVE_S = re.compile(r"[’']s\s")
_PLACE_BEFORE = re.compile(r"\s(?:in|at|from)\s+$")
_WORK_OF_SPOKESMAN = re.compile(
    r"(?i:a|the)\s+(?i:statement|message)\s+(?:(?:issued|released|read\s+out)\s+)?by\s+"
    r"(?:his|her)\s+spokes(?:man|woman|person)(?:\s+(?:in|at)\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)?"
    r"[\s,]*$")
_WORK_BY = re.compile(
    r"(?i:a|an|the|its|their)?\s*(?:[\w-]+\s+){0,2}?(?i:report|study|survey|statement|letter|"
    r"analysis|investigation|assessment)\s+(?:by|from)\s+(?:the\s+)?$"
)
_TITLE = re.compile(rf"(?<![^\W\d_])(?:{trie_alternation(lx.TITLES)})(?![^\W\d_])")
_TITLE_END = re.compile(rf"(?:{trie_alternation(lx.TITLES)})\s*$")
_TITLE_APPOSITION = re.compile(
    rf"\s*[,،]\s*(?:the\s+)?(?P<t>{trie_alternation(lx.TITLES)})\s+(?:of|at|in)?\s*(?:the\s+)?"
)
_PREPOSITIONS = frozenset(
    fold(w)
    for w in [
        "by",
        "of",
        "from",
        "with",
        "at",
        "in",
        "for",
        "to",
        "about",
        "against",
        "on",
        "با",
        "از",
        "به",
        "در",
        "برای",
        "درباره",
        "علیه",
        "عن",
        "مع",
        "في",
        "على",
    ]
)
_ARTICLES = re.compile(r"^(?:the|a|an|this|these|its|their)\s+", re.I)
# "... inhuman or degrading treatment or punishment Juan Mendez": a long title (a mandate
# with commas of its own) written in lower case, then the holder's name ending the phrase
_MANDATE_THEN_NAME = re.compile(
    r"(?<![\w’'-])(?!(?:of|the|in|for|on|to|and|from|by|at|with|or)\s)[a-z][\w-]{3,}\s+"
    r"(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,3})\s*$")
_NAMED = re.compile(
    r"\b(?:named|called|identified as|known as|referred to as)\s+"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)
# "one of the prisoners", "یکی از زندانیان": the partitive, any determiner and the noun it
# picks from; "یکی از مقام‌های وزارت ...": officials, whose body the words after name
_ONE_OF = re.compile(
    r"^(?:یکی|برخی|بعضی|تعدادی|one|some|several|many)\s+(?:از|of)\s+"
    r"(?:(?:the|these|those|its|their|his|her|our|این|آن)\s+)?"
    r"(?P<head>\S+)"
)
_OFFICIALS = frozenset(fold(w) for w in lx.FA_OFFICIALS)
_STOP = lx.NP_STOP | {fold(w) for w in (
    "و", "and", "or", "who", "which", "told", "said",
    # a Persian or Arabic reporting verb ends the subject: "X، دبیرکل سازمان ملل گفت:" (never
    # "سازمان ملل گفت"); only verbs that are no word of a name ("نفت" is oil too)
    "گفت", "گفتند", "افزود", "نوشت", "میگوید", "میگویند", "میافزاید", "مینویسد", "قال", "قالت")}
# lower-case words in -ly that are nouns, not the manner adverbs that end a subject ("the
# council strongly condemned"): "the family", "the daily Kayhan"
_LY_NOUNS = frozenset(("family", "assembly", "ally", "rally", "supply", "reply", "daily",
                       "weekly", "monthly", "quarterly", "anomaly", "monopoly"))
# "one of", "یکی از": a partitive stays in the noun phrase ("the mother of one of the
# prisoners", "مادر یکی از زندانیان").
_PARTITIVE = frozenset(
    fold(w)
    for w in ("one", "some", "several", "many", "each", "یکی", "برخی", "بعضی", "تعدادی", "أحد")
)
_OF = frozenset(fold(w) for w in ("of", "از", "من"))
# Small words inside a proper name: "Justice for Dashtabad Coalition", "Commission of Inquiry
# on Dashtabad", "Bureau de la Défense".
_NAME_LINKS = frozenset(("of", "for", "on", "the", "de", "du", "des", "la", "le", "al", "el"))
_ARTICLE = frozenset(("the", "a", "an"))
_LEAD_NAME = re.compile(r"([A-Z][\w’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'-]+){1,2}),\s+\S")
# "Justice for Dashtabad Coalition (JDC)": an acronym defined by the name before it.
_ACRONYM = re.compile(r"\((?P<acr>[A-Z][A-Za-z]{1,9})\)")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_DEFINITE = re.compile(r"(?i:the|this)\s+(?P<head>[A-Z][\w-]+)")
_TITLE_THEN_NAME = re.compile(
    rf"(?<![^\W\d_])(?i:{lx.alternation(lx.TITLES)})(?![^\W\d_])[^;:\"“”\n]{{0,100}}?[\s,]"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z]\.)?\s+[A-Z][\w’'-]+)[\s,]*$"
)
# "این سازمان", "این نهاد حقوق بشری", "این حساب کاربری": a body or account named before
_FA_DEMONSTRATIVE = re.compile(
    r"^(?:این|آن)\s+(?:سازمان|نهاد|گروه|حساب|وزارتخانه|وزارت\s*خانه|دادگاه|کمیته|کمیسیون|"
    r"شورا|هیئت|هیات|مرکز|انجمن|رسانه|خبرگزاری|دفتر|مجمع|نهادها|سازمانها|گروهها|وزارت|اداره)"
    r"(?:\s+[^\s]+){0,2}$"
)
# "این مقام امریکایی", "این سخنگوی وزارت خارجه", "این گزارشگر": a person named before
_FA_DEMONSTRATIVE_PERSON = re.compile(
    r"^(?:این|آن|همین)\s+(?:مقام|سخنگو|سخنگوی|دیپلمات|گزارشگر|فعال|وکیل|مسئول|مسوول|"
    r"مقام\s+مسئول|کارشناس|نماینده|رئیس|رییس|مدیر|وزیر|قاضی)(?:\s+[^\s]+){0,4}$"
)


def _title_key(title: str) -> str:
    return re.sub(r"[\s\-]+", " ", title).strip()


class PartyResolver:
    def __init__(self, doc: Folded, mentions: list[Mention], publisher: Party | None):
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.mentions]
        self.publisher = publisher
        self.roles: dict[tuple[str, str], Mention] = {}
        self._org_words: dict[
            str, Mention
        ] = {}  # each word of a named organization -> first mention
        for m in self.mentions:
            if m.kind == "Organization" and m.entity_id:
                for word in fold(m.text).split():
                    self._org_words.setdefault(word, m)
        for m in self.mentions:
            if m.kind == "Person" and m.entity_id:
                self._learn_role(m)
        self.acronyms = _acronyms(doc.text)
        # Organizations named in the text that the gazetteer does not know, in text order:
        # "the Coalition" refers back to the last one whose name has that word.
        named = [
            (m.start, m.text) for m in self.mentions if m.kind == "Organization" and not m.entity_id
        ]
        named += [(at, name) for name, at in self.acronyms.values()]
        self._named_orgs = sorted((at, " ".join(name.split())) for at, name in named)
        self._named_starts = [at for at, _ in self._named_orgs]

    def _inside(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def _learn_role(self, person: Mention) -> None:
        """Titles written right next to a named person: "<org>'s <title> <person>",
        "<title> of/ل<org> <person>", "<person>, <title> of <org>"."""
        doc = self.doc
        before = doc.folded[max(0, doc.at(person.start) - 90) : doc.at(person.start)]
        after = doc.folded[doc.at(person.end) : doc.at(person.end) + 90]
        near = self._inside(max(0, person.start - 90), person.end + 90)
        orgs = [m for m in near if m.kind == "Organization" and m.entity_id]
        title = _TITLE_END.search(before)
        if title:  # the title touches the name
            rest = before[: title.start()]
            for org in orgs:
                org_end = doc.at(org.end) - (doc.at(person.start) - len(before))
                org_start = doc.at(org.start) - (doc.at(person.start) - len(before))
                gap_before = rest[org_end:] if 0 <= org_end <= len(rest) else None
                gap_after = before[title.end() :] if org_start >= title.end() else None
                if (gap_before is not None and re.fullmatch(r"\s*(?:['’]s)?\s*", gap_before)) or (
                    gap_after is not None and org_start - title.end() <= 8
                ):
                    self.roles.setdefault((_title_key(title.group()), org.entity_id or ""), person)
        appo = _TITLE_APPOSITION.match(after)
        if appo:
            at = person.end
            named = next(
                (
                    m
                    for m in orgs
                    if m.start >= at and doc.at(m.start) - doc.at(person.end) <= appo.end() + 2
                ),
                None,
            )
            if named is not None:
                self.roles.setdefault((_title_key(appo.group("t")), named.entity_id or ""), person)

    def party(self, start: int, end: int, *, require_known: bool = False) -> Party | None:
        found = self._party(start, end, require_known)
        if found is not None and found.name != " ".join(found.name.split()):
            found = replace(found, name=" ".join(found.name.split()))  # no-break spaces, wraps
        return found

    def _party(self, start: int, end: int, require_known: bool) -> Party | None:
        text = self.doc.text
        while start < end and (text[start].isspace() or text[start] in '"“”«»(,،:'):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in '"“”«»),،:.'):
            end -= 1
        if end <= start:
            return None
        if _WORK_OF_SPOKESMAN.match(text, start, end):
            # "a statement issued by his spokesman said": the words of the person "his" is
            # (the annotation guide: a spokesman's statement is the principal's)
            return Party(text[start:end], None, "speaker", start, end, ("pronoun",))
        inside = self._inside(start, end)
        free = [m for m in inside if not self._after_preposition(start, m)]
        if not free and inside and _WORK_BY.match(text, start, inside[0].start):
            # "a new report by Human Rights Watch said": the report speaks for its author
            free = [inside[0]]
        lead = _LEAD_NAME.match(text, start, end)
        if lead and not any(m.kind == "Person" and m.start < lead.end(1) for m in free) and not any(
            m.start < lead.end(1) for m in free
        ):
            # "Abeer Etefa, World Food Programme (WFP) Regional Lead, said": the person
            # named first, whose body follows the comma
            s, e = lead.span(1)
            free = [m for m in free if m.kind == "Person"]
            if not free:
                return Party(text[s:e], None, "speaker", s, e, ("raw",))
        people = [m for m in free if m.kind == "Person"]
        if len(people) > 1 and _POSSESSIVE_S.search(text, people[0].start, people[0].end + 3):
            # "Secretary-General X’s Special Representative and UNAMA head Y said": X's
            # name is part of Y's title; Y speaks
            return self._from_mention(people[-1])
        if people:
            return self._from_mention(people[0])
        named_last = _ends_capitalised(text, start, end)
        if named_last and _POSSESSIVE_PERSON.search(text, start, end):
            # "Kavir Watch’s Lena Osei": the person speaks, for the body before "’s"
            return Party(text[start:end], None, "speaker", start, end, ("raw",))
        # a role resolves through a known organization in the phrase: none, no title is read
        orgs = [m for m in inside if m.kind == "Organization" and m.entity_id]
        folded = self.doc.folded[self.doc.at(start) : self.doc.at(end)] if orgs else ""
        for title in _TITLE.finditer(folded):
            for org in orgs:
                person = self.roles.get((_title_key(title.group()), org.entity_id or ""))
                if person is not None:
                    return self._from_mention(person, start, end, ("role_resolved",))
        titled = _TITLE_THEN_NAME.search(text, start, end) if named_last else None
        if titled and re.search(
            r"(?:for|of|at)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}$",
            text[titled.start() : titled.start("name")],
        ) and re.match(r"(?i:the|a|an)\s", text[start:end]):
            titled = None  # "the spokesperson for UN Human Rights": a body, the person unnamed
        if titled and _PLACE_BEFORE.search(text, titled.start(), titled.start("name")):
            titled = None  # "a statement issued by his spokesman in New York": a place
        if titled and not any(m.start < titled.end() and m.end > titled.start() for m in free):
            # "U.N. Special Rapporteur on human rights in Kavir Lena Osei", "Presidential
            # Office deputy chief of staff Mira Sol": the name ending the title speaks
            s, e = titled.span("name")
            return Party(text[s:e], None, "speaker", s, e, ("raw", "after_title"))
        if free:
            if not free[0].entity_id:  # an organization the gazetteer does not know
                publisher = self._as_publisher(free[0].text)
                if publisher is not None:
                    return replace(publisher, start=free[0].start, end=free[0].end)
            return self._from_mention(free[0])
        phrase = fold(text[start:end]).strip()
        if phrase in lx.PRONOUNS or _FA_DEMONSTRATIVE_PERSON.match(phrase):
            return Party(text[start:end], None, "speaker", start, end, ("pronoun",))
        if _FA_DEMONSTRATIVE.match(phrase):
            # "این سازمان", "این حساب کاربری": the speaker named before, never the phrase
            flags = ("pronoun", "demonstrative")
            return Party(text[start:end], None, "speaker", start, end, flags)
        if phrase == "it":  # "It added that ...": the body that spoke last, if one did
            return Party(text[start:end], None, "speaker", start, end, ("pronoun", "it"))
        raw = self._raw(start, end)
        short = self._short_form(text[start:end]) or self._short_form(raw.name)
        if short is not None:
            return Party(short.text, short.entity_id, "speaker", start, end, ("short_form",))
        named = self._named(raw.name, start) or self._definite(text[start:end], start)
        if named is not None:
            return Party(named.name, named.entity_id, "speaker", start, end, named.flags)
        return None if require_known else raw

    def _named(self, name: str, at: int) -> Party | None:
        """An organization named by its acronym or its full name; the publisher when it
        is the one."""
        words = name.split()
        while words and words[0].casefold() in _ARTICLE:
            words.pop(0)
        bare = " ".join(words)
        if bare in self.acronyms:
            full = " ".join(self.acronyms[bare][0].split())
            return self._as_publisher(full) or Party(full, None, "speaker", flags=("acronym",))
        return self._as_publisher(bare) if bare else None

    def _as_publisher(self, name: str) -> Party | None:
        pub = self.publisher
        if pub is not None and fold(name) == fold(" ".join(pub.name.split())):
            return Party(pub.name, pub.entity_id, "speaker", flags=("speaker_is_publisher",))
        return None

    def _definite(self, phrase: str, at: int) -> Party | None:
        """ "The Commission": the organization named last before it with that word in its
        name, else the publisher when its name has it."""
        m = _DEFINITE.fullmatch(phrase.strip())
        if m is None or fold(m.group("head")) not in lx.ORG_WORDS:
            return None
        head = fold(m.group("head"))
        i = bisect.bisect_left(self._named_starts, at)
        for _, org in reversed(self._named_orgs[:i]):
            if head in fold(org).split():
                found = self._as_publisher(org) or Party(org, None, "speaker")
                return replace(found, flags=(*found.flags, "short_form"))
        pub = self.publisher
        if pub is not None and head in fold(pub.name).split():
            flags = ("speaker_is_publisher", "short_form")
            return Party(pub.name, pub.entity_id, "speaker", flags=flags)
        return None

    def is_addressee(self, start: int, end: int) -> bool:
        """An Arabic phrase that starts with the preposition ل/ب attached ("لوكالة X")."""
        word = self.doc.folded[self.doc.at(start) : self.doc.at(end)].split()[:1]
        if not word or not word[0].startswith(("ل", "ب")):
            return False
        if word[0].startswith("لل") or any(m.start == start + 1 for m in self._inside(start, end)):
            return True
        return not any(m.start == start for m in self._inside(start, end)) and len(word[0]) > 4

    def _after_preposition(self, start: int, m: Mention) -> bool:
        before = self.doc.folded[self.doc.at(start) : self.doc.at(m.start)].split()
        while before and before[-1] in _ARTICLE:  # "for the Office of ...": still after "for"
            before.pop()
        return bool(before) and (
            before[-1] in _PREPOSITIONS
            or (before[-1].startswith(("ل", "ب")) and len(before[-1]) <= 2)
        )

    def _from_mention(
        self,
        m: Mention,
        start: int | None = None,
        end: int | None = None,
        flags: tuple[str, ...] = (),
    ) -> Party:
        return Party(
            m.text,
            m.entity_id,
            "speaker",
            m.start if start is None else start,
            m.end if end is None else end,
            flags + (("ambiguous",) if len(m.entity_ids) > 1 else ()),
        )

    def _short_form(self, phrase: str) -> Mention | None:
        """ "the Panel" -> the organization named earlier whose name contains "Panel"."""
        word = fold(_ARTICLES.sub("", phrase.strip()))
        if not word or " " in word or len(word) < 3:
            return None
        if word in self._org_words:
            return self._org_words[word]
        if (
            self.publisher
            and self.publisher.entity_id
            and word in fold(self.publisher.name).split()
        ):
            return Mention(
                0, 0, self.publisher.name, (self.publisher.entity_id,), "Organization", "exact", 1.0
            )
        return None

    def _raw(self, start: int, end: int) -> Party:
        text = self.doc.text[start:end]
        named = _NAMED.search(text) or _MANDATE_THEN_NAME.search(text)
        if named and not any(fold(w) in lx.ORG_WORDS for w in named.group("name").split()):
            s = start + named.start("name")
            return Party(named.group("name"), None, "speaker", s, s + len(named.group("name")))
        one_of = _ONE_OF.match(fold(text))
        # the runs of [^\s,،]+ (str.split and \s agree on spaces); where they are written
        # is looked up for the two that bound the name only
        words = text.replace(",", " ").replace("،", " ").split()
        kept = 0  # the phrase is words[:kept]
        proper = True  # every kept word is capitalised or a small word inside a name
        partitives = False
        # a name after "the" in mid-sentence runs as long as a capitalised one ("the U.N.
        # High Commissioner for Human Rights")
        capitalised = bool(words) and (words[0][:1].isupper() or (
            words[0] in _ARTICLE and len(words) > 1 and words[1][:1].isupper()))
        for i, token in enumerate(words):
            word = fold(token).strip(".:;")
            if i and token.startswith("("):
                break  # "The People's Resistance Front (PRF)": the name ends before it
            in_name = (
                token in _NAME_LINKS
                and bool(kept)
                and words[kept - 1][:1].isupper()
                and _capitalised_after(words, i + 1)
            )
            # the words on either side are read only after "of"
            partitive = word in _OF and (
                (fold(words[kept - 1]) if kept else "") in _PARTITIVE
                or fold(words[i + 1] if i + 1 < len(words) else "") in _PARTITIVE
            )
            if (
                i
                and not in_name
                and not partitive
                and (
                    word in _STOP
                    or (word.isascii() and token.islower() and (
                        word.endswith("ed") or (word.endswith("ly") and word not in _LY_NOUNS)))
                )
            ):
                break
            kept = i + 1  # every word before this one was kept
            proper = proper and (token[:1].isupper() or token in _NAME_LINKS)
            # _proper(the kept words), kept up word by word
            # (a small word inside a name, "Lawyers for Human Rights", does not cut it)
            longest = 12 if proper and capitalised and (
                token[:1].isupper() or in_name) else (
                # (a Persian body's name runs long: "یک سخنگوی وزارت امور خارجه ایالات متحده")
                9 if partitive or partitives or not words[0].isascii() else 6)
            partitives = partitives or partitive
            if kept >= longest:
                break
        if one_of and not (one_of.group("head") in _OFFICIALS and not words[0].isascii()):
            kept = min(len(one_of.group().split()), len(words))
        first = 0
        if kept > 1 and words[0] in ("The", "the") and _proper(words[1:kept]):
            first = 1  # "The Justice for Dashtabad Coalition": the name without "The"
        if not kept:
            return Party(text.strip(), None, "speaker", start, end, ("raw",))
        s = start + _token_at(text, words, first)
        e = start + _token_at(text, words, kept - 1) + len(words[kept - 1])
        return Party(self.doc.text[s:e].strip(".:;"), None, "speaker", s, e, ("raw",))


def _token_at(text: str, words: list[str], i: int) -> int:
    """Where words[i] of `text` split at spaces and commas starts: each word is found
    after the one before (only spaces and commas lie between, which no word holds)."""
    pos = 0
    for word in words[: i + 1]:
        pos = text.find(word, pos) + len(word)
    return pos - len(words[i])


def _ends_capitalised(text: str, start: int, end: int) -> bool:
    r"""The last word of text[start:end], before spaces and commas, is capitalised: each
    pattern that ends a phrase with a name ([A-Z][\w’'-]+ then [\s,]*$) needs it, and it
    is cheaper than a search that tries every position."""
    while end > start and (text[end - 1] == "," or text[end - 1].isspace()):
        end -= 1
    last = text[start:end].rsplit(None, 1)
    return bool(last) and "A" <= last[-1][:1] <= "Z"


def _proper(words: list[str]) -> bool:
    """Capitalised words, with the small words a name may hold between them."""
    return (
        bool(words)
        and words[0][:1].isupper()
        and words[-1][:1].isupper()
        and all(w[:1].isupper() or w in _NAME_LINKS for w in words)
    )


def _capitalised_after(words: list[str], i: int) -> bool:
    """The next word that is not a small linking word is capitalised ("of the Red Cross")."""
    while i < len(words) and words[i] in _NAME_LINKS:
        i += 1
    return i < len(words) and words[i][:1].isupper()


def _acronyms(text: str) -> dict[str, tuple[str, int]]:
    """Acronyms a text defines -> (the name they stand for, where it starts): the
    capitalised words right before "(ACR)" whose initials spell it."""
    out: dict[str, tuple[str, int]] = {}
    for m in _ACRONYM.finditer(text):
        acr = m.group("acr")
        if acr in out or not acr[-1].isupper():
            continue
        words = list(_NAME_WORD.finditer(text, max(0, m.start() - 160), m.start()))
        initials = ""
        end = m.start()
        for w in reversed(words):
            gap = text[w.end() : end]
            if gap.strip():
                break  # the name must run up to the parenthesis
            end = w.start()
            if w.group() in _NAME_LINKS:
                continue
            if not w.group()[:1].isupper():
                break
            initials = w.group()[0] + initials
            if initials == acr.upper():
                name_end = len(text[: m.start()].rstrip())
                out[acr] = (text[w.start() : name_end], w.start())
                break
            if len(initials) > len(acr):
                break
    # "هیات معاونت سازمان ملل متحد در افغانستان (یوناما)": every match holds "(" and a
    # Persian word, so an ASCII text or one without "(" is not scanned
    for m in _FA_ACRONYM.finditer(text) if "(" in text and not text.isascii() else ():
        acr = m.group("acr")
        if acr not in out and not any(ch.isdigit() for ch in acr):
            out[acr] = (" ".join(m.group("name").split()), m.start("name"))
    return out


_POSSESSIVE_PERSON = re.compile(r"[A-Za-z)]['’]s\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}\s*$")
_FA_ACRONYM = re.compile(
    r"(?<![^\W\d_])(?P<name>(?:سازمان|هیات|هیئت|دفتر|کمیسیون|کمیساریای|شورای|نهاد|مجمع|"
    r"دیده\u200cبان|دیدهبان|دیدبان|خبرگزاری|مرکز|انجمن|کمیته|ارگان)(?:\s+[^\s()،,.:«»\"]+){1,8}?)"
    r"\s*\((?P<acr>[^\W\d_][^\s()]{1,20})\)"
)
