"""Failure causes found on the development corpus (issue 14, third round), as general
rules: each case is phrased differently from where it was found. All names,
organisations and statements here are FICTIONAL."""

from __future__ import annotations

from gavah.core.extract import Claim, extract
from tests.core.extract.claim_views import PUBLISHER
from tests.core.extract.claim_views import quotes as _quotes


# 1. A fronted adverbial with a relative clause ("in a message that ... was posted, X
# announced"): X speaks, not "که" nor the message.
def test_persian_subject_follows_a_fronted_relative_clause() -> None:
    text = (
        "در نامه‌ای که روز دوشنبه در وب‌سایت رسمی منتشر شد، کانون وکلای تابران اعلام کرد: "
        "«هیچ وکیلی به پرونده دسترسی نداشت.»"
    )
    assert _quotes(text) == [
        ("هیچ وکیلی به پرونده دسترسی نداشت.", "کانون وکلای تابران",
         [PUBLISHER, "کانون وکلای تابران"])
    ]


# 2. "X گفت: ... و افزود: «...»": the coordinated verb has X as its subject, not the
# reported clause between the two verbs.
def test_persian_coordinated_verb_keeps_the_first_subject() -> None:
    text = (
        "انجمن حقوقدانان کویر گفت: بیش از ۴۰ پرونده را بررسی کرده است و تاکید کرد: "
        "«بیشتر متهمان بدون وکیل محاکمه شدند.»"
    )
    found = _quotes(text)
    assert [(t, s) for t, s, _ in found] == [
        ("بیشتر متهمان بدون وکیل محاکمه شدند.", "انجمن حقوقدانان کویر")
    ]


# 3. "این سازمان", "این حساب کاربری": the body that spoke last, even when a person was
# named since; never the phrase itself.
def test_persian_demonstrative_is_the_body_that_spoke_last() -> None:
    text = (
        "سازمان دیده‌بان کویر در بیانیه‌ای نوشت: «اعدام‌ها باید متوقف شود.» "
        "به گفته مریم تابانی، وضعیت زندانیان نگران‌کننده است. "
        "این نهاد همچنین افزود: «خانواده‌ها از سرنوشت آنان بی‌خبرند.»"
    )
    speakers = [s for _, s, _ in _quotes(text)]
    assert speakers == ["سازمان دیده‌بان کویر", "سازمان دیده‌بان کویر"]


# 4. A frame on the next line is a new statement: the quotation's own "X also said:"
# before it keeps its speaker, and a leading adverb ("پیشتر") is not part of a subject.
def test_next_line_frame_does_not_take_the_quotation_before_it() -> None:
    text = (
        "رضا کاوه همچنین گفت: «دادگاه‌ها مستقل نیستند.»\n"
        "پیشتر انجمن حقوقدانان کویر در گزارشی نوشته بود، ده‌ها نفر بازداشت شده‌اند."
    )
    assert _quotes(text)[0][:2] == ("دادگاه‌ها مستقل نیستند.", "رضا کاوه")
    reported = [
        (c.speaker.name if c.speaker else None, c.text)
        for c in extract(text, publisher=PUBLISHER).claims
        if "reported_speech" in c.flags
    ]
    assert reported and reported[0][0] == "انجمن حقوقدانان کویر"
    assert not reported[0][1].startswith("بود")  # the auxiliary is not what was written


def _en(text: str) -> list[Claim]:
    return list(extract(text, publisher="Meridian Wire").claims)


def _speaker(c: Claim) -> str | None:
    return c.speaker.name if c.speaker else None


# 5. "States" of "the United States" / "Member States" is part of a name, not the verb.
def test_capitalised_states_inside_a_name_is_not_a_verb() -> None:
    claims = _en(
        "Dara Venn said the United States will continue to “press the tribunal for answers” "
        "for months."
    )
    quotes = [c for c in claims if c.kind == "quotation"]
    assert [_speaker(c) for c in quotes] == ["Dara Venn"]
    assert all(p.name != "United States" for c in claims for p in c.attribution)


# 6. "X told reporters <clause>": the addressee does not start the next verb's subject.
def test_addressee_of_told_is_not_a_subject() -> None:
    claims = _en(
        "Interior Ministry spokesperson Omar Haddad told journalists the commission rejects "
        "the findings “as a fabrication.”"
    )
    assert claims and all(
        "journalists" not in p.name for c in claims for p in (*c.attribution, c.speaker) if p
    )


# 7. A title that runs on to a name ("the UN Special Envoy on water rights in Kavir, Ada
# Lind"): the name speaks, and "the Special Envoy" later is that name, not the title.
def test_title_apposition_names_the_speaker_and_completes_the_role() -> None:
    text = (
        "Water shortages have worsened across the region in the past year, the UN Special "
        "Rapporteur on water rights in Kavir, Ada Lind, said today.\n"
        "In her report, Lind said that the shortages had grown.\n"
        '"Families walk for hours to reach a well that works," the Special Rapporteur said.'
    )
    quotes = [c for c in _en(text) if c.kind == "quotation"]
    assert [_speaker(c) for c in quotes] == ["Ada Lind"]


# 8. A reporting verb after a number is an adjective ("over 600 documented cases").
def test_participle_after_a_number_is_not_a_reporting_verb() -> None:
    claims = _en("Ada Lind said the rise in 2023, with over 600 documented cases, alarms her.")
    assert {_speaker(c) for c in claims} == {"Ada Lind"}


# 9. "..., observed Ms. X." ends a paragraph of a briefing summary that "X, for the
# <body>, said" opened: the next paragraph is still X's.
def test_briefing_summary_runs_on_past_an_inversion() -> None:
    text = (
        "Ada Lind, for the Kavir Relief Fund (KRF), said the convoy had reached the valley "
        "after a week on the road through the mountains. It carried tents and water tanks, and "
        "included a doctor as a passenger, noted Ms. Lind.\n\n"
        "The aid was now supporting 12,000 people in four camps.\n"
    )
    result = extract(text, publisher="Meridian Wire")
    by_span = {(c.start, c.end): c for c in result.claims if c.kind == "figure"}
    figure = next(f for f in result.figures if f.value == 12000)
    assert _speaker(by_span[(figure.start, figure.end)]) == "Ada Lind"


# 10. Persian numbers: glued to their noun ("۲۵۰نفر"), compounds ("۲ هزار و ۳۰۰"),
# and Arabic number words that are Persian words once folded ("مایه").
def test_persian_numbers_glued_and_compound() -> None:
    from gavah.core.extract.numbers import find_numbers
    from gavah.core.text import fold

    def values(text: str) -> list[float | None]:
        return [n.value for n in find_numbers(fold(text), "fa")]

    assert values("دست‌کم ۲۵۰نفر بازداشت شدند") == [250.0]
    assert values("بیش از ۲ هزار و ۳۰۰ زندانی") == [2300.0]
    assert values("این خبر مایه نگرانی است") == []
    assert values("بند (۴)(بی) («۴بی») قانون") == [4.0]  # a code letter is not a noun


# 11. Multipliers, ratios and durations written as adjectives are not counts.
def test_multipliers_ratios_and_duration_adjectives_are_not_figures() -> None:
    for text in (
        "شمار اعدام‌ها سه برابر سال گذشته بود.",
        "محاکمه‌ها در جلسه‌های ۱۵ دقیقه‌ای برگزار شد.",
        "Eight out of 10 families said they had no water.",
        "Arrests rose four times over the year.",
    ):
        assert not extract(text, publisher="Meridian Wire").figures, text


# 12. Persian SOV: a figure between the subject and its reporting verb is the subject's;
# "می گویند" written with a space is the verb; the scope keeps its first word.
def test_persian_figure_before_the_verb_is_the_subjects() -> None:
    text = (
        "دیده‌بان کویر با محکوم کردن اعدام دست‌کم ۱۲ زندانی در یک هفته اعلام کرد که "
        "این روند ادامه دارد."
    )
    result = extract(text, publisher=PUBLISHER)
    figures = [c for c in result.claims if c.kind == "figure"]
    assert [_speaker(c) for c in figures] == ["دیده‌بان کویر"]
    spaced = extract("ساکنان محلی می گویند مردان مسلح ۳۰ نفر را ربودند.", publisher=PUBLISHER)
    reported = [c for c in spaced.claims if "reported_speech" in c.flags]
    assert [(_speaker(c), c.text.split()[0]) for c in reported] == [("ساکنان محلی", "مردان")]


# 13. A quoted word a Persian speaker "calls" something is their word: a quotation.
def test_persian_word_a_speaker_calls_something_is_a_quotation() -> None:
    text = "سخنگوی دادگستری کویر در گفتگو با خبرنگاران، این ارقام را «اغراق‌آمیز» دانست."
    quotes = [c.text for c in extract(text, publisher=PUBLISHER).claims if c.kind == "quotation"]
    assert quotes == ["اغراق‌آمیز"]


# 14. An organisation before a title with lowercase words ("Presidential Office deputy
# chief of staff X") is X's organisation level.
def test_body_before_a_lowercase_title_is_the_organisation_level() -> None:
    claims = _en(
        "Presidential Office deputy chief of staff Mira Sol told reporters: "
        '"The inquiry will publish every name."'
    )
    quotes = [c for c in claims if c.kind == "quotation"]
    assert [[p.name for p in c.attribution] for c in quotes] == [
        ["Meridian Wire", "Presidential Office", "Mira Sol"]
    ]


# 15. Words given to the state right after its official are the official's, with the
# official's body as the organisation level; a non-official's state stays the state.
def test_state_words_after_its_official_are_the_officials() -> None:
    claims = _en(
        "Foreign Ministry spokesman Ivo Dar told reporters the government condemns the "
        "sentences “without reservation.”"
    )
    quotes = [c for c in claims if c.kind == "quotation"]
    assert [(_speaker(c), [p.name for p in c.attribution]) for c in quotes] == [
        ("Ivo Dar", ["Meridian Wire", "Foreign Ministry", "Ivo Dar"])
    ]


# 16. A shot list's soundbite whose words follow the label on the same line, with only a
# closing mark: the words are a quotation of the person the label names, for their body.
def test_same_line_soundbite_with_only_a_closing_mark() -> None:
    text = (
        "Press briefing on Kavir\n\n"
        "SOUNDBITE (English) – Noor Hadi, Spokesperson for the Kavir Monitoring Mission "
        "(KMM): Our teams have documented attacks on three clinics this week. Staff were "
        "forced to leave.”\n"
    )
    quotes = [c for c in _en(text) if c.kind == "quotation"]
    assert [(c.text.split()[0], _speaker(c), [p.name for p in c.attribution]) for c in quotes] == [
        ("Our", "Noor Hadi", ["Meridian Wire", "Kavir Monitoring Mission", "Noor Hadi"])
    ]


# 17. A quotation opening the paragraph after one whose last sentence ends with its
# attribution ("..., according to X.") is X's, not unattributed.
def test_quotation_after_a_closing_attribution_is_that_speakers() -> None:
    text = (
        "Detentions have tripled since March, according to the Kavir Bar Association.\n\n"
        "“Lawyers are turned away at the prison gate every day.”\n"
    )
    quotes = [c for c in _en(text) if c.kind == "quotation"]
    assert [_speaker(c) for c in quotes] == ["Kavir Bar Association"]


# 18. What a figure counts runs over a coordinated noun ("۱۲ فرد و شرکت", "30 villages
# and towns"); a qualifier reaches a number word over its article ("more than a hundred").
def test_coordinated_nouns_and_qualifier_over_an_article() -> None:
    def figures(text: str, publisher: str) -> list[tuple[float | None, float | None, str | None]]:
        return [(f.value, f.min, f.counts) for f in extract(text, publisher=publisher).figures]

    assert figures("این وزارتخانه ۱۲ فرد و شرکت را تحریم کرد.", PUBLISHER) == [
        (12.0, None, "فرد و شرکت")
    ]
    assert figures("Shelling hit 30 villages and towns.", "Meridian Wire") == [
        (30.0, None, "villages and towns")
    ]
    assert figures("Volunteers handed out more than a hundred tents.", "Meridian Wire") == [
        (None, 100.0, "tents")
    ]


# 19. An infobox's source in brackets right after a figure ("40 killed (per the Red
# Crescent)") asserts that figure; a figure without one keeps its usual party.
def test_bracketed_source_after_a_figure_asserts_it() -> None:
    text = (
        "Casualties: 40 killed (per Kavir Red Crescent), 2,000+ detained (according to "
        "Kavir Bar Association, 15 March)\n"
        "Damage: 12 clinics and 3 schools burned (per Interior Office)\n"
        "Displaced: 9,000 people\n"
    )
    result = extract(text, publisher="Meridian Wire")
    by_span = {(c.start, c.end): c for c in result.claims if c.kind == "figure"}
    parties = {
        f.value if f.value is not None else f.min: _speaker(by_span[(f.start, f.end)])
        for f in result.figures
    }
    assert parties == {
        40.0: "Kavir Red Crescent",
        2000.0: "Kavir Bar Association",
        12.0: "Interior Office",
        3.0: "Interior Office",
        9000.0: None,
    }


# 20. Persian chains: "X به نقل از Y نوشت" is Y's words reported by X; "سخنگوی این سازمان"
# is the body named before, once in the chain; "«...»، این را X گفت" is X's, with the body
# X directs.
def test_persian_chains_quoting_and_back_references() -> None:
    def chains(text: str) -> list[tuple[str | None, list[str]]]:
        return [(s, c) for _, s, c in _quotes(text)]

    assert chains(
        "روزنامه نسیم کویر به نقل از نادر امینی، وکیل زندانیان نوشت: «موکلانم شکنجه شده‌اند.»"
    ) == [("نادر امینی", [PUBLISHER, "روزنامه نسیم کویر", "نادر امینی"])]
    assert chains(
        "به گزارش رادیو تابران به نقل از کانون مدافعان کویر، سارا نوری، سخنگوی این کانون "
        "گفت: «سه وکیل بازداشت شدند.»"
    ) == [("سارا نوری", [PUBLISHER, "رادیو تابران", "کانون مدافعان کویر", "سارا نوری"])]
    assert chains("«هیچ پرونده‌ای بسته نشده است»، این را لیلا صدری، مدیر مرکز اسناد کویر گفت.") == [
        ("لیلا صدری", [PUBLISHER, "مرکز اسناد کویر", "لیلا صدری"])
    ]


# 21. A long title in apposition ("X, Special Adviser to the ... on ..., said that") still
# leaves X as the subject.
def test_long_apposition_keeps_the_subject() -> None:
    claims = _en(
        "Lena Osei, Special Adviser to the Regional Coordinator on Durable Solutions to "
        "Internal Displacement in Kavir, said that the camps were full."
    )
    assert [(_speaker(c), c.text) for c in claims] == [("Lena Osei", "the camps were full")]


# 22. "X, <title>, speaking from <place>, said": X speaks; "..., informed Ms. X, and ..."
# is an inversion in mid-sentence; "said Monday, “...”" is not.
def test_speaking_from_and_mid_sentence_inversion() -> None:
    claims = _en(
        "Ada Lind, Kavir Relief Fund (KRF) Regional Lead for the North, speaking from "
        "Tabar, said that stocks would last two weeks. Only one clinic was open, informed "
        "Ms. Lind, and families waited for hours."
    )
    assert [(_speaker(c), c.text) for c in claims if c.kind == "other"] == [
        ("Ada Lind", "stocks would last two weeks"),
        ("Ada Lind", "Only one clinic was open"),
    ]
    quoted = _en('Spokesperson Ada Lind said Monday, "We are now receiving reports of fires."')
    assert [_speaker(c) for c in quoted if c.kind == "quotation"] == ["Ada Lind"]


# 23. A Persian finite verb ends what a figure counts ("... ۳۰۰ نفر رسید": reached 300);
# "شمار/تعداد X به/را N نفر" names what is counted before the number.
def test_persian_number_of_x_reached_n() -> None:
    result = extract("آمار بازداشت‌شدگان کویر به ۳۰۰ نفر رسید.", publisher=PUBLISHER)
    [figure] = result.figures
    assert figure.value == 300.0
    assert figure.counts is not None and "رسید" not in figure.counts
    assert "بازداشت" in figure.counts


# 24. A named body quoting unnamed people ("X به نقل از شاهدان نوشت") keeps the words: people
# nobody names are not a speaker. A named source still is (rule 9 above).
def test_unnamed_quoted_people_leave_the_words_with_the_named_body() -> None:
    text = ("انجمن مدافعان تابران به نقل از منابع محلی نوشته است: "
            "«سه روستا در شب حمله تخلیه شد.»")
    assert _quotes(text) == [
        ("سه روستا در شب حمله تخلیه شد.", "انجمن مدافعان تابران",
         [PUBLISHER, "انجمن مدافعان تابران"])
    ]


# 25. A Persian compound verb's own noun (اعدام شدند، نگهداری می‌شدند) is not part of what a
# figure counts; a classifier's complement (۳۰ تن مشخص شده) is left alone.
def test_persian_compound_verb_noun_is_not_counted() -> None:
    figures = [c.figure for c in extract(
        "گزارش‌ها می‌گویند در این اردوگاه نزدیک به ۴۰۰ پناهجو نگهداری می‌شوند.",
        publisher=PUBLISHER).claims if c.figure is not None]
    assert [(f.value, f.counts) for f in figures] == [(400.0, "پناهجو")]
