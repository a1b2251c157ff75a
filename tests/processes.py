"""The processes a test started, read from /proc: a process is known by its pid and its
start time, so that a pid reused by an unrelated process is never mistaken for it; and
how a test stops a server it started."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import NamedTuple


class Process(NamedTuple):
    pid: int
    started: int  # clock ticks after boot (field 22 of /proc/PID/stat)
    name: str


def _stat(pid: int) -> tuple[str, int, str, int] | None:
    """(name, parent pid, state, start time), or None when there is no such process."""
    try:
        text = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1:text.rindex(")")]
    fields = text[text.rindex(")") + 2:].split()
    return name, int(fields[1]), fields[0], int(fields[19])


def descendants(pid: int) -> set[Process]:
    """Every living process below `pid` (children, their children...)."""
    parents: dict[int, list[Process]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (found := _stat(int(entry.name))) is not None:
            name, parent, state, started = found
            if state != "Z":
                parents.setdefault(parent, []).append(Process(int(entry.name), started, name))
    out: set[Process] = set()
    todo = [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            if child not in out:
                out.add(child)
                todo.append(child.pid)
    return out


def alive(process: Process) -> bool:
    """Still running (a zombie, dead but not yet reaped, is not)."""
    found = _stat(process.pid)
    return found is not None and found[3] == process.started and found[2] != "Z"


def stop(process: subprocess.Popen[bytes], grace: float) -> None:
    """End a server a test started: asked to stop, then killed after `grace` seconds."""
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
