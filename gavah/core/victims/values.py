"""Reading one cell of a victim list: text, numbers in any digit set, sex, years, dates.

Each reader returns a value or raises `CellError` with the reason a person can act on;
`rows` turns those into problems that name the row and field.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from gavah.core.dates import parse_date
from gavah.core.text import fold

# Cells that mean "nothing recorded" in the lists we see.
EMPTY = frozenset({"", "-", "--", "—", "–", "?", "??", "n/a", "na", "none", "null", "nan",
                   "unknown", "نامعلوم", "نامشخص", "مجهول", "؟"})
_DIGITS = str.maketrans({chr(base + i): str(i) for base in (0x06F0, 0x0660) for i in range(10)}
                        | {"\u066b": ".", "\u066c": "", "\u060c": ","})
_SPACES = re.compile(r"\s+")
_SEX = {
    "male": ("m", "male", "man", "boy", "مرد", "مذکر", "پسر", "ذکر", "ذكر", "رجل", "آقا"),
    "female": ("f", "female", "woman", "girl", "زن", "مونث", "مؤنث", "دختر", "انثی", "أنثى",
               "انثى", "امراه", "امرأة", "خانم"),
}
_SEX_LOOKUP = {fold(word): sex for sex, words in _SEX.items() for word in words}
MIN_AGE, MAX_AGE = 0, 120
GREGORIAN_YEARS = (1850, 2100)
JALALI_YEARS = (1230, 1480)  # Solar Hijri years of the same span
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


class CellError(ValueError):
    """A cell that cannot be read; the message says why."""


def clean(value: object) -> str | None:
    """Cell text with whitespace tidied, or None for an empty cell."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value))
    text = _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()
    return None if fold(text) in EMPTY else text


def ascii_digits(text: str) -> str:
    """Persian and Arabic-Indic digits (and separators) as ASCII."""
    return text.translate(_DIGITS)


def parse_int(text: str, low: int, high: int, what: str) -> int:
    raw = ascii_digits(text).strip()
    if re.fullmatch(r"\d+(\.0+)?", raw) is None:  # spreadsheets write 34 as 34.0
        raise CellError(f"{what} {text!r} is not a whole number")
    number = int(float(raw))
    if not low <= number <= high:
        raise CellError(f"{what} {number} is outside {low}-{high}")
    return number


def parse_age(text: str) -> int:
    return parse_int(text, MIN_AGE, MAX_AGE, "age")


def parse_sex(text: str) -> str:
    sex = _SEX_LOOKUP.get(fold(text).strip(". "))
    if sex is None:
        raise CellError(f"sex {text!r} is not one of: male, female (m/f, مرد/زن, ذكر/أنثى)")
    return sex


@dataclass(frozen=True)
class Year:
    gregorian: int
    calendar: str  # as written: gregorian | jalali


def parse_year(text: str) -> Year:
    """A birth year: Gregorian, or Jalali when in 1230-1480 (the Gregorian year in
    which that Jalali year mostly falls: 1341 -> 1962). A full date gives its year."""
    raw = ascii_digits(text).strip()
    if re.fullmatch(r"\d{4}(\.0+)?", raw):
        year = int(float(raw))
        if GREGORIAN_YEARS[0] <= year <= GREGORIAN_YEARS[1]:
            return Year(year, "gregorian")
        if JALALI_YEARS[0] <= year <= JALALI_YEARS[1]:
            return Year(year + 621, "jalali")
        raise CellError(f"year {year} is neither a Gregorian ({GREGORIAN_YEARS[0]}-"
                        f"{GREGORIAN_YEARS[1]}) nor a Jalali ({JALALI_YEARS[0]}-"
                        f"{JALALI_YEARS[1]}) year")
    date = parse_cell_date(text)
    return Year(int(date.start[:4]), date.calendar)


@dataclass(frozen=True)
class CellDate:
    """A date as a list gives it: the period it names, in Gregorian ISO days."""

    text: str
    start: str
    end: str
    precision: str  # day | month | season | year | decade
    calendar: str  # gregorian | jalali, as written
    flags: tuple[str, ...] = ()


def parse_cell_date(text: str) -> CellDate:
    raw = ascii_digits(text).strip()
    month = _ISO_MONTH.match(raw)
    if month:  # "1988-08": month precision, which parse_date leaves alone
        year, mon = int(month[1]), int(month[2])
        if 1 <= mon <= 12 and GREGORIAN_YEARS[0] <= year <= GREGORIAN_YEARS[1]:
            start = dt.date(year, mon, 1)
            end = (dt.date(year + mon // 12, mon % 12 + 1, 1) - dt.timedelta(days=1))
            return CellDate(text, start.isoformat(), end.isoformat(), "month", "gregorian")
    found = parse_date(text)
    if found is None:
        raise CellError(f"date {text!r} is not readable (expected e.g. 1988-08-15, "
                        "15/08/1988, August 1988, 1367/05/12, ۱۲ مرداد ۱۳۶۷)")
    if found.calendar == "hijri":
        raise CellError(f"date {text!r} is in the lunar Hijri calendar, which is not supported")
    if found.iso_start is None or found.iso_end is None:
        raise CellError(f"date {text!r} does not exist in the {found.calendar} calendar")
    flags = tuple(f for f in found.flags if f != "calendar_guessed")
    return CellDate(text, found.iso_start, found.iso_end, found.precision, found.calendar, flags)
