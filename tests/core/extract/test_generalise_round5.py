"""Failure causes found on the development corpus (issue 14, fifth round: the earlier
rounds' documents, blind4 included), as general rules: each case is phrased differently
from where it was found. All names, organisations, numbers and statements here are
FICTIONAL."""

from __future__ import annotations

from tests.core.extract.claim_views import PUBLISHER
from tests.core.extract.claim_views import figures as _figures
from tests.core.extract.claim_views import quotes as _quotes


# 1. Persian guillemets around a place or a person's name in the middle of a clause mark a
# name, not words said; a predicate in guillemets before its verb is still a quotation.
def test_persian_name_in_guillemets_is_not_a_quotation() -> None:
    text = (
        "فعالان محلی میگویند ماموران پاسگاه «درهنوا» به سوی چند چوپان تیراندازی کردند.\n"
        "سخنگوی گروه نگهبان کاویر گفت معلوم نیست که آیا «ماهرخ تیموری» بازیکن تیم ملی "
        "قصد بازگشت دارد."
    )
    assert _quotes(text) == []


def test_persian_predicate_in_guillemets_stays_a_quotation() -> None:
    text = "رستم پارسا، سخنگوی گروه نگهبان کاویر، گفت که این حمله «جنایت آشکار» محسوب میشود."
    [(quote, speaker, _)] = _quotes(text)
    assert quote == "جنایت آشکار"
    assert speaker == "رستم پارسا"


# 2. "over a dozen" is more than twelve; "half a dozen" is six.
def test_a_dozen_is_twelve() -> None:
    text = (
        "The fictional Velmora ministry said over a dozen teachers were detained in "
        "Brightwater. Half a dozen nurses were released later."
    )
    figures = _figures(text, "Meridian Wire")
    assert ("over a dozen teachers", None, 12) in [(t, v, m) for t, v, m in figures] or any(
        m == 12 and "dozen" in t for t, _, m in figures
    )
    assert any(v == 6 and "Half a dozen" in t for t, v, _ in figures)


# 3. The outlet a speaker spoke to is a reporting level between the publisher and the
# speaker (and the body the speaker speaks for).
def test_told_outlet_is_a_reporting_level() -> None:
    text = (
        "The council denied the report. \"No teacher was detained in Brightwater,\" council "
        "spokesperson Oren Vale told the BBC."
    )
    [(_, speaker, chain)] = _quotes(text, "Meridian Wire")
    assert speaker == "Oren Vale"
    assert chain[:2] == ["Meridian Wire", "BBC"] and chain[-1] == "Oren Vale"


def test_interview_outlet_is_a_reporting_level() -> None:
    text = (
        "In an interview with Velmora's Kestrel news agency, Dara Quell said the hearing was "
        "closed, adding \"we will appeal to every court that will hear us.\""
    )
    [(_, speaker, chain)] = _quotes(text, "Meridian Wire")
    assert speaker == "Dara Quell"
    assert chain == ["Meridian Wire", "Kestrel news agency", "Dara Quell"]


def test_persian_interview_outlet_is_a_reporting_level() -> None:
    text = "رستم پارسا در گفتگو با رادیو نمونه گفت: «هیچ معلمی در این شهر بازداشت نشده است.»"
    [(_, speaker, chain)] = _quotes(text)
    assert speaker == "رستم پارسا"
    assert chain == [PUBLISHER, "رادیو نمونه", "رستم پارسا"]


def test_told_reporters_is_not_an_outlet() -> None:
    text = "\"The hearing was closed,\" Dara Quell told reporters in Brightwater."
    [(_, _, chain)] = _quotes(text, "Meridian Wire")
    assert chain == ["Meridian Wire", "Dara Quell"]


# 4. An unnamed office-holder is resolved to the office; "this spokesperson" later is the
# same office, in its fullest written form.
def test_unnamed_spokesperson_is_the_office() -> None:
    text = (
        "یک سخنگوی وزارت امور خارجه کاویر روز سه شنبه اعدام دو معلم را محکوم کرد.\n"
        "این سخنگو در بیانیه ای گفت: «ما این اعدام ها را محکوم میکنیم.»\n"
        "سخنگو افزود «رژیم باید پاسخگو باشد.»"
    )
    quotes = _quotes(text)
    assert [s for _, s, _ in quotes] == ["وزارت امور خارجه کاویر"] * 2
    assert all(chain == [PUBLISHER, "وزارت امور خارجه کاویر"] for _, _, chain in quotes)


def test_unnamed_spokesperson_takes_the_fuller_office_name() -> None:
    text = (
        "سخنگوی وزارت امور خارجه ایالات متحده این حکم را ناعادلانه خواند.\n"
        "سخنگوی وزارت امور خارجه آمریکا نوشت: «این معلم باید امروز آزاد بود».")
    [(_, speaker, _)] = _quotes(text)
    assert speaker == "وزارت امور خارجه ایالات متحده"


def test_english_unnamed_spokesperson_is_the_office() -> None:
    text = 'A Velmora foreign ministry spokesperson said: "We condemn the executions."'
    [(_, speaker, chain)] = _quotes(text, "Meridian Wire")
    assert speaker == "Velmora foreign ministry"
    assert chain == ["Meridian Wire", "Velmora foreign ministry"]


# 5. Organisation levels as the text writes them: "the spokesperson for <Body>" is the
# person the text gave that title, speaking for <Body> as written; a title right after a
# name with no verb ("Name Spokesperson for the <Body>, made the following comments")
# names the person a later surname means.
def test_spokesperson_for_body_is_the_titled_person_for_that_body() -> None:
    text = (
        "Velmora: Kavir Watch spokesperson Lena Osei urges an end to arrests\n\n"
        "“We are alarmed by the arrests,” the spokesperson for Kavir Watch said."
    )
    [(_, speaker, chain)] = _quotes(text, "Meridian Wire")
    assert speaker == "Lena Osei"
    assert chain == ["Meridian Wire", "Kavir Watch", "Lena Osei"]


def test_title_after_name_without_verb_completes_a_later_surname() -> None:
    text = (
        "At the weekly briefing on Monday, Lena Osei Spokesperson for the Kavir Watch Office, "
        "made the following comments on Velmora.\n\n"
        "“The country has sunk into crisis,” said Osei.\n\n"
        "“Arrests continue,” the spokesperson said."
    )
    quotes = _quotes(text, "Meridian Wire")
    assert [s for _, s, _ in quotes] == ["Lena Osei", "Lena Osei"]
    assert all(c == ["Meridian Wire", "Kavir Watch Office", "Lena Osei"] for _, _, c in quotes)


# 6. "X, <apposition>, told <Outlet>.": the outlet after "told" is who was told, not the
# speaker, and a second apposition ("X, a member of Y, an exile group, told") keeps X.
def test_told_outlet_after_appositions() -> None:
    text = (
        '"It is a fine day and justice has won," Dara Quell, a member of the Foreign '
        "Committee of the Velmora Freedom Council, an exile umbrella group, told Reuters."
    )
    [(_, speaker, chain)] = _quotes(text, "Meridian Wire")
    assert speaker == "Dara Quell"
    assert chain[:2] == ["Meridian Wire", "Reuters"] and chain[-1] == "Dara Quell"


# 7. A Persian duration with the indefinite suffix ("۴۰ سالی که") and a clock time ("ساعت
# ۶ عصر", "۸ غروب") are not figures; the count beside them still is.
def test_persian_duration_suffix_and_clock_time_are_not_figures() -> None:
    text = (
        "در ۴۰ سالی که از تاسیس انجمن کاویر میگذرد، ۳۰۰ معلم بازداشت شدهاند. "
        "این انجمن تا ساعت ۸ غروب دوشنبه خبری از آنها نداشت."
    )
    assert [(t, v) for t, v, _ in _figures(text)] == [
        (t, 300.0) for t, v, _ in _figures(text) if v == 300.0
    ]
    assert any(v == 300.0 for _, v, _ in _figures(text))


# 8. "این سخنگو" with no quotation before it is the office of the unnamed spokesperson
# named earlier, and the outlet it spoke to is a reporting level.
def test_this_spokesperson_first_quoted_is_the_office_named_before() -> None:
    text = (
        "یک سخنگوی وزارت امور خارجه کاویر با خانواده او ابراز همدردی کرد.\n"
        "این سخنگو در بیانیهای به رادیو نمونه گفت: «ما اندوهگین هستیم.»"
    )
    [(_, speaker, chain)] = _quotes(text)
    assert speaker == "وزارت امور خارجه کاویر"
    assert chain == [PUBLISHER, "رادیو نمونه", "وزارت امور خارجه کاویر"]
