"""Failure causes found on the development corpus (issue 14, the session after blind22
joined it), as general rules: each case is phrased differently from where it was found.
All names, organisations and statements here are FICTIONAL."""

from __future__ import annotations

from tests.core.extract.claim_views import quotes

WIRE = "Meridian Wire"


# 1. A surname of more than one word ("Van Tassel", "Abu Rami") later in the text is the
# full name written before, with the body given there.
def test_surname_of_two_words_takes_the_full_name_and_body() -> None:
    text = (
        "Kavir Watch researcher Lina van Tassel said the camp holds 900 detainees.\n\n"
        "“The guards beat them every night,” she said.\n\n"
        "Officials denied it.\n\n"
        "Van Tassel said, “Nobody has been allowed to visit the camp since May.”"
    )
    got = {t[:12]: (speaker, chain) for t, speaker, chain in quotes(text, WIRE)}
    assert got["Nobody has b"] == ("Lina van Tassel", [WIRE, "Kavir Watch", "Lina van Tassel"])


def test_two_word_surname_matching_nobody_stays_as_written() -> None:
    text = "Abu Rami said, “The bridge was shelled twice this week.”"
    [(_, speaker, chain)] = quotes(text, WIRE)
    assert speaker == "Abu Rami"
    assert chain == [WIRE, "Abu Rami"]


# 2. "“...,” NAME, title for BODY (ACRONYM) said": the name before the title is the
# speaker and the body its level, not the title alone.
def test_name_then_title_with_body_before_said() -> None:
    text = (
        "“These permits will let families move freely,” Oskar Dunmore Vell, senior "
        "representative for the Kavir Relief Agency (KRA) said, adding that 300 were "
        "issued."
    )
    [(_, speaker, chain)] = quotes(text, WIRE)
    assert speaker == "Oskar Dunmore Vell"
    assert chain == [WIRE, "Kavir Relief Agency", "Oskar Dunmore Vell"]


def test_a_title_after_a_word_that_is_no_name_keeps_its_own_reading() -> None:
    text = (
        "“These permits will let families move freely,” he added. Meanwhile, country "
        "director for the Kavir Relief Agency said the permits were late."
    )
    assert all(speaker != "Meanwhile" for _, speaker, _ in quotes(text, WIRE))
