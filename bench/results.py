"""Writing one section of bench/RESULTS.md, with a description of the machine."""

from __future__ import annotations

import os
import platform
import re
import subprocess
import timeit
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = ("# Benchmark results\n\n"
          "Each section is written by the script it names; rerun it to refresh.\n")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(re.findall(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[0])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, IndexError):
        pass
    disk = ""
    try:
        disk = subprocess.run(["df", "-h", "--output=source,fstype", str(RESULTS.parent)],
                              capture_output=True, text=True).stdout.splitlines()[-1]
        disk = f", disk {' '.join(disk.split())}"
    except (OSError, IndexError):
        pass
    return (f"{os.cpu_count()} cores ({cpu}){memory}{disk}; Python "
            f"{platform.python_version()} on {platform.system()} {platform.release()}; "
            f"{python_speed()}")


def python_speed() -> str:
    """How fast this machine runs Python, to compare runs on different machines (the same
    CPU model name has run the same code 2.5x slower on another day here)."""
    best = min(timeit.repeat("sum(range(1000))", number=2000, repeat=7)) / 2000
    return f"sum(range(1000)) takes {best * 1e6:.1f} µs"


def commit() -> str:
    """The commit measured: 'abc1234', or 'abc1234 with uncommitted changes'."""
    root = RESULTS.parent.parent
    try:
        rev = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "gavah"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "an unknown commit"
    return f"{rev} with uncommitted changes" if dirty else rev


def write_section(title: str, body: str) -> None:
    """Replace (or add) the section `## {title}` in RESULTS.md, saying when, on what
    machine and on which commit it was measured."""
    text = RESULTS.read_text() if RESULTS.exists() else HEADER
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = (f"## {title}\n\nMeasured {stamp} on commit {commit()}, on {machine()}.\n\n"
               f"{body.strip()}\n")
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip() + "\n\n" + section
    RESULTS.write_text(text.rstrip() + "\n")
