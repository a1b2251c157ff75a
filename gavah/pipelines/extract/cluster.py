"""Acquisitions and extraction jobs as tasks on a Dask distributed cluster: the same
per-file work as the local worker processes (jobs.acquire, jobs.run), on other machines.

Rules, and why:
- Workers only stage and store bytes (content-addressed) and return plain data; they
  never open the database nor the signing key. The client process records every result
  in its own write transactions, so the custody chain has one appender, as locally.
- A task may run twice (a worker killed mid-task: the scheduler gives it to another).
  That is harmless: a second run stages the same bytes again (the first copy stays
  under the store's temporary names until cleanup) and the client records each file
  once, because it records results, not task runs, and commits blobs by content hash.
- What every task needs (where the blobs are, the limits, the gazetteer) goes to each
  worker once, as a worker plugin under a name of this client's own, so that two
  ingests on one cluster never share (or unregister) each other's setup.
- Before any work, every worker must read an object this client staged in the blob
  store: workers that see another folder (no shared mount) or another bucket would
  store bytes the client cannot commit.

This module imports Dask: it is imported only when a scheduler address is given."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from distributed import Client, WorkerPlugin
from distributed.scheduler import KilledWorker

from gavah.core.errors import GavahError
from gavah.pipelines.extract import job as jobs
from gavah.pipelines.extract.base import Limits
from gavah.pipelines.extract.worker import GazetteerRows, Setup
from gavah.store.blobs import BlobStore, Staged, open_store

T = TypeVar("T")
R = TypeVar("R")
CONNECT_TIMEOUT = "10s"  # a scheduler that answers does so at once
RETRIES = 2  # a task that raised (a network error to the store) runs again this often

# Each worker process's setups, by the client token that registered them (plugin state:
# set by _Plugin.setup on the worker, removed by its teardown).
_setups: dict[str, Setup] = {}


class _Plugin(WorkerPlugin):  # type: ignore[misc]
    """Made once per worker (and again on a worker that restarts)."""

    def __init__(self, token: str, blobs: str, limits: Limits,
                 rows: GazetteerRows | None) -> None:
        self.token = token
        self.blobs = blobs
        self.limits = limits
        self.rows = rows

    def setup(self, worker: Any) -> None:
        _setups[self.token] = Setup.make(self.blobs, self.limits, self.rows)

    def teardown(self, worker: Any) -> None:
        _setups.pop(self.token, None)


def _acquire(token: str, tasks: Sequence[jobs.Acquire]
             ) -> list[jobs.Acquired | jobs.Known | jobs.Unreadable]:
    setup = _setups[token]
    return [setup.acquire(task) for task in tasks]


def _run(token: str, batch: Sequence[jobs.Job]) -> list[jobs.Done | jobs.Failed]:
    setup = _setups[token]
    return [setup.run(job) for job in batch]


def _probe(location: str, staged: Staged, path: str | None, size: int | None) -> str | None:
    """On a worker: None when it reads the client's staged object (and `path`, with the
    size the client saw), else what it could not do."""
    try:
        with open_store(location).open_staged(staged) as stream:
            digest = hashlib.sha256(stream.read()).hexdigest()
    except Exception as exc:  # any failure is the answer: reported, not raised
        return f"cannot read the blob store {location}: {type(exc).__name__}: {exc}"
    if digest != staged.sha256:
        return f"reads other bytes in the blob store {location}"
    if path is not None:
        try:
            seen = os.stat(path).st_size
        except OSError as exc:
            return f"cannot read {path}: {exc.strerror or exc}"
        if seen != size:
            return f"sees {path} with {seen} bytes, not {size}"
    return None


class Cluster:
    """A connection to a Dask scheduler that runs this workspace's per-file work.
    Results come back in task order, as the local pool returns them."""

    def __init__(self, address: str, blobs: BlobStore, limits: Limits,
                 rows: GazetteerRows | None) -> None:
        self.address = address
        self.blobs = blobs
        self.token = uuid.uuid4().hex
        self.warnings: list[str] = []
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise GavahError(f"no Dask scheduler answers at {address}: {exc}") from None
        self._plugin = f"gavah-{self.token}"
        try:
            self.client.register_plugin(_Plugin(self.token, blobs.location, limits, rows),
                                        name=self._plugin)
        except BaseException:
            self.client.close()
            raise

    def probe(self, path: str | None = None, size: int | None = None) -> None:
        """Every worker reads what this process stages (and `path`), or GavahError says
        which cannot and why."""
        workers = self.client.scheduler_info().get("workers", {})
        if not workers:
            raise GavahError(f"the Dask cluster at {self.address} has no workers")
        staged = self.blobs.stage(io.BytesIO(f"gavah probe {self.token}\n".encode()))
        try:
            answers = self.client.run(_probe, self.blobs.location, staged, path, size)
        finally:
            self.blobs.discard([staged])
        problems = [f"worker {worker} {answer}" for worker, answer in sorted(answers.items())
                    if answer is not None]
        if problems:
            raise GavahError("the Dask workers must share this workspace's blob store (S3, "
                             "or one folder mounted at the same path) and the files to "
                             f"read: {'; '.join(problems)}")

    def acquire(self, batch: Sequence[jobs.Acquire], chunksize: int,
                here: Callable[[jobs.Acquire], jobs.Acquired | jobs.Known | jobs.Unreadable]
                ) -> Iterator[jobs.Acquired | jobs.Known | jobs.Unreadable]:
        return self._map(_acquire, batch, chunksize, here)

    def run(self, batch: Sequence[jobs.Job], chunksize: int,
            here: Callable[[jobs.Job], jobs.Done | jobs.Failed]
            ) -> Iterator[jobs.Done | jobs.Failed]:
        return self._map(_run, batch, chunksize, here)

    def _map(self, task: Callable[[str, Sequence[T]], list[R]], batch: Sequence[T],
             chunksize: int, here: Callable[[T], R]) -> Iterator[R]:
        """Submitted now; results in order as they are asked for. A chunk whose task
        killed every worker that tried it (the scheduler's allowed failures) runs here,
        as the local pool does when a worker dies."""
        chunks = [list(batch[i:i + chunksize]) for i in range(0, len(batch), chunksize)]
        # pure=False: each submission is its own task, never merged with another client's
        futures = self.client.map(task, [self.token] * len(chunks), chunks, pure=False,
                                  retries=RETRIES)
        return self._results(futures, chunks, here)

    def _results(self, futures: list[Any], chunks: list[list[T]], here: Callable[[T], R]
                 ) -> Iterator[R]:
        try:
            for future, chunk in zip(futures, chunks, strict=True):
                try:
                    results = future.result()
                except KilledWorker as exc:
                    self.warnings.append(f"Dask workers died on {len(chunk)} file(s) or "
                                         f"job(s) ({exc}); ran them in this process")
                    results = [here(item) for item in chunk]
                yield from results
        finally:
            self.client.cancel(futures)  # an interrupted run leaves nothing queued

    def close(self) -> None:
        try:
            # The cluster may be gone already: then the setup went with it.
            with contextlib.suppress(Exception):
                self.client.unregister_worker_plugin(self._plugin)
        finally:
            self.client.close()

