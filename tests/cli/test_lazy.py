"""The `gavah` command builds only the command it runs (gavah/cli/lazy.py): its help, and
every command's, is the same as Typer's full build of the tree, and the full build is
not made when a command runs."""

from __future__ import annotations

import json
import subprocess
import sys

# Prints {path: help} for every command of the tree, built lazily or in full.
HELP_OF_EVERY_COMMAND = """
import contextlib, io, json, sys
import typer
from gavah.cli.lazy import root_command
from gavah.cli.main import app

def paths(group, prefix):
    for name in group.commands:
        yield [*prefix, name]
        sub = group.commands[name]
        if hasattr(sub, "commands"):
            yield from paths(sub, [*prefix, name])

build = root_command if sys.argv[1] == "lazy" else typer.main.get_command
helps = {}
for path in [[], *paths(typer.main.get_command(app), [])]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            build(app).main([*path, "--help"], prog_name="gavah")
        except SystemExit:
            pass
    helps[" ".join(path)] = out.getvalue()
print(json.dumps(helps))
"""


def help_texts(build: str) -> dict[str, str]:
    run = subprocess.run([sys.executable, "-c", HELP_OF_EVERY_COMMAND, build],
                         capture_output=True, text=True, check=True,
                         env={"COLUMNS": "100", "NO_COLOR": "1", "PATH": ""})
    return dict(json.loads(run.stdout))


def test_every_help_is_the_same_as_typers_full_build() -> None:
    lazy, full = help_texts("lazy"), help_texts("full")
    assert len(full) > 80 and "Commands:" in full[""] and "items" in full[""]
    assert lazy.keys() == full.keys()
    for path in full:
        assert lazy[path] == full[path], path


def test_running_a_command_builds_only_that_command(tmp_path) -> None:  # type: ignore[no-untyped-def]
    probe = ("import json, sys\nimport typer.main\nbuilt = []\n"
             "real = typer.main.get_command_from_info\n"
             "def spy(info, **kw):\n    built.append(info.callback.__name__)\n"
             "    return real(info, **kw)\n"
             "typer.main.get_command_from_info = spy\n"
             "import gavah.cli.lazy\ngavah.cli.lazy.get_command_from_info = spy\n"
             "from gavah.cli.main import app\n"
             f"sys.argv = ['gavah', '--home', {str(tmp_path / 'ws')!r}, 'init', '--json']\n"
             "try:\n    app()\nexcept SystemExit:\n    pass\n"
             "print(json.dumps(built))")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True)
    assert json.loads(run.stdout.splitlines()[-1]) == ["init"]
    assert (tmp_path / "ws" / "config.json").is_file()
