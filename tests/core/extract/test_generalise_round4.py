"""Failure causes found on the development corpus (issue 14, fourth round: the earlier
rounds' documents, blind3 included), as general rules: each case is phrased differently
from where it was found. All names, organisations, numbers and statements here are
FICTIONAL."""

from __future__ import annotations

from tests.core.extract.claim_views import PUBLISHER
from tests.core.extract.claim_views import figures as _figures
from tests.core.extract.claim_views import quotes as _quotes


# 1. A body's possessive is not its name: "Kavir Watch’s Lena Osei" speaks for Kavir Watch.
def test_possessive_body_is_the_organisation_level() -> None:
    text = "“Detainees were held without charge,” said Kavir Watch’s Lena Osei."
    [(_, speaker, chain)] = _quotes(text, "Meridian Wire")
    assert speaker == "Lena Osei"
    assert chain == ["Meridian Wire", "Kavir Watch", "Lena Osei"]


# 2. Persian SOV: a quotation between a subject and its verb is the subject's, and the
# demonstrative subject ("این نهاد") is the body named before.
def test_persian_quotation_between_subject_and_verb() -> None:
    text = (
        "انجمن حقوقدانان تابران روز شنبه گزارش تازه‌ای منتشر کرد.\n\n"
        "این نهاد «با توجه به شمار بالای بازداشت‌ها در ماه‌های اخیر» از دولت خواست "
        "«تا همه زندانیان سیاسی را آزاد کند.»"
    )
    speakers = [s for _, s, _ in _quotes(text)]
    assert speakers == ["انجمن حقوقدانان تابران", "انجمن حقوقدانان تابران"]


# 3. "X ... گفت که ...، افزود: «...»": one subject for both verbs, not the fragment "که".
def test_persian_fragment_subject_takes_the_outer_clause() -> None:
    text = (
        "مهرداد کاویانی، سخنگوی کانون وکلای تابران، در پاسخ به پرسشی گفت که درباره جزئیات "
        "پرونده چیزی نمی‌داند، افزود: «هیچ متهمی نباید بدون وکیل محاکمه شود.»"
    )
    [(_, speaker, chain)] = _quotes(text)
    assert speaker == "مهرداد کاویانی"
    assert chain == [PUBLISHER, "کانون وکلای تابران", "مهرداد کاویانی"]


# 4. A person named in full with their body, then "این مقام ..." and the surname after an
# honorific: the same person, with the same body at every later quotation.
def test_persian_later_mentions_keep_the_person_and_body() -> None:
    text = (
        "نسرین آذرپاد، یکی از سخنگویان این وزارتخانه، گفت: «گزارش‌ها بررسی می‌شود.»\n\n"
        "به گفته این مقام دولتی، «نتیجه تا ماه آینده اعلام خواهد شد.»\n\n"
        "خانم آذرپاد تاکید کرد: «هیچ پرونده‌ای بسته نشده است.»"
    )
    speakers = [s for _, s, _ in _quotes(text)]
    assert speakers == ["نسرین آذرپاد"] * 3


# 5. "the letter", "the lawyers": a definite description of the speaker named before.
def test_definite_description_is_the_speaker_named_before() -> None:
    text = (
        "In a letter sent to Meridian Wire, the association of 23 Tabran lawyers said the "
        "trial had been unfair.\n\n"
        "“The court ignored every request for an adjournment,” said the letter.\n\n"
        "“We ask for a retrial,” added the lawyers."
    )
    speakers = [s for _, s, _ in _quotes(text, "Meridian Wire")]
    assert speakers == ["the association of 23 Tabran lawyers"] * 2


# 6. An offence's name after its charge, and a quoted list of names, are not quotations.
def test_charge_names_and_name_lists_are_not_quotations() -> None:
    text = (
        "A court in Tabran convicted four activists of “spreading propaganda against the "
        "state”, the Kavir Centre reported. The report named them as “Lena Osei, Omid Kavi, "
        "Sara Tabani, and Reza Doran”."
    )
    assert _quotes(text, "Meridian Wire") == []


# 7. A Persian clause after the last "که" holds its own verb's subject.
def test_persian_subject_after_the_last_that() -> None:
    text = (
        "کانون وکلای تابران این نامه را در حالی منتشر کرد که دادستانی کویر روز دوشنبه "
        "اعلام کرد «همه متهمان به زندان منتقل شده‌اند.»"
    )
    [(_, speaker, _)] = _quotes(text)
    assert speaker == "دادستانی کویر"


# 8. A body's parenthesised short name stands for its full name.
def test_persian_parenthesised_short_name_is_the_full_name() -> None:
    text = (
        "هیئت حقیقت‌یاب سازمان ملل در کویر (هاکو) گزارش تازه‌ای منتشر کرد.\n\n"
        "هاکو گفت: «شمار بازداشت‌ها افزایش یافته است.»"
    )
    [(_, speaker, _)] = _quotes(text)
    assert speaker == "هیئت حقیقت‌یاب سازمان ملل در کویر"


# 9. Numbers: Dari thousands in one word, rates, "N or more", standing sizes.
def test_figures_written_in_words_rates_and_standing_sizes() -> None:
    found = _figures("یوناما گفت بیش از دوهزار و سه صد غیرنظامی زخمی شده‌اند.")
    assert [(v, m) for _, v, m in found] == [(None, 2300.0)]
    assert _figures("The group said an average of 12 executions a day were recorded.") == []
    assert _figures("گروه گفت به طور متوسط ۵ اعدام در روز ثبت شده است.") == []
    found = _figures("Protests were reported in 30 or more towns, the office said.")
    assert [(v, m) for _, v, m in found] == [(None, 30.0)]
    assert _figures("The resolution was put to the Council's 47 Member States.") == []


# 10. A number after "these"/"این" that names what it counts is a figure; "one of those
# three" refers back.
def test_demonstrative_number_with_a_noun_is_a_figure() -> None:
    found = _figures("دادگاه تابران این پنج زندانی را به اعدام محکوم کرد.")
    assert [v for _, v, _ in found] == [5.0]
    assert _figures("Omid Kavi was one of those three men.") == []
