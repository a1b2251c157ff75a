"""Speakers, from failure causes found on the development corpus (issue 14, the session
after blind27 joined it), as general rules phrased differently from where they were
found. All names, organisations and statements here are FICTIONAL."""

from __future__ import annotations

from tests.core.extract.claim_views import WIRE, chains_by_text

_chains = chains_by_text


# 1. "X condemned Y and said": both verbs are X's; Y is the first verb's object
def test_two_verbs_joined_by_and_share_their_subject() -> None:
    chains = _chains("The Valdoria Justice Forum condemned the raids and said: "
                     "“The detainees must be released.”")
    assert chains["The detainees must be released."] == [WIRE, "Valdoria Justice Forum"]


def test_a_subject_after_and_is_its_own_verbs() -> None:
    # "and" opens a new subject here: the second verb is the second speaker's
    chains = _chains("The Valdoria Justice Forum condemned the raids and the Harbour Council "
                     "said: “The port stays closed.”")
    assert chains["The port stays closed."][-1] == "Harbour Council"


# 2. "three States withdrawing": a number word before a capitalised noun, no verb "states"
# (read as one, its clause lent the verbs after "and" a fragment for a subject)
def test_states_after_a_number_word_is_a_noun() -> None:
    chains = _chains("In the wake of three States withdrawing from the fictional Lumen Court, "
                     "the Orbis Rights Commissioner has underlined that there is no substitute "
                     "for the Court and called on members to “stand behind the institution.”")
    assert chains["stand behind the institution."] == [WIRE, "Orbis Rights Commissioner"]


# 3. "X, apposition, VERBED ... and said": the subject before the apposition's comma
def test_an_apposition_then_two_verbs_keeps_the_subject_before_it() -> None:
    chains = _chains("Dr. Lena Osei, the fictional clinic's director, visited the ward and said: "
                     "“We lack beds.”\n\nThe Harbour Council, a fictional port authority, "
                     "inspected the docks and said: “Repairs will take months.”")
    assert chains["We lack beds."] == [WIRE, "Lena Osei"]
    assert chains["Repairs will take months."] == [WIRE, "Harbour Council"]


# 4. Persian "X ... خواستار ... شده و نوشته بود «...»": no cue before "و" in the clause, so
# the verb before it is no reporting one; its subject, opening the clause, speaks
def test_a_persian_verb_after_and_takes_the_subject_opening_the_clause() -> None:
    chains = _chains("لیلا کاوه در یکی از آخرین نوشته‌هایش خواستار آزادی دو زندانی خیالی شده و "
                     "نوشته بود «اگر آزاد نشوند به اعتصاب ادامه می‌دهم».")
    assert chains["اگر آزاد نشوند به اعتصاب ادامه می‌دهم"] == [WIRE, "لیلا کاوه"]
