import random
import re

import pytest

from gavah.core.text import (
    digit_runs,
    direction,
    first_words,
    fold,
    fold_with_map,
    last_match,
    letter_runs,
    matches_at,
    original_span,
    terms,
)


@pytest.mark.parametrize(("a", "b"), [
    ("رئیسی", "رييسي"),  # hamza seat and Arabic yeh vs Farsi yeh
    ("كتاب", "کتاب"),  # Arabic kaf vs keheh
    ("مُحَمَّد", "محمد"),  # harakat
    ("می‌خواهم", "میخواهم"),  # zero-width non-joiner
    ("۱۳۶۷", "1367"),  # Persian digits
    ("١٣٦٧", "1367"),  # Arabic-Indic digits
    ("ﻣﺤﻤﺪ", "محمد"),  # presentation forms
    ("Agnès", "AGNES"),  # Latin accents and case
    ("مدرسة", "مدرسه"),  # teh marbuta
    ("ـــمحمد", "محمد"),  # tatweel
])
def test_variants_fold_to_the_same_form(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("a", "b"), [("رحیمی", "کریمی"), ("1367", "1368"), ("پور", "بور")])
def test_different_words_stay_different(a: str, b: str) -> None:
    assert fold(a) != fold(b)


def test_fold_with_map_matches_fold_and_maps_back() -> None:
    text = "Agnès گفت: «رئیسی» در ۱۳۶۷ می‌خواهم ﻣﺤﻤﺪ"
    folded, origin = fold_with_map(text)
    assert folded == fold(text)
    assert len(origin) == len(folded) + 1
    start = folded.index("1367")
    a, b = original_span(origin, start, start + 4)
    assert text[a:b] == "۱۳۶۷"
    start = folded.index("رییسی")
    a, b = original_span(origin, start, start + len("رییسی"))
    assert text[a:b] == "رئیسی"


def test_terms_and_direction() -> None:
    assert terms("Evin-Prison, ۱۳۶۷!") == ["evin", "prison", "1367"]
    assert direction("زندان اوین Evin") == "rtl"
    assert direction("Evin prison زندان") == "ltr"


def test_fold_with_map_folds_ascii_runs_as_each_character_alone() -> None:
    """Runs of ASCII are folded at once: the same result and map as one by one."""
    rng = random.Random(5)
    alphabet = "aZ 1.-\u0627\u064a\u06cc\u200c\u0301\u0660\u06f1éﻣ\ufdf2"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        folded, origin = fold_with_map(text)
        one_by_one = [(i, fold(c)) for i, c in enumerate(text)]
        assert folded == "".join(f for _, f in one_by_one), repr(text)
        assert origin == [i for i, f in one_by_one for _ in f] + [len(text)], repr(text)


def test_letter_and_digit_runs_are_where_runs_start() -> None:
    text = "In1988, 12 May: قال الوزير x_y é"
    runs = letter_runs(text)
    assert runs["In"] == [0] and runs["May"] == [11] and runs["قال"] == [16]
    at = text.index("x_y")
    assert runs["x"] == [at] and runs["y"] == [at + 2]  # "_" is not a letter
    assert runs["é"] == [text.index("é")]
    assert digit_runs(text) == [2, 8]
    assert letter_runs("ab ab-ab") == {"ab": [0, 3, 6]}


def test_first_words_refuse_what_a_run_of_letters_cannot_open() -> None:
    assert first_words(["according to", "said", "به گفته"]) == {"according", "said", "به"}
    with pytest.raises(ValueError):
        first_words(["no."])  # "." ends no run of letters: a jump would miss the match


def test_matches_at_is_finditer_tried_where_a_match_can_start() -> None:
    """Tried at every start of a run of letters, a pattern that opens with a letter
    boundary finds what a scan of every character finds (FICTIONAL words)."""
    pattern = re.compile(r"(?<![^\W\d_])(?:and|said|s a|sa)(?![^\W\d_])")
    rng = random.Random(15)
    for _ in range(300):
        text = "".join(rng.choice(["and", "said", "s", "a", " ", "-", "1", "قال", "x"])
                       for _ in range(rng.randint(0, 30)))
        starts = sorted(p for at in letter_runs(text).values() for p in at)
        lo, hi = sorted(rng.sample(range(len(text) + 1), 2)) if len(text) > 1 else (0, 0)
        want = [m.span() for m in pattern.finditer(text, lo, hi)]
        assert [m.span() for m in matches_at(pattern, text, starts, lo, hi)] == want or (
            # a run the end cuts reads as a word there: its start is needed too
            lo < hi < len(text) and text[hi - 1].isalpha() and text[hi].isalpha())


def test_last_match_is_the_last_within_the_window() -> None:
    text = "a UNHCR spokesman, then a WFP spokesman, then a UNICEF spokesman"
    pattern = re.compile(r"a (?P<org>[A-Z]+) spokesman")
    found = last_match(pattern, text, 0, text.index("then a UNICEF"))
    assert found is not None and found.group("org") == "WFP"
    assert last_match(pattern, text, 0, 5) is None
