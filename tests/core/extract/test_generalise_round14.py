"""Speakers, from failure causes found on the development corpus (issue 14, the thirteenth
session's follow-up), as general rules phrased differently from where they were found.
All names, organisations and statements here are FICTIONAL."""

from __future__ import annotations

from gavah.core.extract.segments import layout
from tests.core.extract.claim_views import WIRE, chains_by_text, speakers_by_text

_speakers = speakers_by_text
_chains = chains_by_text


# 1. A quotation right after a colon that ends a sentence with no verb of saying is the
# words of the person that sentence opens with or presents (radio transcripts: "Here's
# the agency's X:", "Here's the High Commissioner, X:")
def test_a_line_presenting_a_speaker_before_a_colon_gives_the_quotation_to_them() -> None:
    speakers = _speakers(
        "Flooding has displaced thousands in the fictional Larch valley, aid workers say.\n\n"
        "Here’s the agency's emergency coordinator, Tomas Vell:\n\n"
        "“The water came at night and people left with nothing but their children.”\n\n"
        "Here's the fictional Larch Relief Agency's Ines Moro:\n\n"
        "“We need boats, clean water and tents before the next storm arrives.”",
        speaker_model=False)  # the rules alone (the model prefers "aid workers" here)
    assert speakers["The water came at night and people left with nothing but their "
                    "children."] == "Tomas Vell"
    assert speakers["We need boats, clean water and tents before the next storm arrives."] == (
        "Ines Moro")


def test_a_named_subject_before_a_colon_speaks_the_quotation_after_it() -> None:
    speakers = _speakers(
        "Mira Okonde is the director of the fictional Harbour Rights Centre. Okonde discussed "
        "the detention of the workers: \"We have asked three times for access and heard "
        "nothing at all from the authorities.\"")
    assert speakers["We have asked three times for access and heard nothing at all from the "
                    "authorities."] == "Mira Okonde"


def test_a_pronoun_before_a_colon_takes_the_person_named_before() -> None:
    speakers = _speakers(
        "Judge Anselm Roq of the fictional Coastal Tribunal spoke after the verdict.\n\n"
        "But he warned against reading too much into it:\n\n"
        "\"This court decided one case, on the evidence before it, and nothing more than "
        "that.\"", speaker_model=False)
    assert speakers["This court decided one case, on the evidence before it, and nothing more "
                    "than that."] == "Anselm Roq"


def test_a_colon_after_a_sentence_with_no_person_gives_nobody_the_quotation() -> None:
    # a list's heading is no speaker: the words stay unattributed
    speakers = _speakers(
        "The banners carried by the marchers in the fictional town of Eskel read:\n\n"
        "\"Free the teachers now and bring them home to their families.\"", speaker_model=False)
    assert speakers["Free the teachers now and bring them home to their families."] is None


# 2. A partial quotation inside a sentence another verb reports ('... "massive concerns"
# over ..., X said') is X's, not the speaker of the quotation before it
def test_quoted_words_in_a_sentence_ending_with_its_verb_are_that_verbs_subjects() -> None:
    speakers = _speakers(
        "Lena Farro is a spokesperson for the fictional Northern Monitoring Office:\n\n"
        "\"The office is alarmed that twelve people were detained in one night.\"\n\n"
        "The arrests have raised \"grave concerns\" over the use of emergency powers, Davor "
        "Kell, its chief inspector, said in a statement on Monday.")
    assert speakers["The office is alarmed that twelve people were detained in one night."] == (
        "Lena Farro")
    assert speakers["grave concerns"] == "Davor Kell"


# 3. 'X گفت: " ...."': a straight mark after a colon opens a quotation even when a space
# follows it, as hand-typed Dari pages write it
def test_a_mark_after_a_colon_opens_a_quotation_despite_a_space_after_it() -> None:
    speakers = _speakers(
        "وزارت خیالی داخله اعلام کرد که یک ولسوالی را پس گرفته است.\n\n"
        "نوید کامران، سخنگوی وزارت خیالی داخله گفت: \" تصاویری که از این رویداد در اختیار "
        "رسانه ها قرار گرفته بود، مربوط به قریه دیگری میباشد.\"")
    assert speakers["تصاویری که از این رویداد در اختیار رسانه ها قرار گرفته بود، مربوط به قریه "
                    "دیگری میباشد."] == "نوید کامران"


# 4. A long headline without a sentence end, then a blank line: the story's first paragraph
# is a sentence of its own, not the headline's run-on (what the headline names before its
# colon is not the subject of the paragraph's verb)
def test_a_long_headline_over_a_blank_line_does_not_run_into_the_first_paragraph() -> None:
    text = (
        "اختصاصی؛ واکنش بندرستان به اظهارات وزیر خیالی: پیام ما درباره بازداشت ملوانان "
        "روشن بوده است\n\n"
        "یک سخنگوی وزارت خارجه خیالی بندرستان روز شنبه در پاسخ به پرسش این رسانه درباره "
        "گفته‌های وزیر گفت، پیام ما روشن است.\n\n"
        "این سخنگو گفت، «ما از ملوانان خود دفاع خواهیم کرد و آزادی آنان را بی‌درنگ "
        "می‌خواهیم.»")
    speakers = _speakers(text, speaker_model=False)
    said = speakers["ما از ملوانان خود دفاع خواهیم کرد و آزادی آنان را بی‌درنگ می‌خواهیم."]
    assert said is not None and "واکنش" not in said
    assert "وزارت خارجه خیالی بندرستان" in said


# 5. Persian: an office written with no name ("سخنگوی وزارت ...") and, in the next
# paragraph, a bare name opening it: the name is the office's holder, who speaks for the
# office in both paragraphs
def test_a_persian_office_then_a_bare_name_in_the_next_paragraph_is_its_holder() -> None:
    chains = _chains(
        "سخنگوی وزارت امور خارجه بندرستان در نشست خبری روز دوشنبه، برخورد با معترضان را "
        "محکوم کرد و گفت: «ما رویدادهای شهر را از نزدیک دنبال می‌کنیم.»\n\n"
        "کاوه نیک‌منش در پاسخ به پرسش این رسانه درباره بازداشت‌ها گفت: «بازداشت‌شدگان باید "
        "بی‌درنگ آزاد شوند.»", speaker_model=False)
    holder = [WIRE, "وزارت امور خارجه بندرستان", "کاوه نیک‌منش"]
    assert chains["ما رویدادهای شهر را از نزدیک دنبال می‌کنیم."] == holder
    assert chains["بازداشت‌شدگان باید بی‌درنگ آزاد شوند."] == holder


def test_an_unnamed_persian_spokesperson_is_not_the_next_name() -> None:
    # "یک سخنگوی ...": someone left unnamed, not the person named after
    chains = _chains(
        "یک سخنگوی وزارت امور خارجه بندرستان در نشست خبری روز دوشنبه گفت: «ما رویدادهای "
        "شهر را از نزدیک دنبال می‌کنیم.»\n\n"
        "کاوه نیک‌منش در پاسخ به پرسش این رسانه درباره بازداشت‌ها گفت: «بازداشت‌شدگان باید "
        "بی‌درنگ آزاد شوند.»", speaker_model=False)
    assert chains["ما رویدادهای شهر را از نزدیک دنبال می‌کنیم."] == [
        WIRE, "وزارت امور خارجه بندرستان"]
    assert chains["بازداشت‌شدگان باید بی‌درنگ آزاد شوند."] == [WIRE, "کاوه نیک‌منش"]


# 6. Label lines ("Name: words") are looked up from a position (a bisect over their ends),
# not scanned for every sentence: the same frames, on a transcript of many labels
def test_labels_from_finds_each_label_of_a_long_transcript() -> None:
    lines = [f"{'Aram Vell' if i % 2 else 'Nika Sorel'}: the fictional panel met {i} times."
             for i in range(400)]
    text = "\n".join(lines)
    found = layout(text)
    assert len(found.labels) == 400
    for start, end in found.labels:
        assert next(found.labels_from(start)) == (start, end)
        assert text[start:end] in ("Aram Vell", "Nika Sorel")
    assert list(found.labels_from(len(text))) == []
