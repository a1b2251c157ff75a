"""Disclosure export at scale (issue 12): `gavah export` of a FICTIONAL case relying on N
items and M claims against `cp -r` + `sha256sum` of the same originals (the least any
export must do: copy and hash), the export's peak memory (maximum resident set of the
export process alone), and the package's own `verify.py` against `sha256sum -c` alone.

Default (the issue's size): 10,000 items (2 GiB, mixed sizes: a tenth text documents,
the rest random bytes) and 100,000 claims on the texts, every claim and every other item
linked to the case (bench/export_case.py builds it). --small: 200 items, 20 MiB, 2,000
claims. --profile FILE: run the export under cProfile and keep its stats in FILE;
--sample FILE: sample it with py-spy instead (collapsed stacks; the export is not slowed).
The workspace and package are deleted at the end.
Run: .venv/bin/python bench/bench_export.py [--small] [--items N] [--bytes B]
     [--claims M] [--profile FILE | --sample FILE] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from export_case import GAVAH, build  # noqa: E402
from results import write_section  # noqa: E402


def run(args: list[str], sample: Path | None = None, **kwargs: object
        ) -> tuple[float, float]:
    """Seconds and peak resident MiB of one whole command (its own rusage, not that of
    every child this script has run). `sample`: collapsed stacks of it, sampled from
    outside by py-spy (if installed), which does not stop it to read them."""
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
    return seconds, usage.ru_maxrss / 1024


def load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--items", type=int)
    parser.add_argument("--bytes", type=int)
    parser.add_argument("--claims", type=int)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--sample", type=Path, help="py-spy's collapsed stacks of the "
                        "export (pip install py-spy; no slower export, unlike --profile)")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    count = args.items or (200 if args.small else 10_000)
    total = args.bytes or (20 << 20 if args.small else 2 << 30)
    claims = args.claims if args.claims is not None else (2_000 if args.small else 100_000)
    root = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        started = time.perf_counter()
        built = build(root, count, total, claims)
        setup = time.perf_counter() - started
        load_before = load()
        originals = root / "ws" / "blobs"
        copy, _ = run(["cp", "-r", str(originals), str(root / "copy")])
        files = [str(p) for p in (root / "copy").rglob("*") if p.is_file()]
        hashing, _ = run(["xargs", "-0", "sha256sum"], stdin=_listing(root, files))
        baseline = copy + hashing
        shutil.rmtree(root / "copy")
        command = [GAVAH, "--home", str(root / "ws"), "export", str(built.case_id),
                   "--to", str(root / "pkg"), "--for", "court"]
        if args.profile:
            command = [sys.executable, "-m", "cProfile", "-o", str(args.profile.resolve()),
                       "-m", "gavah.cli", *command[1:]]
        export, peak = run(command, args.sample)
        verify, verify_peak = run([sys.executable, "-I", str(root / "pkg" / "verify.py")])
        check, _ = run(["sha256sum", "-c", "--quiet", "manifest-sha256.txt"],
                       cwd=root / "pkg")
        payload = [p for p in (root / "pkg" / "data").rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in payload)
        load_after = load()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    flags = "" if not args.small else " --small"
    parts = f"{baseline:.1f} ({copy:.1f} + {hashing:.1f})"
    body = f"""\
{built.items:,} items ({total / 2**30:.2f} GiB of originals in mixed sizes: a tenth are
text documents, the rest random bytes) and {built.claims:,} claims on the texts, every
claim and every other item linked to one FICTIONAL case (built in {setup:.0f} s, of
which `gavah ingest --no-claims` {built.ingest_seconds:.0f} s). Package payload
{size / 2**30:.2f} GiB in {len(payload):,} files.

| step | seconds |
|---|---:|
| `cp -r` of the blobs + `sha256sum` of the copies (baseline) | {parts} |
| `gavah export --for court` (whole command) | {export:.1f} |
| `verify.py` of the package | {verify:.1f} |
| `sha256sum -c manifest-sha256.txt` | {check:.1f} |

Export speed against the baseline: **{baseline / export:.2f}x** (target >= 0.7x). Peak
memory of the export process: {peak:.0f} MiB (its maximum resident set); of `verify.py`:
{verify_peak:.0f} MiB. `verify.py` takes {verify / check:.2f}x the time of
`sha256sum -c` alone. Load average (1, 5, 15 min) before the timed steps: {load_before};
after: {load_after} (2 cores, shared with other work).

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
