"""Failure causes found on the development corpus (issue 14, the session after blind25
joined it), as general rules: each case is phrased differently from where it was found.
All names, organisations and statements here are FICTIONAL."""

from __future__ import annotations

from gavah.core.extract import extract
from tests.core.extract.claim_views import quotes

WIRE = "Meridian Wire"
FA_WIRE = "خبرگزاری مریدین"


# 1. "یکی از مقام‌های BODY گفت": an unnamed official described as one of a body's officials
# is named as described, with the body as organisation level (the guide's round-25 rule);
# "این مقام ..." later is the same official.
def test_one_of_a_bodys_officials_is_named_as_described_with_the_body() -> None:
    text = (
        "یکی از مقام‌های وزارت کشور ولمورا در پاسخ به پرسش خبرنگاران گفت «این گزارش "
        "نادرست است.»\n\nاین مقام وزارت کشور در ادامه تاکید کرد «ما تحقیق خواهیم کرد.»"
    )
    found = quotes(text, FA_WIRE)
    assert [chain for _, _, chain in found] == [
        [FA_WIRE, "وزارت کشور ولمورا", "یکی از مقام‌های وزارت کشور ولمورا"],
    ] * 2


# 2. "One of the prisoners said": the partitive, its determiner and the noun it picks from,
# never the fragment "One of the".
def test_one_of_the_names_the_noun_not_a_fragment() -> None:
    text = "One of the detainees said on Tuesday: “We were not fed for three days.”"
    [(_, speaker, chain)] = quotes(text, WIRE)
    assert speaker == "One of the detainees"
    assert chain == [WIRE, "One of the detainees"]


# 3. "کمیته راهبردی این ائتلاف اعلام کرد": a part of the body named before ("this
# coalition") speaks for that body, named as the text writes it, guillemets and all.
def test_a_part_of_this_coalition_speaks_for_the_coalition_named_before() -> None:
    text = (
        "ائتلاف جهانی «آزادی روزنامه‌نگاران کارسک» روز دوشنبه بیانیه‌ای منتشر کرد.\n\n"
        "کمیته حقوقی این ائتلاف اعلام کرد: «این احکام ناعادلانه است.»"
    )
    [(_, speaker, chain)] = quotes(text, FA_WIRE)
    assert speaker == "کمیته حقوقی"
    assert chain == [FA_WIRE, "ائتلاف جهانی «آزادی روزنامه‌نگاران کارسک»", "کمیته حقوقی"]


# 4. "... اظهارات X را منتشر کرد که ضمن اعلام این مطلب این آمار را «...» دانست": the
# relative clause has no subject of its own; its object and adverbial are no speaker.
def test_a_relative_clause_without_a_subject_gives_no_fragment_speaker() -> None:
    text = (
        "روزنامه آینده روز سه‌شنبه اظهارات سروان داریوش ملکان را منتشر کرد که ضمن اعلام "
        "این مطلب این رقم را «ناقص» دانست."
    )
    [(_, speaker, _)] = quotes(text, FA_WIRE)
    # (the paper that published the words, or better the officer; never "ضمن ... رقم")
    assert speaker in ("روزنامه آینده", "سروان داریوش ملکان", "داریوش ملکان")


# 5. "A mounting number of reports ... point to ..., said the Rights Commissioner of X,
# NAME:" then the quotation: "reports" after "a number of" is a noun (no reporter), and the
# sentence that ends with "said TITLE, NAME:" introduces NAME's words.
def test_said_title_name_colon_introduces_the_quotation_after_it() -> None:
    text = (
        "A mounting number of reports and testimonies point to possible war crimes in Karsk, "
        "in areas held until recently by northern forces, said the Rights Commissioner of "
        "the Northern Union, Elin Sarvo:\n\n“These killings of civilians often appeared to be "
        "intentional.”"
    )
    # the rules' reading (the speaker model prefers "Northern Union" on this short text: the
    # known body-over-person error noted for its next retraining)
    [claim] = [c for c in extract(text, publisher=WIRE, speaker_model=False).claims
               if c.kind == "quotation"]
    assert claim.speaker is not None and claim.speaker.name == "Elin Sarvo"
    assert [p.name for p in claim.attribution] == [WIRE, "Elin Sarvo"]
