"""Failure causes found on the development corpus (issue 14, third round), as general
rules: each case is phrased differently from where it was found. All names,
organisations and statements here are FICTIONAL."""

from __future__ import annotations

from gavah.core.extract import Claim, extract

PUBLISHER = "خبرگزاری نمونه"


def _quotes(text: str, publisher: str = PUBLISHER) -> list[tuple[str, str | None, list[str]]]:
    claims: list[Claim] = list(extract(text, publisher=publisher).claims)
    return [
        (c.text, c.speaker.name if c.speaker else None, [p.name for p in c.attribution])
        for c in claims
        if c.kind in ("quotation", "denial", "allegation") and "reported_speech" not in c.flags
    ]


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
