"""Speakers a reader would name, and the organisation they speak for.

The frames give a subject phrase; this module turns it into the party a reader would name
and finds the body it speaks for, so chains run outlet -> organisation -> person:

- a title before a name is not the name: "Treasury Under Secretary ... David S. Cohen"
  is David S. Cohen, speaking for the Treasury; "OHCHR's Jeremy Laurence", "State
  Department spokesman P.J. Crowley", "سخنگوی وزارت خارجه X" likewise;
- the body after a name is written as "X, of/for the <Org>", "X, who is head of <Org>",
  "X, a member of the <Org>", "X, Spokesperson, <Org> (ABBR):", "X، سخنگوی <Org>";
- a broadcast shot list names its speaker on the line before the words
  ("SOUNDBITE (English) Jeremy Laurence, Spokesperson, UN Human Rights Office (OHCHR):");
- a subject that is not a name (a pronoun left over, "including a block", "In early
  2021", a dateline) is no speaker: the claim is left unattributed rather than given a
  fragment.
An organisation that is the publisher itself is not repeated in the chain.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from gavah.core.extract import lexicon as lx
from gavah.core.extract.bodies import body_named_before, body_word, one_word_body
from gavah.core.extract.model import Party
from gavah.core.extract.offices import is_office
from gavah.core.extract.staff import is_body, same_body
from gavah.core.text import CASE_EXTRA, fold

# A proper name: capitalised words, initials ("P.J.", "S."), with the small words a
# body's name holds ("Office of the High Commissioner for Human Rights").
CAP = r"(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w’'\-]*\.?)"
ORG = rf"{CAP}(?:[ \t]+(?:(?:of|for|on|and|the|de)[ \t]+)*{CAP})*"
# A person's name at the end of a title: two words, three when the middle one is an
# initial ("David S. Cohen"); "P.J." is one word.
PERSON_TAIL = re.compile(rf"(?P<name>{CAP}(?:\s+[A-Z]\.)?\s+{CAP})$")
_WHEN = re.compile(
    r"\s+(?:on|in|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)"
)
_RUN_ON = re.compile(rf"(?:[ \t]+(?:(?:of|for|on|and|the)[ \t]+)*{CAP})+")
_ROLE_PREFIX = re.compile(
    r"(?:(?:^|\s+)(?:Under|Deputy|Principal|Acting|Assistant|Senior|Chief|Vice|Special))+$"
)
_UN_WORDS = frozenset(("un", "u.n.", "united", "nations"))
_UN_RIGHTS = re.compile(r"(?:UN|U\.N\.|United\s+Nations)\s+(?:[Hh]uman\s+)?[Rr]ights")
_ACRONYM_BEFORE = re.compile(
    r"(?<![\w.-])(?P<org>[A-Z]{2,6})(?:’s|'s)?\s+(?:[a-z]+-(?:[A-Z][a-z]+\s+)?)?$")
_MINISTER_END = re.compile(r"(?i:minister)\s*$")
# who presides over a body holds an office of their own ("Council President")
_PRESIDES = re.compile(r"\s(?:President|Chair(?:man|woman|person)?)$")
_CHIEF_END = re.compile(r"(?i:chief)\s*$")
# words of an office's title that name no body ("Deputy High" of "Deputy High Commissioner")
_TITLE_ONLY = frozenset(("deputy", "high", "under", "assistant", "special", "principal",
                         "acting", "senior", "chief", "vice", "executive", "general",
                         "associate",
                         # a minister's portfolio: "Foreign Minister X" holds an office
                         "foreign", "prime", "interior", "defence", "defense", "finance",
                         "justice", "information", "health", "education", "home"))
# "the Swedish court", "the group", "the spokesman": a body or person named before.
_HEADS = (
    "court|tribunal|group|organi[sz]ation|ministry|department|office|mission|agency|"
    "commission|committee|council|panel|government|authorities|military|army"
)
_DEFINITE = re.compile(rf"^(?i:the|this)\s+(?:[A-Z][\w’'-]*\s+)?(?P<head>(?i:{_HEADS}))$")
_PERSON_ROLE = re.compile(
    r"^(?i:the|this)\s+(?P<role>(?i:spokes(?:man|woman|person)|rapporteur|"
    r"prosecutor|judge|minister|ambassador|envoy|official))"
    # "the spokesperson for UN Human Rights": the body as written
    rf"(?:\s+(?:for|of|at)\s+(?:the\s+)?(?P<org>{ORG}))?$"
)
ROLE_WORDS = (
    "spokesperson|spokesman|spokeswoman|deputy spokesperson|principal deputy spokesperson|"
    "under secretary|secretary|director|head|chief|member|president|chair|chairman|"
    "chairwoman|official|representative|commissioner|minister|ambassador|envoy|adviser|"
    "researcher|lead|coordinator|attorney general|attorney"
)
_AFTER = [
    re.compile(
        # ", executive associate director of ERO": up to two words before the title
        # ", Head of the Justice Department’s Criminal Division", ", spokesperson for the
        # office of the High Commissioner": a title written capitalised, a body's first
        # word not
        rf"^\s*,\s*(?:who(?:\s+is|['’]s)\s+)?(?:the\s+|a\s+|an\s+)?(?:[a-z]+\s+){{0,2}}"
        rf"(?i:{ROLE_WORDS})\s+(?:of|for|at)\s+(?:the\s+)?"
        rf"(?P<org>{ORG}|(?:office|ministry|department|agency)\s+(?:of|for)\s+(?:the\s+)?{ORG})"
    ),
    re.compile(rf"^\s*,\s*(?:of|for|from)\s+(?:the\s+)?(?P<org>{ORG})"),
]
_BEFORE = re.compile(
    rf"(?P<org>{ORG})(?:['’]s)?\s+(?:[A-Z][\w\-]*\s+)*?(?:[a-z][\w\-]*\s+){{0,3}}?"
    rf"(?i:{ROLE_WORDS})"  # "White House national security adviser"
    rf"(?:\s+(?:for|of)\s+[\w ]{{1,30}}?)?\s*$"  # "... chief of staff", "... for Iran"
)
# "Spokesperson X of the Geneva-based Office of ...": the body after a titled name
_OF_AFTER_TITLED = re.compile(
    rf"[ \t]+(?:of|for|at|from)[ \t]+(?:the[ \t]+)?(?:[A-Z][\w]*-based[ \t]+)?(?P<org>{ORG})"
)
# "X from the UN Human Rights office": the body a named person comes from
# (its whole name: not "Committee" of "the Committee to Protect Journalists")
_FROM_BODY = re.compile(
    rf"[ \t]+from[ \t]+(?:the[ \t]+)?(?P<org>{ORG})(?![ \t]+[a-z]+[ \t]+[A-Z])")
_POSSESSIVE_DOCUMENT = re.compile(
    rf"^(?P<org>{ORG})['’]s\s+(?:(?:new|latest|annual|own)\s+)?(?:report|statement|letter|"
    r"communique|release|study|findings|tally|figures|data)$"
)
# "یک گزارش ملل متحد روی تخریب ...": a report speaks for the body it is of, named up to the
# first preposition (as "Amnesty's report" above)
_FA_REPORT_OF = re.compile(
    r"^(?:(?:یک|این|آخرین)\s+)?گزارش(?:\s+(?:تازه|جدید|سالانه|ساليانه))?\s+"
    r"(?P<org>[^\s،,]+(?:\s+(?!(?:روی|روي|در|درباره|دربارۀ|از|به|که|مبنی|پیرامون|بر)\s)"
    r"[^\s،,]+){0,5}?)(?:\s+(?:روی|روي|در|درباره|دربارۀ|از|به|که|مبنی|پیرامون|بر)\s.*)?$")
_SENTENCE_CUT = re.compile(r"(?<![A-Z][a-z])(?<![A-Z])[.!?][ \t]+(?=[A-Z])")
# a title word ending a text, read backwards: one match at its end, not a scan
_ROLE_REVERSED = re.compile("(?i:" + "|".join(w[::-1] for w in ROLE_WORDS.split("|")) + ")")
_ROLE_AT_END = re.compile(rf"(?i:{ROLE_WORDS})(?:\s+of\s+staff)?\s*$")
_POSSESSIVE = re.compile(rf"^(?P<org>{ORG})['’]s\s+(?P<name>{CAP}(?:\s+{CAP}){{1,3}})$")
# the verbs that end a Persian speaker's title and body ("..., سخنگوی وزارت X گفت")
_FA_SAID = "گفت|اعلام|افزود|نوشت|تاکید|تأکید"
_FA_SPOKES = re.compile(
    # (not "رئیس جمهوری", "رئیس مجلس", nor the House's Speaker rendered "سخنگوی مجلس
    # نمایندگان": who presides over a state or a house holds an office)
    r"^\s*[،,]\s*(?:معاون\s+)?(?:سخنگوی(?!\s*مجلس\s+نمایندگان)|نطاق|مدیر|نماینده|عضو|(?:رئیس|رییس)(?!\s*(?:جمهور|مجلس))|"
    r"آمر|مسئول|مسوول|"
    r"یکی\s+از\s+(?:سخنگویان|مدیران|نمایندگان|اعضای|مقامات|مقام‌های|مقامهای))\s+"
    r"(?P<org>[^،,.:«»\"\n]{3,60}?)"
    rf"(?=\s*(?:[،,.:«»\"\n]|\s+(?:در|روز|به|{_FA_SAID})(?![^\W\d_])))"
)
_CUT_TITLE = re.compile(
    rf"(?i:{ROLE_WORDS})[ \t]+(?:for|of)[ \t]+(?:the[ \t]+)?(?:[A-Z][\w’'-]*[ \t]+)*"
    r"[A-Z][\w’'-]*,[ \t]*$"
)
# "جان کربی، هماهنگ‌کننده ارتباطات راهبردی شورای امنیت ملی کاخ سفید، گفت": a title of
# one to three words, then a body its first word names as one
_FA_TITLE_OF_BODY = re.compile(
    # (a special rapporteur speaks for their mandate, not a body: no level)
    r"^\s*[،,]\s*(?!(?:در|از|به|که|با|و|را|این|آن)\s|گزارشگر|(?:رئیس|رییس)\s+(?:مجلس|جمهور)|سخنگوی\s+مجلس\s+نمایندگان)"
    r"(?:[^\s،,.:«»\"()]+\s+){1,3}?"
    r"(?P<org>(?:سازمان|شورای|وزارت|کمیته|کمیسیون|اداره|ادارۀ|اداره‌ی|نهاد|دفتر|مجلس|دادگاه)"
    r"\s[^،,.:«»\"()\n]{3,60}?)"
    # the body ends before the sentence's verb: "X، دبیرکل سازمان ملل گفت:" (not "... گفت")
    rf"(?=\s*[،,.:«»\"(\n]|\s+(?:{_FA_SAID}|گفته|می\u200c?گوید)(?![^\W\d_]))"
)
_FA_SECTION_OF = re.compile(
    r"\s+در\s+(?P<o>(?:سازمان|دفتر|کمیسیون|نهاد|شورای|وزارت|کمیته)[^،,.:«»\"\n]{2,50}?)"
    r"(?=\s*[،,.:«»\"\n]|\s+(?:می|روز|گفت|اعلام|افزود|نوشت)(?![^\W\d_]))"
)
_FA_SPOKES_BEFORE = re.compile(
    r"(?:معاون\s+)?(?:سخنگوی|نطاق)\s+(?P<org>[^،,.:«»\"\n]{3,60}?)\s*[،,]?\s*$")
# a Persian name, then a spokesman's title and the body, with no comma between (as Dari
# writes "X سخنگوي رياست جمهوري گفت"): the name, and the body after the title
_FA_NAME_THEN_SPOKES = re.compile(
    r"^(?P<name>[^\s،,]+(?:\s+[^\s،,]+){1,3}?)\s+(?:سخنگوی|نطاق)\s+(?P<org>[^،,.:«»\"\n]{3,60})$")
# Dari types Arabic yeh and kaf ("سخنگوي"); the Persian patterns here are written with
# Persian ones (the same length: offsets hold)
_TO_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ك": "ک"})
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}\s*[—–-]+\s*")
_NOT_A_NAME_START = frozenset(fold(w) for w in (
    "in", "including", "as", "where", "what", "which", "while", "when", "with", "without",
    "during", "since", "after", "before", "on", "at", "by", "from", "to", "and", "or", "but",
    "if", "than", "different", "whose", "whom",
    # prepositions: "despite declared truces" is no subject of "declared"
    "despite", "against", "of", "for", "into", "under", "over", "about", "through",
    "among", "amid", "between", "toward", "towards", "upon", "via", "within",
    "across", "beyond", "unlike",
    # Persian function words: a clause's "که ..." or "و ..." is no speaker
    "که", "و", "را", "از", "به", "با", "در", "برای", "تا", "اما", "ولی", "یا", "اگر", "چون",
    "زیرا",
))


def _clean(name: str) -> str:
    return " ".join(name.replace("\u00a0", " ").split()).strip(" ,،:;")


def _org_name(name: str) -> str:
    org = _ROLE_PREFIX.sub("", re.sub(r"\s+(?:in|at)\s+[A-Z][\w]+$", "", _clean(name)))
    org = re.sub(r"^[A-Z][\w.]*['’]s\s+(?=[A-Z])", "", org).strip()  # "Treasury’s Office of…"
    org = re.sub(r"['’]s$", "", org)  # "OHCHR’s Jeremy Laurence": the body is "OHCHR"
    # the sentence's full stop ("... head of UNAMA."), not "U.S."
    return re.sub(r"(?:(?<=[a-z]{2})|(?<=[A-Z]{3}))\.$", "", org)


def org_party(name: str) -> Party:
    return Party(_org_name(name), None, "organisation")


def resolve_definite(text: str, speaker: Party) -> tuple[Party, str | None] | None:
    """ "The Swedish court" -> the last name before it with "Court" in it; "the spokesman"
    -> the last person written next to that title, with the body the title names where
    the text writes it ("the spokesperson for UN Human Rights", "Name Spokesperson for the
    X Office", "X spokesperson Name")."""
    name = _clean(speaker.name)
    at = speaker.start or 0
    d = _DEFINITE.match(name)
    r = None if d else _PERSON_ROLE.match(name)
    if d is None and r is None:
        return None  # neither reads the text before (3,000 characters, copied)
    before = text[max(0, at - 3000) : at]
    if d:
        head = d.group("head").lower()
        # (a sentence's last word is no part of the name after it: "... killed. The Group")
        names = [re.sub(r"^(?:The|This)\s+", "", re.split(r"(?<=\w\w)\.\s+", m.group())[-1])
                 for m in re.finditer(ORG, before)]
        names = [n for n in names if n.lower().split()[-1:] == [head] and len(n.split()) > 1]
        if names:
            return replace(
                speaker, name=_clean(names[-1]), flags=(*speaker.flags, "definite_resolved")
            ), None
    r = r or _PERSON_ROLE.match(name)
    if r:
        role = r.group("role")
        # "spokesman Name", "Spokesman, Name,"
        found = list(re.finditer(rf"(?i:{role}),?\s+(?P<n>{CAP}(?:\s+{CAP}){{1,2}})", before))
        found += list(
            re.finditer(
                rf"(?P<n>{CAP}(?:\s+{CAP}){{1,2}}),\s+(?:the\s+)?[\w ]{{0,40}}?(?i:{role})",
                before,
            )
        )
        # "Jeremy Laurence Spokesperson for the UN Human Rights Office, made the following
        # comments": the name right before the title, no comma between
        found += list(re.finditer(rf"(?P<n>{CAP}\s+{CAP})[ \t]+(?i:{role})(?![\w])", before))
        if found:
            best = max(found, key=lambda m: m.start())
            org = r.group("org")
            if org is None:
                after = re.match(
                    rf"[ \t]+(?:for|of|at)[ \t]+(?:the[ \t]+)?(?P<org>{ORG})",
                    before[best.end() :],
                )
                ahead = re.search(rf"(?P<org>{ORG})[ \t]+$", before[: best.start()])
                if after:
                    org = after.group("org")
                elif ahead and best.group().lower().startswith(role.lower()):
                    # "UN Human Rights spokesperson Jeremy Laurence"; a sentence's last
                    # word before it is not the body's ("... in Qalat. DRWO spokesman X")
                    org = re.split(r"(?<=\w\w)\.\s+", ahead.group("org"))[-1]
            return replace(
                speaker, name=_clean(best.group("n")), flags=(*speaker.flags, "definite_resolved")
            ), org
    return None


def _initials_extend(text: str, party: Party) -> Party:
    """ "David S" cut at an initial's full stop: run on to "David S. Cohen"."""
    if party.end is None:
        return party
    if not text.startswith(".", party.end):
        return party  # what it runs on to opens with the full stop
    m = re.match(r"\.\s?((?:[A-Z]\.\s?)*[A-Z][\w’'\-]+)", text[party.end : party.end + 40])
    if m and re.search(r"(?:^|\s)[A-Z]{1,2}$", party.name):
        end = party.end + m.end()
        return replace(party, name=_clean(text[party.start : end]), end=end)
    return party


@lru_cache(maxsize=16384)  # the same few names are asked about again and again
def is_name(name: str) -> bool:
    """Could a reader take this phrase for a person's or a body's name?"""
    words = _clean(name).split()
    if not words:
        return False
    if not any(ch.isalpha() for ch in name):
        return False  # "000+", "—"
    first = fold(words[0])
    if first in lx.PRONOUNS or first in _NOT_A_NAME_START:
        return False
    return not re.match(r"^(?:In|On|Since|During|By)\s+(?:early|late|mid)?\s*\d", name)


def _last_sentence(before: str) -> str:
    """The text after the last sentence end: `_SENTENCE_CUT.split(before)[-1]`, with the
    pattern tried at its marks from the right (a split tries every character; the
    pattern's matches cannot overlap, so the last one found by the split is the one
    that starts last)."""
    hi = len(before)
    while (at := max(before.rfind(".", 0, hi), before.rfind("!", 0, hi),
                     before.rfind("?", 0, hi))) >= 0:
        if (m := _SENTENCE_CUT.match(before, at)) is not None:
            return before[m.end():]
        hi = at
    return before


def _role_before(pre: str) -> bool:
    r"""Does a title word end `pre`, before spaces ("... Spokesperson ")? A sentence end
    before it cannot cut it (neither the title nor the spaces hold ".!?"), and the title
    ends where the trailing spaces start: r"(?i:ROLE)[ \t]+$" is a title word ending the
    text before them."""
    line = pre[:-1] if pre.endswith("\n") else pre  # `$` also matches before a final newline
    body = line.rstrip(" \t")
    return len(body) < len(line) and _ROLE_REVERSED.match(body[::-1]) is not None


# the last words of ROLE_WORDS (keep in step), and the only letters beyond ASCII that
# match one of theirs without case (ı, İ, K, ſ)
_ROLE_ENDS = tuple(sorted({w.split()[-1] for w in ROLE_WORDS.split("|")}))


def _role_may_end(before: str) -> bool:
    """Whether `_ROLE_AT_END.search(before)` can find a title ending `before`: told from
    its last 16 characters lower-cased (which, without the letters of CASE_EXTRA, gives
    the ASCII letters no other letter matches them with), unless "of staff" ends it."""
    tail = before.rstrip()[-16:]
    if tail.endswith("staff") or any(c in tail for c in CASE_EXTRA):
        return True
    return tail.lower().endswith(_ROLE_ENDS)


def _holds_role(text: str) -> bool:
    """Whether a title of ROLE_WORDS may be written in `text` (every one holds the last
    word of one, lower-cased; beyond ASCII only the letters of CASE_EXTRA match theirs):
    substring tests, not a case-blind search from every character."""
    if any(c in text for c in CASE_EXTRA):
        return True
    lower = text.lower()
    return any(w in lower for w in _ROLE_ENDS)


def _comma_before(text: str, at: int) -> bool:
    """A title cut at a list comma ends in "," and spaces: checked before the scan."""
    return text[max(0, at - 120) : at].rstrip(" \t\n").endswith(",")


def _acronym_before(text: str, org: str, at: int) -> str | None:
    """ "CPJ sub-Saharan Africa Representative X": a body's acronym right before the region
    a title covers, which was taken for the body `org` written at `at` in `text`."""
    if is_body(org):
        return None
    acronym = _ACRONYM_BEFORE.search(text, max(0, at - 24), at)
    return acronym.group("org") if acronym else None


def _title_only(org: str) -> bool:
    """An office's own words, no body: "Deputy High" of "(UN) Deputy High Commissioner X",
    "UN High" of "Ban Ki-moon and UN High Commissioner X"."""
    return all(w in _TITLE_ONLY or w in _UN_WORDS
               for w in org.lower().rsplit(" and ", 1)[-1].split())


_ROLE_WORD = re.compile(rf"(?<![\w])(?i:{ROLE_WORDS})(?![\w])")
_NAME_PARTICLES = frozenset(("al", "bin", "ibn", "de", "la", "del", "von", "van", "el"))


def _name_words(between: str) -> str:
    """The words between a title and the two a name's tail reads, when they are a name's
    (at most three, capitalised, no body's or title's word), with a space after; else ""."""
    words = between.split()
    if not words or len(words) > 3 or any(
            not (w[:1].isupper() or w.lower() in _NAME_PARTICLES) or body_word(w)
            or w.lower() in _TITLE_ONLY for w in words):
        return ""
    return " ".join(words) + " "


def initials_of(short: str, name: str) -> bool:
    """Whether `short` is an acronym of `name` or of its words after a country's ("ICE" of
    "U.S. Immigration and Customs Enforcement")."""
    if not short.isupper() or not 2 <= len(short) <= 6:
        return False
    initials = "".join(w[0] for w in name.split() if w[:1].isupper() and w.isalpha())
    return initials.endswith(short) and len(initials) - len(short) <= 1


# title words that open a title, never a body's name ("Foreign Ministry" is a body)
_TITLE_OPENING = frozenset(("acting", "deputy", "assistant", "senior", "principal", "chief",
                            "vice", "executive", "associate", "under", "special"))


def _without_title_words(org: str) -> str:
    """The body before the title words it runs into: "HSI" of "HSI Executive Associate
    Director X" (the body's pattern reads capitalised words greedily)."""
    words = org.split()
    while len(words) > 1 and words[-1].lower() in _TITLE_ONLY:
        words.pop()
    while len(words) > 1 and words[0].lower() in _TITLE_OPENING:
        words.pop(0)  # "Acting U.S." of "Acting U.S. Attorney X": a country, no body
    return " ".join(words)


# "Omid Farahani of the London-based Center for Qalat Studies": a person's name, then the
# body they belong to, in one subject
_NAME_OF_BODY = re.compile(
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})\s+(?:of\s+(?:the\s+)?|for\s+the\s+)"
    r"(?P<org>(?:[A-Z][\w-]*-based\s+)?[A-Z][\w’'-]*(?:\s+(?:(?:of|for|on|and|the)\s+)*"
    r"[A-Z][\w’'-]*)*)"
)


def _surname_in(text: str, word: str) -> bool:
    """Whether the text writes `word` after a capitalised word, as a full name's surname."""
    return re.search(rf"[A-Z][\w’'-]+\s+{re.escape(word)}\b", text) is not None


def split_affiliation(
    text: str, speaker: Party, publisher: Party | None
) -> tuple[Party, Party | None]:
    """The person a subject names and the organisation it ties them to, if any."""
    speaker = _initials_extend(text, speaker)
    titled = None
    if (
        speaker.start is not None
        and speaker.end is not None
        and _role_before(text[max(0, speaker.start - 80) : speaker.start])
    ):
        titled = _OF_AFTER_TITLED.match(text, speaker.end)
    run = (
        _RUN_ON.match(text, speaker.end)
        if speaker.end is not None and speaker.name[:1].isupper() and titled is None
        else None
    )
    if run and _WHEN.match(run.group()):
        run = None  # "X on Monday": a day, not the rest of a name
    if run and speaker.start is not None and not speaker.entity_id:  # a name cut short
        speaker = replace(speaker, name=_clean(text[speaker.start : run.end()]), end=run.end())
    resolved = resolve_definite(text, speaker)
    if resolved is not None:
        person, named = resolved
        body = _org_name(named) if named else None
        if not body or same_body(body, person.name) or (
            publisher and same_body(body, publisher.name)
        ):
            return person, None
        return person, org_party(body)
    name = _clean(_DATELINE.sub("", speaker.name))
    org: str | None = None
    if "," in name and name.split(",")[0].strip():  # "Adam Szubin, director of Treasury’s Office"
        rest = name[name.index(",") :]
        at = text.find(",", speaker.start or 0) if speaker.start is not None else -1
        if 0 <= at < (speaker.end or 0):
            rest = text[at : at + 160]
        name = _clean(name.split(",")[0])
        for pattern in _AFTER:
            a = pattern.match(rest)
            if a:
                org = a.group("org")
                break
    of_body = (_NAME_OF_BODY.fullmatch(name)
               if org is None and (" of " in name or " for the " in name) else None)
    if of_body and any(body_word(w) for w in of_body.group("org").split()) and not any(
            body_word(w) or fold(w) in lx.TITLE_WORDS for w in of_body.group("name").split()) and (
            " " in of_body.group("name") or _surname_in(text, of_body.group("name"))):
        # (one word is a name only as the surname of a full name the text writes: not
        # "Members of the Association")
        name, org = of_body.group("name"), re.sub(r"^\S+-based\s+", "", of_body.group("org"))
    # both possessive patterns hold "'s" or "’s" (a name without one is not matched twice)
    possessive = "'s" in name or "’s" in name
    doc = _POSSESSIVE_DOCUMENT.match(name) if possessive else None
    if doc:  # "Amnesty's report said": the report speaks for whoever wrote it
        return replace(speaker, name=doc.group("org")), None
    if not name.isascii() and "گزارش" in name and (fa_doc := _FA_REPORT_OF.match(
            name.translate(_TO_PERSIAN_LETTERS))) and is_body(fa_doc.group("org")):
        return replace(speaker, name=name[fa_doc.start("org") : fa_doc.end("org")]), None
    m = _POSSESSIVE.match(name) if possessive else None
    if m and body_word(m.group("name").split()[-1]):
        m = None  # "The People's Resistance Front": one body's name, not "<Org>'s <person>"
    if m:
        org, name = m.group("org"), m.group("name")
    else:
        tail = PERSON_TAIL.search(name)
        if tail and body_word(tail.group("name").split()[-1]):
            tail = None  # "...the UN Human Rights Office": a body, not a person's name
        if tail and tail.start() > 0:
            head = name[: tail.start()].rstrip()
            b = _BEFORE.search(head) if head else None
            if b or re.search(rf"(?i:{ROLE_WORDS})\s*$", head):
                name = tail.group("name")
                org = b.group("org") if b else None
                if b is not None and speaker.start is not None:
                    org = _acronym_before(text, b.group("org"), speaker.start + b.start("org")) or (
                        org)
            elif titled_in := list(_ROLE_WORD.finditer(head)):
                # "UN High Commissioner for Human Rights Michelle Bachelet"; "... High
                # Commissioner Zeid Ra'ad Al Hussein": the name's words before the two
                # the tail reads are the name's too
                name = _name_words(head[titled_in[-1].end():]) + tail.group("name")
    before = text[max(0, (speaker.start or 0) - 80) : speaker.start or 0].split("\n")[-1]
    before = _last_sentence(before)  # "... against Ms. X. Spokesperson Y": not X's
    # both searches scan `before` to its end: only where what they end with can end it
    if not before.isascii():
        before = before.translate(_TO_PERSIAN_LETTERS)
    fa = _FA_SPOKES_BEFORE.search(before) if "سخنگوی" in before or "نطاق" in before else None
    if org is None and speaker.start is not None and fa:
        org = fa.group("org")
    if org is None and speaker.start is not None and _role_may_end(before) and (
        _ROLE_AT_END.search(before)
    ) and (en := _BEFORE.search(before)) and not _title_only(en.group("org")):
        # (a title's own words out: not "Assistant" of "... General X")
        org = _acronym_before(before, en.group("org"), en.start("org")) or (
            _without_title_words(en.group("org")))
        # "ICE Deputy Director and Senior Official Performing the Duties of Director X": a
        # title holding titles, whose body is the name before its first title word (but
        # "X's Special Representative and UNAMA head Y": the body after "and")
        first_title = _ROLE_WORD.search(org)
        last = org.rsplit(" and ", 1)[-1]
        if first_title and " and " in org[first_title.end():] and _ROLE_WORD.search(last):
            org = _without_title_words(org[: first_title.start()].strip()) or None
    if org is None and not name.isascii() and "،" not in name and (
            inner := _FA_NAME_THEN_SPOKES.match(name.translate(_TO_PERSIAN_LETTERS))):
        name, org = name[: inner.end("name")], inner.group("org")
    if org is None and speaker.end is not None:
        after = text[speaker.end : speaker.end + 160]
        if not after.isascii():
            after = after.translate(_TO_PERSIAN_LETTERS)
        for pattern in _AFTER:
            a = pattern.match(after)
            if a:
                org = a.group("org")
                break
        if titled is not None:
            org = titled.group("org")
        if org is None and (of := _FROM_BODY.match(after)) and any(
                body_word(w) for w in of.group("org").split()):
            org = of.group("org")  # "Rupert Colville from the UN Human Rights office says"
        if org is None:
            fa = _FA_SPOKES.match(after) or (_FA_TITLE_OF_BODY.match(after) if not after.isascii()
                                             else None)
            if fa:
                org = fa.group("org")
                # "آمر بخش افغانستان در سازمان عفو بین الملل": the section's body
                section = _FA_SECTION_OF.match(after, fa.end()) if re.match(
                    r"(?:بخش|شعبه)\s", org) else None
                org = section.group("o") if section else org
    if org is None and speaker.start is not None and _comma_before(text, speaker.start) and (
        _holds_role(text[max(0, speaker.start - 120) : speaker.start])
    ) and _CUT_TITLE.search(text, max(0, speaker.start - 120), speaker.start):
        # "Assistant Secretary for Democracy, Human Rights and Labor Tom Malinowski": the
        # comma of the title's list cut it; the holder is the name at its end
        tail = PERSON_TAIL.search(name)
        if tail and tail.start() > 0 and not body_word(tail.group("name").split()[-1]):
            name = tail.group("name")
    person = replace(speaker, name=name) if name != speaker.name else speaker
    if "،" in person.name and not person.entity_id:  # "حسن خلیل آبادی، رئیس شورای اسلامی"
        person = replace(person, name=_clean(person.name.split("،")[0]))
    if org and re.match(r"(?:این|آن)\s", org):  # "سخنگوی این سازمان": the body named before
        org = body_named_before(text, org, speaker.start or 0)
    org = _org_name(org) if org else None
    if org and _UN_RIGHTS.fullmatch(org) and speaker.start is not None and _CHIEF_END.search(
            text, max(0, speaker.start - 40), speaker.start):
        org = None  # "UN Human Rights Chief X": the High Commissioner, an office of its own
    if org and (_title_only(org) or is_office(org) or _PRESIDES.search(org) or (
            _MINISTER_END.search(before) and not is_body(org))):
        # "Spokesman for the Secretary-General", "Council President Ambassador X", "South
        # Sudan Information Minister X": an office speaks (a state named before a minister's
        # portfolio is no body level)
        org = None
    if org and " " not in org and not org.isupper():
        org = one_word_body(text, org, speaker.start or 0)
    if not org or same_body(org, person.name) or (publisher and same_body(org, publisher.name)):
        return person, None
    return person, org_party(org)
