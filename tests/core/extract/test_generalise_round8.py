"""Failure causes found on the development corpus (issue 14, the session after blind23
joined it), as general rules: each case is phrased differently from where it was found.
All names, organisations and statements here are FICTIONAL."""

from __future__ import annotations

import pytest

from gavah.core.extract.staff import member_body, spokesperson_body, staff_body
from tests.core.extract.claim_views import quotes

WIRE = "Meridian Wire"


# 1. A person introduced with the body they come from and no staff title ("X from the
# Committee to Y", "X of the monitoring group Z", "X, the author of the Z report") speaks
# for that body: the annotation guide's organisation level.
def test_person_from_a_body_speaks_for_it() -> None:
    text = (
        "Arrests rose sharply this year.\n\n"
        "Talia Brennock from the Committee to Defend Reporters says the prisons are full.\n\n"
        "“We counted more arrests than in any year before,” Brennock said."
    )
    [(_, speaker, chain)] = quotes(text, WIRE)
    assert speaker == "Talia Brennock"
    assert chain == [WIRE, "Committee to Defend Reporters", "Talia Brennock"]


def test_report_author_speaks_for_the_reports_body() -> None:
    text = (
        "“Most of the detainees were held without charge,” said Piet Ormund, the author "
        "of Harbor Watch's annual report."
    )
    [(_, _, chain)] = quotes(text, WIRE)
    assert chain == [WIRE, "Harbor Watch", "Piet Ormund"]


@pytest.mark.parametrize(
    ("text", "name", "body"),
    [
        # a lower-case kind of body before a name with no body word in it
        ("Rosa Tenley of monitoring group Calder House says the toll is higher.",
         "Rosa Tenley", "Calder House"),
        ("Mia Corrado, the author of the report by the Velmar Rights Network, said so.",
         "Mia Corrado", "Velmar Rights Network"),
        # a transcript's speaker label in capitals is the name the narration introduced
        ("Dev Aranow from the Arlo Institute says more. DEV ARANOW: \"It grew.\"",
         "DEV ARANOW", "Arlo Institute"),
        # a place is no body, and a report with no body's name gives none
        ("Omar Keddis of Port Lerin said the shelling went on all night.", "Omar Keddis", None),
        ("Jana Vos, the author of the report, said so.", "Jana Vos", None),
        # a surname alone is not searched: "Vos of ..." may be anyone's
        ("Vos of the Lerin Bar Association said so.", "Vos", None),
    ],
)
def test_member_body(text: str, name: str, body: str | None) -> None:
    assert member_body(text, name) == body


# 2. "NAME, spokesperson for the UN housing office, UNHO": a UN body written in lower case
# after a staff title is the body, not "UN" alone (which is no body's name).
def test_un_body_in_lower_case_after_a_staff_title() -> None:
    text = ("“The evictions must stop,” said Oren Vasko, spokesperson for the UN housing "
            "office, UNHO. Officials did not reply.")
    assert staff_body(text, "Oren Vasko") == "UN housing office"
    [(_, _, chain)] = quotes(text, WIRE)
    assert chain == [WIRE, "UN housing office", "Oren Vasko"]


# 3. A Persian speaker written only as a body's spokesperson ("سخنگوی BODY") speaks for
# that body: the chain has the body's level before the spokesperson.
def test_persian_spokesperson_of_a_body_has_its_level() -> None:
    text = ("آتش‌سوزی در انبار مهار شد.\n\n"
            "با این حال، سخنگوی اتحادیه باربران گفت در آنچه که او «حادثه‌ای کوچک» نامید، "
            "کسی آسیب ندید.")
    [(_, speaker, chain)] = quotes(text, WIRE)
    assert speaker == "سخنگوی اتحادیه باربران"
    assert chain == [WIRE, "اتحادیه باربران", "سخنگوی اتحادیه باربران"]


@pytest.mark.parametrize(
    ("name", "body"),
    [("سخنگوی اتحادیه باربران", "اتحادیه باربران"), ("یک سخنگوی ناوگان", "ناوگان"),
     # a named person, or another title, is not read here
     ("مینا سخنگوی", None), ("رئیس اتحادیه باربران", None)],
)
def test_spokesperson_body(name: str, body: str | None) -> None:
    assert spokesperson_body(name) == body


# 4. "X told OUTLET ... she said" / "X در مصاحبه با OUTLET گفت ... وی گفت": a pronoun that
# continues the speaker of an interview keeps the outlet level of that interview.
def test_pronoun_after_an_interview_keeps_the_outlet() -> None:
    text = (
        "Prices rose.\n\n"
        "Marta Olsen told the Harbor Times that the port was closed. "
        "“Nobody can leave,” she said.\n\n"
        "She added that the guards were armed. “They shot at the boats,” she said."
    )
    chains = [chain for _, _, chain in quotes(text, WIRE)]
    assert chains == [[WIRE, "Harbor Times", "Marta Olsen"]] * 2


def test_persian_pronoun_after_an_interview_keeps_the_outlet() -> None:
    text = (
        "قیمت‌ها بالا رفت.\n\n"
        "مینا کاوه در مصاحبه با روزنامه بندر گفت که بندر بسته است.\n\n"
        "وی افزود: «مسئولان پول مردم را صرف کارهای بیهوده خود می‌کنند و کسی پاسخ نمی‌دهد.»"
    )
    [(_, speaker, chain)] = quotes(text, WIRE)
    assert speaker == "مینا کاوه"
    assert chain == [WIRE, "روزنامه بندر", "مینا کاوه"]
