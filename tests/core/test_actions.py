"""Custody actions are declared once (gavah/core/schema/custody_actions.yaml): an entry
can only be written with a declared action and declared detail keys, every action has a
label in English and Persian, and every action named in the code is declared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gavah.core import actions
from gavah.store.workspace import Workspace
from gavah.web.i18n import catalog

PACKAGE = Path(__file__).resolve().parents[2] / "gavah"
# A literal action where an entry is written or a read is recorded.
WRITTEN = re.compile(r"(?:custody\.append\(\s*session,\s*[\w.]+,\s*|Pending\([\w.]+,\s*"
                     r"|record_reads\([^\n]*?,\s*|_change\(ws, name, [\w.]+,\s*)"
                     r"\"([a-z][a-z.-]+)\"")


def test_every_action_written_in_the_code_is_declared() -> None:
    found = {name for path in PACKAGE.rglob("*.py")
             for name in WRITTEN.findall(path.read_text())}
    assert {"acquired", "annotated", "viewed", "user-role-set"} <= found  # the scan works
    assert found <= set(actions.declared()), sorted(found - set(actions.declared()))


def test_one_spelling() -> None:
    for name in actions.load():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name), name


def test_every_action_has_a_label_in_english_and_persian() -> None:
    persian = catalog.load("fa")
    for action in actions.load().values():
        assert action.label and action.description
        translated = persian.get(action.label)
        assert translated is not None and translated.string, action.name


def test_undeclared_actions_and_keys_are_refused(ws: Workspace) -> None:
    with ws.db.write() as session, pytest.raises(ValueError, match="undeclared"):
        ws.custody.append(session, "test", "made-up", None, {})
    with ws.db.write() as session, pytest.raises(ValueError, match="entities"):
        ws.custody.append(session, "test", "user-added", None,
                          {"user": "x", "entities": [1]})
    with ws.db.read() as session:
        from gavah.store.custody import newest_seq

        assert newest_seq(session) == 0  # nothing was written


def test_former_spellings_still_read() -> None:
    assert actions.action("victims.import").name == "victims-imported"
    assert "viewed" in actions.read_actions() and "acquired" not in actions.read_actions()
