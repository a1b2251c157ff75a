"""Speakers and attribution chains, from failure causes found on the development corpus
(issue 14, the fourteenth session), as general rules phrased differently from where they
were found. All names, organisations and statements here are FICTIONAL."""

from __future__ import annotations

from tests.core.extract.claim_views import (
    WIRE,
    chains_by_text,
    counts_by_text,
    figures,
    speakers_by_text,
)


# 1. An interview with an outlet is a reporting level even when the interview is described
# ("In a November interview with", "in an exclusive telephone interview with")
def test_a_described_interview_with_an_outlet_keeps_the_outlet_level() -> None:
    chains = chains_by_text(
        "In a recent telephone interview with the Larch Times newspaper, Interior "
        "Minister Darius Pell said no detainee had been mistreated.\n\n"
        "He described the prison system as \"fully transparent to every inspector.\"",
        speaker_model=False)
    chain = chains["fully transparent to every inspector."]
    assert chain[0] == WIRE and chain[-1] == "Darius Pell"
    assert any("Larch Times" in level for level in chain[1:-1]), chain


# 2. A title that covers a region or a programme before the body the person works at
def test_a_title_for_a_region_at_a_body_gives_that_body() -> None:
    chains = chains_by_text(
        "Harbour Rights Watch says at least forty detainees were moved at night. "
        "Ilse Marren is director of Northern Programs at Harbour Rights Watch.\n\n"
        "\"We have written to the ministry four times and received no answer,\" Marren said.",
        speaker_model=False)
    assert chains["We have written to the ministry four times and received no answer,"] == [
        WIRE, "Harbour Rights Watch", "Ilse Marren"]


# 3. "said a <description>, <Name>.": the name after the description speaks
def test_a_description_after_said_then_a_name_gives_the_name() -> None:
    speakers = _speakers_plain(
        "\"Far more people were taken from the camp than anyone has reported,\" said a "
        "former guard at the fictional Kestrel prison and a father of three, Omar Vell. He "
        "says he left when he was ordered to burn the records.")
    assert speakers["Far more people were taken from the camp than anyone has reported,"] == (
        "Omar Vell")


def _speakers_plain(text: str) -> dict[str, str | None]:
    return speakers_by_text(text, speaker_model=False)


# 4. Who presides over a body holds an office of its own: "Council President" is no body
def test_a_council_president_is_an_office_not_a_body_level() -> None:
    chains = chains_by_text(
        "The fictional Regional Council condemned the shelling of the market on Monday, "
        "Council President Ambassador Lena Kord of Fictionland told reporters.\n\n"
        "\"Those responsible must be brought to justice without delay,\" Kord said.",
        speaker_model=False)
    chain = chains["Those responsible must be brought to justice without delay,"]
    assert chain[-1] == "Lena Kord"
    assert not any("President" in level for level in chain), chain


# 5. A body whose name holds the publisher's is not the publisher: the United Nations
# publishes what the head of a United Nations mission said, through the mission
def test_the_head_of_a_mission_of_the_publisher_keeps_the_mission_level() -> None:
    text = (
        "The valley stands at a turning point, said Sara Holm, Special Representative of the "
        "Secretary-General and Head of the United Nations Fictional Mission in Larch "
        "(UNFML).\n\nShe told the Council that \"every week without talks costs lives in the "
        "villages.\"")
    chains = chains_by_text(text, publisher="United Nations", speaker_model=False)
    chain = chains["every week without talks costs lives in the villages."]
    assert chain[0] == "United Nations" and chain[-1] == "Sara Holm"
    assert any("Fictional Mission" in level for level in chain[1:-1]), chain


# 6. "در صد" and "فی صد" (per hundred) written in two words are a percentage, not a hundred
def test_a_percentage_written_in_two_words_is_no_count() -> None:
    counts = counts_by_text(
        "شمار اعدام‌ها در سال گذشته نسبت به سال قبل ۷۳ در صد کاهش یافته و ۴۰ فی صد "
        "زندانیان آزاد شده‌اند.")
    assert counts == {}


# 7. "و بیشتر از" opens another number's qualifier ("180 killed and more than 1,300
# wounded"): the first number is exact, not "180 or more"
def test_and_more_than_before_another_number_leaves_the_first_exact() -> None:
    found = {text: (value, least) for text, value, least in _figures(
        "در این زلزله ۱۸۰ کشته و بیشتر از ۱۳۰۰ زخمی بر جای ماند.")}
    assert found["۱۸۰ کشته"] == (180.0, None)


def _figures(text: str) -> list[tuple[str, float | None, float | None]]:
    return figures(text, publisher=WIRE)


# 8. A surname the text misspells once, by one letter, is still the person named before
def test_a_surname_misspelt_by_one_letter_is_the_person_named_before() -> None:
    speakers = speakers_by_text(
        "Rosa Pemberton, a researcher at Harbour Rights Watch, said the detainees were held "
        "without charge.\n\n"
        "\"No court has seen these men in two years,\" Pemberon said.", speaker_model=False)
    assert speakers["No court has seen these men in two years,"] == "Rosa Pemberton"


# 9. A number compared with the one before it counts what that one counts
def test_a_number_compared_with_the_one_before_counts_the_same() -> None:
    counts = counts_by_text(
        "Some 4,120 migrants were intercepted at sea so far this year, compared to 2,870 over "
        "the same period last year.")
    assert counts["Some 4,120 migrants"] == "migrants"
    assert counts["2,870"] == "migrants"


# 10. A number of things, aspects, terms or sections counts nothing a claim is about
def test_a_number_of_abstract_things_is_no_figure() -> None:
    counts = counts_by_text(
        "Two things before we start. The mayor has served two terms, and the report has three "
        "sections. Police detained 14 students after the march.")
    assert list(counts) == ["14 students"], counts


# 11. A bare number given for another place counts what the figure before it counts
def test_a_bare_number_for_another_place_counts_what_the_figure_before_counts() -> None:
    counts = counts_by_text(
        "Six prisoners were executed in Northland last month and two in Eastmarch, the "
        "fictional Lantern Rights Watch said.")
    assert counts["Six prisoners"] == "prisoners executed"
    assert counts["two"] == "prisoners executed"


# 12. A bare number followed by what happened to its people counts the same people
def test_a_bare_number_with_its_own_verb_counts_the_same_people() -> None:
    counts = counts_by_text(
        "A spokesman for the fictional Vale Relief Office said 21 people were killed, 9 were "
        "seriously wounded and thousands have been fleeing the town.")
    assert counts["21 people"] == "people killed"
    assert counts["9"] == "people wounded"
    assert all("been" not in (c or "") for c in counts.values()), counts


# 13. A person introduced by what they are, in a sentence the name opens, is who "she"
# and "he" refer to next, not a leader named before
def test_a_person_introduced_by_what_they_are_is_who_the_pronoun_refers_to() -> None:
    speakers = speakers_by_text(
        "Refugees say they fear the government of President Tomas Arlen.\n\n"
        "Mirela Osk is a former nurse who lives with her four children in the camp.\n\n"
        "\"We left at night because the militia came to our street,\" she said.",
        speaker_model=False)
    assert speakers["We left at night because the militia came to our street,"] == "Mirela Osk"


# 14. A president ("رئیس جمهوری") or a house's Speaker ("رئیس مجلس", rendered "سخنگوی مجلس
# نمایندگان") holds an office: no organisation level between the publisher and them
def test_a_persian_president_or_speaker_has_no_body_level() -> None:
    chains = chains_by_text(
        "سارا نیک‌نام، رئیس جمهوری منتخب بندرستان، گفت «همه زندانیان سیاسی باید آزاد شوند.»\n\n"
        "کاوه مهرپور، سخنگوی مجلس نمایندگان بندرستان، در واکنش گفت «این رأی شرم‌آور است.»",
        speaker_model=False)
    assert chains["همه زندانیان سیاسی باید آزاد شوند."] == [WIRE, "سارا نیک‌نام"]
    assert chains["این رأی شرم‌آور است."] == [WIRE, "کاوه مهرپور"]


# 15. A small number typed onto a longer noun that runs on into the next word is a count
def test_a_small_number_typed_onto_a_run_on_noun_is_a_count() -> None:
    counts = counts_by_text("در این حمله چهارسربازناتو و دومامورپلیس کشته شدند.")
    assert set(counts) == {"چهارسربازناتو", "دومامورپلیس"}, counts


# 16. A name with a staff title in apposition is a person, whatever verb follows: "he told"
# after it is theirs, not the body's that spoke before
def test_a_name_with_a_title_in_apposition_is_who_he_refers_to() -> None:
    chains = chains_by_text(
        "The fictional Harbour Rights Office today voiced concern at events in Larch.\n\n"
        "Tomas Brel, spokesperson for the Harbour Rights Office, voiced alarm about the "
        "situation in the north.\n\n"
        "\"We remind the authorities that the right to life cannot be suspended,\" he told a "
        "news briefing.", speaker_model=False)
    chain = chains["We remind the authorities that the right to life cannot be suspended,"]
    assert chain[-1] == "Tomas Brel" and "Harbour Rights Office" in chain, chain


# 17. A quotation opening the paragraph after a sentence that only introduces a person is
# that person's words (radio and briefing transcripts)
def test_a_quotation_after_a_sentence_introducing_a_person_is_theirs() -> None:
    speakers = speakers_by_text(
        "Larch has executed 21 people in the past month, the fictional Harbour Rights Office "
        "says.\n\n"
        "Ines Kavan is the spokesperson for the Harbour Rights Office.\n\n"
        "\"Many of these convictions appear to rest on confessions obtained under torture.\"",
        speaker_model=False)
    assert speakers["Many of these convictions appear to rest on confessions obtained under "
                    "torture."] == "Ines Kavan"


# 18. Persian quotation marks as pages mistype them: single ASCII marks around Persian words
# (the script has no apostrophe), a closing mark typed for the opening one after "گفت:", and
# an opening mark left out after "افزود:" before a closing «
def test_persian_quotations_with_mistyped_marks_are_found() -> None:
    speakers = speakers_by_text(
        "کاوه مهرپور، سخنگوی وزارت خارجه بندرستان، گفت:” همه زندانیان سیاسی باید بی‌درنگ "
        "آزاد شوند و خانواده‌هایشان حق دیدار دارند.”\n\n"
        "او افزود: ما خشونت علیه معترضان مسالمت‌آمیز را محکوم می‌کنیم و پاسخگویی می‌خواهیم.»\n\n"
        "'شهرک لارچ کاملاً طعمه حریق شده است'",
        speaker_model=False)
    assert speakers["همه زندانیان سیاسی باید بی‌درنگ آزاد شوند و خانواده‌هایشان حق دیدار "
                    "دارند."] == "کاوه مهرپور"
    assert speakers["ما خشونت علیه معترضان مسالمت‌آمیز را محکوم می‌کنیم و پاسخگویی "
                    "می‌خواهیم."] == "کاوه مهرپور"
    assert "شهرک لارچ کاملاً طعمه حریق شده است" in speakers


# 19. "طوریکه" (as) and "در این اواخر" (lately) open the clause; the subject follows them
def test_a_persian_subject_after_as_and_lately_is_the_person() -> None:
    speakers = speakers_by_text(
        "بندرستان به همکاری ادامه می‌دهد. طوریکه در این اواخر کاوه مهرپور گفت: «ما متعهد "
        "هستیم که از غیرنظامیان در برابر هر حمله‌ای محافظت کنیم.»", speaker_model=False)
    speaker = speakers["ما متعهد هستیم که از غیرنظامیان در برابر هر حمله‌ای محافظت کنیم."]
    assert speaker is not None and speaker.endswith("کاوه مهرپور"), speaker


# 20. A state's minister holds an office: the state and the portfolio before the title are no
# body level ("Larch Information Minister X"); "18 kms" is a distance, no count
def test_a_state_minister_has_no_body_level_and_kms_is_a_distance() -> None:
    text = ("However, Larch Information Minister Tomas Brel said the peacekeepers fired first.\n\n"
            "\"The force shot into the air and that provoked the fighting,\" Brel said. The "
            "convoy was ambushed 18 kms from the camp.")
    chains = chains_by_text(text, speaker_model=False)
    assert chains["The force shot into the air and that provoked the fighting,"] == [
        WIRE, "Tomas Brel"]
    assert "18 kms" not in counts_by_text(text)


# 21. A long mandate with commas of its own, in lower case, then its holder's name before the
# verb; a body's acronym before the region a title covers ("CPJ sub-Saharan Africa
# Representative X")
def test_a_mandate_with_commas_and_a_region_title_keep_the_person_and_the_body() -> None:
    chains = chains_by_text(
        "“States must end incommunicado detention now,” UN Special Rapporteur on torture and "
        "other cruel, inhuman or degrading treatment Lena Sorvik told journalists.\n\n"
        "\"Reporting from the north is already scarce,\" HRDN north-Larch Region "
        "Representative Omar Vell said in a statement.")  # (the speaker model links the
    # first quotation to the name the rules read out of its mandate)
    assert chains["States must end incommunicado detention now,"][-1] == "Lena Sorvik"
    assert chains["Reporting from the north is already scarce,"] == [WIRE, "HRDN", "Omar Vell"]
