"""What a figure counts, from failure causes found on the development corpus (issue 14, the
twelfth session's follow-up), as general rules phrased differently from where they were
found. All places, organisations and numbers here are FICTIONAL."""

from __future__ import annotations

from gavah.core.extract import extract


def _counts(text: str) -> dict[str, str | None]:
    result = extract(text, publisher="Meridian Wire")
    return {c.text: c.figure.counts for c in result.claims if c.figure is not None}


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
