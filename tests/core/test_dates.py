"""Dates in Gregorian and Jalali calendars, any digits, month names in three languages."""

from __future__ import annotations

import random

import pytest

from gavah.core.dates import find_dates, parse_date

FORMS = [
    ("29 July 1988", "1988-07-29", "1988-07-29", "day", "gregorian"),
    ("July 29, 1988", "1988-07-29", "1988-07-29", "day", "gregorian"),
    ("the 29th of July 1988", "1988-07-29", "1988-07-29", "day", "gregorian"),
    ("July 1988", "1988-07-01", "1988-07-31", "month", "gregorian"),
    ("summer of 1988", "1988-06-21", "1988-09-22", "season", "gregorian"),
    ("1988", "1988-01-01", "1988-12-31", "year", "gregorian"),
    ("1980s", "1980-01-01", "1989-12-31", "decade", "gregorian"),
    ("1988-07-29", "1988-07-29", "1988-07-29", "day", "gregorian"),
    ("29–31 July 1988", "1988-07-29", "1988-07-31", "day", "gregorian"),
    ("between July and September 1988", "1988-07-01", "1988-09-30", "month", "gregorian"),
    ("from 1981 to 1988", "1981-01-01", "1988-12-31", "year", "gregorian"),
    ("between 1981 and 1988", "1981-01-01", "1988-12-31", "year", "gregorian"),
    ("۱۳۶۷", "1988-03-21", "1989-03-20", "year", "jalali"),
    ("مرداد ۱۳۶۷", "1988-07-23", "1988-08-22", "month", "jalali"),
    ("۷ مرداد ۱۳۶۷", "1988-07-29", "1988-07-29", "day", "jalali"),
    ("هفتم مرداد ماه ۱۳۶۷", "1988-07-29", "1988-07-29", "day", "jalali"),
    ("تابستان ۶۷", "1988-06-22", "1988-09-22", "season", "jalali"),
    ("دهه ۶۰", "1981-03-21", "1991-03-20", "decade", "jalali"),
    ("1367/05/07", "1988-07-29", "1988-07-29", "day", "jalali"),
    ("۱۳۶۷/۰۵/۰۷", "1988-07-29", "1988-07-29", "day", "jalali"),
    ("7 Mordad 1367", "1988-07-29", "1988-07-29", "day", "jalali"),
    ("۲۹ ژوئیه ۱۹۸۸", "1988-07-29", "1988-07-29", "day", "gregorian"),
    ("جولای ۱۹۸۸", "1988-07-01", "1988-07-31", "month", "gregorian"),
    ("٣ آب ٢٠٢٣", "2023-08-03", "2023-08-03", "day", "gregorian"),
    ("20 آذار/مارس 2023", "2023-03-20", "2023-03-20", "day", "gregorian"),
    ("تموز/يوليو وأيلول/سبتمبر 1988", "1988-07-01", "1988-09-30", "month", "gregorian"),
    ("صيف عام 1988", "1988-06-21", "1988-09-22", "season", "gregorian"),
    ("15/03/2023", "2023-03-15", "2023-03-15", "day", "gregorian"),
    ("1367 SH", "1988-03-21", "1989-03-20", "year", "jalali"),
]


@pytest.mark.parametrize(("text", "start", "end", "precision", "calendar"), FORMS)
def test_forms(text: str, start: str, end: str, precision: str, calendar: str) -> None:
    found = find_dates(f"It happened in {text}, they said.")
    assert len(found) == 1, found
    date = found[0]
    assert (date.iso_start, date.iso_end, date.precision, date.calendar) == (
        start,
        end,
        precision,
        calendar,
    )
    assert date.valid and date.confidence > 0.3


@pytest.mark.parametrize(
    "text",
    [
        "31 February 1988",
        "30/02/2023",
        "13/13/2020",
        "1988-13-01",
        "۳۰ اسفند ۱۳۶۷",
        "۳۱ اسفند ۱۳۷۰",
    ],
)
def test_impossible_dates_are_flagged_not_dropped(text: str) -> None:
    (date,) = find_dates(text)
    assert date.iso_start is None and not date.valid
    assert "impossible_date" in date.flags and date.confidence <= 0.2


def test_leap_esfand_30_is_valid() -> None:
    (date,) = find_dates("۳۰ اسفند ۱۳۶۶")  # 1366 is a leap year
    assert date.iso_start == "1988-03-20"


@pytest.mark.parametrize(
    "text",
    [
        "You may 5 times say so",
        "1400 people were there",
        "۶۷ نفر",
        "2,800 to 5,000",
        "in 67 cases",
        "Article 1367",
    ],
)
def test_not_dates(text: str) -> None:
    assert [
        d for d in find_dates(text) if (d.valid and d.precision != "year") or d.text == "1367"
    ] == []


def test_spans_point_into_the_original_text() -> None:
    text = "گزارش\u200cها: در ۷ مرداد ۱۳۶۷ و نیز July 1988."
    for date in find_dates(text):
        assert text[date.start : date.end] == date.text
    assert [d.text for d in find_dates(text)] == ["۷ مرداد ۱۳۶۷", "July 1988"]


def test_year_inferred_from_context_and_flagged() -> None:
    dates = find_dates(
        "On 7 Mordad 1367 (29 July 1988) it began; on 6 Mordad he came; until early September."
    )
    by_text = {d.text.rstrip("."): d for d in dates}
    assert (
        by_text["6 Mordad"].iso_start == "1988-07-28"
        and "year_inferred" in by_text["6 Mordad"].flags
    )
    assert by_text["September"].iso_start == "1988-09-01"
    (alone,) = find_dates("until early September")
    assert alone.iso_start is None and "no_year" in alone.flags


def test_calendar_guess_is_flagged_outside_persian_context() -> None:
    (date,) = find_dates("Fewer than 300 were punished in 1367.")
    assert date.calendar == "jalali" and "calendar_guessed" in date.flags and date.confidence < 0.5


def test_lunar_hijri_is_reported_unsupported() -> None:
    (date,) = find_dates("سنة 1409 هـ")
    assert date.calendar == "hijri" and "unsupported_calendar" in date.flags and not date.valid


def test_parse_date_whole_string() -> None:
    parsed = parse_date(" مرداد ۱۳۶۷ ")
    assert parsed is not None and parsed.precision == "month"
    assert parse_date("not a date") is None


def test_junk_never_crashes_and_is_deterministic() -> None:
    rng = random.Random(7)
    alphabet = '0123456789۰۱۲۳۴۵۶۷۸۹٠١٢/-.,: abcJulyمردادتیرآذار\u200c\u202b\u202c«»"ـ'
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert find_dates(text) == find_dates(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # "May" and "March" are words too: a day before them and a date's place make them dates
        ("In 2021, on 3 May, 40 prisoners were moved.", ["2021", "3 May"]),
        ("In 2021 it lasted until 12 March.", ["2021", "12 March"]),
        ("In 2021 these 3 may be moved.", ["2021"]),
        # after a comma only a four-digit year: not May 1940
        ("On 3 May, 40 people came.", ["3 May"]),
        ("On 3 May, 1988 they came.", ["3 May, 1988"]),
    ],
)
def test_day_and_wordy_month(text: str, found: list[str]) -> None:
    assert [d.text.rstrip(".") for d in find_dates(text)] == found


def test_parse_date_reads_a_bare_year_month() -> None:
    from gavah.core.dates import parse_date

    july = parse_date("1988-07")
    assert july is not None and (july.iso_start, july.iso_end, july.precision) == (
        "1988-07-01", "1988-07-31", "month")
    mordad = parse_date("۱۳۶۷/۰۵")
    assert mordad is not None and mordad.calendar == "jalali"
    assert (mordad.iso_start, mordad.iso_end) == ("1988-07-23", "1988-08-22")
    bad = parse_date("1988-13")
    assert bad is not None and not bad.valid and "impossible_date" in bad.flags
