"""Docs are tested: the command reference is regenerated and must match docs/cli.md, and
the README names every top-level command."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("cli_reference",
                                                  ROOT / "scripts" / "cli_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_command_reference_is_current() -> None:
    generator = load_generator()
    assert (ROOT / "docs" / "cli.md").read_text() == generator.render(), (
        "docs/cli.md is out of date: run .venv/bin/python scripts/cli_reference.py")


def test_readme_names_every_command() -> None:
    import typer

    from gavah.cli.main import app

    readme = (ROOT / "README.md").read_text()
    for name in typer.main.get_command(app).commands:  # type: ignore[attr-defined]
        assert f"gavah {name}" in readme, f"README.md does not mention `gavah {name}`"


def test_custody_actions_page_is_current() -> None:
    spec = importlib.util.spec_from_file_location(
        "custody_actions_doc", ROOT / "scripts" / "custody_actions_doc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "custody-actions.md").read_text() == module.render(), (
        "docs/custody-actions.md is out of date: run "
        ".venv/bin/python scripts/custody_actions_doc.py")
