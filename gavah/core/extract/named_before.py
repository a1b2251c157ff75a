"""The name or office a speaker phrase refers back to: "said Laurence" after "Jeremy
Laurence Spokesperson for ...", "محمدی" after "نرگس محمدی", "این سخنگو" after "یک سخنگوی
وزارت ...", "a Velmora foreign ministry spokesperson" (an office nobody is named for).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from gavah.core.extract import lexicon as lx
from gavah.core.extract.bodies import body_word
from gavah.core.extract.coref import FA_TITLES
from gavah.core.extract.model import Party
from gavah.core.text import fold, last_match

_OFFICE_FA = re.compile(
    r"^(?:یک\s+|این\s+)?(?:سخنگو(?:ی|\s+))\s*"
    rf"(?P<body>(?:{lx.alternation(list(lx.FA_OFFICE_BODIES))})(?:\s+\S+){{1,6}})$"
)


_OFFICE_EN = re.compile(
    r"^(?:[Aa]n?|[Tt]he)\s+(?P<body>(?:[\w.’'-]+\s+){0,5}?(?:[Mm]inistry|[Dd]epartment|[Oo]ffice|"
    r"[Ee]mbassy|[Cc]ouncil|[Cc]ommission|[Gg]overnment|[Pp]olice|[Aa]rmy|[Jj]udiciary|"
    r"White House))\s+(?:spokesperson|spokesman|spokeswoman)$"
)


BARE_SPOKESPERSON = re.compile(
    r"^(?:(?:این|آن)\s+)?سخنگو$|^the\s+(?:spokesperson|spokesman|spokeswoman)$", re.IGNORECASE
)


_OFFICE_HEAD = (r"(?:وزارت|دفتر|سازمان|کاخ|نهاد|شورای|دولت|نیروی|قوه|اداره|کمیسیون|سفارت|"
                r"هیئت|هیات|ستاد|دادستانی)")


_OFFICE_WORDS = re.compile(
    rf"(?:یک\s+)?سخنگوی\s+(?P<body>{_OFFICE_HEAD}(?:\s+(?!روز|با|در|به|که|از|را|و\s|این|آن)"
    r"[^\s،,.:«»\"]+){1,4})"
)


_US_FA = re.compile(r"\s+(?:آمریکا|امریکا)$")


def office_before(text: str, pos: int, reach: int = 1500) -> str | None:
    """The office of the last unnamed spokesperson written before `pos` (within `reach`
    characters), for "این سخنگو" (or "او" just after) with no quotation of theirs before."""
    found = last_match(_OFFICE_WORDS, text, max(0, pos - reach), pos)
    return " ".join(found.group("body").split()) if found else None


# "سخنگوی وزارت امور خارجه ایالات متحده", "رئیس کمیته سیاست خارجی سنای آمریکا": an office
# written with no name ("یک سخنگوی ..." is someone left unnamed, never named later)
_HELD_OFFICE = re.compile(
    rf"(?<!یک\s)(?:سخنگوی|رئیس|رئيس)\s+(?P<body>(?:{_OFFICE_HEAD}|کمیته)"
    r"(?:\s+(?!روز|با|در|به|که|از|را|و\s|این|آن)[^\s،,.:«»\"]+){1,5})"
)
_BODY_HEADS = frozenset((*lx.FA_OFFICE_BODIES, "روزنامه", "خبرگزاری", "رادیو", "تلویزیون", "شبکه",
                         "کمیته", "ائتلاف", "گروه", "حزب", "جمعیت", "انجمن", "بنیاد", "مرکز"))
_BARE_OPENING = re.compile(rf"(?:^|\n)[ \t]*(?:(?:{'|'.join(FA_TITLES)})\s+)?$")


def office_of_holder(text: str, name: str, pos: int) -> str | None:
    """The body of an office written with no name just before a Persian name's first,
    bare mention (at `pos`, or a title there before it): "سخنگوی وزارت امور خارجه ایالات
    متحده ... گفت ...\n\nند پرایس در پاسخ ... گفت": the person the next paragraph opens
    with is the office's holder (a reader takes them so). Only the paragraph before or the
    same one is read."""
    words = name.split()
    first = text.find(name)
    if name.isascii() or not 2 <= len(words) <= 3 or not 0 <= first - pos <= 20:
        return None  # (`pos` may be where a title before the name starts)
    pos = first
    if words[0] in _BODY_HEADS or any(fold(w) in lx.ORG_WORDS for w in words):
        return None  # "روزنامه اعتماد": a body, which holds no office
    if not _BARE_OPENING.search(text, max(0, pos - 20), pos):
        return None  # a title or a description of their own before the name
    found = last_match(_HELD_OFFICE, text, max(0, pos - 1500), pos)
    if found is None or text.count("\n\n", found.end(), pos) > 1:
        return None
    return " ".join(found.group("body").split())


def fullest_office(text: str, body: str) -> str:
    """'وزارت امور خارجه آمریکا' where the document also writes 'وزارت امور خارجه ایالات
    متحده': the fuller name the document gives the office."""
    if _US_FA.search(body):
        fuller = _US_FA.sub(" ایالات متحده", body)
        if fuller in text:
            return fuller
    return body


_TITLED_BODY = re.compile(
    r"[ \t]*,?[ \t]*(?:the[ \t]+)?(?i:spokes(?:person|man|woman)|director|head|chief|"
    r"representative)[ \t]+(?:for|of|at)[ \t]+(?:the[ \t]+)?"
    r"(?P<org>[A-Z][\w’'-]*(?:[ \t]+(?:(?:of|for|on|and|the)[ \t]+)*[A-Z][\w’'-]*)*)"
)


def fa_surname_named_before(text: str, person: Party) -> Party:
    """"محمدی" after "نرگس محمدی" was written: the full name, written before."""
    name = person.name.strip()
    if " " in name or name.isascii() or len(name) < 3 or person.start is None or (
            fold(name) in _FA_NO_SURNAME):
        return person  # ("مقامات": officials, no surname)
    found = None
    # (a first name stands on the surname's line)
    pattern = re.compile(r"(?<![^\s«»،,.:])(?P<first>[^\s،,.:«»\d]{2,})[ \t\u200c]+"
                         rf"{re.escape(name)}(?![^\W\d_])")
    for m in pattern.finditer(text, max(0, person.start - 3000), person.start):
        first = m.group("first")
        bare = fold(first[1:] if first.startswith("و") else first)
        if first not in _FA_NOT_FIRST_NAME and fold(first) not in _VERBS and bare not in _VERBS:
            found = m  # ("وقال المرصد": a verb before a name is no first name)
    if found is None:
        return person
    return replace(person, name=f"{found.group('first')} {name}",
                   flags=(*person.flags, "named_before"))


_VERBS = frozenset(lx.ALL_VERBS)


# words before a surname that are no first name: titles, prepositions, verbs' neighbours
# plurals of officials and sources, which no first name precedes (Dari "مامورين")
_FA_NO_SURNAME = frozenset(fold(w) for w in (*lx.FA_OFFICIALS, "مامورین", "ماموران", "منابع",
                                              "شاهدان"))
_FA_NOT_FIRST_NAME = frozenset((
    *FA_TITLES, "و", "از", "به", "با", "در", "که", "را", "این", "آن", "برای", "گفت", "اعلام",
    "افزود", "نوشت", "روز", "سخنگوی", "وزیر", "رئیس", "نماینده", "معاون", "پدر", "مادر",
    "همسر", "برادر", "خواهر", "پسر", "دختر", "وکیل", "پرونده", "بازداشت", "آزادی",
))


_ONE_CAPITALISED = re.compile(r"[A-Z][\w’'-]+")
# the words a name goes on with after its first: "Zeid Ra’ad Al Hussein", "Ban Ki-moon"
_NAME_OPENED = re.compile(r"[ \t]+\S+(?P<rest>(?:[ \t]+(?:[A-Z][\w’'-]+|al|bin|de|van|von)){1,3})"
                          r"(?=[ \t]*[,.;:]|[ \t]+[a-z])")


def surname_named_before(text: str, person: Party) -> tuple[Party, Party | None]:
    """'said Laurence' after "Jeremy Laurence Spokesperson for the UN Human Rights Office,
    made the following comments" (no verb of saying there, so nothing learned it): the
    full name written before, and the body its title names."""
    name = person.name.strip()
    if not _ONE_CAPITALISED.fullmatch(name) or person.start is None:
        return person, None
    pattern = re.compile(rf"(?<![\w’'-])([A-Z][\w’'-]+)[ \t]+{re.escape(name)}(?![\w’'-])")
    found = last_match(pattern, text, max(0, person.start - 3000), person.start)
    if found is not None and body_word(found.group(1)):
        # "High Commissioner for Human Rights Zeid Ra’ad Al Hussein": the word before ends
        # an office's name; the name is the one it opens
        opened = _NAME_OPENED.match(text, found.end(1))
        opens = f"{name}{opened.group('rest')}" if opened else None
        if opens is None or opens.split()[-1].lower() in lx.TITLE_WORDS:
            return person, None
        return replace(person, name=opens, flags=(*person.flags, "named_before")), None
    if found is None or found.group(1) in ("The", "Mr", "Ms", "Mrs", "Dr", "Said") or (
            found.group(1).lower() in lx.TITLE_WORDS):  # "High Commissioner Zeid": no name
        return person, None
    full = replace(person, name=f"{found.group(1)} {name}", flags=(*person.flags, "named_before"))
    titled = _TITLED_BODY.match(text, found.end())
    org = Party(" ".join(titled.group("org").split()), None, "organisation") if titled else None
    return full, org


@lru_cache(maxsize=4096)  # refine asks it of every speaker, most of them again
def unnamed_office(name: str) -> str | None:
    """The office of an unnamed office-holder ("یک سخنگوی وزارت امور خارجه آمریکا" ->
    "وزارت امور خارجه آمریکا", "a Velmora foreign ministry spokesperson" -> "Velmora
    foreign ministry"), else None."""
    m = _OFFICE_FA.match(name.strip()) or _OFFICE_EN.match(name.strip())
    return " ".join(m.group("body").split()) if m else None
