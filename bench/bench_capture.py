"""Captures per minute of the FICTIONAL test site on 127.0.0.1 (tests/pipelines/
capture_site.py: a page with pictures, a lazy picture, text loaded by script, a video),
with 1 and 4 browser pages at once in one browser, and the memory of that browser (the
proportional set size of its process tree, sampled during the run). The 1-page run is
the baseline of the 4-page run, measured in the same run on the same workspace.

    .venv/bin/python bench/bench_capture.py [--captures 8] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results import write_section  # noqa: E402

from gavah.pipelines.capture import page as capture_page  # noqa: E402
from gavah.pipelines.capture import run  # noqa: E402
from gavah.store.workspace import Workspace  # noqa: E402
from tests.pipelines.capture_site import LOOPBACK_ONLY, serving  # noqa: E402

FLAGS = (b"--disable-quic", b"--proxy-bypass-list=<-loopback>")  # gavah's own browser


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def browser_pss() -> int:
    """Bytes (PSS) of every process of gavah's capturing browsers, with their children."""
    roots = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if all(flag in command for flag in FLAGS):
                roots.append(int(entry.name))
    tree = _children()
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        pid = stack.pop()
        if pid not in seen:
            seen.add(pid)
            stack += tree.get(pid, [])
    total = 0
    for pid in seen:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


class Sampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.25):
            self.peak = max(self.peak, browser_pss())


def measure(ws: Workspace, base: str, captures: int, pages: int, tag: str) -> dict[str, float]:
    urls = [f"{base}/?bench={tag}-{n}" for n in range(captures)]
    sampler = Sampler()
    sampler.start()
    started = time.perf_counter()
    report = run.capture_urls(ws, urls, run.Options(allow_private=True, concurrency=pages,
                                                    claims=False), "bench")
    seconds = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    ok = sum(1 for o in report.outcomes if o.status == "captured")
    return {"seconds": seconds, "captured": ok, "per_minute": ok * 60 / seconds,
            "pss_mib": sampler.peak / (1 << 20)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--captures", type=int, default=8)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gavah-bench-capture-"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=ROOT).stdout.strip()
    try:
        ws, _ = Workspace.init(work / "ws")
        ws.config["capture"] = dict(LOOPBACK_ONLY)
        with serving() as site:
            run.capture_urls(ws, [f"{site.url}/?bench=warm"], run.Options(allow_private=True,
                                                                          claims=False), "b")
            one = measure(ws, site.url, args.captures, 1, "one")
            print("1 page:", one, flush=True)
            four = measure(ws, site.url, args.captures, 4, "four")
            print("4 pages:", four, flush=True)
        ws.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    body = f"""Script: `bench/bench_capture.py --captures {args.captures}` at commit {commit}; SQLite workspace; one browser (Debian Chromium, headless) for each run, a fresh context per capture; each page is watched at least {capture_page.DWELL:.0f} s after it loads (text loaded later by script), scrolled for lazy content, then screenshot, printed to PDF and packaged. 1/5/15-minute load average at the end: {load} (the machine is shared).

| pages at once | captures | seconds | captures per minute | ratio to 1 page | browser memory, peak PSS |
|---:|---:|---:|---:|---:|---:|
| 1 | {one['captured']:.0f}/{args.captures} | {one['seconds']:.1f} | {one['per_minute']:.1f} | 1.00 | {one['pss_mib']:.0f} MiB |
| 4 | {four['captured']:.0f}/{args.captures} | {four['seconds']:.1f} | {four['per_minute']:.1f} | {four['per_minute'] / one['per_minute']:.2f} | {four['pss_mib']:.0f} MiB |
"""  # noqa: E501
    print(body)
    if not args.no_write:
        write_section("Web capture", body)


if __name__ == "__main__":
    main()
