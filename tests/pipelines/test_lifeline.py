"""Processes end with the process that started them, however it ends: an ingest killed
with SIGKILL leaves none of its workers, their fork server and resource tracker, or a
Tesseract run behind; a killed capture leaves no browser. Real processes, read from /proc."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from gavah.pipelines import lifeline
from tests.conftest import Cli, write
from tests.processes import Process, alive, descendants

GAVAH = str(Path(sys.executable).parent / "gavah")


def corpus(folder: Path, notes: int, pages: int) -> None:
    """FICTIONAL: pictures of typed pages (read by OCR, seconds each) first in walk
    order, then short notes."""
    folder.mkdir(parents=True)
    for i in range(pages):
        page = Image.new("L", (1400, 700), 255)
        draw = ImageDraw.Draw(page)
        for line in range(10):
            draw.text((30, 30 + 60 * line), f"Fictional page {i}, line {line}: the committee "
                      "of Northgate met again.", fill=0)
        page.save(folder / f"page{i}.png")
    for i in range(notes):
        write(folder / f"n{i % 10}", f"note{i}.txt",
              f"Fictional note {i}: the group said {i % 900 + 10} people were moved. " * 25)


def wait_for(pid: int, enough: int, name: str | None, seconds: float) -> set[Process]:
    """Every descendant seen while waiting until there are `enough` at once (and one
    called `name`, when given)."""
    seen: set[Process] = set()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        now = descendants(pid)
        seen |= now
        if len(now) >= enough and (name is None or any(p.name == name for p in now)):
            break
        time.sleep(0.05)
    return seen


@pytest.mark.slow
def test_a_killed_ingest_leaves_no_process(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    ocr = shutil.which("tesseract") is not None
    corpus(folder, notes=150, pages=2 if ocr else 0)
    process = subprocess.Popen([GAVAH, *cli.args(), "ingest", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=lifeline.tied())
    # Fork server, resource tracker and two workers at least; a Tesseract run too.
    seen = wait_for(process.pid, 4, "tesseract" if ocr else None, 300)
    assert process.poll() is None, "the ingest ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    names = sorted(p.name for p in seen)
    assert len(seen) >= 4, names
    if ocr:
        assert "tesseract" in names
    deadline = time.monotonic() + 5
    while any(alive(p) for p in seen) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [p for p in seen if alive(p)]
    assert not left, f"still running after the ingest was killed: {left}"

    report = cli.json("verify")
    assert report["ok"], report["problems"]
    again = subprocess.run([GAVAH, *cli.args(), "ingest", str(folder), "--json"],
                           capture_output=True, text=True, timeout=600,
                           preexec_fn=lifeline.tied())
    assert again.returncode == 0, again.stderr
    assert len(cli.json("items")) == 150 + (2 if ocr else 0)
    assert cli.json("verify")["ok"]


def test_a_worker_dies_with_its_parent(tmp_path: Path) -> None:
    """The lifeline alone: a pool worker is killed by the kernel when its parent dies,
    even while it runs (here: sleeps in C)."""
    script = (
        "import multiprocessing, os, signal, sys, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from gavah.pipelines import lifeline\n"
        "if __name__ == '__main__':\n"
        "    context = multiprocessing.get_context('forkserver')\n"
        "    line = lifeline.Lifeline(context)\n"
        "    pool = ProcessPoolExecutor(2, mp_context=context, initializer=lifeline.hold,\n"
        "                               initargs=(line.reader,))\n"
        "    busy = [pool.submit(time.sleep, 600) for _ in range(2)]\n"
        "    print('ready', flush=True)\n"
        "    time.sleep(600)\n")
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                               text=True, preexec_fn=lifeline.tied())
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    seen = wait_for(process.pid, 4, None, 30)
    assert len(seen) >= 4, seen
    process.kill()
    process.wait()
    deadline = time.monotonic() + 5
    while any(alive(p) for p in seen) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in seen if alive(p)]


def test_a_tied_child_dies_with_its_parent() -> None:
    """`tied()` as preexec_fn: the child (here a shell's sleep) ends with the process
    that started it."""
    script = (
        "import subprocess, time\n"
        "from gavah.pipelines import lifeline\n"
        "subprocess.Popen(['sleep', '600'], preexec_fn=lifeline.tied())\n"
        "print('ready', flush=True)\n"
        "time.sleep(600)\n")
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                               text=True, preexec_fn=lifeline.tied())
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    seen = wait_for(process.pid, 1, "sleep", 10)
    assert [p.name for p in seen] == ["sleep"]
    process.kill()
    process.wait()
    deadline = time.monotonic() + 5
    while any(alive(p) for p in seen) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in seen if alive(p)]


@pytest.mark.slow
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's Chromium")
def test_a_killed_capture_leaves_no_browser(tmp_path: Path) -> None:
    """Playwright's driver ends with gavah (its pipe closes) and takes Chromium with it."""
    import http.server
    import threading
    from functools import partial

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>A FICTIONAL page.</p>" * 50)
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    home = tmp_path / "ws"
    subprocess.run([GAVAH, "--home", str(home), "init"], check=True, capture_output=True)
    try:
        process = subprocess.Popen(
            [GAVAH, "--home", str(home), "capture", "--allow-private",
             f"http://127.0.0.1:{server.server_address[1]}/"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=lifeline.tied())
        seen = wait_for(process.pid, 2, "chromium", 120)
        assert process.poll() is None, "the capture ended before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert "chromium" in {p.name for p in seen}
        deadline = time.monotonic() + 10
        while any(alive(p) for p in seen) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [p for p in seen if alive(p)]
    finally:
        server.shutdown()
        server.server_close()
