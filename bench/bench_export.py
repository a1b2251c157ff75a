"""Disclosure export at scale (issue 12): `gavah export` of a FICTIONAL case relying on N
items and M claims against `cp -r` + `sha256sum` of the same originals (the least any
export must do: copy and hash), the export's peak memory (maximum resident set of the
export process alone), and the package's own `verify.py` against `sha256sum -c` alone.

Default (the issue's size): 10,000 items (2 GiB, mixed sizes: a tenth text documents,
the rest random bytes) and 100,000 claims on the texts, every claim and every other item
linked to the case (bench/export_case.py builds it). --small: 200 items, 20 MiB, 2,000
claims. --rounds N: the baseline and the export N times, one after the other (the
median ratio is reported); --baseline CHECKOUT: in each round also export with the code
of another checkout (a worktree of main, say) on the same workspace, the two exports in
alternating order. --profile FILE: run the export under cProfile and keep its stats in
FILE; --sample FILE: sample it with py-spy instead (collapsed stacks; the export is not
slowed). The workspace and packages are deleted at the end.
Run: .venv/bin/python bench/bench_export.py [--small] [--items N] [--bytes B]
     [--claims M] [--rounds N] [--baseline CHECKOUT] [--profile FILE | --sample FILE]
     [--no-write]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from export_case import build  # noqa: E402
from results import write_section  # noqa: E402


def run(args: list[str], sample: Path | None = None, **kwargs: object
        ) -> tuple[float, float, float]:
    """Seconds, peak resident MiB and CPU seconds of one whole command (its own rusage,
    which holds that of the processes it waited for, not that of every child this script
    has run). `sample`: collapsed stacks of it, sampled from outside by py-spy (if
    installed), which does not stop it to read them."""
    # What earlier steps wrote is on the disk first: otherwise a step pays for the
    # write-back of the gigabytes before it (the later rounds took twice the CPU).
    os.sync()
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, **kwargs)  # type: ignore[call-overload]
    spy = None
    if sample is not None:
        spy = subprocess.Popen([str(Path(sys.executable).parent / "py-spy"), "record",
                                "--pid", str(process.pid), "--nonblocking", "--threads",
                                "--rate", "20", "--format", "raw", "-o", str(sample)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    if spy is not None:
        spy.wait()
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{args[0]} failed with exit {process.returncode}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


@dataclass
class Round:
    load: str
    baseline: float
    copy: float
    hashing: float
    export: float  # this checkout's
    peak: float
    cpu: float
    other: tuple[float, float, float] | None  # --baseline's export: seconds, MiB, CPU


def _baseline(root: Path) -> tuple[float, float]:
    copy, _, _ = run(["cp", "-r", str(root / "ws" / "blobs"), str(root / "copy")])
    files = [str(p) for p in (root / "copy").rglob("*") if p.is_file()]
    hashing, _, _ = run(["xargs", "-0", "sha256sum"], stdin=_listing(root, files))
    shutil.rmtree(root / "copy")
    return copy, hashing


def _export(root: Path, case_id: int, code: Path, target: Path,
            profile: Path | None = None, sample: Path | None = None
            ) -> tuple[float, float, float]:
    """`gavah export` with the code of the checkout `code` (its own gavah first on the
    path), into `target` (removed first)."""
    shutil.rmtree(target, ignore_errors=True)
    command = [sys.executable, "-m", "gavah.cli", "--home", str(root / "ws"), "export",
               str(case_id), "--to", str(target), "--for", "court"]
    if profile:
        command[1:1] = ["-m", "cProfile", "-o", str(profile.resolve())]
    env = os.environ | {"PYTHONPATH": str(code)}
    return run(command, sample, env=env)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--items", type=int)
    parser.add_argument("--bytes", type=int)
    parser.add_argument("--claims", type=int)
    parser.add_argument("--rounds", type=int, default=1,
                        help="baseline and export(s) this many times, interleaved")
    parser.add_argument("--baseline", type=Path, metavar="CHECKOUT",
                        help="also export with the code of this checkout (e.g. a worktree "
                        "of main) in each round, in alternating order, on the same "
                        "workspace")
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--sample", type=Path, help="py-spy's collapsed stacks of the "
                        "export (pip install py-spy; no slower export, unlike --profile)")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    count = args.items or (200 if args.small else 10_000)
    total = args.bytes or (20 << 20 if args.small else 2 << 30)
    claims = args.claims if args.claims is not None else (2_000 if args.small else 100_000)
    root = Path(tempfile.mkdtemp(prefix="bench-export-"))
    rounds: list[Round] = []
    try:
        started = time.perf_counter()
        built = build(root, count, total, claims)
        setup = time.perf_counter() - started
        for n in range(args.rounds):
            before = load()
            copy, hashing = _baseline(root)
            other = None
            if args.baseline is not None and n % 2:
                other = _export(root, built.case_id, args.baseline.resolve(), root / "pkg")
            mine = _export(root, built.case_id, HERE.parent, root / "pkg", args.profile,
                           args.sample)
            if args.baseline is not None and not n % 2:
                other = _export(root, built.case_id, args.baseline.resolve(), root / "pkg")
            rounds.append(Round(before, copy + hashing, copy, hashing, *mine, other))
        if args.baseline is not None and args.rounds % 2:  # the last package is the other's
            _export(root, built.case_id, HERE.parent, root / "pkg")
        verify, verify_peak, _ = run([sys.executable, "-I", str(root / "pkg" / "verify.py")])
        check, _, _ = run(["sha256sum", "-c", "--quiet", "manifest-sha256.txt"],
                          cwd=root / "pkg")
        payload = [p for p in (root / "pkg" / "data").rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in payload)
        load_after = load()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    flags = "" if not args.small else " --small"
    flags += f" --rounds {args.rounds}" if args.rounds > 1 else ""
    flags += f" --baseline {args.baseline}" if args.baseline else ""
    ratios = sorted(r.baseline / r.export for r in rounds)
    ratio = statistics.median(ratios)
    first = rounds[0]
    lines = "\n".join(
        f"| {n + 1} | {r.load.split(',')[0]} | {r.baseline:.1f} ({r.copy:.1f} + "
        f"{r.hashing:.1f}) | {r.export:.1f} s, {r.cpu:.1f} s CPU, {r.peak:.0f} MiB | "
        f"**{r.baseline / r.export:.2f}x** |"
        + (f" {r.other[0]:.1f} s, {r.other[2]:.1f} s CPU, {r.other[1]:.0f} MiB | "
           f"{r.baseline / r.other[0]:.2f}x |" if r.other else "")
        for n, r in enumerate(rounds))
    head = ("| round | load (1 min) | baseline s | `gavah export --for court` | ratio |"
            + (f" `{args.baseline}`'s export | its ratio |" if args.baseline else "")
            + "\n|---|---:|---:|---:|---:|" + ("---:|---:|" if args.baseline else ""))
    body = f"""\
{built.items:,} items ({total / 2**30:.2f} GiB of originals in mixed sizes: a tenth are
text documents, the rest random bytes) and {built.claims:,} claims on the texts, every
claim and every other item linked to one FICTIONAL case (built in {setup:.0f} s, of
which `gavah ingest --no-claims` {built.ingest_seconds:.0f} s). Package payload
{size / 2**30:.2f} GiB in {len(payload):,} files. Baseline: `cp -r` of the blobs +
`sha256sum` of the copies; the export is the whole command (process start included);
CPU is that of the export's process and the workers it waited for.

{head}
{lines}

Export speed against the baseline: **{ratio:.2f}x** (median of {len(rounds)} round(s);
target >= 0.7x). Peak memory of the export process: {max(r.peak for r in rounds):.0f} MiB
(its maximum resident set, the largest of the rounds). `verify.py` of the package:
{verify:.1f} s, {verify_peak:.0f} MiB; `sha256sum -c manifest-sha256.txt`: {check:.1f} s
(`verify.py` takes {verify / check:.2f}x its time). Load average (1, 5, 15 min) before the
first round: {first.load}; at the end: {load_after} (2 cores, shared with other work).

Run: `.venv/bin/python bench/bench_export.py{flags}`"""
    print(body)
    if not args.no_write:
        write_section("Disclosure export (issue 12)", body)


def _listing(root: Path, files: list[str]) -> object:
    listing = root / "files.list"
    listing.write_bytes("\0".join(files).encode())
    return listing.open("rb")


if __name__ == "__main__":
    main()
