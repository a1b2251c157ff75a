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
import resource
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

BASELINE = "650c1cb"  # main before items, show and verify read on the DB-API
COMMANDS = (["--help"], ["items", "--json"], ["show", "1", "--json"], ["verify", "--json"])
TARGET = 0.3  # seconds, for every command above


def workspace(code: list[str], env: dict[str, str], home: Path, files: Path) -> None:
    """A workspace made by this code (its own schema), holding the same files."""
    shutil.rmtree(home, ignore_errors=True)
    for args in (["init"], ["ingest", "--no-claims", str(files)]):
        subprocess.run([*code, "--home", str(home), *args], env=env, check=True,
                       capture_output=True)


def timed(code: list[str], env: dict[str, str], home: Path,
          args: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one whole command; its CPU time (user + system) moves far
    less with the machine's load than its wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([*code, "--home", str(home), *args], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def import_profile(env: dict[str, str], home: Path, args: list[str],
                   runs: int) -> tuple[float, list[tuple[str, float]]]:
    """(total import time, the packages taking most of it) of one command in this
    checkout, from `python -X importtime`: each top-level package's own import time
    summed, in ms; the minimum over `runs` runs, the one least delayed by other work
    (importtime measures wall time)."""
    totals: list[float] = []
    per_run: list[dict[str, float]] = []
    for _ in range(runs):
        run = subprocess.run([sys.executable, "-X", "importtime", "-m", "gavah.cli",
                              "--home", str(home), *args], env=env, capture_output=True,
                             text=True)
        own: dict[str, float] = {}
        for line in run.stderr.splitlines():
            fields = line.removeprefix("import time:").split("|")
            if not line.startswith("import time:") or not fields[0].strip().isdigit():
                continue  # the header line
            package = fields[2].strip().split(".")[0]
            own[package] = own.get(package, 0.0) + int(fields[0]) / 1000
        per_run.append(own)
        totals.append(sum(own.values()))
    names = {name for own in per_run for name in own}
    least = {name: min(own.get(name, 0.0) for own in per_run) for name in names}
    return min(totals), sorted(least.items(), key=lambda kv: -kv[1])[:6]


def _wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True)
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
    loads = [os.getloadavg()[0]]
    rows = ["| command | this (s) | " + args.baseline + " (s) | ratio | target | "
            "CPU this (s) | CPU " + args.baseline + " (s) |",
            "|---|---|---|---|---|---|---|"]
    for cmd in COMMANDS:
        times: dict[str, list[float]] = {label: [] for label in codes}
        cpu: dict[str, list[float]] = {label: [] for label in codes}
        for command, run_env, home in codes.values():
            timed(command, run_env, home, cmd)  # warm-up: bytecode written
        for _ in range(args.runs):
            for label, (command, run_env, home) in codes.items():
                wall, used = timed(command, run_env, home, cmd)
                times[label].append(wall)
                cpu[label].append(used)
        this, base = (statistics.median(times[label]) for label in codes)
        cpu_this, cpu_base = (statistics.median(cpu[label]) for label in codes)
        rows.append(f"| `gavah {' '.join(cmd)}` | {this:.3f} | {base:.3f} | "
                    f"{base / this:.1f}x faster | {'met' if this <= TARGET else 'MISSED'} "
                    f"(≤ {TARGET} s) | {cpu_this:.3f} | {cpu_base:.3f} |")
        print(rows[-1], flush=True)
        loads.append(os.getloadavg()[0])
    this_env, this_home = codes["this"][1], codes["this"][2]
    floor = min(_wall([sys.executable, "-c", "pass"], this_env) for _ in range(args.runs))
    profile = [f"Python itself (`python -c pass`, site and the editable install's path "
               f"hook): {floor:.3f} s, the fastest of {args.runs} runs. Imports of each "
               f"command in this checkout (`python -X importtime`, wall time, the least of "
               f"{args.runs // 2 + 1} runs; each top-level package's own import time, "
               "in ms):", ""]
    for cmd in COMMANDS:
        total, top = import_profile(this_env, this_home, cmd, args.runs // 2 + 1)
        profile.append(f"- `gavah {' '.join(cmd)}`: {total:.0f} ms of imports; "
                       + ", ".join(f"{name} {ms:.0f}" for name, ms in top))
    loads.append(os.getloadavg()[0])
    body = (f"Commit {commit} against {args.baseline}, median of {args.runs} interleaved "
            f"runs each after a warm-up, bytecode cached (wall time, and the CPU time "
            f"user + system of the command's process); 1-minute load average "
            f"{min(loads):.1f}-{max(loads):.1f} during the run (sampled between commands; "
            "the machine was shared with other work on its 2 cores).\n\n"
            + "\n".join(rows) + "\n\n" + "\n".join(profile) + "\n\n"
            "`items` on a workspace of 5 small notes; `show` and `verify` on the same. "
            "Importing `gavah.cli.main` loads Typer and gavah's core only (Rich when "
            "something is printed for people); the command named is the only one built "
            "(gavah/cli/lazy.py); plain option values are converted without Pydantic "
            "(gavah/cli/coercion.py); each command imports what it needs when it runs "
            "(tests/cli/test_startup.py keeps heavy libraries out). `items`, `show` and "
            "`verify` read on the DB-API (stdlib `sqlite3`, `psycopg` for PostgreSQL; "
            "gavah/store/fastread/): they import neither SQLAlchemy nor the ORM's tables "
            "(tests/cli/test_startup.py), and a progress bar loads Rich only on a "
            "terminal. `show` of a protected item still records the read through the ORM's "
            "custody log (it then loads SQLAlchemy), as does a web capture's page. Wall "
            "times move with the machine's load: compare the two columns of one run, not "
            "runs.")
    write_section("Start-up (whole commands)", body)


if __name__ == "__main__":
    main()
