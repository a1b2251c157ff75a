"""Fixtures of the pipelines' tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.pipelines import world as fictional


@pytest.fixture
def world(cli: Cli, tmp_path: Path) -> Cli:
    """A workspace holding the FICTIONAL world of tests/pipelines/world.py."""
    return fictional.build(cli, tmp_path)
