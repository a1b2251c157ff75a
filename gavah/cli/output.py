"""Output for the CLI: JSON only on stdout with --json, Rich for people. Rich is imported
when something is first printed for people: help and --json output never load it."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from gavah.pipelines.outcome import ProblemReport


class LazyConsole:
    """A Rich console made the first time it is used."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def print(self, *objects: Any, **options: Any) -> None:
        self.console.print(*objects, **options)

    @property
    def is_terminal(self) -> bool:
        return self.console.is_terminal


out = LazyConsole(highlight=False, soft_wrap=True)
err = LazyConsole(stderr=True, highlight=False)
# C0 and C1 controls but tab and newline, and the bidi overrides that reorder a line.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def emit(data: Any, as_json: bool, render: Callable[[], None]) -> None:
    if as_json:
        emit_json(data)
    else:
        render()


def finish(report: ProblemReport, as_json: bool, failed: str, done: Callable[[], str]) -> None:
    """End a copying command (backup, restore, blob copy): its JSON, or each blob that
    failed and then, only when none did, its summary line; exit 1 unless it is ok."""
    import typer

    def render() -> None:
        for p in report.problems:
            err.print(f"[bold red]{failed}[/] {p['sha256']}: {safe(p['problem'])}")
        if report.ok:
            out.print(done())

    emit(report.to_dict(), as_json, render)
    if not report.ok:
        raise typer.Exit(1)


def safe(value: object) -> str:
    """A stored value made fit to print inside Rich markup: its own brackets are escaped
    (a file name holding `[/]` is text, not markup) and control characters, which could
    drive the operator's terminal, are shown as U+FFFD."""
    from rich.markup import escape

    return escape(_CONTROL.sub("\ufffd", str(value)))


class _NoProgress:
    """A progress bar that shows nothing, for output that is not a terminal."""

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def add_task(self, *_args: Any, **_fields: Any) -> int:
        return 0

    def update(self, *_args: Any, **_fields: Any) -> None:
        return None


def _stderr_is_terminal() -> bool:
    """Whether Rich could take stderr for a terminal: a TTY, or its variables say so."""
    if any(os.environ.get(name) is not None
           for name in ("FORCE_TERMINAL", "TTY_COMPATIBLE", "FORCE_COLOR")):
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def shows_progress() -> bool:
    """Whether progress() shows a bar: work done only for the bar (counting what is to
    come) can be skipped when it does not."""
    return _stderr_is_terminal()


def progress(description: str) -> Progress:
    """Rich's progress bar on stderr, when it is a terminal; else (scripts, --json in a
    pipe) one that shows nothing, without loading Rich."""
    if not _stderr_is_terminal():
        return cast("Progress", _NoProgress())
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[current]}", style="dim"), TimeRemainingColumn(),
                    console=err.console, transient=False, disable=not err.is_terminal)


@contextmanager
def stages(description: str) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar for a pipeline that reports (stage, done, total): backup, restore,
    repair, blob copy. The bar shows the stage as its description."""
    with progress(description) as bar:
        task = bar.add_task(description, total=None, current="")
        yield lambda stage, done, total: bar.update(task, description=stage, completed=done,
                                                    total=total)


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"
