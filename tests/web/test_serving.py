"""`gavah serve --workers N` on a real port: connections are spread over the workers (each
has its own SO_REUSEPORT socket), a worker that dies is replaced, and a port that is
already taken is refused with a clear error."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from gavah.cli import serving
from gavah.pipelines import lifeline
from gavah.store.workspace import Workspace
from tests.processes import alive, descendants
from tests.web.server import GAVAH, free_port

pytestmark = pytest.mark.skipif(not serving.balanced_workers_supported(),
                                reason="SO_REUSEPORT balancing is Linux's")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _established(port: int) -> set[str]:
    """Socket inodes of the connections accepted on 127.0.0.1:port."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, state, inode = fields[1], fields[3], fields[9]
        if state == "01" and int(local.split(":")[1], 16) == port:
            inodes.add(inode)
    return inodes


def _sockets_of(pid: int) -> set[str]:
    out: set[str] = set()
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:  # gone (or a zombie's, on some kernels)
        return out
    for fd in fds:
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            out.add(target[8:-1])
    return out


def _start(home: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([GAVAH, "--home", str(home), "serve", "--port", str(port),
                                "--workers", str(workers)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=lifeline.tied())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                pass
            if len(_children(process.pid)) >= workers:
                return process
        except OSError:
            if process.poll() is not None:
                raise AssertionError(process.stderr.read().decode()) from None  # type: ignore[union-attr]
        time.sleep(0.1)
    raise AssertionError("gavah serve did not start")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        raise


def _workers_ready(port: int, workers: int, process: subprocess.Popen[bytes]) -> list[int]:
    """The worker pids, once each one listens (its SO_REUSEPORT socket is bound)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pids = _children(process.pid)
        listening = [pid for pid in pids if _listens(pid, port)]
        if len(listening) == workers:
            return listening
        time.sleep(0.2)
    raise AssertionError("the workers did not all start listening")


def _listens(pid: int, port: int) -> bool:
    mine = _sockets_of(pid)
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port and fields[9] in mine:
            return True
    return False


def test_connections_are_spread_over_the_workers(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    Workspace.init(home)[0].close()
    port = free_port()
    process = _start(home, port, 2)
    try:
        pids = _workers_ready(port, 2, process)
        # 40 browsers that keep their connection open, all connecting at once.
        connections = [http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                       for _ in range(40)]
        for connection in connections:
            connection.connect()
        for connection in connections:
            connection.request("GET", "/login")
        for connection in connections:
            response = connection.getresponse()
            assert response.status == 200
            response.read()
        accepted = _established(port)
        per_worker = [len(_sockets_of(pid) & accepted) for pid in pids]
        assert sum(per_worker) == 40, per_worker
        # The kernel hashes each connection to a socket: ~20 each; uvicorn's shared socket
        # gave one worker 44 of 50. The chance of fewer than 8 of 40 by hash is ~1e-4.
        assert min(per_worker) >= 8, per_worker
        for connection in connections:
            connection.close()

        # A worker that dies while serving is replaced; the port keeps answering.
        os.kill(pids[0], signal.SIGKILL)
        deadline = time.monotonic() + 30
        while _listens(pids[0], port) and time.monotonic() < deadline:
            time.sleep(0.05)  # SIGKILL is delivered asynchronously
        replaced = _workers_ready(port, 2, process)
        assert pids[0] not in replaced and pids[1] in replaced
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/login")
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        _stop(process)
    assert process.returncode == 0
    assert not [pid for pid in pids if Path(f"/proc/{pid}").exists()]


def test_workers_stop_when_the_supervisor_is_killed(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    Workspace.init(home)[0].close()
    port = free_port()
    process = _start(home, port, 2)
    try:
        _workers_ready(port, 2, process)
        started = descendants(process.pid)
        assert len(started) >= 2, started
    finally:
        process.kill()
        process.wait()
    # Each worker gets SIGTERM from the kernel and stops gracefully (no request under way).
    deadline = time.monotonic() + 30
    while any(alive(p) for p in started) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in started if alive(p)]
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_a_port_in_use_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    Workspace.init(home)[0].close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([GAVAH, "--home", str(home), "serve", "--port", str(port),
                               "--workers", "2"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr
