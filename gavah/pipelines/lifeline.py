"""Processes that end with the process that started them, however it ends (SIGKILL, the
OOM killer, a crash): a killed ingest must not leave workers, OCR runs or servers behind,
idle and holding memory the next run needs.

- Worker pools: the parent holds the write end of a pipe (`Lifeline`) and each worker the
  read end (`hold`). The kernel closes the write end when the parent dies, however it
  dies, and then sends the worker SIGKILL itself (O_ASYNC with F_SETSIG on Linux): no
  thread in the worker has to notice, so a worker busy in C code ends too. multiprocessing's
  fork server and resource tracker end on their own once the workers are gone (they live
  as long as a process holds their pipes).
- Single children (Tesseract, a web worker, a server a test starts): `tied()` as their
  `preexec_fn`, or `tie_to_parent()` first thing in a Python child, asks the kernel to
  signal them when their parent dies (PR_SET_PDEATHSIG). The kernel means the parent
  *thread*: start such a child from a thread that waits for it.
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext

_PR_SET_PDEATHSIG = 1
_F_SETSIG = 10  # fcntl.F_SETSIG on Linux; Python names it only from 3.12 on some builds


def tie_to_parent(signum: int = signal.SIGKILL, parent: int | None = None) -> None:
    """This process gets `signum` when its parent (thread) ends; if the parent ended
    already (before the kernel was asked), the process exits now. `parent`: the pid it
    was started by, when known (otherwise the parent at the time of the call)."""
    expected = parent if parent is not None else os.getppid()
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != expected:
        os._exit(1)  # orphaned before the request took effect


def tied(signum: int = signal.SIGKILL) -> Callable[[], None] | None:
    """A `preexec_fn` for subprocess.Popen: the child ends with this process (the thread
    that starts it). None where the kernel cannot do it (then nothing is done)."""
    if not sys.platform.startswith("linux"):
        return None
    parent = os.getpid()
    libc = ctypes.CDLL(None, use_errno=True)  # loaded here: the child only calls it

    def preexec() -> None:
        if libc.prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0) != 0 or os.getppid() != parent:
            os._exit(127)

    return preexec


class Lifeline:
    """The parent's end: workers given `reader` (as an initializer argument) die when
    this process dies or calls close(). Close it only after the pool has shut down."""

    def __init__(self, context: BaseContext) -> None:
        self.reader, self._writer = context.Pipe(duplex=False)

    def close(self) -> None:
        self._writer.close()
        self.reader.close()


def hold(reader: Connection) -> None:
    """In a worker (a pool initializer): die when the parent's end of the lifeline closes.
    The descriptor is kept open for the life of the process."""
    if sys.platform.startswith("linux"):
        import fcntl

        # Every worker receives the same open pipe, and the kernel signals one owner per
        # open pipe: each worker opens the pipe again, to be signalled itself.
        fd = os.open(f"/proc/self/fd/{reader.fileno()}",
                     os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        reader.close()

        fcntl.fcntl(fd, fcntl.F_SETOWN, os.getpid())
        fcntl.fcntl(fd, getattr(fcntl, "F_SETSIG", _F_SETSIG), signal.SIGKILL)
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_ASYNC)
        # Closed before the kernel was asked to tell us: the parent is gone already.
        if select.select([fd], [], [], 0)[0]:
            os.kill(os.getpid(), signal.SIGKILL)
        return

    fd = os.dup(reader.fileno())
    reader.close()

    def watch() -> None:  # elsewhere a thread waits for the end of the pipe
        select.select([fd], [], [])
        os._exit(1)

    threading.Thread(target=watch, name="gavah-lifeline", daemon=True).start()
