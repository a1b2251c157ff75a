"""Failure causes found on the development corpus (issue 14, sixth round: the documents of
rounds 1-4), as general rules: each case is phrased differently from where it was found.
All names, organisations, numbers and statements here are FICTIONAL."""

from __future__ import annotations

from gavah.core.extract import extract
from tests.core.extract.claim_views import PUBLISHER
from tests.core.extract.claim_views import quotes as _quotes


def _figures(text: str, publisher: str = PUBLISHER) -> list[tuple[str, str | None, list[str],
                                                                   str | None]]:
    """(text, asserting party, chain, what it counts) of each figure claim."""
    return [
        (c.text, c.speaker.name if c.speaker else None, [p.name for p in c.attribution],
         c.figure.counts if c.figure else None)
        for c in extract(text, publisher=publisher).claims
        if c.kind == "figure"
    ]


# 1. "به گزارش X، Y اعلام کرد ...": X carries Y's words; Y asserts the figure, X is a
# reporting level between the publisher and Y. The same for "به گزارش X به نقل از Y، ...".
def test_outlet_reporting_that_a_body_said_gives_the_body_the_figure() -> None:
    text = "به گزارش رادیو ماهور، وزارت کشور کاویر در بیانیه‌ای اعلام کرد ۳۰ معلم آزاد شدند."
    [(_, party, chain, _)] = _figures(text)
    assert party == "وزارت کشور کاویر"
    assert chain == [PUBLISHER, "رادیو ماهور", "وزارت کشور کاویر"]


def test_outlet_quoting_a_body_gives_the_body_the_figure() -> None:
    text = "به گزارش خبرگزاری ماهور به نقل از گروه نگهبان کاویر، ۱۲ پرستار بازداشت شدند."
    [(_, party, chain, _)] = _figures(text)
    assert party == "گروه نگهبان کاویر"
    assert chain == [PUBLISHER, "خبرگزاری ماهور", "گروه نگهبان کاویر"]


def test_outlet_reporting_a_quotation_keeps_every_level() -> None:
    text = (
        "به گزارش روزنامه درهنوا، رستم پارسا، رئیس گروه نگهبان کاویر، گفت: «این بازداشت‌ها "
        "غیرقانونی است.»"
    )
    [(_, speaker, chain)] = _quotes(text)
    assert speaker == "رستم پارسا"
    assert chain == [PUBLISHER, "روزنامه درهنوا", "گروه نگهبان کاویر", "رستم پارسا"]


# 2. A sentence that opens with "به گزارش X،" runs on over its paragraph, like reported
# speech: the figures of the next sentence are X's too.
def test_report_opening_a_paragraph_runs_on_to_the_next_sentence() -> None:
    text = (
        "بنا بر گزارش گروه نگهبان کاویر، ماموران ۱۲ معلم را در شهر درهنوا بازداشت کردند. "
        "از ماه گذشته تاکنون ۴۰ نفر در این شهر بازداشت شده اند.\n\n"
        "در همین حال ۹ معلم دیگر در شهر کاویر آزاد شدند."
    )
    parties = {t: p for t, p, _, _ in _figures(text)}
    assert parties["۱۲ معلم"] == "گروه نگهبان کاویر"
    assert parties["۴۰ نفر"] == "گروه نگهبان کاویر"
    assert parties["۹ معلم"] is None  # a new paragraph: the publisher's own sentence


# 3. "به گزارش‌های پزشکی اشاره کرد" refers to reports; it names no source. "تسلیت گفت"
# (offered condolences) reports no words: the pronoun after it is still the unnamed
# spokesperson, who speaks as the office.
def test_condolences_and_plural_reports_are_not_frames() -> None:
    text = (
        "یک سخنگوی وزارت امور خارجه کاویر روز دوشنبه اعدام دو معلم را محکوم کرد و به "
        "خانواده آنها تسلیت گفت.\n\n"
        "او در پاسخ کتبی نوشت: «ما این اعدام‌ها را محکوم می‌کنیم».\n\n"
        "این سخنگو به گزارش‌های پزشکی اشاره کرد که بر اساس آنها معلمان بیمار بودند."
    )
    [(_, speaker, chain)] = _quotes(text)
    assert speaker == "وزارت امور خارجه کاویر"
    assert chain == [PUBLISHER, "وزارت امور خارجه کاویر"]


# 4. An Arabic verb's spelling in a Persian sentence is a Persian noun ("با ذکر گزارش ...":
# citing the report of ...): the Persian verb's subject still speaks.
def test_arabic_verb_spelling_in_persian_is_not_a_verb() -> None:
    text = (
        "ماهرخ تیموری با ذکر گزارش دفتر ملی آمار می گوید: «بیشتر قربانیان این حملات "
        "کودکان بودند.»"
    )
    [(_, speaker, _)] = _quotes(text)
    assert speaker == "ماهرخ تیموری"


# 5. "X، آمر بخش <region> در سازمان Y": X speaks for Y (the body the section belongs to).
def test_head_of_a_section_speaks_for_the_body() -> None:
    text = (
        "ماهرخ تیموری، آمر بخش جنوب در سازمان نگهبان کاویر می گوید: «زندانیان به وکیل "
        "دسترسی ندارند.»"
    )
    [(_, speaker, chain)] = _quotes(text)
    assert speaker == "ماهرخ تیموری"
    assert chain == [PUBLISHER, "سازمان نگهبان کاویر", "ماهرخ تیموری"]


# 6. A body named after a title: "Spokesperson X of the <City>-based <Body>" ties X to the
# body, also for words given to X by "saying" later in the sentence.
def test_spokesperson_of_a_body_after_the_name() -> None:
    text = (
        "Rights monitors condemned the verdict against Ms. Vale. Spokesperson Oren Tal of "
        "the Brightwater-based Office of the Kavir Rights Commissioner called the verdict "
        "“shameful,” saying it “shows how little the courts care for the accused.”"
    )
    quotes = _quotes(text, "Meridian Wire")
    assert [s for _, s, _ in quotes] == ["Oren Tal", "Oren Tal"]
    assert all(chain == ["Meridian Wire", "Office of the Kavir Rights Commissioner", "Oren Tal"]
               for _, _, chain in quotes)


# 7. A title whose own list has a comma ("Deputy Minister for Roads, Bridges and Ports
# Mira Sol") is cut at that comma; its holder is the name that ends it.
def test_title_cut_at_its_list_comma_keeps_the_holder() -> None:
    text = (
        "Velmora Deputy Minister for Roads, Bridges and Ports Mira Sol wrote that “no "
        "bridge will be closed this winter.”"
    )
    [(_, speaker, chain)] = _quotes(text, "Meridian Wire")
    assert speaker == "Mira Sol"
    assert chain == ["Meridian Wire", "Mira Sol"]


# 8. A sentence glued to a closing mark (`there.”Kavir Watch said`: a lost space) starts a
# new statement: the words before are not Kavir Watch's, and it does not report them.
def test_sentence_glued_to_a_closing_mark_is_a_new_statement() -> None:
    text = (
        "Dara Quell condemned the arrests, saying they “show that no one is safe there.”"
        "Kavir Watch said it was “a grave step backwards for the region.”"
    )
    quotes = _quotes(text, "Meridian Wire")
    assert [(s, c) for _, s, c in quotes] == [
        ("Dara Quell", ["Meridian Wire", "Dara Quell"]),
        ("Kavir Watch", ["Meridian Wire", "Kavir Watch"]),
    ]


# 9. Quoted phrases inside reported speech are quotations when the text attributes them:
# "X called the ruling “...”", "what it called “...”" (the sentence's speaker), ", who
# called it “...”" (the noun phrase before), two quoted words in what a named speaker
# reports; "so-called" and a quoted term nobody is said to have said are not.
def test_called_gives_the_quoted_words_to_its_subject() -> None:
    text = "Velmora Ambassador Mira Sol called the sentence “cruel,” in a short statement."
    [(quote, speaker, _)] = _quotes(text, "Meridian Wire")
    assert (quote, speaker) == ("cruel,", "Mira Sol")


def test_what_it_called_is_the_sentence_speaker() -> None:
    text = (
        "Kavir Watch urged Velmora to free the teachers and end what it called the "
        "ministry's “campaign of fear” against unions."
    )
    [(quote, speaker, chain)] = _quotes(text, "Meridian Wire")
    assert (quote, speaker) == ("campaign of fear", "Kavir Watch")
    assert chain == ["Meridian Wire", "Kavir Watch"]


def test_who_called_is_the_noun_phrase_before() -> None:
    text = (
        "The arrests drew protests from Brightwater teachers' unions, who called them “an "
        "attack on every classroom.”"
    )
    [(_, speaker, _)] = _quotes(text, "Meridian Wire")
    assert speaker == "Brightwater teachers' unions"


def test_two_quoted_words_in_reported_speech_are_the_speakers() -> None:
    text = (
        "Kavir Watch said in a report released Monday that guards used beatings and "
        "\"other abuse\" against detained teachers.\n\n"
        "The report also said 40 teachers were detained, but that the real number was "
        "probably \"far larger.\""
    )
    quotes = _quotes(text, "Meridian Wire")
    assert [(q, s) for q, s, _ in quotes] == [
        ("other abuse", "Kavir Watch"),
        ("far larger.", "Kavir Watch"),
    ]


def test_so_called_and_persian_two_word_terms_are_not_quotations() -> None:
    assert _quotes(
        "Kavir Watch said the so-called “order patrols” detained 12 teachers.", "Meridian Wire"
    ) == []
    assert _quotes("گروه نگهبان کاویر گفت که سیاست «فشار نهایی» به معلمان آسیب زده است.") == []


# 10. Words that end their sentence inside the marks belong to the verb that introduced
# them, not to a reporting verb of the next sentence.
def test_words_ending_their_sentence_belong_to_the_verb_before() -> None:
    text = (
        "Kavir Watch has put the number detained at about 300, saying in a 2021 report that "
        "\"the real number could be far higher.\" Velmora has never acknowledged the arrests."
    )
    [(_, speaker, _)] = _quotes(text, "Meridian Wire")
    assert speaker == "Kavir Watch"


# 11. What a figure counts when the noun is written apart from the number: "put the
# number <participle ...> at N", "..., of whom at least N were <participle>".
def test_number_put_at_counts_the_participle_between() -> None:
    text = "Kavir Watch has put the number killed in the Brightwater raids at around 300."
    [(_, party, _, counts)] = _figures(text, "Meridian Wire")
    assert party == "Kavir Watch"
    assert counts is not None and counts.startswith("killed in the Brightwater raids")


def test_of_whom_counts_what_happened_to_them() -> None:
    text = (
        "At least 900 teachers have been dismissed since May, of whom at least 40 were "
        "later taken into custody."
    )
    counts = {t: c for t, _, _, c in _figures(text, "Meridian Wire")}
    assert counts["at least 40"] == "taken into custody"


# 12. "what it said were credible reports": "reports" is a noun after "were", not a verb
# whose subject is "were credible".
def test_reports_after_were_is_not_a_verb() -> None:
    text = (
        "Kavir Watch's report said 12 teachers were detained, citing what it said were "
        "credible reports from relatives.\n\n"
        "The report also said the guards were \"plainly abusive.\""
    )
    [(_, speaker, _)] = _quotes(text, "Meridian Wire")
    assert speaker == "Kavir Watch"


# 13. Persian "تعداد X را ... N نفر اعلام کرد": X is counted even with a few words (a
# date, "هم") between "را" and the number.
def test_persian_number_of_with_words_before_the_figure() -> None:
    text = (
        "گروه نگهبان کاویر تعداد معلمان بازداشت‌شده را هم تا پایان ماه گذشته ۳۴۰ نفر اعلام "
        "کرد."
    )
    [(_, party, _, counts)] = _figures(text)
    assert party == "گروه نگهبان کاویر"
    assert counts is not None and "معلمان" in counts


# 14. "Title Name, said on Friday (6 May) in Brightwater that ...": one comma before the
# verb still leaves the name as its subject; "Name, announced by the media" is passive.
def test_name_comma_said_with_a_dated_adverbial() -> None:
    text = (
        "Spokesperson for the Kavir Rights Office Oren Tal, said on Friday (6 May) in "
        "Brightwater that at least 300 teachers have been arrested."
    )
    [(_, party, _, _)] = _figures(text, "Meridian Wire")
    assert party == "Oren Tal"


def test_passive_announced_by_is_not_the_names_statement() -> None:
    text = (
        "Kavir Watch said the sentence of teacher Dara Quell, announced by state media "
        "Monday, breaks the law.\n\n"
        "\"It is a disgrace for every court in the land,\" said the statement."
    )
    [(_, speaker, _)] = _quotes(text, "Meridian Wire")
    assert speaker == "Kavir Watch"


# 15. "X گزارش دادند که ..." (plural) reports; "در گزارش دیگر، Y اعلام کرد" is Y's (another
# report, not "this report"); "بر اساس این گزارش، ..." is the author of the report named
# before, and a name in quotation marks there stays a term.
def test_persian_reports_named_before_and_after() -> None:
    text = (
        "فعالان محلی روز سه شنبه گزارش دادند که ماموران کم از کم ۹ معلم را بازداشت کرده اند."
        "\n\nدر گزارش دیگر، گروه نگهبان کاویر اعلام کرد که ۱۲ پرستار در شهر درهنوا بازداشت "
        "شدند.\n\nبر اساس این گزارش، دست کم ۶ پرستار دیگر در جریان \"اعتصاب سه روزه\" به "
        "زندان منتقل شده اند."
    )
    parties = {t: p for t, p, _, _ in _figures(text)}
    assert parties["کم از کم ۹ معلم"] == "فعالان محلی"
    assert parties["۱۲ پرستار"] == "گروه نگهبان کاویر"
    assert parties["دست کم ۶ پرستار"] == "گروه نگهبان کاویر"
    assert _quotes(text) == []
