"""Originals copied into a package while the exporter writes the rest of it.

The bag lists each original at once with the SHA-256 and size custody records for it
(BagWriter.expect), so the manifests and the report need not wait; the copier hashes
what it writes, and `wait` stops the export on any mismatch, before anything is signed.

From a local blob store the copies are made by worker processes (this module run with
`python -m`; it imports the standard library only): copier threads in the exporter's process took
its interpreter lock back after every open, read, hash and write of ten thousand small
files, and the thread building the case file and the report waited each time (under
load, for the scheduler too). Items' small files (metadata.json) go to the workers as
well: created by the exporter, they waited on the disk the workers keep busy.

A worker reads its jobs, one JSON line each, on its standard input (fed a batch at a
time by a thread, so the exporter never waits on a full pipe) and writes what it copied
to a file. Other stores (S3, sealed blobs) are read by threads through the store's own
reader."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO, BinaryIO, Protocol

CHUNK = 1 << 20
WORKERS = 2  # copying and hashing is bound by the cores (two here)
BATCH = 64 << 10  # bytes of jobs handed to a worker's feeder at a time


class Blobs(Protocol):
    def open(self, sha256: str) -> BinaryIO: ...


def copy_stream(source: BinaryIO, path: str) -> tuple[str, int]:
    """Write `source` to `path`; its SHA-256 and size."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with open(path, "wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _from_store(blobs: Blobs, sha256: str, path: str) -> tuple[str, str | None, int]:
    with blobs.open(sha256) as source:
        return (path, *copy_stream(source, path))


def work(jobs: IO[str], results: IO[str]) -> None:
    """A worker: copy each [source, target] of `jobs` and write [target, SHA-256, size]
    to `results` ([target, null, 0] when the source is not a plain file: a sealed blob,
    which the exporter copies through the store); write each [target, null, text]."""
    for line in jobs:
        source, target, text = json.loads(line)
        if text is not None:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                out.write(text.encode())
            continue
        try:
            reader = open(source, "rb")  # noqa: SIM115 - closed by copy's with
        except FileNotFoundError:
            found: list[object] = [target, None, 0]
        else:
            with reader:
                found = [target, *copy_stream(reader, target)]
        results.write(json.dumps(found) + "\n")


class Copier:
    """Copies originals into the bag at `root` in the background: `copy` each, then
    `wait` for all of them."""

    def __init__(self, root: Path, blobs: Blobs, local: Path | None) -> None:
        """`local`: the folder of a local blob store whose files are plain (copied by
        worker processes), or None to read every blob through `blobs` in threads."""
        self.root, self.blobs, self.local = root, blobs, local
        # paths joined as strings: a Path per file of ten thousand items cost seconds
        self._root = str(root) + os.sep
        self._local = None if local is None else str(local) + os.sep
        self.expected: dict[str, tuple[str, int]] = {}  # target path -> SHA-256, size
        self._threads: ThreadPoolExecutor | None = None
        self._tasks: list[Future[tuple[str, str | None, int]]] = []
        self._workers: list[_Worker] = []
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self._forgotten: set[str] = set()  # target paths copied but not to be kept

    def _start(self) -> None:
        self._scratch = tempfile.TemporaryDirectory(prefix="gavah-copier-")
        self._workers = [_Worker(Path(self._scratch.name), n) for n in range(WORKERS)]

    def _give(self, job: list[str | None], size: int) -> None:
        if not self._workers:
            self._start()
        min(self._workers, key=lambda w: w.assigned).give(
            json.dumps(job).encode() + b"\n", size)

    def write(self, rel: str, data: bytes) -> None:
        """Write `data` (UTF-8 text) to `rel`, listed in the bag already."""
        target = self._root + rel
        if self.local is None:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            Path(target).write_bytes(data)
            return
        self._give([None, target, data.decode()], len(data))

    def copy(self, sha256: str, size: int, rel: str) -> None:
        target = self._root + rel
        self.expected[target] = (sha256, size)
        if self.local is None:
            if self._threads is None:
                self._threads = ThreadPoolExecutor(WORKERS)
            self._tasks.append(self._threads.submit(_from_store, self.blobs, sha256,
                                                    target))
            return
        self._give([f"{self._local}{sha256[:2]}/{sha256[2:4]}/{sha256}", target, None], size)

    def forget(self, rel: str) -> None:
        """The copy to `rel` is not to be kept after all: `wait` removes it."""
        target = self._root + rel
        self.expected.pop(target, None)
        self._forgotten.add(target)

    def _copied(self) -> list[tuple[str, str | None, int]]:
        found = [task.result() for task in self._tasks]
        for worker in self._workers:
            found += worker.finish()
        return found

    def wait(self) -> None:
        """Wait for every copy; Mismatch for the first whose bytes are not as listed."""
        try:
            found = [one for one in self._copied() if one[0] not in self._forgotten]
            for target in self._forgotten:  # finished (or never begun): removed
                with contextlib.suppress(FileNotFoundError):
                    os.remove(target)
                with contextlib.suppress(OSError):  # its folders, if nothing else is there
                    os.removedirs(os.path.dirname(target))
            if len(found) != len(self.expected):
                raise OSError(f"{len(self.expected) - len(found)} originals were not "
                              "copied")
            for target, sha256, size in found:
                want = self.expected[target]
                if sha256 is None:  # not a plain file: read through the store
                    _, sha256, size = _from_store(self.blobs, want[0], target)
                if (sha256, size) != want:
                    raise Mismatch(want[0], f"{sha256}, {size:,} bytes")
        finally:
            self.close()

    def close(self) -> None:
        """Stop what is left (after `wait`, or when the export failed)."""
        for worker in self._workers:
            worker.stop()
        self._workers.clear()
        if self._threads is not None:
            self._threads.shutdown(wait=True, cancel_futures=True)
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None


class Mismatch(Exception):
    """A copy whose bytes are not the ones custody records."""

    def __init__(self, sha256: str, read: str) -> None:
        super().__init__(sha256, read)
        self.sha256, self.read = sha256, read


class _Worker:
    """One worker process, its jobs fed by a thread from a queue of batches."""

    def __init__(self, scratch: Path, n: int) -> None:
        self.results = scratch / f"copied-{n}.jsonl"
        self.errors = scratch / f"errors-{n}.txt"
        with self.errors.open("wb") as errors:
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-m", __name__, str(self.results)],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors)
        self.assigned = 0  # bytes given to it
        self._batch: list[bytes] = []
        self._batch_size = 0
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._feeder = threading.Thread(target=self._feed, daemon=True)
        self._feeder.start()

    def give(self, job: bytes, size: int) -> None:
        self.assigned += size
        self._batch.append(job)
        self._batch_size += len(job)
        if self._batch_size >= BATCH:
            self._send()

    def _send(self) -> None:
        if self._batch:
            self._queue.put(b"".join(self._batch))
            self._batch, self._batch_size = [], 0

    def _feed(self) -> None:
        jobs = self.process.stdin
        assert jobs is not None
        try:
            while (data := self._queue.get()) is not None:
                jobs.write(data)
                jobs.flush()
        except OSError:  # the worker stopped: finish() says why
            pass
        finally:
            with contextlib.suppress(OSError):
                jobs.close()

    def finish(self) -> list[tuple[str, str | None, int]]:
        """Wait for it to finish; what it copied."""
        self._send()
        self._queue.put(None)
        self._feeder.join()
        if self.process.wait():
            raise OSError(f"a copier process stopped (exit {self.process.returncode}): "
                          f"{self.errors.read_text(errors='replace').strip()[-2000:]}")
        with self.results.open(encoding="utf-8") as lines:
            return [tuple(json.loads(line)) for line in lines]  # type: ignore[misc]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self._queue.put(None)
        self._feeder.join()
        self.process.wait()


if __name__ == "__main__":
    with open(sys.argv[1], "w", encoding="utf-8") as _results:
        work(sys.stdin, _results)
