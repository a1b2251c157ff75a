"""The learned figure check (gavah/core/extract/learned.py): the shipped weights, the
decision they change, and the training script. Every text here is FICTIONAL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gavah.core.extract import extract
from gavah.core.extract.learned import WEIGHTS, FigureModel, shipped

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "claims_model"

# FICTIONAL: invented organisation, people and places
TEXT = (
    "FICTIONAL TEXT. Velmora Rights Watch said at least 40 protesters were killed in Dashtabad "
    "on 3 March. Leila Karimi, a lawyer, was sentenced to six years, the group said, "
    "highlighting four critical areas of concern."
)


def _figures(text: str, **options: object) -> list[str]:
    result = extract(text, metadata={"site_name": "Fictional Wire"}, **options)  # type: ignore[arg-type]
    return [c.text for c in result.claims if c.kind == "figure"]


def test_shipped_weights_are_json_with_their_provenance() -> None:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert data["format"] == 1
    for key in ("trained", "corpus_commit", "features", "decision", "examples", "retrain"):
        assert data[key], key
    assert len(data["corpus_commit"]) == 40
    model = shipped()
    assert model.weights and 0 < model.threshold < 1
    assert FigureModel.from_json(model.to_json()) == model


def test_the_model_drops_a_number_that_counts_nothing() -> None:
    rules = _figures(TEXT)
    assert "at least 40 protesters" in rules and "four critical areas" in rules  # a mistake
    learned = _figures(TEXT, figure_model=True)
    assert "at least 40 protesters" in learned
    assert "four critical areas" not in learned  # areas of concern are no count
    assert len(learned) == len(rules) - 1


def test_off_by_default_and_flagged_when_on() -> None:
    assert extract(TEXT).flags == extract(TEXT, figure_model=False).flags
    assert "figure_model" not in extract(TEXT).flags
    assert "figure_model" in extract(TEXT, figure_model=True).flags
    assert [c.id for c in extract(TEXT).claims] == [
        c.id for c in extract(TEXT, figure_model=False).claims
    ]


def test_a_model_of_ones_own_is_used() -> None:
    keep_all = FigureModel({}, bias=5.0)
    drop_all = FigureModel({}, bias=-5.0)
    assert _figures(TEXT, figure_model=keep_all) == _figures(TEXT)
    assert _figures(TEXT, figure_model=drop_all) == []


def test_other_formats_are_refused() -> None:
    with pytest.raises(ValueError, match="format"):
        FigureModel.from_json({"format": 2, "bias": 0, "threshold": 0.5, "weights": {}})


def _train(out: Path) -> dict[str, object]:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "train_extract_model.py"),
            "--fixtures",
            str(FIXTURES),
            "--out",
            str(out),
            "--date",
            "2026-01-01",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    data: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return data


def test_training_on_a_tiny_fictional_set_is_reproducible(tmp_path: Path) -> None:
    first = _train(tmp_path / "a.json")
    second = _train(tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert first == second
    assert first["examples"] == 8 and first["positives"] == 4
    assert first["trained"] == "2026-01-01" and first["corpus_commit"] is None
    model = FigureModel.from_json(first)
    # every fictional document annotates the victims, never the day before "tweet"
    assert model.weights["en:c0=tweet"] < 0
    text = (
        "FICTIONAL TEXT. Velmora Rights Watch said 60 prisoners were executed in Korvale. "
        "It repeated the figure in a May 6 tweet."
    )
    assert _figures(text) == ["60 prisoners", "6 tweet"]
    assert _figures(text, figure_model=model) == ["60 prisoners"]
