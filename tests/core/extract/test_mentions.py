"""Gazetteer mentions across spelling and script variants, patterns and the NER hook."""

from __future__ import annotations

from collections.abc import Iterable

from gavah.core.extract import Entity, Gazetteer, extract, spacy_recognizer
from gavah.core.extract.patterns import ner_mentions, pattern_mentions
from gavah.core.extract.textmap import fold_text

GAZETTEER = Gazetteer(
    [
        Entity("P1", ("Hossein Rahimzadeh", "حسین رحیم‌زاده", "حسين رحيم زاده"), "Person"),
        Entity("P2", ("Mahmoud Jafari-Rad", "محمود جعفری‌راد"), "Person"),
        Entity("P3", ("Hamid Eslami", "حمید اسلامی"), "Person"),
        Entity("P4", ("Reza Eslami",), "Person"),
        Entity("O1", ("Caspian Justice Watch", "CJW", "مرصد عدالة قزوين"), "Organization"),
    ]
)


def found(text: str) -> list[tuple[str, tuple[str, ...], str]]:
    return [(m.text, m.entity_ids, m.method) for m in GAZETTEER.find(fold_text(text))]


def test_exact_and_variant_spellings() -> None:
    assert found("Hossein Rahim-Zadeh met Mahmoud Ja'fari-Rad and Mahmoud Jaafari Rad.") == [
        ("Hossein Rahim-Zadeh", ("P1",), "name"),
        ("Mahmoud Ja'fari-Rad", ("P2",), "name"),
        ("Mahmoud Jaafari Rad", ("P2",), "name"),
    ]
    assert found("Hosein Rahimzade said") == [("Hosein Rahimzade", ("P1",), "name")]


def test_scripts_and_arabic_clitics() -> None:
    assert found("قاضی حسین رحیم‌زاده") == [("حسین رحیم‌زاده", ("P1",), "exact")]
    assert found("ووفقاً لمرصد عدالة قزوين، فإن") == [("مرصد عدالة قزوين", ("O1",), "exact")]


def test_acronyms_only_in_capitals() -> None:
    assert found("CJW said so") == [("CJW", ("O1",), "exact")]
    assert found("the cjw said so. CJW") == [("CJW", ("O1",), "exact")]


def test_surnames_need_the_full_name_before_or_a_cue() -> None:
    assert found("Hamid Eslami spoke. Later Eslami added more.") == [
        ("Hamid Eslami", ("P3",), "exact"),
        ("Eslami", ("P3",), "surname"),
    ]
    assert (
        found("The Eslami family moved.") == []
    )  # two people share the surname, no full name before
    assert found("Judge Rahimzadeh asked") == [("Rahimzadeh", ("P1",), "surname")]
    assert found("Rahimzadeh street is long") == []


def test_lowercase_words_are_not_names_in_cased_text() -> None:
    assert found("Prices rise in Tehran.") == []


def test_patterns_for_unknown_names() -> None:
    doc = fold_text(
        "said Dr. Farhad Kamali of the University of Tabaran, and Ayatollah "
        "Foo Bar. آیت‌الله خمینی گفت"
    )
    names = [(m.text, m.kind) for m in pattern_mentions(doc)]
    assert ("Farhad Kamali", "Person") in names and (
        "University of Tabaran",
        "Organization",
    ) in names
    assert ("Foo Bar", "Person") in names and ("خمینی", "Person") in names


class _FakeEnt:
    def __init__(self, start: int, end: int, label: str):
        self.start_char, self.end_char, self.label_ = start, end, label


class _FakeDoc:
    def __init__(self, ents: list[_FakeEnt]):
        self.ents = ents


def test_ner_plugin_is_optional_and_resolved_to_the_gazetteer() -> None:
    text = "Yesterday Hamid Eslami met Zed Unknown."

    def nlp(value: str) -> _FakeDoc:
        return _FakeDoc(
            [_FakeEnt(10, 22, "PERSON"), _FakeEnt(27, 38, "PERSON"), _FakeEnt(0, 9, "DATE")]
        )

    recognizer = spacy_recognizer(nlp)
    mentions = ner_mentions(fold_text(text), recognizer, GAZETTEER)
    assert [(m.text, m.entity_ids, m.kind) for m in mentions] == [
        ("Hamid Eslami", ("P3",), "Person"),
        ("Zed Unknown", (), "Person"),
    ]

    def broken(value: str) -> Iterable[tuple[int, int, str]]:
        return [(5, 2, "PERSON"), (-1, 4, "ORG"), (0, 10_000, "ORG")]

    result = extract(text, gazetteer=GAZETTEER, recognizer=broken)
    assert [m.text for m in result.mentions if m.method == "ner"] == []
    assert [m.text for m in extract(text, recognizer=recognizer).mentions] == [
        "Hamid Eslami",
        "Zed Unknown",
    ]
