"""Figures and Persian subjects, from failure causes found on blind33 after its single run
and on the development corpus (issue 14, the fifteenth session), as general rules phrased
differently from where they were found. All names, organisations and statements here are
FICTIONAL."""

from __future__ import annotations

from gavah.core.extract import extract
from tests.core.extract.claim_views import WIRE, chains_by_text, counts_by_text, speakers_by_text


def _figures(text: str) -> dict[str, tuple[float | None, float | None, float | None, str]]:
    """Each figure's (value, least, most, qualifier) by its words."""
    return {c.text: (c.figure.value, c.figure.min, c.figure.max, c.figure.qualifier)
            for c in extract(text, publisher=WIRE).claims
            if c.kind == "figure" and c.figure is not None}


def _parties(text: str) -> dict[str, str | None]:
    """Who asserts each figure (its speaker, else the publisher), by the figure's words."""
    out: dict[str, str | None] = {}
    for c in extract(text, publisher=WIRE, speaker_model=False).claims:
        if c.kind == "figure":
            party = c.speaker or c.publisher
            out[c.text] = party.name if party else None
    return out


# 1. Dari writes hundreds after digits: "۱۴ صد نفر" is fourteen hundred, not fourteen
def test_digits_before_hundred_in_dari_are_hundreds() -> None:
    found = _figures("در ولسوالی مرزی حدود ۱۴ صد نفر در اثر سیلاب بی‌خانمان شده‌اند.")
    assert found["حدود ۱۴ صد نفر"][0] == 1400.0, found


# 2. "Millions" written apart ("مليون ها"), with the ZWNJ, or typed onto its preposition
def test_millions_written_apart_are_vague_millions() -> None:
    text = ("کمک به مليون ها نفري که بی‌سرپناه اند آغاز شد و مواد غذائی بمليون ها نفري "
            "دیگر فرستاده می‌شود.")
    found = _figures(text)
    assert [v[1] for v in found.values()] == [2_000_000.0, 2_000_000.0], found
    assert all(v[3] == "vague" for v in found.values()), found


# 3. "as high as" gives the most a number can be, as "up to" does
def test_as_high_as_is_an_upper_bound() -> None:
    found = _figures("The fictional Lantern Rights Watch said the number of detainees "
                     "could be as high as 300 prisoners.")
    assert found["as high as 300 prisoners"] == (None, None, 300.0, "up to"), found


# 4. A bare "the figure" or "the number" after a figure refers back to what it counts
def test_the_figure_after_a_count_counts_the_same() -> None:
    counts = counts_by_text(
        "In just over six weeks, at least 70 prisoners have been executed in Northland. "
        "Some reliable sources indicate the figure could be as high as 85.")
    assert counts["at least 70 prisoners"] == "prisoners executed"
    assert counts["as high as 85"] == "prisoners executed", counts


# 5. A time before a comma opens a Persian clause: the subject follows it ("ماۀ گذشته، X",
# "بروز سه شنبه، X"); an adverb or a time after a subject ends it ("X نیز", "X بروز")
def test_a_persian_time_before_the_subject_is_no_speaker() -> None:
    parties = _parties(
        "ماۀ گذشته، کمیسیون حقیقت‌یاب بندرستان گفت که ۳۲ زندانی در زندان مرکزی جان باخته‌اند."
        "\n\nدیدبان لارک بروز سه شنبه گفت که ۱۲ خبرنگار بازداشت شده‌اند.")
    assert parties["۳۲ زندانی"] == "کمیسیون حقیقت‌یاب بندرستان", parties
    assert parties["۱۲ خبرنگار"] == "دیدبان لارک", parties


def test_a_weekday_after_on_is_no_speaker_nor_a_headline_verb_a_first_name() -> None:
    # "بروز پنجشنبه X": the weekday after "on" is no subject; "مقامات" (officials) is no
    # surname, so the headline's last word on the line before is no first name of it
    parties = _parties(
        "بروز پنجشنبه شورای ولایتی بندرستان گفت که ۹ غیرنظامی کشته شده‌اند.\n\n"
        "در بندرستان سه پولیس کشته شدند\n\n"
        "مقامات هم چنان گفتند که ۴ پولیس دیگر نیز زخمی شدند.")
    assert parties["۹ غیرنظامی"] == "شورای ولایتی بندرستان", parties
    assert parties["۴ پولیس"] == "مقامات", parties


# 7. Words shouted in quotation marks are the shouter's quotation, however short
def test_shouted_words_are_a_quotation() -> None:
    said = speakers_by_text(
        'در هنگام اعلان حکم، کاوه مهرپور با صدای بلند فریاد نمود "آزادی" و "زنده باد '
        'بندرستان ".', speaker_model=False)
    assert said == {"آزادی": "کاوه مهرپور", "زنده باد بندرستان": "کاوه مهرپور"}, said


# 8. "به اعدام محکوم کرد": a court that sentences says nothing; the count in its sentence
# is the publisher's ("محکوم کرد" alone still condemns)
def test_a_court_sentencing_to_death_is_no_speaker() -> None:
    parties = _parties(
        "ماه گذشته، یک دادگاه بندرستان کاوه مهرپور را بخاطر قتل ۴۰ زندانی به اعدام محکوم "
        "کرد.\n\nدیدبان لارک در بیانیه‌ای کشتن ۱۲ معترض را به شدت محکوم کرد.")
    assert parties["۴۰ زندانی"] == WIRE, parties
    assert parties["۱۲ معترض"] == "دیدبان لارک", parties


# 9. A name in apposition after a role ("The special envoy to the region, X, is in ...") is a
# person mention: "he said" after it is theirs, not the last speaker's
def test_a_name_in_apposition_after_a_role_is_who_he_refers_to() -> None:
    speakers = speakers_by_text(
        "The fictional Lantern Rights Office said at least 40 people were killed last week.\n\n"
        "The Northland special envoy to the Lake region, Tomas Perrin, is in Eastmarch on a "
        "three-day visit. In a statement Tuesday, he said Northland is \"encouraged by the "
        "restraint shown this weekend.\"", speaker_model=False)
    assert speakers["encouraged by the restraint shown this weekend."] == "Tomas Perrin"


# 10. "though"/"although" opens a clause of its own: "X blamed ..., though he noted that"
# gives no speaker "though he"
def test_though_opens_a_clause_and_is_no_part_of_a_speaker() -> None:
    result = extract(
        "Ilse Marren blamed most of the violence on the police, though she noted that armed "
        "opponents are also killing people.", publisher=WIRE, speaker_model=False)
    names = {c.speaker.name for c in result.claims if c.speaker is not None}
    assert not any("though" in name for name in names), names


# 11. An office's name after "the" in mid-sentence is kept whole, and a place before its
# comma is no holder of it
def test_a_long_office_after_the_is_whole_and_a_place_is_no_holder() -> None:
    speakers = speakers_by_text(
        "Bodies lie in the streets of Western Larch, the UN High Commissioner for Human Rights "
        "said on Tuesday, adding that \"the brutality of the militia knows no bounds.\"",
        speaker_model=False)
    assert speakers["the brutality of the militia knows no bounds."] == (
        "UN High Commissioner for Human Rights")


# 12. A plural of people owns inside a body's name ("the UN Children’s Fund"): the body is the
# whole name, not its last word
def test_a_childrens_fund_is_one_body() -> None:
    chains = chains_by_text(
        "“Thousands of children have fled in a week,” said Ada Korr, spokesperson for the UN "
        "Children’s Fund, speaking from Larchford.", speaker_model=False)
    assert chains["Thousands of children have fled in a week,"] == [
        WIRE, "UN Children’s Fund", "Ada Korr"]


# 13. "U.N. Refugee Spokeswoman, X," capitalised as a headline would: the refugee agency,
# named by the acronym the text writes
def test_a_capitalised_un_refugee_spokeswoman_speaks_for_the_agency() -> None:
    chains = chains_by_text(
        "U.N. Refugee Spokeswoman, Lena Ovar, says many refugees are going home. She says the "
        "UNHCR does not agree.\n\n\"We consider that conditions are not yet safe,\" Ms. Ovar "
        "said.", speaker_model=False)
    assert chains["We consider that conditions are not yet safe,"] == [WIRE, "UNHCR", "Lena Ovar"]


# 14. The speaker model never picks a title and what it is of, with no one's name in it
def test_a_title_phrase_is_no_pick_of_the_speaker_model() -> None:
    from gavah.core.extract.speaker_model import _title_phrase

    assert _title_phrase("Secretary-General and Head of the United Nations Assistance Mission")
    assert _title_phrase("Special Representative of the Secretary-General")
    assert not _title_phrase("Deborah Lyons")
    assert not _title_phrase("United Nations Assistance Mission in Afghanistan")
    assert not _title_phrase("Secretary-General António Guterres")


# 15. Dari writes a spokesman's title and body after the name with no comma, in Arabic letters
# ("X سخنگوي Y گفت") or as "نطاق": the person, and the body as a level
def test_a_dari_name_then_spokesman_title_without_comma_gives_the_body() -> None:
    chains = chains_by_text(
        'کاوه مهرپور سخنگوي وزارت داخله بندرستان گفت: «حکومت قانون را عملي ميسازد.»\n\n'
        'سارا نیک‌نام، نطاق کمیسیون حقیقت‌یاب، گفت: «ما گزارش را نشر میکنیم.»',
        speaker_model=False)
    assert chains["حکومت قانون را عملي ميسازد."] == [WIRE, "وزارت داخله بندرستان", "کاوه مهرپور"]
    assert chains["ما گزارش را نشر میکنیم."] == [WIRE, "کمیسیون حقیقت‌یاب", "سارا نیک‌نام"]


# 16. A quotation opening the paragraph after one whose verb reports on to its end is that
# speaker's, however long the reported sentence ("X گفت یک گزارش ... دیده شده است.\n\n«...»")
def test_a_quotation_after_a_paragraph_reported_to_its_end_is_the_speakers() -> None:
    speakers = speakers_by_text(
        "کاوه مهرپور، سخنگوی وزارت دفاع بندرستان، روز سه شنبه گفت ۶۱ زندانی آزاد شده اند.\n\n"
        "مهرپور گفت یک گزارش وزارت دفاع که در ماه دسمبر جمع آوری شد دریافته است که افزایش "
        "قابل ملاحظه‌ای در شمار زندانیانی که دوباره به جنگ پیوسته اند دیده شده است.\n\n"
        "«پیش از این میزان این افراد هفت در صد بود. اکنون ما معتقدیم که این رقم افزایش یافته "
        "است.»", speaker_model=False)
    said = speakers["پیش از این میزان این افراد هفت در صد بود. اکنون ما معتقدیم که این رقم "
                    "افزایش یافته است."]
    assert said == "کاوه مهرپور", said


# 17. "به گفته یی او" (the ezafe written apart) is "in her words": her, named in apposition at
# the opening of the story ("X، رهبر ...،"), not "یی او"; "اندکی بعد از آنکه ...، X گفت" opens
# with a time clause, not the subject
def test_dari_in_her_words_and_shortly_after_give_the_person_and_the_body() -> None:
    text = (
        "سارا نیک‌نام، رهبر حکومت انتقالی بندرستان، امروز از شهر لارک دیدن میکند.\n\n"
        'او گفت حکومت برای بازسازی شهر تلاش میکند تا به گفته یی او "مردم به خانه های خود '
        'برگردند".\n\n'
        "اندکی بعد از آنکه این سفر اعلام شد، کمیسیون حقیقت‌یاب بندرستان گفت که ۱۲ خانه ویران "
        "شده است.")
    speakers = speakers_by_text(text, speaker_model=False)
    assert speakers["مردم به خانه های خود برگردند"] == "سارا نیک‌نام", speakers
    assert _parties(text)["۱۲ خانه"] == "کمیسیون حقیقت‌یاب بندرستان"


# 18. "According to official government figures" gives the count to the government
def test_official_government_figures_are_the_governments() -> None:
    parties = _parties("According to official government figures, more than 3,100 people have "
                       "been killed in Northland's drug war.")
    assert parties["more than 3,100 people"] == "government", parties


# 19. A bare number given for a time after a figure counts what that figure counts ("20,000
# children ... – more than 5,000 in the last year alone")
def test_a_bare_number_for_a_later_period_counts_the_same() -> None:
    counts = counts_by_text(
        "An estimated 12,000 children have been abducted since the conflict began – more than "
        "3,000 in the last year alone, the fictional Lantern Relief Office said.")
    assert counts["more than 3,000"] == counts["An estimated 12,000 children"], counts


# 20. A Persian report speaks for the body it is of ("یک گزارش ملل متحد روی ...")، which
# "تخمین میکند" (estimates); "که بنام X خوانده میشود" (which is called X) is no one's saying;
# seven parties (an alliance's size) and "پنجصد کيلو متري" (a distance) count nothing
def test_persian_reports_estimates_and_what_counts_nothing() -> None:
    text = (
        "يک گزارش ملل متحد روي تخريب کلبه ها در بندرستان ميگويد که ۳۰۰ خانه ويران شده است. "
        "ملل متحد تخمين ميکند که بيش از ۲۰ هزار نفر در جريان اين تخريبات که بنام عمليات نظم "
        "خوانده ميشود، خانه هاي خود را از دست داده اند.\n\n"
        "هفت حزب عمدۀ مخالف حکومت اعتصاب عمومي اعلام کردند. در شهر لارک در حدود پنجصد کيلو "
        "متري غرب پايتخت ۵ نفر کشته شدند.")
    parties = _parties(text)
    assert parties["۳۰۰ خانه"] == "ملل متحد", parties
    assert parties["بيش از ۲۰ هزار نفر"] == "ملل متحد", parties
    assert set(parties) == {"۳۰۰ خانه", "بيش از ۲۰ هزار نفر", "۵ نفر"}, parties


# 21. "The four" referring back to a count of the same value before it counts what that one
# counts; a year written in words after "سال" is a date, no count
def test_the_n_refers_back_and_a_year_in_words_is_no_count() -> None:
    counts = counts_by_text(
        "Police arrested four civic leaders at the airport on Sunday, the fictional Lantern "
        "Lawyers Union said. It did not know where the four were taken.\n\n"
        "در سال دو هزار و چهار حد اقل ۱۲۹ خبرنگار کشته شدند.")
    assert counts["four civic leaders"] == "civic leaders arrested", counts
    assert counts["four"] == "civic leaders arrested", counts
    assert not any("هزار" in text for text in counts), counts


# 22. One quoted English word that a sentence gives someone with a verb of saying is their
# quotation, also the last of two ending the sentence ("called the killings “horrific” and
# “despicable.”"); with nobody saying it, it stays a term
def test_one_quoted_word_given_by_a_verb_is_a_quotation() -> None:
    speakers = speakers_by_text(
        "Press secretary Sam Ordel called the treatment of the aid workers in Karsk "
        "\"horrific\" and \"despicable.\" \"We condemn these attacks,\" he said.\n\n"
        "The \"reform\" of the prison service began last year.", speaker_model=False)
    assert speakers == {"horrific": "Sam Ordel", "despicable.": "Sam Ordel",
                        "We condemn these attacks,": "Sam Ordel"}, speakers


# 23. A headline's quoted words with "says X" after them are X's, however few ("Warring
# parties “need to stand by ceasefire”, says Gilmore", "a ‘tragedy,’ says Holm")
def test_a_headline_quote_then_says_x_is_xs() -> None:
    speakers = speakers_by_text(
        "News in Brief\n\n\nWarring parties \"need to stand by ceasefire\", says Ilse Marren\n\n"
        "Meanwhile, abuses in Larch have been condemned by Ms Marren.", speaker_model=False)
    assert speakers == {"need to stand by ceasefire": "Ilse Marren"}, speakers


# 24. A quotation opening the paragraph after one whose only sentence opens with "She" and
# reports nothing is the words of the speaker named just before
def test_a_quotation_after_a_she_paragraph_is_the_last_speakers() -> None:
    speakers = speakers_by_text(
        "The conflict has continued to affect civilian areas, Deputy High Commissioner Ilse "
        "Marren said.\n\nShe made reference to the agreements the parties signed in 2014.\n\n"
        "\"More than half of all the civilian casualties were caused by shelling.\"",
        speaker_model=False)
    assert speakers == {
        "More than half of all the civilian casualties were caused by shelling.": "Ilse Marren"}


# 25. "a quarter-million" and "a quarter million" are 250,000 (not a million); a Persian
# qualifier typed onto its number ("کم از کم۳۰") still qualifies it
def test_a_quarter_million_and_a_qualifier_typed_onto_its_number() -> None:
    found = _figures("Some 40 aid workers said a quarter-million people and a quarter million "
                     "goats had fled.\n\nدر این انفجار کم از کم۳۰ نفر دیگر زخمی شدند.")
    assert found["a quarter-million people"][0] == 250_000.0, found
    assert found["a quarter million goats"][0] == 250_000.0, found
    assert found["کم از کم۳۰ نفر"][1:] == (30.0, None, "at least"), found


# 26. "expressed “outrage”": "expressed" and "voiced" report the words quoted right after
# them, and only those ("expressed hope that" reports nothing)
def test_expressed_reports_the_words_quoted_after_it() -> None:
    speakers = speakers_by_text(
        "The fictional Lantern Relief Office expressed “outrage” today at the killing of "
        "civilians. Its director expressed hope that the talks would resume.",
        speaker_model=False)
    assert speakers == {"outrage": "Lantern Relief Office"}, speakers


# 27. "spokesman X said" with no body of its own, after "a BODY spokesman said": the body
def test_a_bare_spokesman_after_a_body_spokesman_speaks_for_that_body() -> None:
    chains = chains_by_text(
        "Many of the latest arrivals reported larger numbers waiting at the border, a LRWO "
        "spokesman said in Geneva.\n\n\"Some of them are out in the open with no shelter,\" "
        "spokesman Tomas Perrin said.", speaker_model=False)
    assert chains["Some of them are out in the open with no shelter,"] == [
        WIRE, "LRWO", "Tomas Perrin"], chains


# 28. Persian counts take the event that ends a list of them ("۲۹ نفر در لارک، پنج نفر در
# کاوه ... جان باخته اند") and Dari's event words ("توقیف", "اختطاف", "قتل")
def test_persian_counts_take_the_event_after_a_list_and_dari_event_words() -> None:
    counts = counts_by_text(
        "در این مدت، ۲۹ نفر در لارک، پنج نفر در کاوه و چهار نفر دیگر در بندر جان باخته اند.\n\n"
        "پولیس گفت که ۱۲ نفر توقیف شدند.")
    assert counts["۲۹ نفر"] == "نفر باخته", counts
    assert counts["۱۲ نفر"] == "نفر توقیف", counts


# 29. "between 50 and 100 people" is a range; "at least" after a count's noun qualifies the
# next number, not this one ("10 camps built at least 50 kilometers away"); "half-a-million"
def test_between_and_a_range_and_at_least_before_another_number() -> None:
    found = _figures(
        "The fictional Lantern Rights Office said between 50 and 100 people have been reported "
        "missing. It moved the refugees to 10 camps built at least 50 kilometers from the "
        "border, where well over half-a-million refugees now live.")
    assert found["50 and 100 people"] == (None, 50.0, 100.0, "range"), found
    assert found["10 camps built"] == (10.0, None, None, "exact"), found
    assert found["over half-a-million refugees now live"][1:] == (500_000.0, None, "more than")


# 30. A staff title's function word is no word of the body ("UNICEF Communication Officer X":
# UNICEF, the publisher here, so no level); "agency spokesperson X" speaks for the agency the
# text defined an acronym for
def test_a_function_word_and_an_agency_spokesperson() -> None:
    chains = chains_by_text(
        "More than 2 million children live there, according to LRWO Communication Officer "
        "Tomas Perrin.\n\n“The misery of the families is hard to describe,” said Mr. Perrin.",
        publisher="LRWO")
    assert chains["The misery of the families is hard to describe,"] == ["LRWO", "Tomas Perrin"]
    chains = chains_by_text(
        "The fictional Lantern High Commissioner for Refugees (LHCR) today expressed concern over "
        "conditions in the town.\n\nShelters are stretched beyond capacity.\n\n“Some 450 people "
        "arrived this week,” agency spokesperson Ada Korr told reporters.", speaker_model=False)
    assert chains["Some 450 people arrived this week,"] == [WIRE, "LHCR", "Ada Korr"], chains
