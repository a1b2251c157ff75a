"""The extraction entry point: spans, determinism, bad input and caps."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from gavah.core.extract import Entity, Extraction, Gazetteer, Limits, detect_language, extract

TEXT = (
    "[FICTIONAL] Caspian Justice Watch\n\n14 March 2023\n\n"
    "At least 4,200 political prisoners were executed between July and September 1988, "
    "Caspian Justice Watch said.\n\n“We have identified 97 burial sites,” "
    "Shirin Ahmadvand noted.\n\n"
    "به گزارش خبرگزاری صدای ملت، حمید اسلامی گفت: «کمتر از ۳۰۰ نفر در سال ۶۷ مجازات شدند.»\n\n"
    "Share this: Facebook | Twitter | Email\n© 2023 Caspian Justice Watch. All rights reserved.\n"
)
GAZETTEER = Gazetteer(
    [
        Entity("O-C", ("Caspian Justice Watch",), "Organization"),
        Entity("P-A", ("Shirin Ahmadvand",), "Person"),
        Entity("P-E", ("Hamid Eslami", "حمید اسلامی"), "Person"),
    ]
)


def _spans_match(text: str, result: Extraction) -> None:
    for item in (
        *result.claims,
        *result.quotations,
        *result.figures,
        *result.dates,
        *result.mentions,
    ):
        assert text[item.start : item.end] == item.text, item


def test_everything_is_anchored_to_the_original_text() -> None:
    result = extract(TEXT, publisher="Caspian Justice Watch", gazetteer=GAZETTEER)
    _spans_match(TEXT, result)
    assert {c.kind for c in result.claims} >= {"figure", "quotation"}
    assert all(c.status == "suggested" and c.origin == "machine" for c in result.claims)


def test_boilerplate_is_set_aside_and_reported() -> None:
    result = extract(TEXT, gazetteer=GAZETTEER)
    reasons = [s.reason for s in result.skipped]
    assert reasons == ["boilerplate:share", "boilerplate:copyright"]
    last = result.skipped[-1].start
    assert all(m.start < last for m in result.mentions) and all(
        d.start < last for d in result.dates
    )


def test_deterministic_and_idempotent() -> None:
    first = extract(TEXT, publisher="CJW", gazetteer=GAZETTEER)
    second = extract(TEXT, publisher="CJW", gazetteer=GAZETTEER)
    assert first == second
    assert json.dumps(first.to_dict(), ensure_ascii=False) == json.dumps(
        second.to_dict(), ensure_ascii=False
    )
    ids = [c.id for c in first.claims]
    assert len(ids) == len(set(ids))
    assert [(c.start, c.end) for c in first.claims] == sorted(
        (c.start, c.end) for c in first.claims
    )


def test_claim_json_has_the_fields_the_cli_needs() -> None:
    (figure,) = [
        c.to_dict() for c in extract(TEXT, gazetteer=GAZETTEER).claims if c.kind == "figure"
    ][:1]
    for key in (
        "id",
        "start",
        "end",
        "quote",
        "speaker",
        "publisher",
        "kind",
        "figure",
        "about",
        "origin",
        "status",
    ):
        assert key in figure
    assert set(figure["figure"]) >= {"value", "min", "max", "qualifier", "counts", "period"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The commission said that the prisoners were executed in the summer.", "en"),
        ("کمیسیون اعلام کرد که زندانیان در تابستان اعدام شدند و این گزارش را منتشر کرد.", "fa"),
        ("قالت اللجنة إن السجناء أعدموا في الصيف وإن هذا التقرير نشر اليوم.", "ar"),
        (
            "La commission a déclaré que les prisonniers ont été exécutés pendant l'été dernier.",
            "other",
        ),
        ("Комиссия заявила, что заключенные были казнены летом.", "other"),
        ("12 34", "unknown"),
    ],
)
def test_language_detection(text: str, code: str) -> None:
    assert detect_language(text).code == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t ",
        "\x00\x01\x02",
        "....!!!???",
        "1 2 3 4 5 6 7 8 9",
        "«««««»»»»»",
        '"' * 101,
        "\u202bحمید اسلامی گفت: «۳۰ هزار\u202c",
        "Hamid Eslami گفت «at least 300 people» قال 31 February 1988",
        "۳۱ اسفند ۱۳۶۷ و 1988-13-45 و 30/02/2023",
        "\ud7ff\ue000\uffff" * 10,
        "a" * 5000,
    ],
)
def test_bad_input_never_crashes(text: str) -> None:
    result = extract(text, publisher="X", gazetteer=GAZETTEER)
    _spans_match(text, result)
    assert result.chars == len(text)


def test_text_without_sentences_is_flagged() -> None:
    assert "no_sentences" in extract("   ").flags


def test_impossible_dates_are_reported_low_confidence() -> None:
    result = extract("Relatives gathered on 31 February 2023 and ۳۰ اسفند ۱۳۶۷.")
    assert [d.valid for d in result.dates] == [False, False]
    assert all("impossible_date" in d.flags for d in result.dates)


def test_huge_documents_are_capped_and_say_so() -> None:
    text = "Hamid Eslami said that at least 300 people were killed in 1988.\n\n" * 200
    result = extract(text, gazetteer=GAZETTEER, limits=Limits(max_chars=2_000, max_items=5))
    assert (
        "truncated" in result.flags
        and result.processed_chars == 2_000
        and result.chars == len(text)
    )
    assert result.skipped[-1].reason == "truncated" and result.skipped[-1].end == len(text)
    assert len(result.dates) <= 5 and "capped:dates" in result.flags


def test_random_mixed_script_noise_is_deterministic() -> None:
    rng = random.Random(3)
    alphabet = (
        'abc XYZ 0123 ۴۵۶ ٧٨٩ «»“”"‘’.,:؛،\n\u200c\u202bمردادحمیدگفتقال said July at least بیش از'
    )
    for _ in range(40):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400)))
        assert extract(text, gazetteer=GAZETTEER) == extract(text, gazetteer=GAZETTEER)


def test_core_imports_no_outer_layer() -> None:
    code = (
        "import sys, gavah.core.extract, gavah.core.names, gavah.core.dates; "
        "print([m for m in sys.modules if m.startswith(('gavah.store', "
        "'gavah.pipelines', 'gavah.cli'))])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
