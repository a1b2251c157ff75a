"""The cheap checks that stand in front of (or in place of) a regular-expression scan give
the scan's answer on every window of the FICTIONAL fixture texts and on edge cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gavah.core.extract import (
    coref,
    counted,
    figures,
    language,
    numbers,
    patterns,
    quotes,
    speakers,
    staff,
    subjects,
)
from gavah.core.extract.mentions import Gazetteer
from gavah.core.extract.textmap import fold_text
from gavah.core.names import token_key
from gavah.core.text import fold, letter_runs, matches_at, run_starts

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "claims"
# FICTIONAL edge cases: trailing newlines, tabs, no-break and other Unicode spaces, a
# sentence end before a title, a title cut at a comma, "of whom", "put the number ... at"
EDGES = [
    "Spokesperson \n", "said. Deputy Spokesperson\t \n", "the Chief  ", "x spokesman\n\n",
    "Assistant Secretary for Democracy, Justice and Archives, \n", "Secretary for Archives, ",
    "Head of the Office,\n",
    "LEAD ", "principal deputy spokesperson ", "Chairman.  ", "Ms. Director  ", "x,\u00a0",
    "a,\u2003\n", ",,", " ،\n", "of whom ", "which\n", "put the number detained at ", "at\u00a0",
    "Envoy\u00a0", "Minister \n \n",
]


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))] + EDGES


def _windows(text: str, size: int) -> list[str]:
    return [text[max(0, at - size) : at] for at in range(len(text) + 1)]


@pytest.mark.parametrize("text", _texts(), ids=lambda t: t[:20])
def test_prechecks_agree_with_the_scans(text: str) -> None:
    role = re.compile(rf"(?i:{speakers.ROLE_WORDS})[ \t]+$")
    for pre in _windows(text, 80):
        cut = speakers._SENTENCE_CUT.split(pre)[-1]
        assert speakers._last_sentence(pre) == cut
        assert speakers._role_before(pre) == (role.search(cut) is not None), pre
        for window in (pre, pre + "\u00a0", pre + "\n"):
            comma = re.search(r"[^,،][,،]\s*$", window) is not None
            assert subjects._one_comma_at_end(window) == comma, window
            tail = window.rstrip()
            if counted._WHOM_BEFORE.search(window):
                assert tail.endswith(("whom", "which"))
            if counted._NUMBER_WHAT_AT.search(window):
                assert tail.endswith("at")
    for at in range(len(text) + 1):
        if speakers._CUT_TITLE.search(text, max(0, at - 120), at):
            assert speakers._comma_before(text, at)
            assert speakers._holds_role(text[max(0, at - 120) : at])


def test_the_edge_cases_reach_both_answers() -> None:
    assert speakers._role_before("said. Deputy Spokesperson\t \n")
    assert not speakers._role_before("said. Deputy Spokesperson\n\n")
    assert subjects._one_comma_at_end("a,\u2003\n") and not subjects._one_comma_at_end(",,")
    text = "Assistant Secretary for Democracy, \n"
    assert speakers._CUT_TITLE.search(text, 0, len(text))
    assert speakers._comma_before(text, len(text))


# FICTIONAL phrases, one for each way a vague quantity is written (numbers._VAGUE)
VAGUE = [
    "a few tens of thousands", "چندین ده هزار", "دهها هزار", "عشرات الآلاف", "عشرات آلاف",
    "hundreds of thousands", "صدها هزار", "مئات الآلاف", "millions", "میلیونها", "ملایین",
    "several thousand", "چند هزار", "بضعة آلاف", "عدة آلاف", "some hundred", "چندین صد",
    "بضع مئات", "عدة مئات", "thousands", "هزاران", "آلاف", "hundreds", "صدها", "صد ها",
    "مئات", "a few dozen", "dozens", "دهها", "ده ها", "عشرات", "several tens", "چند ده",
    "hundreds of millions", "صد ها میلیون", "صدها مليون", "tens of millions", "ده ها ميليون",
    "دهها میلیون", "صد ها هزار", "ده ها هزار",
]


@pytest.mark.parametrize("text", [*_texts(), *VAGUE, " ".join(VAGUE), "x" + "،".join(VAGUE)],
                         ids=lambda t: t[:20])
def test_vague_quantities_open_with_their_first_words(text: str) -> None:
    """Each vague-quantity pattern, tried only where a run of its first words starts,
    finds what a scan of the whole text finds, and only in a text holding a run of those
    it cannot do without."""
    folded = fold(text)
    runs = letter_runs(folded)
    for (pattern, _), (first, held) in zip(numbers._VAGUE_WORDS, numbers._VAGUE_RUNS, strict=True):
        tried = [m.span() for m in matches_at(pattern, folded, run_starts(runs, first))]
        assert tried == [m.span() for m in pattern.finditer(folded)], pattern.pattern
        assert not tried or not held.isdisjoint(runs), pattern.pattern
    if text in VAGUE:
        assert any(p.search(folded) for p, _ in numbers._VAGUE_WORDS), text


def test_names_are_found_past_the_words_skipped() -> None:
    """The gazetteer passes over words that start no name, and still finds names
    after them, spelled as the alias is, as a variant, or behind an Arabic clitic."""
    gazetteer = Gazetteer([("1", ["Northgate Monitoring Group"], "Organization"),
                           ("2", ["Sara Karimi"], "Person"),
                           ("3", ["لجنة الحقيقة"], "Organization")])
    text = ("FICTIONAL: the visitors said Northgate Monitoring Group and Sarah Karimy met; "
            "وقالت للجنة الحقيقة")
    found = {m.entity_ids[0] for m in gazetteer.find(fold_text(text))}
    assert found == {"1", "2", "3"}
    assert Gazetteer([]).find(fold_text(text)) == []


# FICTIONAL: titles in other cases, a long s, a capital I with a dot (it lowers to two)
TITLED = ["ſpokesman Ravina Amani said", "SPOKESMAN Jeremy Lauren İ",
          "the spoKesperson Rupert Colvin and spokeswoman Liz Thornhill"]


@pytest.mark.parametrize("text", [*_texts(), *TITLED], ids=lambda t: t[:20])
def test_titled_names_are_found_where_spokes_starts(text: str) -> None:
    """Names after a spokesperson's title, tried only where "spokes" starts, are those a
    scan of the whole text finds."""
    assert [m.span() for m in coref._titled(text)] == [
        m.span() for m in coref._TITLED.finditer(text)]


# FICTIONAL: titles before names in text beyond ASCII, in other cases, after a hyphen
LATIN_TITLES = ["“MR. Omid Sarvi” said Dr Lena Osei", "«DR. Mira Sol» – Prof. Kian Ro",
                "x-Mr. Ali Ro and Mrs Sara Tavan, é", "the ambassador İlya Ro, ſir Ko"]


@pytest.mark.parametrize("text", [*_texts(), *LATIN_TITLES], ids=lambda t: t[:20])
def test_latin_titles_are_found_where_their_first_words_start(text: str) -> None:
    """Titles before a name, tried only where a title's first word starts in the
    lower-cased text, are those a scan of the whole text finds."""
    starts = patterns._latin_starts(text)
    tried = patterns._LATIN_TITLE.finditer(text) if starts is None else matches_at(
        patterns._LATIN_TITLE, text, starts)
    assert [m.span() for m in tried] == [m.span() for m in patterns._LATIN_TITLE.finditer(text)]


# FICTIONAL: staff titles before a body's name, in other cases, after "Special"
STAFF_TITLES = ["said the Deputy Director of the Kavir Rights Office,",
                "“x” — CHIEF SPOKESPERSON FOR THE UN OFFICE ", "Special Representative for Sol",
                "head of U.N. refugee agency, é", "ſenior adviser at the Tabran Centre"]


@pytest.mark.parametrize("text", [*_texts(), *STAFF_TITLES], ids=lambda t: t[:20])
def test_staff_titles_are_searched_from_their_words(text: str) -> None:
    """A staff title and body ending a text, tried only where a title's word starts in the
    lower-cased text, is what a search of the whole text finds."""
    for window in _windows(text, 140):
        found = staff._title_search(staff._BEFORE[1], window)
        expected = staff._BEFORE[1].search(window)
        assert (found and found.span()) == (expected and expected.span()), window


# FICTIONAL: what may stand before a number
BEFORE_NUMBERS = ["aged 34", "Article 7", "costs $ 5", "at 10:", "at 10:\n", "these 4",
                  "no fewer than\t", "did not exceed ", "بیش از ", "ما لا يقل عن ", "some ",
                  "an average of\u00a0", "on average  ", "به طور متوسط ", "این ", "no. "]


@pytest.mark.parametrize("text", [*_texts(), *BEFORE_NUMBERS], ids=lambda t: t[:20])
def test_what_ends_the_text_before_a_number(text: str) -> None:
    """The checks of what ends the text before a number give the searches' answers."""
    for window in _windows(fold(text), 30):
        assert figures._skip_before(window) == bool(figures._SKIP_BEFORE.search(window)), window
        if figures._REFERS_BACK.search(window):
            assert window.rstrip().endswith(figures._REFERS_BACK_ENDS), window
        assert figures._rate_before(window, 0, len(window)) == bool(
            figures._RATE_BEFORE.search(window)), window
        for (_, pattern), ends in zip(figures._BEFORE, figures._BEFORE_ENDS, strict=True):
            if pattern.search(window):
                assert window.rstrip().endswith(ends), window


# FICTIONAL: charges named before a quotation
CHARGES = ["was charged with “", "two years in prison for «", "sentenced by the Court, for \"",
           "به اتهام «", "بتهمة «", "crimes of “", "guilty of \""]


@pytest.mark.parametrize("text", [*_texts(), *CHARGES], ids=lambda t: t[:20])
def test_charges_hold_their_words(text: str) -> None:
    """A text before a quotation that names a charge holds one of the charge words."""
    for window in _windows(fold(text), 110):
        if quotes._CHARGE_BEFORE.search(window):
            assert any(w in window for w in quotes._CHARGE_HOLDS), window


def test_lower_casing_keeps_the_runs_of_letters() -> None:
    """Every character but İ lower-cases to one character that is a letter exactly when it
    was (what lets language detection count Persian and Arabic words in the runs of
    letters it read before lower-casing), and caseless Persian and Arabic words stay."""
    every = "".join(chr(c) for c in range(0x110000) if c != 0x130)
    lower = every.lower()
    assert len(lower) == len(every)
    assert [m.span() for m in language._WORD.finditer(lower)] == [
        m.span() for m in language._WORD.finditer(every)]
    letters = set("".join((*language._FA, *language._AR)))
    assert {c for c in every if c.lower() in letters} == letters


@pytest.mark.parametrize("digits", ["0", "7", "007", "1988", "12981", "1234567890" * 3])
def test_digits_have_no_key(digits: str) -> None:
    """The gazetteer takes a run of ASCII digits to have the empty key without working it
    out: it has no letters."""
    assert token_key(digits) == ""


# FICTIONAL: words between ASCII single marks, and apostrophes that open nothing
SINGLE_MARKS = ["'Alarming as they are, numbers cannot say it,' said Osei.",
                "the visitors' room; (:'Kavir's rights matter.') x", "—'Two more were held.' 'A'"]


@pytest.mark.parametrize("text", [*_texts(), *SINGLE_MARKS], ids=lambda t: t[:20])
def test_single_marks_open_where_a_mark_is(text: str) -> None:
    """Words between ASCII single marks, tried only at each "'", are those a scan of the
    whole text finds."""
    marks = [i for i, c in enumerate(text) if c == "'"]
    assert [m.span() for m in matches_at(quotes._ASCII_SINGLE, text, marks)] == [
        m.span() for m in quotes._ASCII_SINGLE.finditer(text)]
