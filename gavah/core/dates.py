"""Dates in text: Gregorian and Jalali (Solar Hijri), digits in any script, month names in
English, Persian and Arabic (Egyptian, Levantine and Maghreb names), seasons, years,
decades and ranges, each normalised to ISO with its precision and its original span.

Matching runs on `fold`ed text (one digit set, one spelling per letter), and spans are
mapped back to the original. Impossible dates (31 February, month 13, Esfand 31) are
returned flagged with no ISO value, never raised. Two-digit Jalali years ("تابستان ۶۷")
are read only next to a Persian month, season or "سال"/"دهه".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import jdatetime

from gavah.core.errors import BadInput
from gavah.core.text import (
    digit_runs,
    first_words,
    fold,
    fold_with_map,
    letter_runs,
    matches_at,
    original_span,
    run_starts,
)
from gavah.core.text import trie_alternation as _alt

PRECISIONS = ("day", "month", "season", "year", "decade")


@dataclass(frozen=True)
class DateMention:
    start: int  # [start, end) in the original text
    end: int
    text: str
    iso_start: str | None  # first Gregorian day of the period; None if impossible/unknown
    iso_end: str | None  # last Gregorian day
    precision: str  # one of PRECISIONS
    calendar: str  # as written: "gregorian" or "jalali"
    confidence: float
    flags: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return self.iso_start is not None


def _split(spec: str) -> list[str]:
    return spec.split()


# calendar, month number, names ("|"-separated; English, Persian, Arabic: Egyptian, Levantine,
# Maghreb). Data, folded once at import.
_MONTH_SPEC = """
gregorian 1 january|jan|ژانویه|يناير|جانفي|كانون الثاني
gregorian 2 february|feb|فوریه|فبراير|فيفري|شباط
gregorian 3 march|mar|مارس|آذار
gregorian 4 april|apr|آوریل|أبريل|ابريل|إبريل|أفريل|نيسان
gregorian 5 may|مه|مايو|ماي|أيار
gregorian 6 june|jun|ژوئن|يونيو|يونيه|جوان|حزيران
gregorian 7 july|jul|ژوئیه|جولای|يوليو|يوليه|جويلية|تموز
gregorian 8 august|aug|اوت|آگوست|أغسطس|اغسطس|أوت|آب
gregorian 9 september|sept|sep|سپتامبر|سبتمبر|أيلول
gregorian 10 october|oct|اکتبر|أكتوبر|اكتوبر|تشرين الأول
gregorian 11 november|nov|نوامبر|نوفمبر|تشرين الثاني
gregorian 12 december|dec|دسامبر|ديسمبر|كانون الأول
jalali 1 فروردین|farvardin
jalali 2 اردیبهشت|ordibehesht
jalali 3 خرداد|khordad
jalali 4 تیر|tir
jalali 5 مرداد|امرداد|mordad|amordad
jalali 6 شهریور|shahrivar
jalali 7 مهر|mehr
jalali 8 آبان|aban
jalali 9 آذر|azar
jalali 10 دی|dey|dei
jalali 11 بهمن|bahman
jalali 12 اسفند|esfand|isfand
"""
_MONTHS: dict[str, tuple[int, str]] = {
    fold(name): (int(month), calendar)
    for calendar, month, names in (line.split(" ", 2) for line in _MONTH_SPEC.strip().splitlines())
    for name in names.split("|")
}
# Month names that are also common words: accepted only with a day or a year.
_WORDY = {fold(w) for w in _split("may march mar jan dec sep oct nov apr jun jul aug feb tir mehr "
                                   "dey dei azar تیر مهر دی مه ماي آب بهمن أوت اوت")}
_SEASON_SPEC = (
    "spring|بهار|ربيع",
    "summer|تابستان|صيف",
    "autumn|fall|پاییز|پائیز|خریف|خريف",
    "winter|زمستان|شتاء",
)
_SEASONS = {fold(w): i for i, names in enumerate(_SEASON_SPEC) for w in names.split("|")}
_PERSIAN_SEASONS = {fold(w) for w in _split("بهار تابستان پاییز پائیز زمستان")}
# Persian ordinal day words: هفتم مرداد = 7 Mordad.
_UNITS = _split("یکم|اول دوم سوم چهارم پنجم ششم هفتم هشتم نهم")
_TEENS = _split("دهم یازدهم دوازدهم سیزدهم چهاردهم پانزدهم شانزدهم هفدهم هجدهم نوزدهم")
_ORDINALS = {fold(w): i + 1 for i, ws in enumerate(_UNITS) for w in ws.split("|")}
_ORDINALS |= {fold(w): 10 + i for i, w in enumerate(_TEENS)}
_ORDINALS |= {fold(f"بیست و {w}"): 21 + i for i, ws in enumerate(_UNITS) for w in ws.split("|")}
_ORDINALS |= {fold(w): n for w, n in (("هیجدهم", 18), ("بیستم", 20), ("سی\u200cام", 30),
                                      ("سی ام", 30), ("سی و یکم", 31))}


# fmt: off
_B, _E = r"(?<![^\W\d_])", r"(?![^\W\d_])"  # letter boundaries that let digits touch ("in1988")
_M = rf"{_B}(?P<m>{_alt(_MONTHS)}){_E}\.?(?:\s*[/(]\s*(?P<m2>{_alt(_MONTHS)})\)?)?"
_Y = r"(?P<y>(?<!\d)\d{4}(?!\d)|(?<![\d,.])\d{2}(?!\d|[,.]\d))"
_D = rf"(?P<d>(?<![\d,.])\d{{1,2}}(?!\d)(?:st|nd|rd|th)?|{_alt(_ORDINALS)})"
_SEP = r"\s*(?:-|–|—|to|and|through|until|till|تا|الی|و|إلى|الى|حتى|\bو)\s*"
# After a comma only a four-digit year: "on 3 May, 40 prisoners" is not May 1940.
_YEAR_GAP = r"(?:\s*,\s*(?=\d{4}(?!\d))|\s*)"
_YEAR_MARK = rf"(?:\s*(?:{_alt(['ماه', 'سال', 'عام', 'سنة'])}))*"
# Readings, most specific first; overlaps go to the longest match, then the earliest here.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(p)) for name, p in [
    ("ymd", r"(?<![\d/.-])(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d/-]|\.\d)"),
    ("dmy", r"(?<![\d/.-])(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})(?![\d/])"),
    ("day_month", rf"{_D}(?:{_SEP}(?P<d2>\d{{1,2}}))?\s*(?:of\s+)?{_M}{_YEAR_MARK}"
                  rf"(?:{_YEAR_GAP}{_Y})?"),
    ("month_day", rf"{_M}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
                  rf"(?:\s*,?\s*(?P<y>\d{{4}})(?!\d))?"),
    ("month_range", rf"{_M}{_SEP}(?P<mb>{_alt(_MONTHS)})(?:\s*[/(]\s*(?:{_alt(_MONTHS)})\)?)?"
                    rf"{_YEAR_MARK}\s*,?\s*{_Y}"),
    ("month", rf"{_M}{_YEAR_MARK}(?:{_YEAR_GAP}(?:of\s+)?{_Y})?"),
    ("season", rf"{_B}(?P<s>{_alt(_SEASONS)}){_E}{_YEAR_MARK}\s*(?:of\s+)?(?:the\s+year\s+)?{_Y}"),
    ("decade", rf"(?:{_B}(?:دهه|decade)\s*(?P<dy>\d{{2}}|\d{{4}})(?!\d))|"
               rf"(?<!\d)(?P<dc>\d{{3}}0)'?s{_E}"),
    ("year_range", r"(?:(?<![^\W\d_])(?:between|بین|بين)\s+(?P<y>\d{4})\s*(?:and|و)\s*|(?<![\d,.])"
                   r"(?P<ya>\d{4})\s*(?:-|–|—|to|until|تا|الی|إلى|حتى)\s*)(?P<y2>\d{4})(?!\d|[,.]\d)"),
    # "قتل عام ۱۷ کارمند" (Persian: the massacre of 17 employees) is no year 17
    ("year", rf"(?:(?P<pre>{_B}(?:سال|(?<!قتل\s)عام|سنة|year)\s*)(?P<y2d>\d{{2}})(?![\d,.])|"
             r"(?<![\d,.])(?P<y>\d{4})(?!\d|[,.]\d))"),
]]
# What every match of a reading holds, found by a scan that skips to its first character
# (the readings open with a look-behind, which makes the engine try every position): a
# text without it is not scanned for the reading. Keep in step with _PATTERNS.
_HOLDS = {
    "ymd": re.compile(r"\d[-/.]\d"),
    "dmy": re.compile(r"\d[/.]\d"),
}
_DECADE_HOLDS = ("دهه", "decade", "0s", "0's")  # what every "decade" match holds
# Where a match of a reading can start, for the readings that open with a look-behind and
# then digits or one of a few words: the scan jumps from one such place to the next instead
# of trying every character. Keep in step with _PATTERNS.
_STARTS: dict[str, frozenset[str]] = {
    "ymd": frozenset(),
    "dmy": frozenset(),
    "decade": first_words(["دهه", "decade"]),
    "year_range": first_words(["between", "بین", "بين"]),
    "year": first_words(["سال", "عام", "سنة", "year"]),
}


# The readings that open with _B and a month or season name start only where a run of
# letters that is a name's first word starts (`letter_runs`); "day_month" opens with a
# day, written in digits or (in Persian, so never in ASCII text) as an ordinal word.
_NAME_STARTS = {
    "month_day": first_words(_MONTHS),
    "month_range": first_words(_MONTHS),
    "month": first_words(_MONTHS),
    "season": first_words(_SEASONS),
}
assert not any(w.isascii() for w in _ORDINALS)
_IDENTIFIER_BEFORE = re.compile(r"(?:article|no\.?|number|resolution|case|ماده|شماره|قطعنامه|"
                                r"المادة|القرار|رقم)\s*$")
_COUNT_NOUN = re.compile(r"\s*(?:people|persons|prisoners|victims|individuals|executions|members|"
                         r"نفر|زندانی|شخص|سجین|اعدام)", re.I)
_JALALI_MARK = re.compile(r"^\s*(?:ش(?![^\W\d_])|ه\s*\.?\s*ش|هجری شمسی|شمسی|خورشیدی|sh\b|"
                          r"a\.?p\.?\b|solar hijri)")
_LUNAR_MARK = re.compile(r"^\s*(?:ه(?:\s*\.?\s*ق)?(?![^\W\d_])|هجری قمری|قمری|ah\b|a\.h\.)")
_PERSIAN_LETTERS = re.compile("[پچژگ]")
# Jalali month names no word shares: one of them as a whole run of letters marks the text
_JALALI_NAMES = frozenset(n for n, (_, c) in _MONTHS.items()
                          if c == "jalali" and n not in _WORDY and len(n) > 3)
assert all(re.fullmatch(r"[^\W\d_]+", n) for n in _JALALI_NAMES)
# fmt: on


@lru_cache(maxsize=4096)  # jdatetime converts in Python; texts name the same few dates
def _jalali_iso(y: int, m: int, d: int) -> str:
    return jdatetime.date(y, m, d).togregorian().isoformat()


@lru_cache(maxsize=4096)
def _jalali_leap(y: int) -> bool:
    return bool(jdatetime.date(y, 1, 1).isleap())


def _month_len(calendar: str, y: int, m: int) -> int:
    if calendar == "jalali":
        return 31 if m <= 6 else 30 if m <= 11 or _jalali_leap(y) else 29
    return ((dt.date(y + m // 12, m % 12 + 1, 1)) - dt.timedelta(days=1)).day


def _iso(calendar: str, y: int, m: int, d: int) -> str:
    if calendar == "jalali":
        return _jalali_iso(y, m, d)
    return dt.date(y, m, d).isoformat()


@dataclass
class _Reading:
    kind: str
    calendar: str
    precision: str
    y: int | None  # None: year to infer from the text before
    m: int = 1
    d: int = 1
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    confidence: float = 0.9
    flags: tuple[str, ...] = ()


# Gregorian seasons (northern hemisphere, astronomical): (start month, day), (end month, day).
_SEASON_BOUNDS = (((3, 20), (6, 20)), ((6, 21), (9, 22)), ((9, 23), (12, 20)), ((12, 21), (3, 19)))


def _period(r: _Reading) -> tuple[str, str]:
    """ISO start and end of what a reading denotes; ValueError for impossible dates."""
    cal, y, m = r.calendar, r.y or 0, r.m
    y2, m2 = (y if r.y2 is None else r.y2), (r.m2 or m)
    if not 1 <= m <= 12 or not 1 <= m2 <= 12:
        raise ValueError("month out of range")
    if r.precision == "day":
        return _iso(cal, y, m, r.d), _iso(cal, y2, m2, r.d2 or r.d)
    if r.precision == "month":
        return _iso(cal, y, m, 1), _iso(cal, y2, m2, _month_len(cal, y2, m2))
    if r.precision == "season" and cal == "jalali":  # m is the season: 0 = spring
        return _iso(cal, y, 3 * m + 1, 1), _iso(cal, y, 3 * m + 3, _month_len(cal, y, 3 * m + 3))
    if r.precision == "season":
        (m1, d1), (m3, d3) = _SEASON_BOUNDS[m]
        return dt.date(y, m1, d1).isoformat(), dt.date(y + (m == 3), m3, d3).isoformat()
    last = y2 + (9 if r.precision == "decade" else 0)
    return _iso(cal, y, 1, 1), _iso(cal, last, 12, _month_len(cal, last, 12))


def _year(raw: str, persian_ctx: bool, jalali_ctx: bool) -> tuple[int, str, tuple[str, ...]] | None:
    y = int(raw)
    if len(raw) == 2:
        if not persian_ctx:
            return None
        return (1300 + y if y >= 20 else 1400 + y), "jalali", ("two_digit_year",)
    if 1800 <= y <= 2200:
        return y, "gregorian", ()
    if 1250 <= y <= 1499:  # Solar Hijri years of the 19th-21st centuries
        return y, "jalali", () if jalali_ctx else ("calendar_guessed",)
    return None


def _read(kind: str, m: re.Match[str], folded: str, jalali_ctx: bool) -> _Reading | None:
    """How a match reads as a date, before validation; None when it is not a date."""
    g = m.groupdict()
    after = folded[m.end() : m.end() + 20]
    month = _MONTHS.get(g.get("m") or "")
    if kind == "season":
        persian_ctx = g["s"] in _PERSIAN_SEASONS
    elif kind == "year":
        persian_ctx = bool(g.get("pre")) and "year" not in g["pre"]
    else:
        persian_ctx = kind == "decade" or bool(month and month[1] == "jalali")
    raw = g.get("y") or g.get("ya") or g.get("y2d") or g.get("dy")
    year = _year(raw, persian_ctx, jalali_ctx) if raw else None
    if raw and year is None:
        return None
    if _LUNAR_MARK.match(after):
        return _Reading(kind, "hijri", "year", None, confidence=0.3,
                        flags=("unsupported_calendar",))
    y, calendar = (year[0], year[1]) if year else (None, "gregorian")
    flags: tuple[str, ...] = year[2] if year else ()
    if year and _JALALI_MARK.match(after):
        calendar, flags = "jalali", tuple(f for f in flags if f != "calendar_guessed")
    if kind in ("ymd", "dmy"):
        mo, d = int(g["m"]), int(g["d"])
        if kind == "dmy" and mo > 12 >= d:
            mo, d = d, mo  # month/day/year written US-style
        elif kind == "dmy" and mo <= 12 and d <= 12 and mo != d:
            flags += ("day_month_ambiguous",)
        conf = 0.9 - 0.1 * len(flags)
        return _Reading(kind, calendar, "day", y, mo, d, confidence=conf, flags=flags)
    if kind in ("year", "year_range"):
        if _IDENTIFIER_BEFORE.search(folded[max(0, m.start() - 14) : m.start()]):
            return None  # "Article 1367", "ماده ۱۳۶۷"
        if _COUNT_NOUN.match(after) or (kind == "year_range" and int(g["y2"]) <= (y or 0)):
            return None
        conf = 0.4 if "calendar_guessed" in flags else 0.75
        y2 = int(g["y2"]) if kind == "year_range" else None
        return _Reading(kind, calendar, "year", y, y2=y2, confidence=conf, flags=flags)
    if kind == "decade":
        if g.get("dc"):
            return _Reading(kind, "gregorian", "decade", int(g["dc"]), confidence=0.7)
        decade = (y or 0) - (y or 0) % 10
        return _Reading(kind, calendar, "decade", decade, confidence=0.7, flags=flags)
    if kind == "season":
        return _Reading(kind, calendar, "season", y, _SEASONS[g["s"]], confidence=0.85, flags=flags)
    assert month is not None
    mo, month_calendar = month
    if g.get("m2") and _MONTHS[g["m2"]][0] != mo:
        flags += ("month_names_disagree",)
    if year and calendar != month_calendar:
        flags += ("year_calendar_mismatch",)
    flags = tuple(f for f in flags if f != "calendar_guessed")  # the month name fixes it
    if kind in ("month", "month_range"):
        m2 = _MONTHS[g["mb"]][0] if kind == "month_range" else None
        return _Reading(kind, month_calendar, "month", y, mo, m2=m2, confidence=0.85, flags=flags)
    d = _ORDINALS.get(g["d"]) or int(re.sub(r"\D", "", g["d"]))
    d2 = int(g["d2"]) if g.get("d2") else None
    return _Reading(kind, month_calendar, "day", y, mo, d, d2=d2, confidence=0.95, flags=flags)


_DAY_BEFORE = re.compile(r"(?:\bon|\bby|since|until|till|from|\bof|در|از|تا|فی|منذ|حتی)\s*$")
_MONTH_ALONE_OK = re.compile(
    r"(?:\bin|\bof|since|until|till|\bby|early|late|mid|end|در|از|تا|پایان|"
    r"اواخر|اوایل|اواسط|ابتدای|فی|منذ|حتی)\s*-?$"
)


def _acceptable(kind: str, m: re.Match[str], folded: str) -> bool:
    """Reject readings where a month name is more likely a plain word ("may", "تیر")."""
    g = m.groupdict()
    if kind == "month" and not g.get("y"):
        before = folded[max(0, m.start() - 12) : m.start()].rstrip()
        return g["m"] not in _WORDY and bool(_MONTH_ALONE_OK.search(before))
    if kind in ("day_month", "month_day") and not g.get("y"):
        if g["m"] not in _WORDY:
            return True
        # "on 3 May, ...", "until 12 March." are dates; "these 3 may be" is not
        before = folded[max(0, m.start() - 12) : m.start()].rstrip()
        after = folded[m.end() : m.end() + 2].lstrip(" ")
        return bool(_DAY_BEFORE.search(before)) or after[:1] in ("", ",", ".", ";", ")", "\n")
    return True


def _infer_year(reading: _Reading, last: str | None) -> _Reading:
    if reading.y is not None or reading.calendar == "hijri":
        return reading
    if last is None:
        return _Reading(
            **{**reading.__dict__, "confidence": 0.3, "flags": (*reading.flags, "no_year")}
        )
    greg = dt.date.fromisoformat(last)
    y = jdatetime.date.fromgregorian(date=greg).year if reading.calendar == "jalali" else greg.year
    return _Reading(
        **{
            **reading.__dict__,
            "y": y,
            "confidence": 0.5,
            "flags": (*reading.flags, "year_inferred"),
        }
    )


def find_dates(
    text: str,
    *,
    language: str | None = None,
    max_dates: int = 10_000,
    folded_map: tuple[str, list[int]] | None = None,
    runs: dict[str, list[int]] | None = None,
    digits: list[int] | None = None,
) -> list[DateMention]:
    """All dates in `text`, in text order, non-overlapping (the longest reading wins).
    A date without a year ("6 Mordad", "early September") takes the year of the last
    dated mention before it, flagged "year_inferred". `folded_map` is `fold_with_map(text)`
    and `runs` and `digits` are `letter_runs` and `digit_runs` of the folded text, when the
    caller has them already."""
    folded, origin = folded_map or fold_with_map(text)
    if runs is None:
        runs = letter_runs(folded)
    jalali_ctx = language == "fa" or bool(
        _PERSIAN_LETTERS.search(folded) or not _JALALI_NAMES.isdisjoint(runs)
    )
    # matches before they are read: a reading is worked out only for a match that no
    # longer one (or an earlier reading of the same length) has covered; one that reads
    # as no date covers nothing, as if it had never matched
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    has_ymd = False
    for rank, (kind, pattern) in enumerate(_PATTERNS):
        holds = _HOLDS.get(kind)
        if holds is not None and ((kind == "dmy" and not has_ymd) or not holds.search(folded)):
            continue  # every "dmy" match holds what "ymd" looks for
        if kind == "ymd":
            has_ymd = True
        if kind == "decade" and not any(word in folded for word in _DECADE_HOLDS):
            continue
        if kind in _NAME_STARTS:
            matches = matches_at(pattern, folded, run_starts(runs, _NAME_STARTS[kind]))
        elif kind in _STARTS or (kind == "day_month" and folded.isascii()):
            if digits is None:
                digits = digit_runs(folded)
            words = _STARTS.get(kind, frozenset())
            starts = sorted({*digits, *run_starts(runs, words)}) if words else digits
            matches = matches_at(pattern, folded, starts)
        else:
            matches = pattern.finditer(folded)
        candidates += [(m.start(), m.end(), rank, kind, m) for m in matches
                       if m.end() > m.start()]
    chosen: list[tuple[int, int, int, _Reading]] = []
    taken = bytearray(len(folded) + 1)
    for start, end, rank, kind, m in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if any(taken[start:end]) or not _acceptable(kind, m, folded):
            continue
        reading = _read(kind, m, folded, jalali_ctx)
        if reading is not None:
            chosen.append((start, end, rank, reading))
            taken[start:end] = b"\x01" * (end - start)
    out: list[DateMention] = []
    last: str | None = None
    for start, end, _, reading in sorted(chosen, key=lambda c: c[0])[:max_dates]:
        reading = _infer_year(reading, last)
        flags, conf = reading.flags, reading.confidence
        iso: tuple[str, str] | None = None
        if reading.y is not None and "year_calendar_mismatch" not in flags:
            try:
                iso = _period(reading)
            except ValueError:
                flags, conf = (*flags, "impossible_date"), 0.2
        elif reading.y is not None:
            conf = 0.2
        s, e = original_span(origin, start, end)
        iso_start, iso_end = iso if iso else (None, None)
        out.append(DateMention(s, e, text[s:e], iso_start, iso_end, reading.precision,
                               reading.calendar, round(min(conf, 0.99), 2), flags))
        if iso and "year_inferred" not in flags and reading.precision != "decade":
            last = iso[0]
    return out


_YEAR_MONTH = re.compile(r"^(\d{4})[-/](\d{1,2})$")


def parse_date(text: str, *, language: str | None = None) -> DateMention | None:
    """The one date that spans all of `text` (stripped), or None. A bare year-month
    ("1988-07", "1367/05"), which running text never uses alone, is read here too:
    years 1300-1499 as Jalali, others as Gregorian."""
    text = text.strip()
    numeric = _YEAR_MONTH.match(fold(text))
    if numeric:
        year, month = int(numeric.group(1)), int(numeric.group(2))
        calendar = "jalali" if 1300 <= year < 1500 else "gregorian"
        if not 1 <= month <= 12:
            return DateMention(0, len(text), text, None, None, "month", calendar, 0.3,
                               ("impossible_date",))
        return DateMention(0, len(text), text, _iso(calendar, year, month, 1),
                           _iso(calendar, year, month, _month_len(calendar, year, month)),
                           "month", calendar, 0.8,
                           ("calendar_guessed",) if calendar == "jalali" else ())
    found = find_dates(text, language=language)
    return found[0] if len(found) == 1 and found[0].text == text else None


def read_date(text: str | None, field: str) -> DateMention | None:
    """A date a person typed into `field` (any calendar, script or precision): None when
    empty, BadInput naming the field when it cannot be read or cannot exist."""
    if not text or not text.strip():
        return None
    found = parse_date(text)
    if found is None or not found.valid:
        raise BadInput(f"cannot read {text!r} as a date", field=field)
    return found
