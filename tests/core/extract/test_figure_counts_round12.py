"""Figures from blind27's errors after its run (issue 14), as general rules phrased
differently from where they were found. All places, bodies and events here are FICTIONAL."""

from __future__ import annotations

from gavah.core.dates import find_dates
from gavah.core.extract import extract


def _figures(text: str) -> dict[str, str | None]:
    result = extract(text, publisher="Meridian Wire")
    return {c.text: c.figure.counts for c in result.claims if c.kind == "figure" and c.figure}


def test_a_number_inside_a_broadcaster_or_unit_name_is_no_figure() -> None:
    text = ("Regional outlets, among them Orbit 7 Radio and Harbour 3 Network, said that at "
            "least 25 fishermen were detained near the fictional port of Lumenhaven.")
    assert set(_figures(text)) == {"at least 25 fishermen"}


def test_a_title_case_headline_still_counts() -> None:
    # a headline has few words in lower case: "Seize 14 Farmers" is a count there
    assert "14 Farmers" in _figures("Militias Seize 14 Farmers In Fictional Valdoria Raid")


def test_a_persian_massacre_before_a_number_is_no_two_digit_year() -> None:
    # "قتل عام" (massacre) ends in the word the Arabic script uses for "year"
    text = "ناظران سازمان خیالی ارتش را مسئول قتل عام ۱۲ کارمند یک انجمن امدادی می‌دانند."
    assert find_dates(text) == []
    assert any(k.startswith("۱۲ کارمند") for k in _figures(text))
    # "سال ۹۸" is still a year
    assert [d.precision for d in find_dates("در سال ۹۸ بازداشت شد")] == ["year"]


def test_persian_including_names_some_of_those_counted_not_who_they_are() -> None:
    text = "گزارش خیالی می‌گوید دست کم ۹ نفر از جمله دو زن در روستای ورناوه کشته شدند."
    figures = _figures(text)
    assert "دست کم ۹ نفر" in figures
    assert not any("جمله" in k for k in figures)
    # "هزاران تن از شهروندان": "از" still says who they are
    assert "شهروندان" in (_figures("هزاران تن از شهروندان خیالی بازداشت شدند.")
                          .get("هزاران تن از شهروندان خیالی بازداشت") or "")
