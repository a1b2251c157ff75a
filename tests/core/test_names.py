"""Name matching across spelling and script variants."""

from __future__ import annotations

import pytest

from gavah.core.names import (
    MATCH_THRESHOLD,
    fold_name,
    is_same_name,
    name_key,
    name_similarity,
    transliterate,
)

VARIANTS = [
    ["Raisi", "Raeisi", "Raeesi", "Raeissi", "رئیسی", "رئيسي"],
    ["Pourmohammadi", "Pour-Mohammadi", "Pour Mohammadi", "پورمحمدی"],
    ["Nayyeri", "Nayeri", "نیری"],
    ["Jaafari", "Ja'fari", "Jafari", "جعفری", "جعفري"],
    ["Mohammad", "Muhammad", "Mohamad", "محمد", "Mohammed"],
    ["Hosseini", "Hoseini", "Husseini", "Hoseyni", "حسینی"],
    ["Rahimzadeh", "Rahim-Zadeh", "Rahimzade", "رحیم\u200cزاده", "رحيم زاده"],
    ["Mousavi", "Musavi", "Moosavi", "موسوی"],
    ["Esmail", "Ismail", "Esmaeil", "اسماعیل"],
    ["Mostafa", "Mustafa", "مصطفی", "مصطفى"],
    ["Ghasemi", "Qasemi", "Ghassemi", "قاسمی"],
    ["Khamenei", "Khamene'i", "خامنه\u200cای"],
    ["Abdolkarim", "Abdul Karim", "Abd al-Karim", "عبدالکریم"],
    ["Kaveh", "کاوه", "كاوه"],
]

DIFFERENT = [
    ("Rahimi", "Karimi"),
    ("Hosseini", "Hassani"),
    ("Hosseini", "حسنی"),
    ("Hassani", "حسینی"),
    ("Raisi", "Rise"),
    ("Mohammadi", "Ahmadi"),
    ("Nayeri", "Nouri"),
    ("Hamid", "Mahmoud"),
    ("Rahimi", "کریمی"),
    ("Kazemi", "Kazemzadeh"),
    ("Eslami", "Salami"),
]


@pytest.mark.parametrize("group", VARIANTS, ids=lambda g: g[0])
def test_variants_share_a_key_and_match(group: list[str]) -> None:
    assert len({name_key(name) for name in group}) == 1, [name_key(n) for n in group]
    for other in group[1:]:
        assert is_same_name(group[0], other), (group[0], other, name_similarity(group[0], other))


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_names_do_not_match(a: str, b: str) -> None:
    assert name_similarity(a, b) < MATCH_THRESHOLD


def test_true_variants_score_above_look_alikes() -> None:
    assert name_similarity("Hosseini", "Husseini") > name_similarity("Hosseini", "Hassani")
    assert name_similarity("Hosseini", "حسینی") > name_similarity("Hosseini", "حسنی")
    assert name_similarity("Rahimi", "رحیمی") > name_similarity("Rahimi", "کریمی")


def test_full_names_and_token_order() -> None:
    assert is_same_name("Mostafa Pour-Mohammadi", "مصطفی پورمحمدی")
    assert is_same_name("Raisi, Ebrahim", "Ebrahim Raisi")
    assert name_similarity("Ebrahim Raisi", "ابراهیم رئیسی") >= 0.9
    assert not is_same_name("Ebrahim Raisi", "Ebrahim Rahimi")


def test_similarity_is_symmetric_and_bounded() -> None:
    for a, b in [*DIFFERENT, ("Raisi", "رئیسی"), ("", "Raisi"), ("x", "")]:
        assert name_similarity(a, b) == pytest.approx(name_similarity(b, a), abs=1e-3)
        assert 0.0 <= name_similarity(a, b) <= 1.0


def test_keys_and_folding() -> None:
    assert name_key("Raisi") == name_key("رئیسی") == "rs"
    assert name_key("Shah") == name_key("شاه")
    assert name_key("") == ""
    assert name_key("!!!") == "!!!"  # never empty for a non-empty name
    assert fold_name("Raeissi") == fold_name("Raeesi") == "raisi"
    assert fold_name("Nayyeri") == "nayeri"
    assert transliterate("پورمحمدی").startswith("pur")


@pytest.mark.parametrize("group", [
    ("Reza", "Rida", "Ridha", "رضا"),
    ("Kazem", "Kadhim", "کاظم"),
    ("Morteza", "Murtada", "Murtadha", "مرتضی"),
    ("Pour-Mohammadi", "Pourmohammadi", "Purmuhammadi", "پورمحمدی"),
    ("Hassanzadeh", "Hasan-Zada", "حسن‌زاده", "حسن زاده"),
])
def test_arabic_and_persian_romanisations_share_a_key(group: tuple[str, ...]) -> None:
    assert len({name_key(name) for name in group}) == 1, [name_key(n) for n in group]
    assert all(name_similarity(group[0], other) >= 0.79 for other in group[1:])
