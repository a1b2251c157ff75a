"""gavah's cheap coercion of plain values (gavah/cli/coercion.py) gives what Typer's own
gives, value for value and error for error: the same command is built twice, once with
gavah's Typer and once with Typer's, and both are run on the same arguments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from gavah.cli.boundary import Typer


def build(base: type[typer.Typer]) -> typer.Typer:
    app = base()

    @app.command()
    def run(
        name: str = typer.Argument(...),
        limit: int = typer.Option(20, "--limit", min=1, max=100),
        offset: int = typer.Option(0, "--offset"),
        ratio: float = typer.Option(0.5, "--ratio"),
        home: Path = typer.Option(Path("ws"), "--home"),
        paths: list[Path] = typer.Option([], "--path"),
        ids: list[int] = typer.Option([], "--id"),
        flag: bool = typer.Option(False, "--flag"),
        note: str | None = typer.Option(None, "--note"),
    ) -> None:
        print(json.dumps([name, limit, offset, ratio, str(home), [str(p) for p in paths],
                          ids, flag, note, type(home).__name__,
                          [type(p).__name__ for p in paths], type(ratio).__name__]))

    @app.command()
    def other() -> None:  # two commands, so `run` is named as a subcommand
        pass

    return app


ARGS = [
    ["run", "x"],
    ["run", "سند", "--limit", "7", "--offset", "-3", "--ratio", "2", "--home", "a/b",
     "--path", "p1", "--path", "/tmp", "--id", "4", "--id", "+5", "--flag", "--note", "n"],
    ["run", "x", "--ratio", "1e-3"],
    ["run", "x", "--ratio", ".25"],
    ["run", "x", "--limit", "0"],  # below the range
    ["run", "x", "--limit", "101"],  # above it
    ["run", "x", "--limit", "abc"],
    ["run", "x", "--limit", " 5"],
    ["run", "x", "--limit", "۵"],  # a Persian digit
    ["run", "x", "--limit", "5.0"],
    ["run", "x", "--offset", "1_000"],
    ["run", "x", "--ratio", "nan"],
    ["run", "x", "--ratio", "x"],
    ["run", "x", "--id", "1", "--id", "b"],
    ["run", "x", "--home", ""],
]


@pytest.mark.parametrize("args", ARGS, ids=[" ".join(a[1:]) or "defaults" for a in ARGS])
def test_plain_values_are_coerced_as_typer_does(args: list[str]) -> None:
    runner = CliRunner()
    ours = runner.invoke(build(Typer), args)
    theirs = runner.invoke(build(typer.Typer), args)
    assert (ours.exit_code, ours.stdout, ours.stderr) == (
        theirs.exit_code, theirs.stdout, theirs.stderr)
    if ours.exit_code == 0:
        assert json.loads(ours.stdout)[0] == args[1]


def test_an_unreadable_path_is_refused_as_typer_refuses_it(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o000)
    try:
        runner = CliRunner()
        args = ["run", "x", "--home", str(locked)]
        ours, theirs = (runner.invoke(build(base), args) for base in (Typer, typer.Typer))
        assert (ours.exit_code, ours.stderr) == (theirs.exit_code, theirs.stderr)
    finally:
        locked.chmod(0o700)
