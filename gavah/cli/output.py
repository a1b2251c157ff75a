"""Output for the CLI: JSON only on stdout with --json, Rich for people, and one place
that turns errors into messages and exit codes (0 fine, 1 a finding, 2 bad input)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from gavah.core.errors import BadInput, GavahError, IntegrityError, NotFound

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def emit(data: Any, as_json: bool, render: Callable[[], None]) -> None:
    if as_json:
        emit_json(data)
    else:
        render()


@contextmanager
def handled() -> Iterator[None]:
    try:
        yield
    except (BadInput, NotFound) as exc:
        err.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    except IntegrityError as exc:
        err.print(f"[bold red]integrity:[/] {exc}")
        raise typer.Exit(1) from None
    except GavahError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2) from None


def progress(description: str) -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[current]}", style="dim"), TimeRemainingColumn(),
                    console=err, transient=False, disable=not err.is_terminal)


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"
