"""Where extraction jobs and ingest's acquisitions (store + extract) run: in this
process, on worker processes of this machine, or as tasks on a Dask cluster. Whichever,
the results come back here in order, as plain data, and this process alone records
them (one writer for the custody chain)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from gavah.core.errors import BadInput
from gavah.pipelines import claim_runs, lifeline
from gavah.pipelines.extract import job as jobs
from gavah.pipelines.extract import worker
from gavah.pipelines.extract.base import Limits
from gavah.store.blobs import worker_environment
from gavah.store.workspace import Workspace

if TYPE_CHECKING:  # imported only with a scheduler: it imports Dask
    from gavah.pipelines.extract.cluster import Cluster

PARALLEL_FROM = 16  # fewer jobs than this run in-process: starting workers costs more
CLUSTER_CHUNK = 4  # files (or jobs) per Dask task: fewer tasks, and a retry redoes few
T = TypeVar("T")
R = TypeVar("R")


class Extractor:
    """Runs extraction jobs, and ingest's acquisitions (store + extract), on worker
    processes when a batch is large enough. Reuse one across batches (workers start
    once); close it when done. `warnings` says when workers died and work went on here.
    With `claims`, texts are read for claims on the workers too, and `claims` records
    what they read. Workers die with this process, however it ends (lifeline).
    With `scheduler` (a Dask scheduler's address) every batch runs on that cluster."""

    def __init__(self, ws: Workspace, limits: Limits, workers: int | None = None,
                 claims: claim_runs.Recorder | None = None,
                 scheduler: str | None = None) -> None:
        self.ws = ws
        self.limits = limits
        self.claims = claims
        self.scheduler = scheduler
        self._cluster: Cluster | None = None
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None
        self._lifeline: lifeline.Lifeline | None = None
        self._threads: ThreadPoolExecutor | None = None
        # The same work in this process (a short batch, or after workers died). Cheap to
        # make: its gazetteer is the recorder's, built when a first text is read here.
        self._here = worker.Setup(ws.blobs, limits, None if claims is None
                                  else worker.LazyGazetteer(lambda: claims.gazetteer))
        self.warnings: list[str] = []

    def _run_here(self, job: jobs.Job) -> jobs.Done | jobs.Failed:
        return self._here.run(job)

    def _acquire_here(self, task: jobs.Acquire) -> jobs.Acquired | jobs.Known | jobs.Unreadable:
        return self._here.acquire(task)

    def run(self, batch: Sequence[jobs.Job]) -> Iterator[jobs.Done | jobs.Failed]:
        """Outcomes in job order, as they finish: the caller records early ones while
        workers still extract later ones."""
        if self.scheduler is not None:
            return self.cluster().run(batch, CLUSTER_CHUNK, self._run_here)
        return self._map(self._run_here, worker.run, batch)

    def acquire(self, batch: Sequence[jobs.Acquire], chunksize: int = 4,
                parallel: bool = False) -> Iterator[jobs.Acquired | jobs.Known | jobs.Unreadable]:
        """Files staged and extracted (jobs.acquire), in order. The work is submitted at
        once: call it for the next batch before recording this one. `parallel`: on the
        workers even when the batch is short (a few large files to hash)."""
        if self.scheduler is not None:
            return self.cluster().acquire(batch, CLUSTER_CHUNK, self._acquire_here)
        return self._map(self._acquire_here, worker.acquire, batch, chunksize, parallel)

    def cluster(self) -> Cluster:
        """The Dask cluster, connected (and its workers checked) on first use."""
        if self._cluster is None:
            assert self.scheduler is not None
            try:
                from gavah.pipelines.extract.cluster import Cluster
            except ImportError as exc:
                raise BadInput(f"running on a Dask cluster needs gavah[dask] ({exc})",
                               field="scheduler") from None

            self._cluster = Cluster(self.scheduler, self.ws.blobs, self.limits,
                                    self.claims.rows if self.claims else None)
            self._cluster.warnings = self.warnings  # one list: read before close()
            self._cluster.probe()
        return self._cluster

    def _map(self, here: Callable[[T], R], there: Callable[[T], R], batch: Sequence[T],
             chunksize: int = 4, parallel: bool = False) -> Iterator[R]:
        if self.workers < 2 or not batch or (len(batch) < PARALLEL_FROM and not parallel):
            return (here(task) for task in batch)
        if len(batch) < PARALLEL_FROM:
            # A few large files: threads (hashing and copying release the GIL) start at
            # once, where worker processes take a few tenths of a second.
            if self._threads is None:
                self._threads = ThreadPoolExecutor(self.workers)
            return self._threads.map(here, batch)
        return self._results(here, batch, self._start().map(there, batch, chunksize=chunksize))

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: workers start from a clean process, not a fork of this one
            # with its threads and database connections.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["gavah.pipelines.extract.worker",
                                            "gavah.core.extract"])
            self._lifeline = lifeline.Lifeline(context)
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=worker.start,
                initargs=(self._lifeline.reader, self.ws.blobs_location, self.limits,
                          self.claims.rows if self.claims else None,
                          worker_environment(self.ws.blobs_location)))
        return self._pool

    def _results(self, work: Callable[[T], R], batch: Sequence[T], results: Iterator[R]
                 ) -> Iterator[R]:
        done = 0
        try:
            for result in results:
                yield result
                done += 1
        except BrokenProcessPool as exc:
            # A worker died (out of memory, killed): finish in this process instead.
            self.close()
            self.workers = 1
            self.warnings.append(f"extraction workers failed ({exc}); continued in-process")
            yield from (work(task) for task in batch[done:])

    def close(self, cancel: bool = False) -> None:
        """Stop the workers; with `cancel` (an interrupted ingest) drop queued tasks
        instead of finishing them (their staged bytes stay in .incoming, for cleanup).
        The lifeline is cut last, whatever happens: any worker still there then dies."""
        try:
            if self._cluster is not None:
                cluster, self._cluster = self._cluster, None
                cluster.close()
            if self._pool is not None:
                pool, self._pool = self._pool, None
                pool.shutdown(cancel_futures=cancel)
            if self._threads is not None:
                threads, self._threads = self._threads, None
                threads.shutdown(cancel_futures=cancel)
        finally:
            if self._lifeline is not None:
                self._lifeline.close()
                self._lifeline = None

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close(cancel=value is not None)
