"""Disclosure export at scale (issue 12): `gavah export` of a FICTIONAL case relying on N
items of random bytes against `cp -r` + `sha256sum` of the same files (the least any
export must do: copy and hash), the export's peak memory (maximum resident set of the
export process), and the package's own `verify.py` against `sha256sum -c` alone.

Default: 200 items of 1 MiB (200 MiB). --full: 10,000 items, 2 GiB (about 210 KiB each).
Run: .venv/bin/python bench/bench_export.py [--full] [--items N] [--size BYTES] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from results import write_section  # noqa: E402

from gavah.pipelines import cases  # noqa: E402
from gavah.pipelines.access import Viewer  # noqa: E402
from gavah.pipelines.ingest import Options, ingest_paths  # noqa: E402
from gavah.store.workspace import Workspace  # noqa: E402

NOTE = ("Originals are hashed as they are copied (two threads), the BagIt manifests come "
        "from those hashes, and WeasyPrint is imported while the copy runs. What remains at "
        "small scale is fixed cost: starting gavah and importing the case pipeline, "
        "building the case file (twice: for the recipient, and to count what is withheld) "
        "and laying out report.pdf. The shared machine's load moves both sides of the ratio.")
GAVAH = str(Path(sys.executable).parent / "gavah")
ANALYST = Viewer("bench", "strictly-confidential")


def make_files(folder: Path, count: int, size: int) -> None:
    folder.mkdir(parents=True)
    for number in range(count):
        (folder / f"exhibit-{number:05d}.bin").write_bytes(os.urandom(size))


def timed(args: list[str], **kwargs: object) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, **kwargs)  # type: ignore[call-overload]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--items", type=int)
    parser.add_argument("--size", type=int)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    count = args.items or (10_000 if args.full else 200)
    size = args.size or ((2 << 30) // 10_000 if args.full else 1 << 20)
    root = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        make_files(root / "files", count, size)
        ws, _ = Workspace.init(root / "ws")
        ingest_paths(ws, [str(root / "files")], Options(claims=False, extract=False), "bench")
        case = cases.create(ws, ANALYST, "FICTIONAL bench case")
        with ws.db.read() as session:
            from gavah.store import items as item_store
            ids = [i["id"] for i in item_store.list_items(session)]
        for item_id in ids:
            cases.link(ws, ANALYST, case["id"], "cah-murder.1", "item", str(item_id),
                       "supports")
        ws.close()
        blobs = root / "ws" / "blobs"
        copy = timed(["cp", "-r", str(blobs), str(root / "copy")])
        files = [str(p) for p in (root / "copy").rglob("*") if p.is_file()]
        hashing = timed(["xargs", "-0", "sha256sum"], input="\0".join(files).encode())
        baseline = copy + hashing
        shutil.rmtree(root / "copy")
        export = timed([GAVAH, "--home", str(root / "ws"), "export", str(case["id"]),
                        "--to", str(root / "pkg"), "--for", "court"])
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        verify = timed([sys.executable, "-I", str(root / "pkg" / "verify.py")])
        check = timed(["sha256sum", "-c", "--quiet", "manifest-sha256.txt"],
                      cwd=root / "pkg")
        total = sum(p.stat().st_size for p in (root / "pkg" / "data").rglob("*") if p.is_file())
    finally:
        shutil.rmtree(root, ignore_errors=True)
    parts = f"{baseline:.1f} ({copy:.1f} + {hashing:.1f})"
    body = f"""\
{count:,} items of {size:,} random bytes ({count * size / 2**30:.2f} GiB), all linked to one
FICTIONAL case; package payload {total / 2**30:.2f} GiB.

| step | seconds |
|---|---:|
| `cp -r` of the blobs + `sha256sum` of the copies (baseline) | {parts} |
| `gavah export --for court` (whole command) | {export:.1f} |
| `verify.py` of the package | {verify:.1f} |
| `sha256sum -c manifest-sha256.txt` | {check:.1f} |

Export speed against the baseline: **{baseline / export:.2f}x** (target >= 0.7x). Peak
memory of the export process: {peak:.0f} MiB (largest child's maximum resident set).
`verify.py` takes {verify / check:.1f}x the time of `sha256sum -c` alone.

{NOTE}

Run: `.venv/bin/python bench/bench_export.py{' --full' if args.full else ''}`"""
    print(body)
    if not args.no_write:
        write_section("Disclosure export (issue 12)", body)


if __name__ == "__main__":
    main()
