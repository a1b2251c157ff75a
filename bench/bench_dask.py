"""Ingest on Dask (issue 16): throughput of `ingest_paths` with the per-file work on a Dask
LocalCluster of 1 and 2 worker processes, against the local path (this machine's process
pool) on the same FICTIONAL files, each into a fresh workspace on SQLite with its blobs on
the S3 server (SeaweedFS on 127.0.0.1, tests/s3server.py): texts with claims, random
binary files, a zip archive and a few scanned pages read by OCR.

Everything (server, scheduler, workers, client) shares this machine's cores, so the
ratios say what the Dask path costs over the local one, not what more machines give.

Run: .venv/bin/python bench/bench_dask.py [--files 300] [--pages 4] [--no-write]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from results import write_section  # noqa: E402

from gavah.pipelines import ingest as ingest_pipeline  # noqa: E402
from gavah.pipelines.ingest import Options, ingest_paths  # noqa: E402
from gavah.store.workspace import Workspace  # noqa: E402
from tests.s3server import s3_server  # noqa: E402

CLAIMS = HERE.parent / "tests" / "fixtures" / "claims"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def make_files(folder: Path, files: int, pages: int) -> int:
    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(16)
    texts = sorted(CLAIMS.glob("*.txt"))
    for i in range(files):
        sub = folder / f"d{i % 10}"
        sub.mkdir(parents=True, exist_ok=True)
        if i % 2 == 0:
            body = texts[i % len(texts)].read_text() + f"\n(FICTIONAL copy {i})\n"
            (sub / f"t{i}.txt").write_text(body)
        else:
            (sub / f"b{i}.bin").write_bytes(b"FICTIONAL " + rng.randbytes(rng.randint(1, 60)
                                                                          << 10))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for source in texts[:8]:
            z.writestr(source.name, source.read_text())
    (folder / "bundle.zip").write_bytes(archive.getvalue())
    font = ImageFont.truetype(FONT, 42)
    for n in range(pages):
        image = Image.new("L", (1700, 400), 255)
        draw = ImageDraw.Draw(image)
        draw.text((60, 60), f"FICTIONAL scanned page {n} from Northgate.", font=font, fill=0)
        draw.text((60, 160), "Forty-two prisoners were moved at night.", font=font, fill=0)
        image.save(folder / f"scan-{n}.png")
    return files + 1 + pages


def ingest(root: Path, name: str, folder: Path, scheduler: str | None
           ) -> tuple[float, int, float]:
    """(seconds, items, seconds the client spent recording: publishing blobs and writing
    the database, the single writer's share)."""
    ws, _ = Workspace.init(root / f"ws-{name}", blobs=f"s3://bench/{name}")
    recording = [0.0]
    record = ingest_pipeline._record

    def timed_record(*args: Any) -> Any:
        start = time.perf_counter()
        try:
            return record(*args)
        finally:
            recording[0] += time.perf_counter() - start

    ingest_pipeline._record = timed_record  # measured, not changed
    try:
        start = time.perf_counter()
        report = ingest_paths(ws, [str(folder)], Options(scheduler=scheduler), "bench")
        elapsed = time.perf_counter() - start
        assert not report.skipped and not report.extraction.failed, report.to_dict()
        return elapsed, len(report.acquired) + report.extraction.children, recording[0]
    finally:
        ingest_pipeline._record = record
        ws.close()


def main() -> None:
    from distributed import LocalCluster

    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="gavah-bench-dask-"))
    folder = root / "files"
    given = make_files(folder, args.files, args.pages)
    rows: list[tuple[str, float, int, float]] = []
    load = os.getloadavg()[0]
    with s3_server(root / "server") as env:
        os.environ.update(env)
        rows.append(("local path (process pool of this machine's cores)",
                     *ingest(root, "local", folder, None)))
        for workers in (1, 2):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              host="127.0.0.1", dashboard_address=None) as cluster:
                rows.append((f"Dask, {workers} worker process{'es' if workers > 1 else ''}",
                             *ingest(root, f"dask{workers}", folder, cluster.scheduler_address)))
    base = rows[0][1]
    lines = [f"{given} FICTIONAL files given ({args.files // 2 + args.files % 2} claim texts, "
             f"{args.files // 2} binary files of 1-60 KiB, a zip of 8 texts, {args.pages} "
             "scanned pages read by OCR), ingested with claims into a fresh workspace each "
             "(SQLite; blobs on SeaweedFS 4 on 127.0.0.1). Scheduler, workers, S3 server "
             f"and the recording client share the same cores (load average {load:.1f} at "
             "the start).", "",
             "| how | seconds | items/s | throughput vs local path | client recording |",
             "|---|---:|---:|---:|---:|"]
    for how, seconds, items, recording in rows:
        lines.append(f"| {how} | {seconds:.1f} | {items / seconds:.1f} | "
                     f"{base / seconds:.2f} | {recording:.1f} s ({recording / seconds:.0%}) |")
    lines += ["", "items: files plus archive members. The Dask path adds a task round trip "
              "per four files and the workers' start (the gazetteer sent to each); on one "
              "machine it can only cost. It pays when the workers are other machines' cores: "
              "the client then only publishes blobs and records. Client recording (publishing "
              "staged blobs on S3, writing items, texts, claims and custody entries) is the "
              "single writer's share of the run: roughly, the most a cluster of any size "
              "can speed the run up is its length divided by that share.",
              "", "Run: `.venv/bin/python bench/bench_dask.py`"]
    body = "\n".join(lines)
    print(body)
    if not args.no_write:
        write_section("Ingest on Dask (issue 16)", body)


if __name__ == "__main__":
    main()
