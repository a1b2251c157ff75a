import random

import pytest

from gavah.core.text import direction, fold, fold_with_map, original_span, terms


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
