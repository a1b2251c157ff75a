"""Running the web app: one uvicorn process, or several worker processes that each listen
on a socket of their own bound to the same port (SO_REUSEPORT), so that the kernel spreads
connections evenly over them.

uvicorn's own workers share one listening socket, and whichever of them wakes first
accepts every connection waiting: with 50 clients connecting at once, one worker took
44 (or 48) of them while the other idled, and throughput halved. Browsers keep their
connections open, so such an imbalance lasts."""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import sys
import time
from multiprocessing.connection import wait
from typing import Any

import uvicorn

from gavah.core.errors import BadInput
from gavah.pipelines import lifeline

APP = "gavah.web.app:app_from_environment"
# uvicorn settings for every worker: no proxy headers (nothing sits in front by default),
# no Server header, and only warnings on the console. A stopping worker gives requests
# under way as long as the supervisor waits for it before killing it.
UVICORN: dict[str, Any] = {"factory": True, "proxy_headers": False, "server_header": False,
                           "log_level": "warning", "timeout_graceful_shutdown": 30}
# A worker that exits with an error this soon failed to start (a bad workspace, say) and
# would fail again. One killed by a signal (the OOM killer) is replaced, at most once a second.
STARTUP_SECONDS = 30
BACKLOG = 2048


def serve(host: str, port: int, workers: int) -> None:
    if workers <= 1 or not balanced_workers_supported():
        uvicorn.run(APP, host=host, port=port, workers=workers, **UVICORN)
        return
    _check_free(host, port)
    Supervisor(host, port, workers).run()


def default_workers() -> int:
    """One per core: a page is mostly Python, which one process runs on one core at a
    time. At most 4, as each keeps its own caches of computed pages."""
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                      else os.cpu_count() or 1))


def balanced_workers_supported() -> bool:
    """Linux spreads connections over SO_REUSEPORT sockets; other systems may let them
    bind but give every connection to one of them."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _check_free(host: str, port: int) -> None:
    """Refuse a port another program listens on. Our workers' SO_REUSEPORT sockets would
    otherwise join a second `gavah serve` (same user) on that port and share its clients."""
    with socket.socket(_family(host), socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise BadInput(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def listener(host: str, port: int) -> socket.socket:
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(BACKLOG)
    return sock


def worker(host: str, port: int) -> None:
    """One worker process: its own listening socket, one uvicorn server. uvicorn stops
    gracefully on SIGTERM and SIGINT; the kernel sends SIGTERM when the supervisor dies,
    however it dies, so that no worker serves on alone."""
    parent = multiprocessing.parent_process()
    lifeline.tie_to_parent(signal.SIGTERM, parent.pid if parent else None)
    sock = listener(host, port)
    uvicorn.Server(uvicorn.Config(APP, host=host, port=port, **UVICORN)).run(sockets=[sock])


class Supervisor:
    """Starts the workers, replaces one that dies while serving, and stops them all on
    SIGINT or SIGTERM (or when one fails to start, as all would)."""

    def __init__(self, host: str, port: int, count: int) -> None:
        self.host, self.port, self.count = host, port, count
        self._context = multiprocessing.get_context("spawn")  # no copy of our state
        self._workers: list[tuple[Any, float]] = []
        self._stopping = False

    def _start(self) -> tuple[Any, float]:
        process = self._context.Process(target=worker, args=(self.host, self.port),
                                        name="gavah-web-worker", daemon=False)
        process.start()
        return process, time.monotonic()

    def _stop(self, *_: Any) -> None:
        self._stopping = True

    def run(self) -> None:
        previous = {sig: signal.signal(sig, self._stop)
                    for sig in (signal.SIGINT, signal.SIGTERM)}
        failed = False
        try:
            self._workers = [self._start() for _ in range(self.count)]
            while not self._stopping:
                wait([p.sentinel for p, _ in self._workers], timeout=0.5)
                for index, (process, started) in enumerate(self._workers):
                    if process.is_alive() or self._stopping:
                        continue
                    age = time.monotonic() - started
                    if (process.exitcode or 0) > 0 and age < STARTUP_SECONDS:
                        print(f"gavah: a web worker exited while starting (code "
                              f"{process.exitcode}); stopping", file=sys.stderr)
                        failed = self._stopping = True
                        break
                    print(f"gavah: web worker {process.pid} died (code {process.exitcode});"
                          " starting another", file=sys.stderr)
                    time.sleep(max(0.0, 1 - age))
                    self._workers[index] = self._start()
        finally:
            for process, _ in self._workers:
                if process.is_alive() and process.pid is not None:
                    os.kill(process.pid, signal.SIGTERM)
            for process, _ in self._workers:
                process.join(30)
                if process.is_alive():
                    process.kill()
                    process.join()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if failed:
            raise SystemExit(1)
