"""The evaluation on the hand-annotated FICTIONAL fixtures meets its targets."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "claims"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "eval_extraction", ROOT / "bench" / "eval_extraction.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_extraction", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("fixtures", [FIXTURES, FIXTURES / "heldout"], ids=["main", "heldout"])
def test_targets(fixtures: Path) -> None:
    report = _module().evaluate(fixtures)
    scores = report["scores"]["all"]
    for category in ("figures", "quotations"):
        assert scores[category]["precision"] >= 0.9, (category, scores[category], report["errors"])
        assert scores[category]["recall"] >= 0.8, (category, scores[category], report["errors"])
    assert scores["dates"]["f1"] >= 0.8 and scores["mentions"]["f1"] >= 0.8


def test_every_fixture_is_marked_fictional() -> None:
    import json

    for path in sorted(FIXTURES.rglob("*.txt")):
        assert "FICTIONAL" in path.read_text(encoding="utf-8").splitlines()[0], path
        assert (
            json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["fictional"] is True
        )
