"""Figures: counts of people, events or things, with their qualifier ("at least", "بیش از",
"ما لا يقل عن"), ranges ("between 2,800 and 5,000"), what they count ("political
prisoners executed") and the period when one is stated in the same sentence.

Numbers that are not counts are left out on purpose: dates and years (found by
`gavah.core.dates`), durations, ages, percentages, money, identifiers ("Article 7",
"T-017"), list numbers, times and counts below two. Who asserts a figure is decided by
`attribution`, not here.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from gavah.core.dates import DateMention
from gavah.core.extract import lexicon as lx
from gavah.core.extract.counted import (
    ARTICLE_END,
    CLASSIFIERS,
    OF_THE,
    OF_WHOM,
    STOP,
    TOKEN,
    counted_before,
    counts_after,
    hangs_on,
    is_event,
    predicate_after,
)
from gavah.core.extract.lexicon import alternation
from gavah.core.extract.model import Figure
from gavah.core.extract.numbers import Number, find_numbers
from gavah.core.extract.segments import Layout, Sentence
from gavah.core.extract.textmap import Folded
from gavah.core.text import fold

_W = r"(?<![^\W\d_])", r"(?![^\W\d_])"


def _words(spec: str) -> str:
    return alternation(sorted({fold(w) for w in spec.split("|")}, key=len, reverse=True))


_BEFORE = [(q, re.compile(rf"{_W[0]}(?:{_words(words)})\s*$")) for q, words in lx.QUALIFIERS_BEFORE]
# each qualifier's phrases: a text before a number that ends, but for spaces, in none of
# them is not searched for it (the search tries every character). Keep in step with _BEFORE.
_BEFORE_ENDS = [tuple(sorted({fold(w) for w in words.split("|")}))
                for _, words in lx.QUALIFIERS_BEFORE]
# The word each qualifier before a number ends with: a text before a number that ends with
# none of them holds no qualifier (and is not searched six times). Keep in step with _BEFORE.
_BEFORE_LAST = tuple(sorted({fold(w).split()[-1] for _, words in lx.QUALIFIERS_BEFORE
                             for w in words.split("|")}))
_LONG_RANGE = re.compile(_words(lx.NOT_EXCEEDING))
# (not "و بیشتر از ۱۳۰۰": "and more than 1,300", another number's qualifier, nor "10 camps
# built at least 50 kilometers away": the next number's)
_AFTER_AT_LEAST = re.compile(
    rf"\s*(?:[^\W\d_]+\s+){{0,3}}?(?:{_words(lx.AT_LEAST_AFTER)}){_W[1]}"
    rf"(?!\s*{_words('از')}{_W[1]})(?!\s*\d)")
_RANGE_LINK = re.compile(rf"\s*(?:-|–|—|to|{_words('تا|الی|إلى|الى')})\s*$|\s*(?:and|و)\s*$")
_RANGE_OPEN = re.compile(rf"{_W[0]}(?:between|from|{_words('بین|بين|از|من')})\s*$")
_SKIP_AFTER = re.compile(rf"[\s-]*(?:%|(?:{_words(lx.NOT_COUNT_AFTER)}){_W[1]})|:\d")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
# ("may" before a number is as often the verb as the month: not read as one here)
_MONTH_BEFORE = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(m for m in _MONTHS if m != 'may')})"
                           r"\s*(?:\d{1,2}\s*(?:-|–|to|and)\s*)?$")
_SKIP_BEFORE = re.compile(rf"(?:[$€£]|{_W[0]}(?:{_words(lx.NOT_COUNT_BEFORE)}))\s*$|\d:$")
# "نه" is "not" as often as nine: "نه تنها", "نه آنکه به آنها شلیک کنند", "نه چیزی بیشتر"
_NOT_A_NUMBER_WORD = re.compile(
    rf"نه\s+(?:{_words('تنها|فقط|چندان|هرگز|آنکه|اینکه|آن|این|چیزی|کسی|هیچ|به|بر|در|از|با')})"
    r"(?![^\W\d_])"
)
_DC_BEFORE = re.compile(r"(?:^|\s)دی[.\s]*$")
# words written with a number that count nothing: "دو جانبه" (bilateral), "دو تابعیتی" (dual
# national), "سه قوه" (the three branches of the state), "هفت سین" (the Nowruz table)
_FA_COMPOUND = re.compile(
    rf"(?:{_words('دو جانبه|دوجانبه|دو تابعیتی|دوتابعیتی|سه قوه|هفت سین|هفتسین')})(?![^\W\d_])"
)
# "هر دو گروه", "هر سه کشور": both, all three, of those named before (no new count)
_EVERY_BEFORE = re.compile(r"(?<![^\W\d_])هر\s*$")
_PEOPLE_AFTER = re.compile(r"\s*(?:نفر|تن)(?![^\W\d_])")
_LIST_NUMBER = re.compile(r"(?:^|\n)[ \t]*$")
# a video's shot list numbers its shots: "2 Wide shot, briefing room", "5 SOUNDBITE (English)"
_SHOT_AFTER = re.compile(
    r"[.)]?[ \t]+(?:wide|med|medium|close|extreme|mid|long|soundbite|cutaway|cutaways|pan|"
    r"tilt|zoom|various|exterior|interior|aerial|tracking|upsot)\b"
)


# a number between two capitalised words in running text is part of a name: "Vision 4 TV",
# "Canal 2 International", "Channel 4 News" (not in a title-case headline, where "Kill 12
# Villagers" is a count: a running sentence has several words in lower case)
_NAME_NUMBER = re.compile(r"(?<![^\W\d_])[A-Z][\w&.+-]*[ ]\d+[ ][A-Z]")
_LOWER_WORD = re.compile(r"(?<![^\W\d_])[a-z]{3,}")


def _in_name(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> bool:
    """The digits at text[start:end] sit between two capitalised words of a name."""
    word = text.rfind(" ", sentence_start, start - 1) + 1
    return (
        word > sentence_start
        and _NAME_NUMBER.match(text, word, min(end + 2, sentence_end)) is not None
        and len(_LOWER_WORD.findall(text, sentence_start, sentence_end)) >= 4
    )


def _in_address(before: str) -> bool:
    """A number in a web address: "DisplayNews.aspx?NewsID=20271&LangID=E"."""
    if not before or before[-1].isspace():
        return False
    word = before.rsplit(None, 1)[-1]
    return "=" in word or "?" in word or "&" in word or "://" in word or "www." in word
# rates and averages divide a count by a period (see the annotation guide)
_NAMED_PERIOD = (
    "ژانویه|فوریه|مارس|آوریل|مه|مى|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر|جنوری|فبروری|"
    "مارچ|اپریل|جون|جولای|اگست|سپتمبر|اکتوبر|نومبر|دسمبر|فروردین|اردیبهشت|خرداد|تیر|مرداد|"
    "شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|گذشته|جاری|اخیر|قبل|پیش|آینده|شنبه|یکشنبه|دوشنبه|"
    "سه‌شنبه|سهشنبه|چهارشنبه|پنجشنبه|پنج‌شنبه|جمعه"
)
_RATE_WORDS = "میانگین|به طور متوسط|بطور متوسط|معدل"
_RATE_BEFORE = re.compile(rf"(?:an\s+average\s+of|on\s+average|{_words(_RATE_WORDS)})\s*$")
_RATE_AFTER = re.compile(
    rf"\s*(?:a|per|each|every|{_words('در|هر')})\s+"
    rf"(?:{_words('day|week|month|hour|روز|هفته|ماه|ساعت|يوم|اليوم')}){_W[1]}"
    # "در ماه فوریه", "در روز جمعه", "در ماه گذشته": in a named or a past period, not per one
    rf"(?!\s*(?:{_words(_NAMED_PERIOD)}){_W[1]})"
)
_DIGIT_RUN = re.compile(r"\d[ \u00a0]+$")
_DIGIT_RUN_AFTER = re.compile(r"[ \u00a0]+\d")
_MONTH_AFTER = re.compile(rf"\s+(?:{'|'.join(_MONTHS)})(?![^\W\d_])")
# standing sizes and other numbers of numbers ("the Council's 47 Member States", "two figures")
_NOT_COUNTED_HEAD = re.compile(r"(?:(?:un\s+)?member\s+states?|figures|digits)$")
# what a number before them counts is no event or people: "two things", "three aspects",
# "two terms", "four critical areas of concern", "13 stitches" (folded)
_ABSTRACT_HEAD = re.compile(
    r"^(?:[\w-]+\s+)?(?:things|aspects|terms|sections|stitches|degrees?|priorities|points|"
    r"ways|reasons|questions|steps|pillars|categories|issues|developments|co-chairs|speakers|"
    # parties (an alliance's standing size: "seven opposition parties called a strike")
    r"parties)"
    r"(?![\w-])")
# the same in Persian, by the first word of what is counted: "هفت حزب عمدۀ مخالف"
_FA_ABSTRACT_HEAD = frozenset(fold(w) for w in ("حزب", "احزاب"))
# "one of those three", "یکی از آن سه نفر": a count named before, not asserted again here
_PARTITIVE_BACK = re.compile(rf"{_W[0]}(?:{_words('of|از|من')})\s+\S+\s*$")
_REFERS_BACK = re.compile(rf"{_W[0]}(?:{_words(lx.REFERS_BACK)})\s*$")
# What the text before a number ends with, but for spaces, when _SKIP_BEFORE's first
# branch, _REFERS_BACK or _RATE_BEFORE finds it (keep in step): each is searched for at
# every character, most texts before a number end in none of them.
_SKIP_BEFORE_ENDS = ("$", "€", "£", *sorted({fold(w) for w in lx.NOT_COUNT_BEFORE.split("|")}))
_REFERS_BACK_ENDS = tuple(sorted({fold(w) for w in lx.REFERS_BACK.split("|")}))
_RATE_BEFORE_ENDS = ("of", "average", *sorted({fold(w) for w in _RATE_WORDS.split("|")}))


def _rate_before(folded: str, lo: int, hi: int) -> bool:
    """`_RATE_BEFORE.search(folded, lo, hi)`, searched only where it can end there."""
    if folded[lo:hi].rstrip().endswith(_RATE_BEFORE_ENDS):
        return _RATE_BEFORE.search(folded, lo, hi) is not None
    return False


def _skip_before(before: str) -> bool:
    """`_SKIP_BEFORE.search(before)`, searched only where it can end `before`."""
    if before.rstrip().endswith(_SKIP_BEFORE_ENDS) or before.endswith((":", ":\n")):
        return _SKIP_BEFORE.search(before) is not None
    return False


@dataclass(frozen=True)
class _Parts:
    qualifier: str
    q_start: int  # folded offset where the figure's text starts
    value: float | None
    low: float | None
    high: float | None


def _qualifier(folded: str, num: Number, clause_start: int) -> tuple[str, int]:
    before = folded[max(clause_start, num.start - 40) : num.start]
    if num.words:  # "more than a thousand": the article belongs to the number
        before = ARTICLE_END.sub("", before)
    tail = before.rstrip()
    found = [
        (m.start(), qualifier)
        for (qualifier, pattern), ends in zip(_BEFORE, _BEFORE_ENDS, strict=True)
        if tail.endswith(ends) and (m := pattern.search(before))
    ] if tail.endswith(_BEFORE_LAST) else []
    if found:  # the longest cue wins: "did not exceed" over "exceed"
        start, qualifier = min(found)
        return qualifier, num.start - len(before) + start
    if _AFTER_AT_LEAST.match(folded, num.end, min(len(folded), num.end + 40)):
        return "at least", num.start
    window = folded[max(clause_start, num.start - 80) : num.start]
    far = _LONG_RANGE.search(window)
    if far and not re.search(r"\d", window[far.end() :]):  # "did not exceed ... 300"
        return "up to", num.start
    return "exact", num.start


_ID_LIST = re.compile(r"[\s,،]*(?:(?:and|و)\s*)?")
_YEAR_QUALIFIERS = (
    "at least|more than|over|about|some|nearly|almost|around|exactly|دست کم|بیش از|حدود|حداقل|"
    "حد اقل"
)
_YEAR_BEFORE = re.compile(rf"(?:{_words(_YEAR_QUALIFIERS)})\s*$")
_PART_OF = re.compile(r"\s+(?:of|از)\s+(?:the\s+)?(?:[^\W\d_][\w’'-]*(?:’s|'s)\s+)?$")


_YEAR_WORD_BEFORE = re.compile(rf"(?<![^\W\d_])(?:{_words('سال|year')})\s*$")


def _year(folded: str, num: Number, before: str) -> bool:
    """A bare four-digit year ("1988 executions", "the 2022 protests") is a date, not a
    count, unless a qualifier says it is one ("at least 1988 people")."""
    raw = folded[num.start : num.end]
    if num.words and num.value is not None and 1900 <= num.value <= 2099 and (
            _YEAR_WORD_BEFORE.search(before)):
        return True  # "در سال دو هزار و چهار", "in the year two thousand and four"
    return (
        num.value is not None
        and not num.words
        and re.fullmatch(r"\d{4}", raw) is not None
        and 1900 <= num.value <= 2099
        and not _YEAR_BEFORE.search(before)
    )


def _part_of(folded: str, numbers: list[Number]) -> dict[int, int]:
    """ "25 of Iran's 31 provinces", "۲۵ از ۳۱ استان": the first number counts what the
    second's noun names. Maps the part's start to the whole's start."""
    out = {}
    for a, b in itertools.pairwise(numbers):
        if (
            a.value is not None
            and b.value is not None
            and a.value < b.value
            and (_PART_OF.fullmatch(folded, a.end, b.start))
        ):
            out[a.start] = b.start
    return out


def _has_noun(folded: str, end: int) -> bool:
    if (of := OF_THE.match(folded, end) or OF_WHOM.match(folded, end)) is not None:
        word = TOKEN.match(folded, of.end())  # not "two of the most egregious ..."
        return bool(word and word.group() not in STOP)
    m = TOKEN.match(folded, end + len(folded[end:]) - len(folded[end:].lstrip()))
    return bool(m and m.group() not in STOP)


# what a bare number's phrase before it may name without saying what is counted
_OF_THEM_AFTER = re.compile(r"\s+(?:of|از|من)\s")
_BARE_COUNT_WORDS = frozenset(fold(w) for w in (
    "number", "figure", "total", "count", "tally", "عدد", "العدد", "رقم", "الرقم", "تعداد",
    "شمار", "آمار"))


# how far before a bare "the number" the figure it refers to may stand (characters)
_REFERRED_REACH = 400


def _named_before(text: str, folded: str, origin: list[int], s_start: int, q_start: int,
                  num_end: int) -> bool:
    """Whether the text names what a small bare number counts before it ("the death toll
    rose to 43", "the number killed at 41"), beyond a bare "number" ("room number 5")."""
    named = counted_before(text, folded, origin, s_start, q_start, num_end)
    # ("three of them": a part of people counted before, left to the rules for those)
    return named is not None and fold(named).strip() not in _BARE_COUNT_WORDS and not (
        _OF_THEM_AFTER.match(folded, num_end))


# a contact line's telephone numbers: "tel.: (509) 510-2563 ext.: 6343"
_PHONE_BEFORE = re.compile(r"(?i)\b(?:tel|telephone|phone|fax|ext)\b\.?:?[\s\d()+/\-.:]*$")
# what joins a second count to the first: "and", "و", with no words of its own between
_JOINED = re.compile(r"[ \t]*[,،]?[ \t]*(?:and|و)[ \t]+")
_JOINED_QUALIFIERS = frozenset(("at least", "more than", "about", "nearly"))


def find_figures(
    doc: Folded,
    dates: list[DateMention],
    layout: Layout,
    max_figures: int = 5_000,
    language: str | None = None,
) -> list[Figure]:
    text, folded, origin = doc.text, doc.folded, doc.origin
    in_date = bytearray(len(text) + 1)
    for d in dates:
        in_date[d.start : d.end] = b"\x01" * (d.end - d.start)
    date_starts = [d.start for d in dates]
    numbers = [
        n
        for n in find_numbers(folded, language, doc.runs, doc.digits)
        if not any(in_date[origin[n.start] : origin[n.end - 1] + 1])
    ]
    figures: list[Figure] = []
    prev: tuple[Number, _Parts] | None = None
    skipped_id: Number | None = None  # the last number set aside as an identifier
    bare: Number | None = None  # the last number set aside for want of a noun after it
    part_of = _part_of(folded, numbers)
    for num in numbers:
        pos = origin[num.start]
        sentence = layout.sentence_at(pos)
        if layout.is_skipped(pos) or sentence is None or layout.in_header(pos):
            continue  # a message's From/Date/Subject lines are metadata, not statements
        if _PHONE_BEFORE.search(text, max(0, pos - 60), pos):
            continue  # "tel.: (509) 510-2563 ext.: 6034-6035": telephone numbers, no counts
        s_start = doc.at(sentence.start)
        before = folded[max(0, num.start - 30) : num.start]
        if (skipped_id is not None and _ID_LIST.fullmatch(folded, skipped_id.end, num.start)) or (
            _year(folded, num, before)
        ):
            skipped_id = num  # "E.O. 13818, 13553 and 13572", "1988 executions": not counts
            continue
        if num.start in part_of.values():
            continue  # "25 of Iran's 31 provinces": 31 is the whole, not a count asserted
        if _skip_before(before):
            skipped_id = num
            continue
        if _NOT_A_NUMBER_WORD.match(folded, num.start) or (
            folded[num.start : num.end] == "سی" and _DC_BEFORE.search(before)
        ):
            continue  # "نه تنها" (not only), "دی.سی" (D.C.): words, not numbers
        if _FA_COMPOUND.match(folded, num.start) or (
            num.value in (2, 3) and _EVERY_BEFORE.search(before)
            and not _PEOPLE_AFTER.match(folded, num.end)  # "هر سه نفر کشته شدند" counts
        ):
            continue
        if (
            prev
            and figures
            and figures[-1].start == origin[prev[1].q_start]
            and _RANGE_LINK.match(link := folded[prev[0].end : num.start])
            and link.strip() not in ("and", "و")
            and _SKIP_AFTER.match(folded, num.end)
        ):
            # "some 30 to 40 kilometers", "۲۰ تا ۳۰ درصد": the first number of a range of
            # distances or shares shares its unit, and is no count either
            figures.pop()
            prev = None
            continue
        if (
            _SKIP_AFTER.match(folded, num.end)
            # "these numbers" refer back; "این چهار مرد", "these four men" write a number
            # ... but "one of those three" is the three named before, not a new count
            or (before.rstrip().endswith(_REFERS_BACK_ENDS) and _REFERS_BACK.search(before) and (
                not _has_noun(folded, num.end) or _PARTITIVE_BACK.search(before)))
            or re.match(r"0\d", folded[num.start : num.start + 2])  # "0430": a time or code
            or _DIGIT_RUN.search(before)  # "+98 21 5555 1234": a phone number, an identifier
            or _DIGIT_RUN_AFTER.match(folded, num.end)
            or _MONTH_AFTER.match(folded, num.end)  # "3 May": a day, whatever the date reader said
            # "March 11-13": days after a month written out ("Since January dozens of ..." is
            # a count)
            or (num.value is not None and num.value <= 31 and _MONTH_BEFORE.search(before))
            or (_LIST_NUMBER.search(before) and (
                re.match(r"[.)]\s", folded[num.end : num.end + 2])
                or _SHOT_AFTER.match(folded, num.end)))
            or _in_address(before)
            or (folded[num.start : num.end].isdigit()
                and _in_name(text, pos, origin[num.end - 1] + 1, sentence.start, sentence.end))
        ):
            continue
        qualifier, q_start = _qualifier(folded, num, s_start)
        if qualifier == "exact" and folded[num.end : num.end + 1] == "+":
            qualifier = "more than"  # "305+ protesters", "7,000+ arrested"
        parts = _Parts(qualifier, q_start, num.value, None, None)
        if num.value is None:
            parts = _Parts("vague", q_start, None, num.vague_min, None)
        link = folded[prev[0].end : num.start] if prev else ""
        ellipsis = _ellipsis(text, folded, origin, num, parts.q_start, figures, sentence.start)
        if (
            prev
            and prev[0].value is not None
            and num.value is not None
            and _RANGE_LINK.match(link)
            and (
                "-" in link
                or "–" in link
                or _RANGE_OPEN.search(folded[max(0, prev[0].start - 12) : prev[0].start])
                or link.strip() not in ("and", "و")
            )
            and prev[0].value < num.value
            and figures
        ):
            figures.pop()
            opener = _RANGE_OPEN.search(folded[max(0, prev[1].q_start - 12) : prev[1].q_start])
            q_from = (
                prev[1].q_start - 12 + opener.start()
                if opener and prev[1].q_start >= 12
                else prev[1].q_start
            )
            parts = _Parts("range", q_from, None, prev[0].value, num.value)
            if prev[1].qualifier not in ("exact",):
                parts = _Parts(prev[1].qualifier, prev[1].q_start, None, prev[0].value, num.value)
        elif (
            bare is not None
            and bare.value is not None
            and num.value is not None
            and bare.value < num.value
            and _RANGE_LINK.match(folded, bare.end, num.start)
            and (folded[bare.end : num.start].strip() not in ("and", "و")
                 # "between 50 and 100 people"
                 or _RANGE_OPEN.search(folded, max(0, bare.start - 12), bare.start))
        ):
            # "پنج تا هفت نفر", "five to seven people": the first number shares the
            # second's noun
            qualifier, q_start = _qualifier(folded, bare, s_start)
            parts = _Parts("range" if qualifier == "exact" else qualifier, q_start, None,
                           bare.value, num.value)
        elif (
            num.value is not None
            and num.start not in part_of
            and (
                num.value < 2
                or (
                    qualifier == "exact"
                    and not _has_noun(folded, num.end)
                    and ellipsis is None
                    and (num.value < 100 or num.words)
                    # "killed 12 people and injured 40": the people before it
                    and not (figures and figures[-1].start >= sentence.start and _and_verbing(
                        text, folded, origin, figures[-1], doc.at(figures[-1].end), s_start,
                        q_start))
                    # "the death toll rose to 43", "put the number killed at 41": named
                    # before it
                    and not _named_before(text, folded, origin, s_start, q_start, num.end)
                )
            )
        ):
            prev, bare = None, num
            continue
        prev, bare = (num, parts), None
        s_end = doc.at(sentence.end)
        counted = part_of.get(num.start)
        # "puts the number at more than 30,000", "العدد يتجاوز 30 ألفاً": what is counted
        # is named before the number
        counts, np_end = counts_after(
            text,
            folded,
            origin,
            num if counted is None else next(n for n in numbers if n.start == counted),
            min(s_end, num.end + 160),
            s_start,
        )
        value = parts.value if parts.qualifier in ("exact", "about", "nearly") else None
        low = (
            parts.low
            if parts.low is not None
            else (parts.value if parts.qualifier in ("at least", "more than") else None)
        )
        high = (
            parts.high
            if parts.high is not None
            else (parts.value if parts.qualifier in ("up to", "fewer than") else None)
        )
        if (counts is None or (" " not in counts and is_event(fold(counts)))) and (
                figures and figures[-1].start >= sentence.start):
            # no noun of its own ("wounding nearly 60", "injured 40"): the one before's
            counts = _and_verbing(text, folded, origin, figures[-1], doc.at(figures[-1].end),
                                  s_start, parts.q_start) or counts
        if counts is None:
            counts = counted_before(text, folded, origin, s_start, parts.q_start, num.end)
            counts = counts or predicate_after(text, folded, origin, num, min(s_end, num.end + 80))
        elif all(fold(w) in CLASSIFIERS for w in counts.split()):
            # "شمار جانباختگان به ۴۴۰ نفر رسید", "the number of detainees rose to 300
            # people": who they are is named before the number
            named = counted_before(text, folded, origin, s_start, parts.q_start, num.end)
            if named is None and (word := hangs_on(folded, s_start, parts.q_start)):
                # "designating 15 individuals", "کشته‌شدن ۳۲۴ نفر", "دستگیری حدود ۹۰ نفر":
                # the word the number's phrase hangs on says what happened to them
                counts = f"{counts} {text[origin[word.start()] : origin[word.end() - 1] + 1]}"
            counts = f"{named} {counts}" if named else counts
        if ellipsis is not None and (counts is None or " " not in counts):
            counts = ellipsis  # (not an event word of the figure before: "killed" of "10")
        elif counts and figures and fold(counts).strip() in _BARE_COUNT_WORDS and (
                origin[parts.q_start] - figures[-1].end < _REFERRED_REACH):
            # "at least 80 people have been executed. ... the figure could be as high as
            # 95": a bare "number" or "figure" is the count given just before
            counts = figures[-1].counts if figures[-1].counts and (
                fold(figures[-1].counts).strip() not in _BARE_COUNT_WORDS) else counts
        if counts and (_NOT_COUNTED_HEAD.search(fold(counts)) or (
                _ABSTRACT_HEAD.match(fold(counts)) if counts.isascii() else (
                    fold(counts).split()[0] in _FA_ABSTRACT_HEAD))):
            continue
        if _rate_before(folded, max(0, parts.q_start - 30), parts.q_start) or (
            _RATE_AFTER.match(folded, doc.at(np_end) if np_end else num.end)
        ):
            continue  # "an average of 9 executions a day": a rate, no count of its own
        start, end = origin[parts.q_start], max(origin[num.end - 1] + 1, np_end)
        qualifier = parts.qualifier
        if (qualifier == "exact" and figures and figures[-1].qualifier in _JOINED_QUALIFIERS
                and figures[-1].end <= start and _JOINED.fullmatch(text, figures[-1].end, start)):
            # "at least 30 dead and 60 injured", "حد اقل هفت تن ... و شش تن": a joined second
            # count takes the first's qualifier (see the annotation guide)
            qualifier = figures[-1].qualifier
            if qualifier in ("at least", "more than"):
                low, value = parts.value, None
        flags = [] if counts else ["counts_unknown"]
        conf = 0.85 - 0.15 * (parts.qualifier == "vague") - 0.2 * (not counts) - 0.05 * num.words
        period = _period(
            dates, date_starts, start, end, sentence, figures[-1].end if figures else 0
        )
        figures.append(
            Figure(
                start,
                end,
                text[start:end],
                value,
                low,
                high,
                qualifier,
                counts,
                period,
                round(conf, 2),
                tuple(flags),
            )
        )
        if len(figures) >= max_figures:
            break
    return figures


_AND_BEFORE = re.compile(r"\s*,?\s*(?:and|و)\s+$")
# what happened to a bare number's people, right after it: "10 were seriously wounded",
# "six have been charged", "another 25 had been lost"
_DONE_AFTER = re.compile(
    r"\s+(?:were|was|had|have|has)\s+(?:also\s+|reportedly\s+|since\s+)?(?:been\s+)?"
    r"(?:(?:seriously|severely|badly|critically|reportedly|also)\s+)?"
    r"(?P<verb>(?!been\b)[a-z]+(?:ed|en)|hurt|held|shot|lost)(?![\w-])")
# a place right after a bare number: "two in Singapore", "15 in Asia-Pacific"; or a time:
# "20,000 children abducted ... – more than 5,000 in the last year alone"
_IN_PLACE = re.compile(r"\s+in\s+(?:the\s+)?[A-Z]|\s+in\s+(?:the\s+)?(?:last|past|previous|"
                       r"first|same)\s+(?:\w+\s+)?(?:year|month|week|day|decade)s?\b"
                       r"|\s+in\s+(?:19|20)\d\d\b")
# a number compared with the one before it, ending the text before it (folded)
_COMPARED = re.compile(
    rf"{_W[0]}(?:compared\s+(?:to|with)|as\s+against|versus|vs\.?|up\s+from|down\s+from|"
    rf"{_words('در مقایسه با|نسبت به')})\s+(?:(?:the|some|about|around|nearly|almost|over|"
    r"more\s+than|fewer\s+than|less\s+than|just)\s+)*$"
)


# "the four": a count given before, referred back to
_DEFINITE_BEFORE = re.compile(r"(?<![\w-])the\s+$")
_SAME_COUNT_REACH = 3000  # characters back to the figure "the N" refers to


def _ellipsis(text: str, folded: str, origin: list[int], num: Number, q_start: int,
              figures: list[Figure], sentence_start: int) -> str | None:
    """What a number with no noun of its own counts when it leaves it out after a figure of
    its sentence: compared with it ("36,000 people rescued ..., compared to 24,000 over the
    same period"), given for another place ("Five prisoners were executed in Kuwait and two
    in Singapore", "seven in Jebla; three in Douma") or with its own verb ("34 people were
    killed, 10 were seriously wounded": the same people, what happened to them); or "the N"
    referring back to a figure of the same value before it ("four civic leaders were
    arrested ... the four were taken"): what that figure counts."""
    if num.value is not None and _DEFINITE_BEFORE.search(folded, max(0, q_start - 6), q_start) and (
            not _has_noun(folded, num.end)):
        at = origin[num.start]
        for f in reversed(figures):
            if at - f.end > _SAME_COUNT_REACH:
                break
            if f.value == num.value and f.counts:
                return f.counts
    if not figures or not figures[-1].counts or figures[-1].start < sentence_start or (
            _has_noun(folded, num.end) and not _IN_PLACE.match(text, origin[num.end - 1] + 1)):
        return None
    after = origin[num.end - 1] + 1
    if _COMPARED.search(folded, max(0, q_start - 40), q_start) or _IN_PLACE.match(text, after):
        return figures[-1].counts
    if (done := _DONE_AFTER.match(text, after)) is not None:
        return f"{figures[-1].counts.split()[0]} {done.group('verb')}"
    return None


def _and_verbing(text: str, folded: str, origin: list[int], before: Figure, before_end: int,
                 clause: int, start: int) -> str | None:
    """ "killing at least 26 people and wounding nearly 60": a number with no noun of its
    own, after "and" and a verb, counts the people the figure before it counted."""
    word = hangs_on(folded, clause, start)
    noun = before.counts.split()[0] if before.counts else ""
    if word is None or fold(noun) not in CLASSIFIERS:
        return None
    if not (is_event(word.group()) or (word.group().isascii() and word.group().endswith("ing"))):
        return None
    if not _AND_BEFORE.fullmatch(folded, before_end, word.start()):
        return None
    return f"{noun} {text[origin[word.start()] : origin[word.end() - 1] + 1]}"


def _period(
    dates: list[DateMention],
    starts: list[int],
    start: int,
    end: int,
    sentence: Sentence,
    previous_figure_end: int,
) -> DateMention | None:
    """The date a figure is for: the first after it in its sentence, else the nearest
    before it and after the previous figure ("251 individuals in 2019, 267 in 2020")."""
    i = bisect.bisect_left(starts, end)
    after = [d for d in dates[i : i + 5] if d.start < sentence.end and d.valid]
    if after:
        return after[0]
    floor = max(previous_figure_end, sentence.start)
    j = bisect.bisect_left(starts, start)
    before = [
        d
        for d in dates[max(0, j - 5) : j]
        if floor <= d.start and d.end <= start and d.valid and start - d.end < 80
    ]
    return before[-1] if before else None
