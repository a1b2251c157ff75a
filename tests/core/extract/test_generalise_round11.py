"""Speakers, from failure causes found on blind27's documents after its single run (issue
14), as general rules phrased differently from where they were found. All names,
organisations and statements here are FICTIONAL."""

from __future__ import annotations

from tests.core.extract.claim_views import WIRE, chains_by_text

_chains = chains_by_text


# 1. "NAME، TITLE BODY گفت:": the body ends before the verb, never "BODY گفت"
def test_a_persian_body_after_a_title_ends_before_the_verb() -> None:
    chains = _chains("رضا کاوه، دبیرکل سازمان دیده‌بان رودبار گفت: «این محاکمه یک آزمون است.»")
    assert chains["این محاکمه یک آزمون است."] == [WIRE, "سازمان دیده‌بان رودبار", "رضا کاوه"]


# 2. "X، ... را «...» می‌داند": the present tense of "considers" attributes as the past does
def test_considers_in_the_present_attributes_the_quotation() -> None:
    chains = _chains("دیده‌بان رودبار، اقدام‌های اخیر دولت را تلاشی با هدف «خاموش کردن صداهای "
                     "آزاد و مستقل» می‌داند.")
    assert chains["خاموش کردن صداهای آزاد و مستقل"] == [WIRE, "دیده‌بان رودبار"]


# 3. two single marks typed for the closing double one: the quotation closes there, and
# the "said X" after them attributes it
def test_two_single_marks_close_a_double_quotation() -> None:
    chains = _chains("“The boats keep leaving because nothing else is left,’’ said Ilse "
                     "Marren, director at the Northern Refugee Council. “It is a tragedy.”")
    assert chains["The boats keep leaving because nothing else is left,"][-1] == "Ilse Marren"
    assert chains["It is a tragedy."][-1] == "Ilse Marren"
