"""What a figure counts, from failure causes found on the development corpus (issue 14, the
twelfth session's follow-up), as general rules phrased differently from where they were
found. All places, organisations and numbers here are FICTIONAL."""

from __future__ import annotations

from gavah.core.extract import extract
from tests.core.extract.claim_views import counts_by_text

_counts = counts_by_text


# an event word in the sentence before is not what the next sentence's figure counts
def test_an_event_of_the_sentence_before_is_not_the_figures() -> None:
    counts = _counts("A record 40,000 people in the fictional Lumen valley are now displaced "
                     "by floods.\nAt least 212 people were killed in the valley.")
    assert counts["At least 212 people"] == "people killed"
    counts = _counts("Some 9,000 residents of Orbis fled. Four other people were injured.")
    assert counts["Four other people"] == "people injured"


def test_an_event_before_the_number_in_its_own_sentence_still_counts() -> None:
    # the guard: "killing" before the number, in the same sentence
    counts = _counts("Gunmen attacked the fictional Lumen market, killing at least 14 people.")
    assert counts["at least 14 people"] == "people killing"


# "killing at least 26 people and wounding nearly 60": a number after "and" and a verb, with
# no noun of its own, counts the people the figure before it counted
def test_a_number_after_and_a_verb_counts_the_people_before_it() -> None:
    counts = _counts("Gunmen attacked two fictional Lumen ministries, killing at least 26 people "
                     "and wounding nearly 60.")
    assert counts["nearly 60"] == "people wounding"
    counts = _counts("The fictional Orbis blast killed 12 people and injured 40, police said.")
    assert counts["40"] == "people injured"


def test_a_bare_number_after_and_without_a_people_figure_before_stays_unknown() -> None:
    # the guard: the figure before counts towns, not people; "40" is no count of anything
    counts = _counts("Rebels seized 3 fictional towns and burned 40.")
    assert "40" not in counts


# Persian "۲ میلیون و پانصد هزار": a scaled number in digits runs on with a smaller scaled
# number after "و", in digits or words (2,500,000), not two million
def test_a_persian_million_and_thousands_is_one_number() -> None:
    result = extract("نزدیک به ۲ میلیون و پانصد هزار پناهجوی خیالی در لومن به سر می‌برند. "
                     "سازمان خیالی اوربیس از ۳ میلیون و ۲۰۰ هزار آواره خبر داد.",
                     publisher="Meridian Wire")
    values = sorted(c.figure.value or c.figure.min or 0 for c in result.claims
                    if c.figure is not None)
    assert values == [2_500_000, 3_200_000]


# "حدود ۳۰۰ کلیومتری غرب": a distance in the Dari spelling counts nothing
def test_a_distance_in_the_dari_spelling_is_no_figure() -> None:
    assert _counts("این شهر خیالی در حدود ۳۰۰ کليومتري غرب پایتخت قرار دارد.") == {}


# "killing one peacekeeper and wounding four others": "others" is a bare word for people,
# like "people", so the verb its phrase hangs on says what happened to them
def test_others_take_the_verb_after_them() -> None:
    counts = _counts("Gunmen attacked a camp of the fictional Lumen mission, killing one "
                     "peacekeeper and wounding four others.")
    assert counts["four others"] == "others wounding"
