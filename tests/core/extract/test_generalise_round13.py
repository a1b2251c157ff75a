"""Speakers, from failure causes found on the development corpus (issue 14, the twelfth
session's follow-up), as general rules phrased differently from where they were found.
All names, organisations and statements here are FICTIONAL."""

from __future__ import annotations

from gavah.core.extract import extract
from tests.core.extract.claim_views import WIRE, chains_by_text

_chains = chains_by_text


# 1. Persian "X، ...، در پیامی که آن را «...» آغاز کرده، ... یاد می‌کند و می‌گوید «...»":
# quoted words before the verb after "و" do not hide the subject opening the clause (the
# speaker of the paragraph before, someone else, is not carried over)
def test_a_persian_verb_after_and_keeps_the_opening_subject_across_quoted_words() -> None:
    # written without zero-width non-joiners ("میگوید"), as the page it comes from was
    chains = _chains(
        "یک کارگر زندانی پیشین که به طور موقت آزاد شده و به چهار سال زندان محکوم شده است، "
        "در پیامی که به طور اختصاصی به این رسانه رسیده، ضمن شرح شرایط زندان خیالی، جزئیاتی "
        "درباره وضعیت شماری از کارگران عنوان کرد.\n"
        "بهرام نیکسرشت، فعال صنفی که پیش از این بازداشت شده، روز سهشنبه دوم آبان، در پیامی "
        "که آن را «به نام کار و به نام نان» آغاز کرده، از «کارگران بندر» و «معلمان شهر» یاد "
        "میکند و میگوید که به «حبس بیدلیل همکارانش» معترض است.")
    assert chains["به نام کار و به نام نان"] == [WIRE, "بهرام نیکسرشت"]
    assert chains["حبس بیدلیل همکارانش"] == [WIRE, "بهرام نیکسرشت"]


def test_a_persian_verb_after_and_with_a_cue_before_keeps_that_cues_speaker() -> None:
    # a reporting verb before "و" in the clause: the verb after it shares that one's subject
    chains = _chains("سازمان خیالی دیده‌بان بندر اعلام کرد «دو نفر بازداشت شده‌اند» و افزود "
                     "«وضعیت آنان نامعلوم است».")
    assert chains["وضعیت آنان نامعلوم است"] == [WIRE, "سازمان خیالی دیده‌بان بندر"]


# 2. Persian "X با بیان این که «...»، توضیح داد، «...»": the quotation before the comma is
# the object of "با بیان این که"; the verb's subject opens the clause, not the party of a
# "به گفته «...»" inside it
def test_a_persian_verb_after_a_quoted_object_takes_the_subject_opening_the_clause() -> None:
    chains = _chains(
        "حسن کاموس، پدر کارگری خیالی، در گفتوگو با این رسانه گفت که پسرش بیگناه است.\n\n"
        "او با بیان این که به گفته «وکیلش که کارشناس حقوقی نیز است» پرونده «بدون هیچ مدرکی "
        "تشکیل شده»، توضیح داد، «انگار که نوید را از پیش محکوم کرده بودند» و «هیچکس پاسخگو "
        "نیست».", speaker_model=False)  # the rules alone (the model guesses right here)
    for words in ("بدون هیچ مدرکی تشکیل شده", "انگار که نوید را از پیش محکوم کرده بودند"):
        assert chains[words] == [WIRE, "حسن کاموس"], words


# 3. "X cannot verify reports that ...", "Y support claims that ...": the cue noun is the
# object of the verb before it; nobody named "X cannot verify" reports anything
def test_a_cue_noun_after_a_verb_is_its_object_not_a_frame() -> None:
    chains = _chains(
        "Ana Ruiz, a fictional spokesperson for the Lumen Relief Agency, spoke in Geneva.\n\n"
        "Ruiz said the agency cannot verify reports that hundreds were killed. “We have seen "
        "differing reports on the number of deaths,” she added.\n\n"
        "Some monitors say satellite pictures support claims that villages were burned. "
        "“Nothing is left,” said Omar Dali, a fictional farmer.")
    assert chains["We have seen differing reports on the number of deaths,"][-1] == "Ana Ruiz"
    assert chains["Nothing is left,"] == [WIRE, "Omar Dali"]
    assert not any("verify" in " ".join(chain) or "support" in " ".join(chain)
                   for chain in chains.values())


def test_received_reports_still_makes_the_receiver_the_source() -> None:
    # who received reports relays what they say (the annotation guide): no change here
    result = extract("The fictional Lumen Monitoring Mission has received reports indicating "
                     "that some 40 people were killed in the raid.", publisher=WIRE)
    figures = [c for c in result.claims if c.figure is not None]
    assert [p.name for p in figures[0].attribution] == [WIRE, "Lumen Monitoring Mission"]


# 4. "BODY Counselor NAME": a counselor is a staff title like a spokesperson; the body and
# the person are two levels, not one party named "BODY Counselor NAME"
def test_a_counselor_title_splits_the_body_from_the_person() -> None:
    chains = _chains("At a briefing, Lumen Foreign Ministry Counselor Dara Vance noted that "
                     "“the vote cannot be free or fair.”")
    assert chains["the vote cannot be free or fair."] == [WIRE, "Lumen Foreign Ministry",
                                                          "Dara Vance"]


# 5. "X summoned the ambassador Wednesday, and according to a statement, expressed “...”":
# a statement whose issuer is not named is the sentence's subject's, not a party called
# "a statement"; and a weekday after a title ("ambassador Wednesday") is no person, so "He"
# after it is still X
def test_an_unnamed_statement_is_the_opening_subjects() -> None:
    chains = _chains(
        "Prime Minister Dara Vance of the fictional Lumen Republic summoned the Orbis "
        "ambassador Wednesday, and according to a statement, expressed \"strong disapproval\" "
        "of the secrecy. He said the rights of Lumen detainees must be \"scrupulously "
        "respected.\"")
    assert chains["strong disapproval"][-1] == "Dara Vance"
    assert chains["scrupulously respected."][-1] == "Dara Vance"


def test_a_weekday_after_a_title_is_no_name() -> None:
    result = extract("Prime Minister Dara Vance summoned the ambassador Wednesday.",
                     publisher=WIRE)
    assert [m.text for m in result.mentions if m.kind == "Person"] == ["Dara Vance"]
