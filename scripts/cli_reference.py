"""Write docs/cli.md from the CLI's own --help (run after changing a command).
tests/cli/test_docs.py fails when the file is out of date."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from gavah.cli.main import app

OUT = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def commands(group: Any, prefix: list[str]) -> list[list[str]]:
    found = []
    for name in sorted(group.commands):
        command = group.commands[name]
        path = [*prefix, name]
        found.append(path)
        if hasattr(command, "commands"):  # a group (Typer vendors its own click)
            found += commands(command, path)
    return found


def render() -> str:
    os.environ["COLUMNS"] = "100"  # stable wrapping whatever the terminal
    os.environ["NO_COLOR"] = "1"
    runner = CliRunner()
    root = typer.main.get_command(app)
    parts = ["# gavah command reference\n",
             "Generated from `gavah --help` by `scripts/cli_reference.py`; do not edit.\n"]
    for path in [[], *commands(root, [])]:
        result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "100",
                                                            "NO_COLOR": "1"})
        title = " ".join(["gavah", *path])
        parts.append(f"## `{title}`\n\n```\n{result.stdout.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if OUT.exists() and OUT.read_text() == text else 1)
    OUT.write_text(text)
    print(f"wrote {OUT}")
