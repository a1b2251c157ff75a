"""A real `gavah serve` on a free port of 127.0.0.1, over a workspace built for the test,
and Debian's Chromium driven by Playwright (whose own browser download is not used)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gavah.pipelines import lifeline
from tests.processes import stop

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
GAVAH = str(Path(sys.executable).parent / "gavah")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(home: Path, database_url: str | None = None, workers: int = 1,
            log: Path | None = None, command: list[str] | None = None,
            env: dict[str, str] | None = None) -> Iterator[str]:
    """The server's output goes to `log` (default: a temporary file, shown if it does not
    start); a pipe nobody reads would fill up and stall it. `command` runs another gavah
    (the bench's baseline code)."""
    port = free_port()
    scratch = None
    if log is None:
        descriptor, scratch = tempfile.mkstemp(prefix="gavah-serve-", suffix=".log")
        os.close(descriptor)
        log = Path(scratch)
    args = [*(command or [GAVAH]), "--home", str(home)]
    if database_url:
        args += ["--database-url", database_url]
    output = open(log, "ab")  # noqa: SIM115
    process = subprocess.Popen([*args, "serve", "--port", str(port), "--workers", str(workers)],
                               stdout=output, stderr=output,
                               env=os.environ | {"PYTHONUNBUFFERED": "1"} | (env or {}),
                               preexec_fn=lifeline.tied())  # ends with the tests
    url = f"http://127.0.0.1:{port}"
    try:
        # A loaded machine (CI, parallel tests) can take a while to import the web stack.
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(url + "/login", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    shown = log.read_text()[-2000:] or "(no output)"
                    raise RuntimeError(f"gavah serve did not start: {shown}") from None
                time.sleep(0.1)
        yield url
    finally:
        stop(process, 10)
        output.close()
        if scratch is not None:
            os.unlink(scratch)
