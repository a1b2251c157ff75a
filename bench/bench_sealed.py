"""Encryption at rest: what sealing originals (confidential and above) costs on ingest and
on verify, as a ratio of throughput against the same files ingested as public (stored in
clear) in the same round. Target: >= 0.8x.

In process (no start-up), extraction off so the storing is what is compared: large
binary files (incompressible, nothing to extract) and small text files. Each round makes
two fresh workspaces and alternates which goes first.

Run: .venv/bin/python bench/bench_sealed.py [--large-mib 256] [--small 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import write_section

from gavah.pipelines import ingest
from gavah.pipelines.verify import verify
from gavah.store.workspace import Workspace

STEPS = ("ingest", "ingest CPU", "verify", "verify CPU")


def make_files(root: Path, large_mib: int, small: int) -> tuple[Path, Path]:
    large, many = root / "large", root / "small"
    large.mkdir(parents=True)
    many.mkdir(parents=True)
    for n in range(8):
        with (large / f"fictional-{n}.bin").open("wb") as out:
            for _ in range(max(1, large_mib // 8)):
                out.write(os.urandom(1 << 20))
    for n in range(small):
        (many / f"fictional-note-{n}.txt").write_text(
            f"FICTIONAL benchmark note {n}: " + "an invented sentence. " * 90)
    return large, many


def one(folder: Path, level: str, work: Path) -> tuple[Workspace, float, float, int]:
    """(the fresh workspace, ingest seconds, its CPU seconds, bytes)."""
    home = work / f"ws-{level}"
    ws, _ = Workspace.init(home)
    size = sum(p.stat().st_size for p in folder.iterdir())
    options = ingest.Options(classification=level, extract=False, claims=False)
    start, cpu = time.perf_counter(), time.process_time()
    ingest.ingest_paths(ws, [str(folder)], options, "bench")
    took, used = time.perf_counter() - start, time.process_time() - cpu
    return ws, took, used, size


def verify_times(ws: Workspace) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process: every thread) of one verify."""
    start, cpu = time.perf_counter(), time.process_time()
    report = verify(ws)
    took, used = time.perf_counter() - start, time.process_time() - cpu
    assert report.ok, report.problems
    return took, used


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large-mib", type=int, default=256)
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--verifies", type=int, default=3, help="verify pairs per round")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as temp:
        root = Path(temp)
        large, many = make_files(root / "in", args.large_mib, args.small)
        lines = ["| files | step | clear | sealed | ratio (median; every sample) |",
                 "|---|---|---|---|---|"]
        for label, folder, unit in ((f"8 x {args.large_mib // 8} MiB", large, "MB/s"),
                                    (f"{args.small} x 2 KB", many, "files/s")):
            count = len(list(folder.iterdir()))
            ratios: dict[str, list[float]] = {step: [] for step in STEPS}
            rates: dict[tuple[str, str], list[float]] = {}
            for round_ in range(args.rounds):
                order = ("public", "confidential") if round_ % 2 == 0 else \
                    ("confidential", "public")
                got = {level: one(folder, level, root) for level in order}
                amount = {"MB/s": got["public"][3] / 1e6, "files/s": count}[unit]
                samples = [("ingest", got["public"][1], got["confidential"][1]),
                           ("ingest CPU", got["public"][2], got["confidential"][2])]
                # Verify reads and writes nothing: repeated in pairs, alternating which
                # goes first, so that load from other work falls on both sides alike.
                for pair in range(args.verifies):
                    pair_order = order if pair % 2 == 0 else order[::-1]
                    took = {level: verify_times(got[level][0]) for level in pair_order}
                    samples.append(("verify", took["public"][0], took["confidential"][0]))
                    samples.append(("verify CPU", took["public"][1], took["confidential"][1]))
                for step, clear_s, sealed_s in samples:
                    rates.setdefault((step, "clear"), []).append(amount / clear_s)
                    rates.setdefault((step, "sealed"), []).append(amount / sealed_s)
                    ratios[step].append(clear_s / sealed_s)
                for level in order:
                    got[level][0].close()
                    shutil.rmtree(root / f"ws-{level}")
            for step in STEPS:
                lines.append(
                    f"| {label} | {step} | {statistics.median(rates[step, 'clear']):.0f} {unit} | "
                    f"{statistics.median(rates[step, 'sealed']):.0f} {unit} | "
                    f"{statistics.median(ratios[step]):.2f}x "
                    f"({', '.join(f'{r:.2f}' for r in ratios[step])}) |")
    load = os.getloadavg()
    body = (f"`bench/bench_sealed.py --large-mib {args.large_mib} --small {args.small} "
            f"--rounds {args.rounds} --verifies {args.verifies}`: originals ingested as "
            "confidential (sealed: AES-256-GCM in 1 MiB chunks) against the same files as "
            "public (in clear), in process, extraction off; verify re-hashes every blob "
            "(decrypting the sealed ones), on as many threads as cores. Each round makes "
            "two fresh workspaces (alternating which goes first) and verifies them "
            f"{args.verifies} times in alternating pairs; the CPU rows are ratios of the "
            "process's CPU time (all threads), which other work on the machine disturbs "
            "less than wall time. Target: sealed >= 0.8x clear. Load average (1, 5, 15 "
            f"min) at the end: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f} on 2 cores "
            "shared with other work.\n\n" + "\n".join(lines))
    print(body)
    write_section("Encryption at rest", body)


if __name__ == "__main__":
    main()
