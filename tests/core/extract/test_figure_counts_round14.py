"""What a figure counts, from failure causes found on the development corpus (issue 14, the
thirteenth session's follow-up), as general rules phrased differently from where they were
found. All places, organisations and numbers here are FICTIONAL."""

from __future__ import annotations

from tests.core.extract.claim_views import counts_by_text

_counts = counts_by_text


# a small bare number whose subject the text names before it is a figure: "the death toll
# rose to 43", "put the number killed at 41" (below 100, a bare number is usually no count)
def test_a_small_number_named_before_is_a_figure() -> None:
    counts = _counts("In the fictional town of Arvel, the death toll rose to 43 on Friday.")
    assert counts["43"] == "death toll"
    counts = _counts("Monitors in Arvel put the number killed at 41 since the march began.")
    assert counts["41"] == "killed"
    counts = _counts("در شهر خیالی آروِل شمار جانباختگان به ۳۷ رسید.")
    assert counts["۳۷"] == "جانباختگان"


def test_a_small_number_after_a_bare_number_word_is_no_figure() -> None:
    # the guards: "number 5" names a thing, "three of them" is left to the rules for parts
    assert _counts("The fictional Arvel council met in room number 5 on Monday.") == {}
    assert _counts("Resolution number 12 of the fictional Arvel council was adopted.") == {}
