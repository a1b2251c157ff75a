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


def one(folder: Path, level: str, work: Path) -> tuple[float, float, int]:
    """(ingest seconds, verify seconds, bytes) for one fresh workspace."""
    home = work / f"ws-{level}"
    ws, _ = Workspace.init(home)
    size = sum(p.stat().st_size for p in folder.iterdir())
    options = ingest.Options(classification=level, extract=False, claims=False)
    start = time.perf_counter()
    ingest.ingest_paths(ws, [str(folder)], options, "bench")
    took = time.perf_counter() - start
    start = time.perf_counter()
    report = verify(ws)
    checked = time.perf_counter() - start
    assert report.ok, report.problems
    ws.close()
    shutil.rmtree(home)
    return took, checked, size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large-mib", type=int, default=256)
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as temp:
        root = Path(temp)
        large, many = make_files(root / "in", args.large_mib, args.small)
        lines = ["| files | step | clear | sealed | ratio (median of rounds) |",
                 "|---|---|---|---|---|"]
        for label, folder, unit in ((f"8 x {args.large_mib // 8} MiB", large, "MB/s"),
                                    (f"{args.small} x 2 KB", many, "files/s")):
            count = len(list(folder.iterdir()))
            ratios: dict[str, list[float]] = {"ingest": [], "verify": []}
            rates: dict[tuple[str, str], list[float]] = {}
            for round_ in range(args.rounds):
                order = ("public", "confidential") if round_ % 2 == 0 else \
                    ("confidential", "public")
                got = {level: one(folder, level, root) for level in order}
                for step, index in (("ingest", 0), ("verify", 1)):
                    amount = {"MB/s": got["public"][2] / 1e6, "files/s": count}[unit]
                    clear = amount / got["public"][index]
                    sealed = amount / got["confidential"][index]
                    rates.setdefault((step, "clear"), []).append(clear)
                    rates.setdefault((step, "sealed"), []).append(sealed)
                    ratios[step].append(sealed / clear)
            for step in ("ingest", "verify"):
                lines.append(
                    f"| {label} | {step} | {statistics.median(rates[step, 'clear']):.0f} {unit} | "
                    f"{statistics.median(rates[step, 'sealed']):.0f} {unit} | "
                    f"{statistics.median(ratios[step]):.2f}x "
                    f"({', '.join(f'{r:.2f}' for r in ratios[step])}) |")
    body = (f"`bench/bench_sealed.py --large-mib {args.large_mib} --small {args.small} "
            f"--rounds {args.rounds}`: originals ingested as confidential (sealed: AES-256-GCM "
            "in 1 MiB chunks) against the same files as public (in clear), in process, "
            "extraction off; verify re-hashes every blob (decrypting the sealed ones). "
            "Target: sealed >= 0.8x clear.\n\n" + "\n".join(lines))
    print(body)
    write_section("Encryption at rest", body)


if __name__ == "__main__":
    main()
