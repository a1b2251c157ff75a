"""What a figure counts, from failure causes on the development corpus (issue 14, the
session after blind26 joined it), as general rules phrased differently from where they
were found. All places, bodies and events here are FICTIONAL."""

from __future__ import annotations

import pytest

from gavah.core.extract import extract
from tests.core.extract.claim_views import counts_by_text

_counts = counts_by_text


@pytest.mark.parametrize(
    ("text", "figure", "counts"),
    [
        # an event named by its noun right before "of" and the number
        ("The fighting caused the displacement of more than 4,000 people from the valley.",
         "more than 4,000 people", "people displacement"),
        ("Witnesses described the massacre of over 300 people in the market town.",
         "over 300 people", "people massacre"),
        # a participle not in -ed after an auxiliary
        ("The clinic said 140 people had been taken to hospital overnight.",
         "140 people", "people taken"),
        # an abduction is an event
        ("They were among more than 90 people from a fishing village abducted in March.",
         "more than 90 people", "people abducted"),
    ],
)
def test_bare_people_take_the_event_their_sentence_names(
    text: str, figure: str, counts: str
) -> None:
    assert _counts(text)[figure] == counts


def test_an_event_noun_across_a_comma_is_not_what_the_number_counts() -> None:
    text = ("After a year of arbitrary detention, dozens of individuals who had been arrested "
            "at the rally are on trial.")
    assert _counts(text)["dozens of individuals"] == "individuals arrested"


def test_people_named_with_their_place_are_counted_with_it() -> None:
    found = _counts("The monitors are worried about the 82 people from Eastmarch. "
                    "Some 7,000 people in Port Avel remain without water.")
    assert found["82 people from Eastmarch"] == "people from Eastmarch"
    assert found["Some 7,000 people in Port Avel"] == "people in Port Avel"


def _values(text: str) -> dict[str, tuple[float | None, float | None]]:
    result = extract(text, publisher="Meridian Wire")
    return {c.text: (c.figure.value, c.figure.min) for c in result.claims
            if c.kind == "figure" and c.figure}


def test_a_number_of_dozens_and_a_typographic_apostrophe_separator() -> None:
    found = _values("Police held some two dozen students. The court heard that over 120’000 "
                    "lives were lost.")
    assert found["some two dozen students"] == (24.0, None)
    assert found["over 120’000 lives"] == (None, 120000.0)


def test_a_persian_noun_phrase_ends_where_the_next_number_begins() -> None:
    # "in two markets of Tarmin approximately 80 people were killed": the markets are two,
    # the killed are 80, and neither phrase runs into the other
    found = _values("در اثر انفجار در دو بازار تارمین تقریباً ۸۰ نفر کشته شدند.")
    assert found["دو بازار تارمین"] == (2.0, None)
    assert found["تقریباً ۸۰ نفر"] == (80.0, None)


@pytest.mark.parametrize(
    "text",
    [
        "The camp lies some 30 to 40 kilometers from the front line.",  # a range of distances
        "The agencies appealed for USD 64.5 million for the region.",  # money by its code
        "He was held in police custody March 11-13 without charge.",  # days of a month
    ],
)
def test_numbers_that_count_nothing(text: str) -> None:
    assert _values(text) == {}


def test_a_count_after_a_month_is_still_a_count() -> None:
    assert _values("In March 300 people marched to the court.") == {
        "300 people marched": (300.0, None)}


@pytest.mark.parametrize(
    "text",
    [
        "شمار تلفات هر دو گروه را شامل می‌شود.",  # both groups: no new count
        "آنها این موضوع را بطور دو جانبه بررسی کردند.",  # bilateral
        "از بازداشت شهروندان دو تابعیتی خبر دادند.",  # dual nationals
        "او گفت از تصمیم سه قوه حمایت می‌کند.",  # the three branches of the state
    ],
)
def test_persian_words_written_with_a_number_that_count_nothing(text: str) -> None:
    assert _values(text) == {}


def test_all_three_people_is_still_a_count() -> None:
    assert _values("هر سه نفر در این حمله کشته شدند.") == {"سه نفر": (3.0, None)}
