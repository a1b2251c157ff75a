"""Fixtures of the pipelines' tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gavah.pipelines import entity_summary
from tests.conftest import Cli
from tests.pipelines import world as fictional


@pytest.fixture
def world(cli: Cli, tmp_path: Path) -> Cli:
    """A workspace holding the FICTIONAL world of tests/pipelines/world.py."""
    return fictional.build(cli, tmp_path)


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """The entity sets whose summaries are made (not read back) from now on."""
    sets: list[list[int]] = []
    build = entity_summary.build

    def counting(rows: Any, named: Any, ids: Any) -> dict[str, Any]:
        sets.append(sorted(ids))
        return build(rows, named, ids)

    monkeypatch.setattr(entity_summary, "build", counting)
    return sets
