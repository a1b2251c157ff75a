"""A headline's few marked words are whoever the story under it gives them to (issue 14,
the seventeenth session: the annotation guide's headline quotations, which the extractor
had taken for terms), and the fragments an office's holder must never be. All names,
organisations and statements here are FICTIONAL."""

from __future__ import annotations

from gavah.core.extract import extract
from tests.core.extract.claim_views import PUBLISHER, WIRE, chains_by_text, speakers_by_text

# a bulletin of two items, each under its own headline
_BULLETIN = (
    "FICTIONAL. Bulletin 4 May\n\n"
    "Flood relief ‘will not wait’ for the dry season: Assembly President\n\n"
    "Relief for the valley “will not wait,” said the President of the Tarsa Assembly, "
    "Marta Ilves, on Monday.\n\n"
    "“Nobody chooses to sleep on a roof,” she said.\n\n"
    "‘Empty granaries’ in the north, ‘failing clinics’ in the south: aid coordinator\n\n"
    "Clinics without fuel and granaries without grain – that is what the Deputy Aid "
    "Coordinator, Omar Lind, describes as a system close to breaking.\n\n"
    "On Monday he asked donors for $40 million.\n"
)


def test_a_headlines_marked_words_are_the_speaker_of_the_story_under_it() -> None:
    speakers = speakers_by_text(_BULLETIN)
    # not the speaker of the item before, whose words end just above the headline
    assert speakers["Empty granaries"] == "Omar Lind", speakers
    assert speakers["failing clinics"] == "Omar Lind", speakers


def test_a_headline_word_the_lede_reports_is_its_speaker_s() -> None:
    text = ("Relief agency ‘deeply alarmed’ at fighting near the Tarsa camps\n\n"
            "FICTIONAL. The Tarsa Relief Agency said on Friday it was alarmed by reports of "
            "fighting close to two of its camps.\n")
    chains = chains_by_text(text)
    assert chains["deeply alarmed"] == [WIRE, "Tarsa Relief Agency"], chains


def test_a_headline_word_nobody_speaks_of_stays_unattributed() -> None:
    # the story under it reports no one: the words are the publisher's (no speaker made up)
    text = ("Rains bring ‘bitter harvest’ to the valley\n\n"
            "FICTIONAL. Three weeks of rain have flattened the wheat of the Tarsa valley.\n")
    chains = chains_by_text(text)
    assert chains.get("bitter harvest", [WIRE]) == [WIRE], chains


def test_an_office_holder_is_never_a_fragment_of_the_next_sentence() -> None:
    # "UN Chief" ends the headline; "The delivery" opens the lede: no holder "The de"
    text = ('Ruling against former Qalat leader "historic" says UN Chief\n\n'
            "FICTIONAL. The delivery of the ruling against the former leader of Qalat has "
            'been described by the UN chief as a "historic" day for its people.\n')
    speakers = speakers_by_text(text)
    assert speakers["historic"] == "UN Chief", speakers


def test_he_said_after_a_paragraph_where_a_named_person_describes_is_that_person() -> None:
    text = ("FICTIONAL. In March the home of Amal, 4, near the river was destroyed.\n\n"
            "Amal’s father, Yusuf, describes what he saw when he reached the house.\n\n"
            "“We carried the wounded out from ten until three,” he said.\n")
    speakers = speakers_by_text(text)
    # ("describes" reports; without it the words were the publisher's) the father, as the
    # text names him: by his name or as Amal's father
    assert speakers["We carried the wounded out from ten until three,"] in (
        "Yusuf", "Amal’s father"), speakers


# A pronoun's antecedent: the speaker or person named last before it, not only the last
# quotation's speaker
def test_he_after_a_report_without_quotation_marks_is_its_speaker() -> None:
    text = ("FICTIONAL. The commissioner condemned the bombing of the market. The cruelty of "
            "the attack defied belief, said Mr. Varga. He also warned that “hasty "
            "decisions taken in anger would only make things worse.”\n")
    speakers = speakers_by_text(text)
    assert speakers["hasty decisions taken in anger would only make things worse."] == (
        "Varga"), speakers


def test_he_after_a_named_spokesperson_is_not_the_principal_named_before() -> None:
    # (the spokesperson's "grave escalation." is a term he called the attack: no quotation
    # names him before "He")
    text = ("FICTIONAL. T.M. Secretary-General Marta Ilves has condemned a deadly attack on a "
            "Tarsa Mission compound housing civilians in the valley.\n"
            "T.M. spokesperson Omar Lind called the attack on a location where civilians are "
            "under T.M. protection a \"grave escalation.\" He also said any attack on relief "
            "workers is \"unacceptable and a crime under the law of war.\"\n")
    speakers = speakers_by_text(text)
    assert speakers["unacceptable and a crime under the law of war."] == "Omar Lind", speakers


# Persian: "او" just after an unnamed spokesperson is that spokesperson's office; "one of
# these messages says" is the words of whoever posted the messages
def test_persian_he_after_an_unnamed_spokesperson_is_the_office() -> None:
    text = ("نمونه ساختگی. یک سخنگوی وزارت امور خارجه تارسا در پاسخ به پرسش‌های خبرنگار، "
            "مواضع این کشور را تشریح کرد.\n"
            "او در واکنش به تصمیم دولت قالات گفت: «ما از این اقدام قاطع استقبال می‌کنیم و "
            "از دیگران هم همین را می‌خواهیم.»\n")
    chains = chains_by_text(text, publisher=PUBLISHER)
    assert chains["ما از این اقدام قاطع استقبال می‌کنیم و از دیگران هم همین را می‌خواهیم."] == [
        PUBLISHER, "وزارت امور خارجه تارسا"], chains


def test_persian_one_of_these_messages_is_its_posters_words() -> None:
    text = ("نمونه ساختگی. وزارت امور خارجه تارسا با انتشار مجموعه‌ای از پیام‌ها در حساب "
            "خود، حمایت خود از معترضان را اعلام کرد.\n\n"
            "در یکی از این پیام‌ها آمده است: «تارسا در کنار مردم قالات ایستاده است و همراه "
            "با آنها برای آزادی تلاش می‌کند.»\n")
    chains = chains_by_text(text, publisher=PUBLISHER)
    assert chains["تارسا در کنار مردم قالات ایستاده است و همراه با آنها برای آزادی تلاش "
                  "می‌کند."] == [PUBLISHER, "وزارت امور خارجه تارسا"], chains


# A long speaker's name ending the sentence ("..., the Tarsa High Commissioner for Human
# Rights Marta Ilves said on Tuesday."): the sentence before it is what she said
def test_a_word_in_marks_before_a_long_speaker_ending_the_sentence_is_theirs() -> None:
    text = ("FICTIONAL. Six relief workers who have been held on \"spurious\" accusations in "
            "the valley for three months must be released at once, the Tarsa High "
            "Commissioner for Human Rights Marta Ilves said on Tuesday.\n")
    speakers = speakers_by_text(text)
    assert speakers["spurious"] == "Marta Ilves", speakers


def test_said_then_words_after_a_long_subject_are_still_its_words() -> None:
    text = ("FICTIONAL. Commenting on the killing, High Commissioner Marta Ilves, who is on "
            "mission in the valley, said, \"Words fail us at times like this. Why are those "
            "who bring food struck down?\" She also vowed that \"the Office will do "
            "everything in its power\" to find the missing.\n")
    speakers = speakers_by_text(text)
    assert speakers["Words fail us at times like this. Why are those who bring food struck "
                    "down?"] == "Marta Ilves", speakers


# Statements read out at a briefing (blind40's noon briefings, development data since its
# run): the author speaks through the reader, each paragraph of the statement reopening
# its straight mark and only the last closing it
_BRIEFING = (
    "FICTIONAL. Tarsa League daily press briefing, 4 May\n\n"
    "Lena Osei, Associate Spokeswoman for the Secretary-General, began today's briefing by "
    "reading the following statement:\n\n"
    "\"The Secretary-General was shocked by the attack on the valley camp. He condemns it "
    "in the strongest terms.\n\n"
    "\"The Secretary-General urges all parties to return to the talks.\"\n\n"
    "Ms. Osei then read the following statement by the League's High Commissioner, Omar "
    "Lind:\n\n"
    "\"I am appalled by this senseless attack on people who had fled their homes.\"\n"
)


def test_a_statement_read_out_is_its_authors_through_the_reader() -> None:
    chains = chains_by_text(_BRIEFING)
    assert chains["The Secretary-General was shocked by the attack on the valley camp. He "
                  "condemns it in the strongest terms."] == [
        WIRE, "Lena Osei", "Secretary-General"], chains
    # the next paragraph of the same statement, reopened with a straight mark
    assert chains["The Secretary-General urges all parties to return to the talks."] == [
        WIRE, "Lena Osei", "Secretary-General"], chains
    speakers = speakers_by_text(_BRIEFING)
    assert speakers["I am appalled by this senseless attack on people who had fled their "
                    "homes."] == "Omar Lind", speakers


def test_the_spokeswoman_for_an_office_is_not_its_holder() -> None:
    text = ("FICTIONAL. Lena Osei, Spokeswoman for the Secretary-General, told correspondents "
            "that he had learned of the attack. \"I condemn this act of violence upon people "
            "who sought only to help\", the Secretary-General said.\n")
    speakers = speakers_by_text(text)
    assert speakers["I condemn this act of violence upon people who sought only to help"] == (
        "Secretary-General"), speakers


def test_a_dateline_before_a_label_is_no_speaker_and_the_run_goes_on() -> None:
    text = ("FICTIONAL. Statement on the detainees\n\n"
            "Qalat City, QC - Marta Ilves, Minister of Justice: \"The Republic condemns the "
            "continued detention of the twelve.\n\n"
            "\"They have been held without trial for a year.\"\n")
    speakers = speakers_by_text(text)
    assert speakers["The Republic condemns the continued detention of the twelve."] == (
        "Marta Ilves"), speakers
    assert speakers["They have been held without trial for a year."] == "Marta Ilves", speakers


def test_charges_after_a_preposition_are_no_accusation() -> None:
    # "were jailed on charges of": no one accuses; the words after stay the rapporteur's
    text = ("FICTIONAL. \"The two are hostages, not criminals,\" said Tarsa rapporteur Omar "
            "Lind.\n\n"
            "The two were jailed on Monday on charges of incitement.\n\n"
            "\"Today's sentencing shows why stronger action is needed.\"\n")
    chains = chains_by_text(text)
    assert chains["Today's sentencing shows why stronger action is needed."] != [
        WIRE, "The two"], chains
    assert all("The two" not in chain for chain in chains.values()), chains


# A trailing "X told ..." that quotes after the verb is no trailing attribution; "what it
# has called"; "deplored" and "lamented" report
def test_told_his_critics_words_in_marks_are_the_tellers() -> None:
    text = ("FICTIONAL. Earlier this week, Mr. Roe told his critics \"to go hang\" and "
            "promised more.\n")
    assert speakers_by_text(text)["to go hang"] == "Roe"


def test_what_it_has_called_is_the_subject_reported_before() -> None:
    text = ("FICTIONAL. The Tarsa Mission says that messages on the radio are being used to "
            "promote what it has called \"vengeful violence.\"\n")
    assert speakers_by_text(text)["vengeful violence."] == "Tarsa Mission"


def test_deplored_and_lamented_report_their_words() -> None:
    text = ("FICTIONAL. The Tarsa Council deplored numerous \"violations of the truce in the "
            "valley.\"\n\n"
            "\"Violence is never acceptable in any case,\" Ms. Ilves lamented.\n")
    speakers = speakers_by_text(text)
    assert speakers["violations of the truce in the valley."] == "Tarsa Council", speakers
    assert speakers["Violence is never acceptable in any case,"] == "Ilves", speakers


# Persian subjects: the object of "را" opens with a noun such as "تصمیم" or "گزارش", and
# "subsequently, when ..." opens a clause after the subject
def test_persian_subject_ends_before_the_object_of_ra() -> None:
    text = ("نمونه ساختگی.\n\n"
            "دولت تارسا تصمیم شورای منطقه را مبنی بر تعیین یک ناظر، یک حرکت «سیاسی» "
            "خوانده است.\n")
    speakers = speakers_by_text(text, publisher=PUBLISHER)
    assert speakers["سیاسی"] == "دولت تارسا", speakers


def test_persian_subsequently_when_ends_the_subject() -> None:
    text = ("نمونه ساختگی.\n\n"
            "رویا کاوه متعاقبا هنگامی که از سالن دادگاه خارج می‌شد، گفت: «شما هرگز صدای ما را "
            "خاموش نمی‌کنید.»\n")
    speakers = speakers_by_text(text, publisher=PUBLISHER)
    assert speakers["شما هرگز صدای ما را خاموش نمی‌کنید."] == "رویا کاوه", speakers


def test_persian_office_after_an_adverbial_without_comma_opens_the_subject() -> None:
    text = ("نمونه ساختگی.\n\n"
            "با اعلام تمدید ممنوعیت ملاقات رویا کاوه در زندان رئیس کمیته حقوق بشر مجلس تارسا "
            "روز جمعه با انتشار متنی نوشت: «رویا کاوه سال‌ها است که الهام‌بخش همه ما است.»\n")
    speakers = speakers_by_text(text, publisher=PUBLISHER)
    # the office as the text names it (no holder is named)
    assert speakers["رویا کاوه سال‌ها است که الهام‌بخش همه ما است."] == (
        "رئیس کمیته حقوق بشر مجلس تارسا"), speakers


# From blind41's errors (development data since its run): "“...,” a spokesman for the
# agency, X, told reporters", and "described by X as a “...”" (X's words, not the rest of
# the sentence)
def test_words_before_an_indefinite_title_then_a_name_are_that_persons() -> None:
    text = ("FICTIONAL. \"The camp was burned by the attackers early on Saturday,\" a "
            "spokesman for the agency, Omar Lind, told reporters in Qalat.\n")
    speakers = speakers_by_text(text)
    assert speakers["The camp was burned by the attackers early on Saturday,"] == (
        "Omar Lind"), speakers


def test_described_by_someone_as_words_are_theirs_and_nothing_more() -> None:
    text = ("FICTIONAL. The attack, described by Tarsa spokesman Omar Lind as a \"cowardly "
            "act against worshippers,\" killed five people and injured 42 others.\n")
    result = extract(text, publisher=WIRE)
    said = {c.text: c.speaker.name if c.speaker else None for c in result.claims
            if c.kind == "quotation"}
    assert said["cowardly act against worshippers,"] == "Omar Lind", said
    counted = {c.text: c.speaker for c in result.claims if c.kind == "figure"}
    assert counted and all(who is None for who in counted.values()), counted


def test_a_joined_second_count_takes_the_first_qualifier() -> None:
    # the annotation guide: "at least" before the first of two joined counts heads both
    result = extract("FICTIONAL. At least seven civilians and six soldiers were killed this "
                     "week.\n", publisher=WIRE)
    assert [(f.text, f.value, f.min, f.qualifier) for f in result.figures] == [
        ("At least seven civilians", None, 7.0, "at least"),
        ("six soldiers", None, 6.0, "at least")]
    result = extract("نمونه ساختگی. در این حمله دست کم هفت تن از غیرنظامیان و شش تن از سربازان "
                     "کشته شدند.\n", publisher=PUBLISHER)
    assert [(f.min, f.qualifier) for f in result.figures] == [(7.0, "at least"), (6.0, "at least")]
    # not past words of its own: "including" heads a part of the first count
    result = extract("FICTIONAL. At least 30 people, including 6 children, died.\n", publisher=WIRE)
    assert [f.qualifier for f in result.figures] == ["at least", "exact"]


# From blind42's errors (development data since its run)
def test_a_headlines_words_are_the_author_of_the_statement_named_under_it() -> None:
    text = ("FICTIONAL. Press Release\n\n"
            "TARSA LEAGUE SECRETARY-GENERAL ‘APPALLED’ BY ATTACK ON VALLEY MARKET\n\n"
            "This is the text of a statement today by the Spokesman for Secretary-General Marta "
            "Ilves:\n\n"
            "The Secretary-General is appalled by the attack on the valley market today.\n")
    assert speakers_by_text(text)["APPALLED"] == "Marta Ilves"


def test_words_missing_their_opening_mark_start_at_their_own_line() -> None:
    # single-line paragraphs: the line before ends a sentence, so the words start here
    text = ("FICTIONAL. PRESS CONFERENCE BY THE TARSA RELIEF COMMISSIONER\n"
            "Three staff were killed in the valley, the Commissioner said today.\n"
            "The mob was hunting for staff to attack\", Ms. Ilves said. Many had fled.\n")
    result = extract(text, publisher=WIRE)
    [q] = [q for q in result.quotations if q.speech]
    assert q.text == "The mob was hunting for staff to attack", q


def test_a_byline_is_no_part_of_the_authors_name() -> None:
    text = ("FICTIONAL. HIGHLIGHTS OF THE NOON BRIEFING\n\n"
            "BY LENA OSEI\n"
            "DEPUTY SPOKESWOMAN FOR THE SECRETARY-GENERAL OF THE TARSA LEAGUE\n\n"
            "The Director of the Tarsa Housing Agency, Omar Lind, deplored \"the losses caused "
            "by the attack on the valley\".\n")
    chains = chains_by_text(text)
    assert all("BY LENA OSEI" not in chain for chain in chains.values()), chains


# From blind43's errors (development data since its run)
def test_dari_la_aqal_is_at_least() -> None:
    result = extract("نمونه ساختگی. لااقل شانزده غیرنظامی کشته شدند.\n", publisher=PUBLISHER)
    assert [(f.min, f.qualifier) for f in result.figures] == [(16.0, "at least")]


def test_telephone_numbers_in_a_contact_line_are_no_counts() -> None:
    text = ("FICTIONAL. Two volunteers were injured in the fire.\n\n"
            "For information, contact the Tarsa Mission at tel.: (509) 510-2563 ext.: "
            "6034-6035.\n")
    result = extract(text, publisher=WIRE)
    assert [f.text for f in result.figures] == ["Two volunteers"]


def test_a_headlines_told_is_who_was_told_and_the_sentence_ends_its_speaker() -> None:
    text = ("FICTIONAL. TA/4052\n\n"
            "As Conflicts Multiply, Capacity to Respond to People Uprooted by Violence Being "
            "Tested in ‘Unforeseen Ways’, Tarsa Assembly Told\n\n"
            "As new conflicts multiplied in 2011 - especially in the north and the east – the "
            "capacity to respond was “being put to the test "
            "in unforeseen ways” amid growing demand and an uncertain outlook, the Tarsa "
            "League’s top relief official told the Assembly today.\n")
    speakers = speakers_by_text(text)
    said = speakers["being put to the test in unforeseen ways"]
    assert said is not None and "relief official" in said, speakers
    assert speakers["Unforeseen Ways"] == said, speakers


# From blind44's errors (development data since its run): a body written before a title
# that opens with an adjective ("Executive Director") ends before it
def test_a_title_adjective_is_no_part_of_the_body_before_it() -> None:
    text = ("FICTIONAL. In a statement, TARSAID Executive Director Lena Osei expressed "
            "alarm.\n\n"
            "\"Hundreds of children have been hurt,\" Osei said.\n")
    chains = chains_by_text(text, publisher="TARSAID")
    assert chains["Hundreds of children have been hurt,"] == ["TARSAID", "Lena Osei"], chains
