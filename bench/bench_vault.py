"""Evidence vault benchmark: whole commands as a user runs them (process start included,
default settings: text extracted and read for claims), each a ratio against the baseline
command run on the same files in the same round:

- `gavah ingest` of ~1 GiB in 8 large files vs `cp -r` of the folder into the same
  filesystem followed by `sync` (storing the bytes once is the floor);
- `gavah ingest` of 10,000 small text files (~2 KB) in files/s, and against `cp -r` + `sync`;
- `gavah verify` vs `openssl dgst -sha256` over the same blobs (one process), for both.

Run: .venv/bin/python bench/bench_vault.py [--large-mib 1024] [--small 10000] [--rounds 3]
     .venv/bin/python bench/bench_vault.py --only large [--rounds 5]: the 1 GiB rows alone,
     written into the section in place of the old ones (its other rows are kept)
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import gavah_command
from results import RESULTS, write_section

GAVAH = str(Path(sys.executable).parent / "gavah")
TITLE = "Evidence vault (issue 2)"
CLAIMS = [  # sentences with a figure, a date or a quotation
    "The fictional Northgate Monitoring Group said on {day} May 2021 that \"at least {n} "
    "prisoners were moved from Westgate prison in 1988\".",
    "According to the fictional committee, {n} people were questioned between 1987 and 1989.",
    "The report lists the names of {m} guards and the dates of their transfers.",
]
PROSE = [  # sentences with none
    "A spokesperson for the fictional provincial office denied the report.",
    "Relatives of the detainees, all of them invented for this benchmark, gathered outside.",
    "The visitors' room was closed for the rest of the summer.",
    "Letters sent to the prison office were returned without an answer.",
    "Families travelled from the northern towns to ask for news at the gate.",
    "The building has since been turned into offices and a small archive.",
]


PERF = shutil.which("perf")
CPU: list[float] = []  # CPU seconds of the last command run, all its processes together


def run(*command: str, env: dict[str, str] | None = None) -> None:
    """Run a command to its end; its CPU time, summed over every process it started
    (perf stat follows them all), goes to CPU when perf is installed."""
    if PERF is None:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        CPU[:] = [float("nan")]
        return
    with tempfile.NamedTemporaryFile("r", suffix=".perf") as out:
        subprocess.run([PERF, "stat", "-x", ",", "-e", "task-clock", "-o", out.name, "--",
                        *command], check=True, stdout=subprocess.DEVNULL, env=env)
        line = next(x for x in out.read().splitlines() if "task-clock" in x)
        CPU[:] = [float(line.split(",")[0]) / 1000]


def timed(*steps: Callable[[], object]) -> float:
    start = time.perf_counter()
    for step in steps:
        step()
    return time.perf_counter() - start


def settle() -> None:
    # Deleting a gigabyte on a disk mounted with `discard` keeps it busy for a while;
    # flush that before the next timing starts, so neither side pays for the other.
    os.sync()
    time.sleep(2)


READING = """What limits these numbers (issue 15, measured 2026-12-04 22:25-23:15 UTC on the commits
of this section and of main, 553de08, on the same 2 cores with 9-19 processes runnable
from other engineers' work: CPU times shrink on a quiet machine, their ratios much less).

- 1 GiB ingest, the bytes: in-kernel copy (`copy_file_range`) of 1 GiB takes 0.27-0.29 s
  of CPU, SHA-256 of it 0.68 s (hashlib, 0.085 s per 128 MiB; reading back from the page
  cache adds ~5%, hashing through `mmap` saves nothing measurable): ~0.96 s of CPU, at
  least 0.48 s on 2 cores, where `cp -r` + `sync` takes 0.77-0.89 s. 0.8x of it leaves
  ~0.5 s for Python, imports, the database, `syncfs` and exit.
- 1 GiB ingest, the rest: on main the first byte was copied 1.64 s after the command
  started (strace, load ~9): SQLAlchemy and the ORM's table modules, then the claim
  extractor (its ~330 regular expressions compile at import) and its gazetteer, built by
  the threads before they staged anything, though binary files have no text; at the end
  the claims pipeline was imported again for a backlog that was empty. Now the extractor
  and gazetteer are built when a first text is read, the claims pipeline is imported only
  for a backlog, and a few large files start to be staged on threads before the command
  imports its database layer (copying begins 0.23 s after start, strace, load 17).
  `gavah ingest` of an empty folder: 1.02 -> 0.84 s of CPU (median of 5, main vs this
  code interleaved); of the 1 GiB: 2.60 -> 2.33 s. Left: the imports on the main thread
  (SQLAlchemy and the ORM tables: 0.65 s by `python -X importtime` at load ~15), interpreter
  exit (0.19 s of CPU after `import gavah.pipelines.ingest`, measured against
  `os._exit`), Rich for the summary, `ldconfig -p` run twice by python-magic's
  `find_library`. Under this load the command got about one core: the target needs both.
- Verify of 10,000 small blobs is the custody chain: 30,000 entries (acquired, derived,
  claims read), each rehashed and its Ed25519 signature verified. On main, signatures
  were 54% of the main thread's samples (py-spy), entry hashes 18%, reading and parsing
  17%. One signature here takes 103.5 µs of CPU (cryptography 50.0.2; 5 runs of 3,000;
  `sum(range(1000))` 11.9 µs then): 3.1 s of CPU for the signatures alone, at least 1.55 s
  on 2 cores, against 0.13 s for `openssl dgst`: at most 0.08x (0.22x at the ~45 µs of
  a quiet Intel machine). 1.0x would need under 10 µs a signature on both cores: not
  reachable while verify checks every signature. This code checks hashes and signatures
  ahead on one thread per core (cryptography releases the GIL while it verifies:
  measured); the chain of 30,000 alone, in one process: 3.79 -> 2.90 s (medians of 4,
  interleaved), the whole verify in one process 5.04 -> 4.76 s, the command 5.28 s (main)
  vs 5.56 s (this code), medians of 3: no gain measurable while the command gets about
  one core.
"""


def make_large(folder: Path, total_mib: int, files: int = 8) -> None:
    folder.mkdir(parents=True)
    for i in range(files):
        with open(folder / f"large-{i}.bin", "wb") as out:
            for _ in range(total_mib // files):
                out.write(os.urandom(1 << 20))
    os.sync()


def small_notes(count: int) -> Iterator[bytes]:
    """FICTIONAL notes of ~2 KB (1.5-2.5 KB): prose, one sentence in four with a figure,
    a date or a quotation."""
    rng = random.Random(7)
    for i in range(count):
        size = rng.randint(1536, 2560)
        parts = [f"Fictional note {i}."]
        while sum(len(p) + 1 for p in parts) < size:
            sentences = CLAIMS if rng.random() < 0.25 else PROSE
            parts.append(rng.choice(sentences).format(day=rng.randint(1, 28),
                                                      n=rng.randint(10, 5000),
                                                      m=rng.randint(2, 40)))
        yield " ".join(parts).encode()[:size]


def make_small(folder: Path, count: int) -> int:
    """`count` small_notes, as files in 100 folders."""
    total = 0
    for i, body in enumerate(small_notes(count)):
        sub = folder / f"d{i % 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"note-{i}.txt").write_bytes(body)
        total += len(body)
    os.sync()
    return total


def measure(work: Path, source: Path, rounds: int, name: str,
            baseline: tuple[list[str], dict[str, str]] | None = None) -> dict[str, list[float]]:
    """Per round: cp -r + sync, gavah ingest + sync, openssl dgst, gavah verify; with a
    baseline, its ingest + sync of the same files into a workspace of its own too."""
    times: dict[str, list[float]] = {"cp": [], "ingest": [], "openssl": [], "verify": []}
    for round_ in range(rounds):
        if baseline is not None:
            old = work / f"ws-{name}-baseline-{round_}"
            command, extra = baseline
            env = os.environ | extra
            subprocess.run([*command, "--home", str(old), "init"], env=env, check=True,
                           stdout=subprocess.DEVNULL)
            settle()
            times.setdefault("baseline", []).append(timed(
                lambda old=old, command=command, env=env: run(
                    *command, "--home", str(old), "ingest", str(source), env=env), os.sync))
            times.setdefault("baseline_cpu", []).append(CPU[0])
            shutil.rmtree(old)
            settle()
        target = work / f"cp-{name}-{round_}"
        home = work / f"ws-{name}-{round_}"
        run(GAVAH, "--home", str(home), "init")

        def copy(target: Path = target) -> None:
            times["cp"].append(timed(lambda: run("cp", "-r", str(source), str(target)),
                                     os.sync))
            shutil.rmtree(target)
            settle()

        if round_ % 2 == 0:  # alternate which goes first: the disk's state drifts
            copy()
        settle()
        times["ingest"].append(timed(
            lambda home=home: run(GAVAH, "--home", str(home), "ingest", str(source)), os.sync))
        times.setdefault("ingest_cpu", []).append(CPU[0])
        blobs = sorted(str(p) for p in (home / "blobs").glob("??/??/*"))
        os.sync()
        times["openssl"].append(timed(lambda b=blobs: run("openssl", "dgst", "-sha256", *b)))
        times.setdefault("openssl_cpu", []).append(CPU[0])
        times["verify"].append(timed(lambda home=home: run(GAVAH, "--home", str(home),
                                                           "verify")))
        times.setdefault("verify_cpu", []).append(CPU[0])
        times.setdefault("blobs", []).append(len(blobs))
        shutil.rmtree(home)
        settle()
        if round_ % 2 == 1:
            copy()
        print(name, round_, {k: v[-1] for k, v in times.items()}, flush=True)
    return times


def ratio_row(label: str, base: str, times: dict[str, list[float]], ours: str, ref: str,
              target: str) -> str:
    ratios = sorted(r / o for r, o in zip(times[ref], times[ours], strict=True))
    ref_s, our_s = statistics.median(times[ref]), statistics.median(times[ours])
    cpu = statistics.median(times.get(f"{ours}_cpu", [float("nan")]))
    ref_cpu = statistics.median(times.get(f"{ref}_cpu", [float("nan")]))
    return (f"| {label} | {base}: {ref_s:.2f} s{_cpu(ref_cpu)} | {our_s:.2f} s{_cpu(cpu)} | "
            f"**{ref_s / our_s:.2f}x** ({target}); per round {ratios[0]:.2f}-{ratios[-1]:.2f} |")


def _cpu(seconds: float) -> str:
    return "" if seconds != seconds else f" (CPU {seconds:.2f} s)"  # NaN: no perf


def replace_large_rows(rows: list[str], run: str) -> str:
    """The section's body as it stands, with the 1 GiB rows, the line saying which run
    they come from and the reading below the table replaced; the other rows (small files,
    measured by their own runs) kept."""
    text = RESULTS.read_text()
    found = re.search(rf"^## {re.escape(TITLE)}\n\nMeasured [^\n]*\n\n(.*?)(?=^## |\Z)", text,
                      re.S | re.M)
    if found is None:
        raise SystemExit(f"no section {TITLE!r} in {RESULTS}: run the whole bench first")
    body = found.group(1).split("What limits these numbers")[0].rstrip() + "\n"
    lines = []
    for line in body.splitlines():
        if re.match(r"\| ingest \d+ MiB in 8 files", line):
            line = rows[0]
        elif line.startswith("| verify those "):
            line = rows[1]
        elif line.startswith("- The two 1 GiB rows:"):
            line = run
        lines.append(line)
    return "\n".join(lines) + "\n\n" + READING


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large-mib", type=int, default=1024)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", help="a commit whose small-file ingest to time too")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--only", choices=["large"],
                        help="the 1 GiB rows only, written in place of the section's")
    args = parser.parse_args()
    if args.only:
        args.small = 0
    work = Path(tempfile.mkdtemp(prefix="gavah-bench-", dir=Path(__file__).parent.parent))
    try:
        make_large(work / "large", args.large_mib)
        large = measure(work, work / "large", args.rounds, "large",
                        gavah_command(args.baseline) if args.baseline and args.only else None)
        shutil.rmtree(work / "large")
        size, small = 0, None
        if args.small:  # --small 0: the large files only
            size = make_small(work / "small", args.small)
            old = gavah_command(args.baseline) if args.baseline else None
            small = measure(work, work / "small", args.rounds, "small", old)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    n = args.small
    body = f"""Script: `bench/bench_vault.py --large-mib {args.large_mib} --small {n} --rounds {args.rounds}`: whole commands (`gavah --home WS ingest FOLDER` on default settings: text extracted, indexed and read for claims; `gavah --home WS verify`), process start included, each against its baseline command on the same files in the same round; medians of {args.rounds} rounds. 1/5/15-minute load average at the end: {load} on 2 cores (other engineers' work included).
Ratios above 1 mean gavah is faster than the baseline; targets in parentheses. CPU: the command's CPU time summed over all its processes (`perf stat -e task-clock`).

| measure | baseline | gavah | ratio (target) |
|---|---|---|---|
{ratio_row(f"ingest {args.large_mib} MiB in 8 files (+ `sync`)", "`cp -r` + `sync`", large, "ingest", "cp", ">= 0.8")}
{ratio_row(f"verify those {int(large['blobs'][0])} blobs", "`openssl dgst -sha256`", large, "verify", "openssl", ">= 1.0")}
"""  # noqa: E501
    if small is not None:
        rates = sorted(n / t for t in small["ingest"])
        ingest_s = statistics.median(small["ingest"])
        body += f"""| ingest {n:,} small text files ({size / n / 1024:.1f} KB on average, {size / (1 << 20):.0f} MiB) | `cp -r` + `sync`: {statistics.median(small['cp']):.2f} s | {ingest_s:.1f} s{_cpu(statistics.median(small['ingest_cpu']))} | **{n / ingest_s:,.0f} files/s** (>= 1,000); per round {rates[0]:,.0f}-{rates[-1]:,.0f}; {statistics.median(small['cp']) / ingest_s:.2f}x of `cp` |
{ratio_row(f"verify after the small-file ingest ({int(small['blobs'][0]):,} blobs)", "`openssl dgst -sha256`", small, "verify", "openssl", ">= 1.0")}
"""  # noqa: E501
    if small is not None and "baseline" in small:
        before = statistics.median(small["baseline"])
        body += (f"| the same small-file ingest by the code of {args.baseline} | - | "
                 f"{before:.1f} s{_cpu(statistics.median(small['baseline_cpu']))} | "
                 f"{n / before:,.0f} files/s; this code {before / ingest_s:.2f}x as fast |\n")
    body += "\n" + READING
    if args.only:
        rows = body.split("|---|---|---|---|\n")[1].splitlines()[:2]
        if "baseline" in large:
            before, after = (statistics.median(large[k]) for k in ("baseline", "ingest"))
            rows[0] = rows[0][:-2] + (
                f"; the code of {args.baseline} in the same rounds: {before:.2f} s"
                f"{_cpu(statistics.median(large['baseline_cpu']))}, this code "
                f"{before / after:.2f}x as fast |")
        run = (f"- The two 1 GiB rows: this run, `bench/bench_vault.py --only large --large-mib "
               f"{args.large_mib} --rounds {args.rounds}`, commands in a session of their own at "
               f"autogroup nice -10 (both sides alike); 1/5/15-minute load average at the end: "
               f"{load} on 2 cores (other engineers' work).")
        body = replace_large_rows(rows, run)
    print(body)
    if small is None and not args.only:  # a partial run must not replace the whole section
        print("--small 0: not written to RESULTS.md")
    elif not args.no_write:
        write_section(TITLE, body)


if __name__ == "__main__":
    main()
