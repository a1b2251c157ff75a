"""Readings the speaker model had covered until the blind37 run turned it off by default
(issue 14, the sixteenth session), now rules of their own, phrased differently from where
they were found. All names, organisations and statements here are FICTIONAL."""

from __future__ import annotations

from gavah.core.extract import extract
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


# 3. Dari writes the decimal mark for thousands: "۸٫۰۰۰" people are eight thousand
def test_the_decimal_mark_before_three_digits_is_a_thousands_mark_in_a_count() -> None:
    text = ("در این کشتار ۸٫۰۰۰ غیرنظامی کشته شدند و بودجهٔ کمک‌ها ۱٫۲۵۰ میلیون دالر و کمک "
            "غذایی برای ۲٫۵ میلیون نفر است.")
    values = {c.text: c.figure.value for c in extract(text, publisher=WIRE).claims
              if c.kind == "figure" and c.figure is not None}
    assert values.get("۸٫۰۰۰ غیرنظامی") == 8000.0, values
    assert 2_500_000.0 in values.values(), values


# 4. A magnitude is a measure, not a count
def test_a_magnitude_is_no_count() -> None:
    text = "زمین‌لرزه‌ای به قوت هفت ریکتر دست‌کم ۴۰۰ نفر را کشت. A 6.5 Richter quake followed."
    figures = [c.text for c in extract(text, publisher=WIRE).claims if c.kind == "figure"]
    assert figures == ["دست‌کم ۴۰۰ نفر"], figures


# 5. Two single marks opening a paragraph stand for an opening double mark, as in a
# statement whose every paragraph opens a mark and only the last closes one
def test_two_single_marks_opening_a_paragraph_open_a_quotation() -> None:
    text = ("FICTIONAL. The Tarsa Aid League issued a statement on Monday.\n\n"
            "“Since March, 40 clinics have been shelled in the valley.\n\n"
            "‘’The League calls on every party to spare the clinics and those who work in "
            "them.\n\n"
            "“We grieve with the families of the nurses,” said Lena Osei, who leads the League.")
    quoted = [q.text for q in extract(text, publisher=WIRE).quotations]
    assert ("The League calls on every party to spare the clinics and those who work in "
            "them.") in quoted, quoted


# 6. A report with no "that" ending its paragraph, then words in the next paragraph
def test_words_after_a_paragraph_ending_with_a_report_without_that_are_the_reporters() -> None:
    text = ("FICTIONAL. Executions rose again last year.\n\n"
            "Lena Osei of the Tarsa Rights League says the hangings go on despite the "
            "moratorium of last spring and the pleas of the families.\n\n"
            "“In many cases the prisoners never saw a lawyer.”")
    chains = chains_by_text(text)
    assert chains["In many cases the prisoners never saw a lawyer."][-1] == "Lena Osei", chains


# 7. "The following is her statement:" hands the words to the person named last
def test_words_after_the_following_is_her_statement_are_hers() -> None:
    text = ("FICTIONAL. Rights League director Lena Osei called on Monday for the release of "
            "two reporters held in Tarsa.\n\n"
            "The following is her statement made on Sunday:\n\n"
            "“We regret the continuing detention of two reporters whose only crime was their "
            "work.”")
    chains = chains_by_text(text)
    assert [v[-1] for v in chains.values()] == ["Lena Osei"], chains


# 8. The stops of an abbreviation ("U.N.") do not end the report before the words
def test_an_abbreviation_in_the_report_before_the_words_ends_nothing() -> None:
    text = ("FICTIONAL.\n\nTarsa's interior minister Omar Vell said guards from the U.N. "
            "mission fired into the air, provoking the crowd.\n\n"
            "“The guards fired first. Their shots provoked the crowd.”")
    chains = chains_by_text(text)
    assert chains["The guards fired first. Their shots provoked the crowd."][-1] == "Omar Vell", (
        chains)


# 9. A statement her spokesman issued is the principal's; the city after a title is no one
def test_a_statement_issued_by_her_spokesman_is_hers_and_the_city_no_speaker() -> None:
    text = ("FICTIONAL. Rights Commissioner Leila Karimi today voiced her horror at the toll.\n\n"
            "\"The Commissioner has followed the siege closely,\" a statement issued by her "
            "spokesman in Harbor City said.\n\n"
            "\"Order must return to the valley,\" the league's spokesman in Harbor City said.")
    chains = chains_by_text(text)
    assert chains["The Commissioner has followed the siege closely,"][-1] == "Leila Karimi", chains
    assert all("Harbor City" not in chain for chain in chains.values()), chains


# 10. "37 dead and hundreds injured": two counts, the first not running into the second
def test_a_count_does_not_run_into_a_vague_count_after_and() -> None:
    text = ("FICTIONAL. The blasts left at least 37 dead and hundreds injured. "
            "حمله ۴۰ کشته و صدها زخمی بر جا گذاشت.")
    spans = [c.text for c in extract(text, publisher=WIRE).claims if c.kind == "figure"]
    assert "at least 37 dead" in spans and "hundreds injured" in spans, spans
    assert "۴۰ کشته" in spans and "صدها زخمی" in spans, spans


# 11. A name the text gives ("«...» نامیده می‌شود", is called) is no one's words; what a
# speaker calls something ("«...» نامیده است", has called) still is
def test_a_marked_name_that_is_called_so_is_no_quotation() -> None:
    text = ("جشن زمستانی، که در قلات «شب بلند» نامیده میشود، شاد است. "
            "وزیر این حکم را «ظالمانه» نامیده است.")
    speech = {q.text: q.speech for q in extract(text, publisher=WIRE).quotations}
    assert speech == {"شب بلند": False, "ظالمانه": True}, speech


# 12. Words in marks that are a whole headline are those the story's first sentence reports
def test_a_headline_in_marks_is_the_words_of_whom_the_lede_reports() -> None:
    text = ("'دهکدهٔ مرزی کاملاً در آتش سوخته است'\n\n"
            "ماموریت صلح قلات میگوید یک هفته پس از حمله بر پایگاه نیروهای حافظ صلح، یک دهکده "
            "در منطقهٔ مرزی به آتش کشیده شده است.")
    chains = chains_by_text(text, publisher="رادیو قلات")
    assert chains["دهکدهٔ مرزی کاملاً در آتش سوخته است"][-1] == "ماموریت صلح قلات", chains
