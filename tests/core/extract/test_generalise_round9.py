"""Failure causes found on the development corpus (issue 14, the session after blind24
joined it), as general rules: each case is phrased differently from where it was found.
All names, organisations and statements here are FICTIONAL."""

from __future__ import annotations

import pytest

from gavah.core.extract import extract
from gavah.core.extract.staff import staff_body
from tests.core.extract.claim_views import quotes

WIRE = "Meridian Wire"


# 1. "X called <a long object> “...”": the words quoted after what was called are X's,
# however many words the object takes (each word the verb gives him is his quotation, as
# the annotation guide has it); and the next "he said" continues X.
def test_called_with_a_long_object_quotes_the_caller() -> None:
    text = (
        "Darel Vont, the palace press secretary, called the beating of the foreign aid "
        "workers in Karsk “unacceptable” and “cruel.” “We will not accept this,” he said."
    )
    found = quotes(text, WIRE)
    assert [(q, speaker) for q, speaker, _ in found] == [
        ("unacceptable", "Darel Vont"),
        ("cruel.", "Darel Vont"),
        ("We will not accept this,", "Darel Vont"),
    ]


# 2. "Spokesperson for his Office, ACRONYM, X": the office a title is for, named by its
# acronym right after "his/her/its Office", is the body X speaks for.
def test_title_for_his_office_named_by_its_acronym() -> None:
    text = (
        "The Rights Commissioner of the Northern Union, Elin Sarvo, called for the release "
        "of three monitors. Speaking on her behalf, Chief Spokesperson for her Office NURCO, "
        "Tomas Ekwall, said: “These charges are invented.”"
    )
    [(_, speaker, chain)] = quotes(text, WIRE)
    assert speaker == "Tomas Ekwall"
    assert chain == [WIRE, "NURCO", "Tomas Ekwall"]


# 3. A court's chief prosecutor speaks for the court (the guide's organisation level), named
# elsewhere in the text when not beside the name; a trial's "prosecutor X" does not.
def test_chief_prosecutor_speaks_for_the_court_the_text_names() -> None:
    text = (
        "The chief prosecutor of the Coastal Criminal Court (CCC) says the court is not "
        "biased.\n\n"
        "Mara Elstad, who became chief prosecutor last June, said in an interview: “We "
        "go where the evidence takes us.”"
    )
    [(_, speaker, chain)] = quotes(text, WIRE)
    assert speaker == "Mara Elstad"
    assert chain == [WIRE, "Coastal Criminal Court", "Mara Elstad"]


def test_a_trials_prosecutor_gets_no_court() -> None:
    text = (
        "The Coastal Criminal Court convicted the former mayor on Tuesday. According to "
        "prosecutor Lena Varga, the mayor “intended to empty the villages.”"
    )
    [(_, speaker, chain)] = quotes(text, WIRE)
    assert speaker == "Lena Varga"
    assert chain == [WIRE, "Lena Varga"]


# 4. "The head of office for BODY in PLACE, X": a head of office speaks for the body, with
# where the office is written after it; a UN body named by a capitalised word of what it
# does ("U.N. Lighthouse agency", a fictional one) is a body as its lower-case form is.
def test_head_of_office_for_a_body_in_a_place() -> None:
    text = (
        "The head of office for the Harbor Relief Agency in North Karsk, Pia Sorensen, "
        "told the Wire: “Shooting started directly into the camp.”"
    )
    [(_, speaker, chain)] = quotes(text, WIRE)
    assert speaker == "Pia Sorensen"
    assert chain == [WIRE, "Harbor Relief Agency", "Pia Sorensen"]
    text = "The head of office for the U.N. Lighthouse agency in Karsk, Pia Sorensen, spoke."
    assert staff_body(text, "Pia Sorensen") == "U.N. Lighthouse agency"


# 5. A body written by its last words in lower case before a title ("rights office
# spokesperson X", "Agency spokesman X") is the body named before with those last words,
# a UN body's lower-case "U.N. lighthouse office" (a fictional one) too.
@pytest.mark.parametrize(
    ("named", "title", "body"),
    [("The U.N. lighthouse office", "lighthouse office spokesperson", "U.N. lighthouse office"),
     ("The U.N. lighthouse office", "Office spokesperson", "U.N. lighthouse office"),
     ("The Northern Refugee Agency", "refugee agency spokesman",
      "Northern Refugee Agency")],
    ids=["lower-case", "one word", "capitalised"],
)
def test_a_bodys_last_words_before_a_title(named: str, title: str, body: str) -> None:
    text = (
        f"{named} reported new arrests on Friday.\n\n"
        f"“We are alarmed,” {title} Rhea Dalton told a briefing Friday."
    )
    # the rules' reading (the speaker model, on by default, chooses the body itself in the
    # capitalised case: its own error, noted in issue 14's closing note)
    [claim] = [c for c in extract(text, publisher=WIRE, speaker_model=False).claims
               if c.kind == "quotation"]
    assert [p.name for p in claim.attribution] == [WIRE, body, "Rhea Dalton"]
