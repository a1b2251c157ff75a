"""Readings the speaker model had covered until the blind37 run turned it off by default
(issue 14, the sixteenth session), now rules of their own, phrased differently from where
they were found. All names, organisations and statements here are FICTIONAL."""

from __future__ import annotations

from tests.core.extract.claim_views import WIRE, chains_by_text


# 1. A radio interview: a person introduced by a title, then who asked them (not the
# speaker: the interviewer), then their words
def test_words_after_a_paragraph_introducing_an_interviewed_person_are_theirs() -> None:
    text = ("FICTIONAL. Flooding has cut the northern road for a week.\n\n"
            "Lena Osei is relief coordinator for the Tarsa Aid League. Meridian Wire's Omid "
            "Farahani asked her how the League hopes to reach the valley.\n\n"
            "“We have boats for two villages, not for twenty. The rest wait.”")
    chains = chains_by_text(text)
    assert chains["We have boats for two villages, not for twenty. The rest wait."] == [
        WIRE, "Lena Osei"], chains


def test_another_person_opening_a_later_sentence_leaves_the_words_unattributed() -> None:
    text = ("FICTIONAL. Flooding has cut the northern road for a week.\n\n"
            "Lena Osei is relief coordinator for the Tarsa Aid League. Mira Sol runs the "
            "League's last boat, and it leaks.\n\n"
            "“We have boats for two villages, not for twenty.”")
    chains = chains_by_text(text)
    assert chains["We have boats for two villages, not for twenty."] == [WIRE], chains


# 2. One sentence of what a person called on others to do, then her words after it
def test_words_after_a_paragraph_of_what_a_person_called_for_are_theirs() -> None:
    text = ("FICTIONAL. “The vote is a beginning,” said Leila Karimi, the Qalat rights "
            "commissioner, on Tuesday.\n\n"
            "Forty states voted against the motion.\n\n"
            "Ms. Karimi called on the states that voted against it to think again.\n\n"
            "“A clear majority has spoken, and the minority should listen.”")
    chains = chains_by_text(text)
    assert chains["A clear majority has spoken, and the minority should listen."] == [
        WIRE, "Leila Karimi"], chains
