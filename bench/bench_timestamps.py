"""Time-stamping's cost to ingest (issue 13). Ingest of N small files into a fresh
workspace, with and without a configured local TSA (`openssl ts -reply` behind an HTTP
server on 127.0.0.1, tests/tsa.py), alternated over several rounds in the same run; the
figure is the ratio of median times. Stamps are batched (one request per TSA per ingest,
after everything is recorded), so the cost is one round trip and one custody entry per
ingest, whatever N is. Also: the time of one `gavah timestamp` and of checking one stamp.

Run: .venv/bin/python bench/bench_timestamps.py [--files 2000] [--rounds 5] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from results import write_section  # noqa: E402

from gavah.core import timestamps as tsp  # noqa: E402
from gavah.pipelines import timestamps as stamp_pipeline  # noqa: E402
from gavah.pipelines.ingest import Options, ingest_paths  # noqa: E402
from gavah.store.workspace import Workspace  # noqa: E402
from tests.tsa import LocalTsa  # noqa: E402

WORDS = ["fictional", "register", "entry", "prison", "province", "witness", "statement",
         "archive", "page", "record", "date", "name", "father", "city", "report"]


def make_files(folder: Path, count: int, seed: int = 13) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for number in range(count):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(150, 700)))
        (folder / f"note-{number:05d}.txt").write_text(f"FICTIONAL {number}\n{words}\n")


def ingest_once(files: Path, root: Path, tsa: LocalTsa | None) -> tuple[float, int]:
    """Seconds to ingest `files` into a fresh workspace; and the stamps it made."""
    home = Path(tempfile.mkdtemp(dir=root))
    ws, _ = Workspace.init(home)
    try:
        if tsa is not None:
            stamp_pipeline.add_tsa(ws, tsa.url, tsa.ca_path.read_bytes(), "bench")
        start = time.perf_counter()
        report = ingest_paths(ws, [str(files)], Options(claims=False), "bench")
        elapsed = time.perf_counter() - start
        stamps = len(report.timestamps.outcomes) if report.timestamps else 0
    finally:
        ws.close()
    return elapsed, stamps


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=HERE).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="gavah-bench-ts-") as temp, LocalTsa() as tsa:
        root = Path(temp)
        files = root / "files"
        make_files(files, args.files)
        without: list[float] = []
        with_tsa: list[float] = []
        ingest_once(files, root, None)  # warm the page cache and the worker start-up
        for number in range(args.rounds):
            # ABBA order: neither kind always runs right after the other.
            for configured in ((None, tsa) if number % 2 == 0 else (tsa, None)):
                seconds, stamps = ingest_once(files, root, configured)
                if configured is None:
                    without.append(seconds)
                else:
                    assert stamps == 1, "one stamp per ingest"
                    with_tsa.append(seconds)
        ws, _ = Workspace.init(root / "one")
        stamp_pipeline.add_tsa(ws, tsa.url, tsa.ca_path.read_bytes(), "bench")
        stamping = []
        for _ in range(10):
            start = time.perf_counter()
            assert stamp_pipeline.stamp(ws, "bench").ok
            stamping.append(time.perf_counter() - start)
        record = stamp_pipeline.stamps(ws)[-1]
        start = time.perf_counter()
        for _ in range(100):
            assert not tsp.check(record.response, record.stamped_hash, record.ca_pem)
        checking = (time.perf_counter() - start) / 100
        ws.close()
    a, b = statistics.median(without), statistics.median(with_tsa)
    rounds_a = ", ".join(f"{x:.2f}" for x in without)
    rounds_b = ", ".join(f"{x:.2f}" for x in with_tsa)
    body = f"""
`bench/bench_timestamps.py --files {args.files} --rounds {args.rounds}` at commit {commit}:
ingest of {args.files} small text files (1-5 KB, no claims pass) into a fresh SQLite
workspace, rounds without and with a configured local TSA (`openssl ts -reply` behind an
HTTP server on 127.0.0.1) in ABBA order. Load average at the start: {load}.

| | median of {args.rounds} | all rounds (s) |
|---|---|---|
| ingest, no TSA | {a:.2f} s | {rounds_a} |
| ingest, one TSA configured (1 stamp per ingest) | {b:.2f} s | {rounds_b} |
| **ratio with / without** | **{b / a:.3f}** | |

One `gavah timestamp` against the local TSA (request, `openssl ts -reply` in a new
process, checks, one custody entry): median {statistics.median(stamping) * 1000:.0f} ms,
{statistics.median(stamping) / a * 100:.1f}% of the median ingest without a TSA.
Checking one stored stamp (`gavah verify`'s part per stamp): {checking * 1000:.2f} ms.
The stamp is one request per TSA at the end of the ingest, so its cost does not grow
with the number of files; the spread between rounds (other work on the machine's two
cores) is larger than the stamp itself.
"""
    print(body)
    if not args.no_write:
        write_section("Time-stamps (issue 13)", body)


if __name__ == "__main__":
    main()
