"""Start-up as a user feels it: whole `gavah` commands, process start included, on the
default settings, against the code of an earlier commit on the same files in the same
run (ratios; this machine's speed drifts from hour to hour).

    python bench/bench_startup.py [--baseline REV] [--runs N]

Each command runs N times for this checkout and N for the baseline, interleaved, after
one warm-up each (so both have their bytecode cached, as on a user's machine); the
median wall time is reported. Writes the "Start-up" section of bench/RESULTS.md."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from baseline import CACHE, gavah_command  # noqa: E402
from results import write_section  # noqa: E402

BASELINE = "a4a394b"  # main before start-up was worked on
COMMANDS = (["--help"], ["items", "--json"], ["show", "1", "--json"], ["verify", "--json"])
TARGET = 0.3  # seconds, for every command above


def workspace(code: list[str], env: dict[str, str], home: Path, files: Path) -> None:
    """A workspace made by this code (its own schema), holding the same files."""
    shutil.rmtree(home, ignore_errors=True)
    for args in (["init"], ["ingest", "--no-claims", str(files)]):
        subprocess.run([*code, "--home", str(home), *args], env=env, check=True,
                       capture_output=True)


def timed(code: list[str], env: dict[str, str], home: Path, args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([*code, "--home", str(home), *args], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    files = CACHE / "startup-files"
    files.mkdir(parents=True, exist_ok=True)
    for n in range(5):  # a handful of small FICTIONAL notes
        (files / f"note-{n}.txt").write_text(f"FICTIONAL bench note {n}.\n")
    codes = {}
    for label, rev in (("this", None), (args.baseline, args.baseline)):
        command, extra = gavah_command(rev)
        home = CACHE / f"startup-ws-{label}"
        workspace(command, env | extra, home, files)
        codes[label] = (command, env | extra, home)
    rows = ["| command | this (s) | " + args.baseline + " (s) | ratio | target |",
            "|---|---|---|---|---|"]
    for cmd in COMMANDS:
        times: dict[str, list[float]] = {label: [] for label in codes}
        for command, run_env, home in codes.values():
            timed(command, run_env, home, cmd)  # warm-up: bytecode written
        for _ in range(args.runs):
            for label, (command, run_env, home) in codes.items():
                times[label].append(timed(command, run_env, home, cmd))
        this, base = (statistics.median(times[label]) for label in codes)
        rows.append(f"| `gavah {' '.join(cmd)}` | {this:.3f} | {base:.3f} | "
                    f"{base / this:.1f}x faster | {'met' if this <= TARGET else 'MISSED'} "
                    f"(≤ {TARGET} s) |")
        print(rows[-1], flush=True)
    load = os.getloadavg()[0]
    body = (f"Commit {commit} against {args.baseline}, median of {args.runs} interleaved "
            f"runs each after a warm-up, bytecode cached; load average {load:.1f} during "
            "the run (other work shared the 2 cores).\n\n" + "\n".join(rows) + "\n\n"
            "`items` on a workspace of 5 small notes; `show` and `verify` on the same. "
            "Importing `gavah.cli.main` loads Typer and gavah's core only (Rich when "
            "something is printed for people); the command named is the only one built "
            "(gavah/cli/lazy.py); plain option values are converted without Pydantic "
            "(gavah/cli/coercion.py); each command imports what it needs when it runs "
            "(tests/cli/test_startup.py keeps heavy libraries out). Wall times move with "
            "the machine's load: compare the two columns of one run, not runs.")
    write_section("Start-up (whole commands)", body)


if __name__ == "__main__":
    main()
