"""Who asserts a figure or a quotation when the sentence alone does not say: reported
speech that runs on, a statement's header, a statement that speaks through its author,
surnames and roles named in full before. Each case is phrased differently from the real
documents where the gap was seen. All names, bodies and statements here are FICTIONAL."""

from __future__ import annotations

import pytest

from gavah.core.extract import Claim, extract
from gavah.core.extract.author import statement_author


def _by_text(text: str, publisher: str | None = "Meridian Wire") -> dict[str, Claim]:
    return {c.text: c for c in extract(text, publisher=publisher).claims}


def _chain(c: Claim) -> list[str]:
    return [p.name for p in c.attribution]


def test_reported_speech_runs_on_over_its_paragraph() -> None:
    text = (
        "Dana Ferro said that the situation in "
        "Dashtabad had worsened. At least 120 people had been detained in March. Another "
        "45 detainees had been moved to the northern prison.\n\n"
        "The weather was mild this week, and 30 families were evacuated from the valley."
    )
    claims = _by_text(text)
    assert claims["At least 120 people"].speaker.name == "Dana Ferro"
    assert _chain(claims["45 detainees"])[-1] == "Dana Ferro"
    # a new paragraph of a news item is the publisher's again
    assert claims["30 families"].speaker is None


def test_a_briefing_section_keeps_its_speaker_until_a_heading() -> None:
    text = (
        "Floods in the south\n\n"
        "Omar Vance, for the Fictional Relief Agency (FRA), said the river had burst its "
        "banks on Monday.\n\n"
        "Some 2,400 households had lost their homes, and 18 schools were closed.\n\n"
        "Vaccines\n\n"
        "A shipment of 50,000 doses reached the capital."
    )
    claims = _by_text(text, "Fictional Briefing Service")
    assert claims["Some 2,400 households"].speaker.name == "Omar Vance"
    assert claims["50,000 doses"].speaker is None


@pytest.mark.parametrize(
    "opening",
    [
        # no comma between the name and the body, and the verb after "began by"
        "Lena Varga for the Tarsa Rights Office (TRO) began by saying that",
        # the place spoken from after the title, outside the subject's own words
        "Lena Varga, Head of the Tarsa Monitoring Mission, speaking from Qalat, said that",
    ],
)
def test_a_briefing_speaker_introduced_in_other_words_carries_on(opening: str) -> None:
    text = (
        "FICTIONAL press briefing\n\n"
        "Tarsa\n\n"
        f"{opening} 40 detainees had been moved to the northern prison.\n\n"
        "Some 12 others had been released on bail.\n\n"
        "Vaccines\n\n"
        "A shipment of 50,000 doses reached the capital."
    )
    claims = _by_text(text, "Fictional Briefing Service")
    assert claims["40 detainees"].speaker.name == "Lena Varga"
    assert claims["Some 12 others"].speaker.name == "Lena Varga"
    assert claims["50,000 doses"].speaker is None
    if " for the " in opening:  # the person, then her body: not one organisation's name
        assert _chain(claims["Some 12 others"]) == [
            "Fictional Briefing Service", "Tarsa Rights Office", "Lena Varga"]
        names = {m.text: m.kind for m in extract(text).mentions}
        assert "Lena Varga for the Tarsa Rights Office" not in names
        assert names.get("Tarsa Rights Office") == "Organization"


def test_a_quotation_between_ends_the_run_on() -> None:
    text = (
        'Mina Sadr said that 12 journalists had been arrested. "We are alarmed," she told '
        "reporters. The ministry later freed 3 reporters."
    )
    claims = _by_text(text)
    assert claims["12 journalists"].speaker.name == "Mina Sadr"
    assert claims["3 reporters"].speaker is None


@pytest.mark.parametrize(
    ("header", "author"),
    [
        ("Press Statement\nJordan K. Ilves\nDeputy Spokesperson\nMarch 3, 2031\n",
         "Jordan K. Ilves"),
        ("Kaveh Dorian, Secretary of State\nMarch 3, 2031\n", "Kaveh Dorian"),
        # a briefing's transcript says whose briefing it is before its first paragraph
        ("Daily Press Briefing by the Office of the Fictional Council's Spokesperson\n\n"
         "The following is a near-verbatim transcript of today’s noon briefing by Lena "
         "Varga, Spokesperson for the Fictional Council.\n\nGood afternoon.\n", "Lena Varga"),
        # a briefing note's header: the spokesperson's title, a colon, then the name
        ("Spokespersons for the Fictional Rights Office: Omar Adel\nLocation: Qalat\n",
         "Omar Adel"),
        ("Press Briefing Notes: Tarsa\n\nSpokesperson for the Fictional Rights Office: "
         "Lena Varga\nLocation: Qalat\n3 March 2031\n\n(1) Tarsa\n", "Lena Varga"),
        ("وزارت خارجه سرزمین خیالی\nبیانیه نسرین آریان، سخنگوی وزارت خارجه\n۳ مارس ۲۰۳۱\n",
         "نسرین آریان"),
        ("بیانیه مطبوعاتی: اظهارات سفیر بهرام نیک درباره زندانیان\n", "سفیر بهرام نیک"),
    ],
)
def test_a_statement_header_names_its_author(header: str, author: str) -> None:
    body = "The fictional authorities detained 40 students this week, and we condemn it.\n"
    found = statement_author(header + "\n" + body)
    assert found is not None and found.name == author
    claims = _by_text(header + "\n" + body, "Fictional Ministry")
    # the claim names the person, not their title ("سفیر" is an ambassador's)
    assert claims["40 students"].speaker.name == author.removeprefix("سفیر ")


def test_a_news_item_or_a_body_sentence_is_not_a_header() -> None:
    assert statement_author("Fictional Monitor\n\nStatement on the floods\n\nIt rained.") is None
    assert statement_author("Press Briefing Notes: Tarsa, Qalat and Lorn\n\nIt rained.") is None
    text = "دیده‌بان خیالی\n\nبیانیه درباره سیل\n\nسارا نیک، دبیر این نهاد، گفت: «سیل آمد.»\n"
    assert statement_author(text) is None


def test_a_persian_statement_speaks_through_its_author() -> None:
    text = (
        'وزارت خارجه سرزمین خیالی به مناسبت سالگرد اعتراضات با انتشار بیانیه‌ای گفت که '
        'دولت "صدای مردم را نشنید."\n\n'
        'در این بیانیه آمده است که مقامات "۲۰۰ معترض را بازداشت کرده‌اند."\n\n'
        'این بیانیه اذعان می‌دارد که دولت "باید پاسخگو باشد."'
    )
    claims = _by_text(text, "خبرگزاری خیالی")
    for quoted in ("صدای مردم را نشنید.", "۲۰۰ معترض را بازداشت کرده‌اند.", "باید پاسخگو باشد."):
        assert claims[quoted].speaker.name == "وزارت خارجه سرزمین خیالی"


def test_a_persian_subject_is_the_phrase_that_opens_the_clause() -> None:
    text = (
        "سازمان خیالی حقوق بشر تعداد بازداشت‌شدگان را ۳۰۰ نفر اعلام کرد و افزود: "
        "«هویت ۴۰ تن هنوز روشن نیست.»"
    )
    claims = _by_text(text, "خبرگزاری خیالی")
    assert claims["هویت ۴۰ تن هنوز روشن نیست."].speaker.name == "سازمان خیالی حقوق بشر"


def test_surnames_and_roles_take_the_full_name_and_body() -> None:
    text = (
        "Fictional Rights Office spokesperson Talia Brenn said that the fictional courts had "
        'sentenced 9 protesters. "The trials were unfair," Ms. Brenn said. '
        '"We ask for a review," the spokesperson added.'
    )
    claims = _by_text(text, "Fictional Wire")
    fair = claims["The trials were unfair,"]
    assert fair.speaker.name == "Talia Brenn"
    assert _chain(fair) == ["Fictional Wire", "Fictional Rights Office", "Talia Brenn"]
    assert claims["We ask for a review,"].speaker.name == "Talia Brenn"


@pytest.mark.parametrize(
    "text",
    [
        "The fictional council adopted the text by 30 in favour, 9 against and 4 abstentions.",
        "Several fictional villages were flooded, and چندین روستا آسیب دید.",
        "The fictional march began at 6 pm near the square.",
        "این بیانیه در واشنگتن دی.سی منتشر شد و نه تنها دولت را نقد کرد.",
    ],
)
def test_tallies_times_and_several_are_not_figures(text: str) -> None:
    assert [c for c in extract(text).claims if c.kind == "figure"] == []


def test_dari_at_least() -> None:
    [figure] = [c for c in extract("کم از کم ۵۰ نفر در ولایت خیالی کشته شدند.").claims
                if c.kind == "figure"]
    assert (figure.figure.min, figure.figure.qualifier) == (50, "at least")


@pytest.mark.parametrize(
    ("opening", "author", "subject"),
    [
        ("The following statement was issued today by the Spokesman for Secretary-General "
         "Lorin Abaskar:", "Lorin Abaskar", "The Secretary-General strongly condemns"),
        ("The following Tarsa Council press statement was issued today by Council President "
         "Omar Adel (Qalat):", "Tarsa Council", "The members of the Tarsa Council condemned"),
    ],
)
def test_a_statement_issued_by_a_line_before_it_is_its_authors(
        opening: str, author: str, subject: str) -> None:
    """FICTIONAL statements: the line that says who issued the statement names its author
    (a spokesman's principal, a council whoever presides); it is no speaker itself, and the
    statement's first verb, whose subject runs back over that line, is the author's."""
    text = (
        f"FICTIONAL/SM/0001\n\n{opening}\n\n{subject} the attack on a convoy near Qalat "
        "on 3 March, in which 14 civilians were killed.\n\n"
        "Some 40 families have since fled the district.\n"
    )
    found = statement_author(text)
    assert found is not None and found.name == author
    claims = _by_text(text, "Fictional News Service")
    assert claims["14 civilians"].speaker.name == author
    assert claims["Some 40 families"].speaker.name == author


def test_we_in_a_statement_with_an_author_is_the_author() -> None:
    """FICTIONAL briefing note: "We have received reports that ..." is its spokesperson's;
    without a header naming an author, "We" names nobody."""
    body = "We have received reports that 14 people were detained in Qalat on Monday.\n"
    header = "Spokesperson for the Fictional Rights Office: Lena Varga\nLocation: Qalat\n\n"
    claims = _by_text(header + body, "Fictional Rights Office")
    assert claims["14 people"].speaker.name == "Lena Varga"
    assert _by_text(body, "Fictional Wire")["14 people"].speaker is None
