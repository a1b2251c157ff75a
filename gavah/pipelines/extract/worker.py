"""What an extraction worker process runs. The pool starts each worker with `start` (its
initializer): the worker ties its life to the parent's (lifeline) and keeps what every
task needs (where the blobs are, the limits, the gazetteer claims are read with), so that
a task carries only its own file, and the blob store (an S3 client) and the gazetteer
are made once per worker, not pickled with every task."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from gavah.pipelines import lifeline
from gavah.pipelines.extract import job as jobs
from gavah.pipelines.extract.base import Limits
from gavah.store.blobs import BlobStore, open_store

if TYPE_CHECKING:
    from gavah.core import extract as claim_extract

GazetteerRows = Sequence[tuple[str, Sequence[str], str]]  # (entity id, names, type)


class LazyGazetteer:
    """The gazetteer, built when the first text is read, once even when threads ask at
    once. Building it imports the claim extractor (its regular expressions compile: a few
    tenths of a second) which files without text, such as large binaries, never need."""

    def __init__(self, build: Callable[[], claim_extract.Gazetteer]) -> None:
        self._build = build
        self._built: list[claim_extract.Gazetteer] = []
        self._lock = threading.Lock()

    @classmethod
    def of(cls, rows: GazetteerRows) -> LazyGazetteer:
        def build() -> claim_extract.Gazetteer:
            from gavah.core.extract import Gazetteer

            return Gazetteer(rows)

        return cls(build)

    def __call__(self) -> claim_extract.Gazetteer:
        with self._lock:
            if not self._built:
                self._built.append(self._build())
            return self._built[0]


@dataclass(frozen=True)
class Setup:
    """The same for every task of one pool."""

    blobs: BlobStore
    limits: Limits
    gazetteer: LazyGazetteer | None  # None: texts are not read for claims

    @classmethod
    def make(cls, blobs: str, limits: Limits, rows: GazetteerRows | None) -> Setup:
        """`blobs`: the store's location (a folder or s3://...)."""
        return cls(open_store(blobs), limits, None if rows is None else LazyGazetteer.of(rows))

    def acquire(self, task: jobs.Acquire) -> jobs.Acquired | jobs.Known | jobs.Unreadable:
        return jobs.acquire(self.blobs, task, self.limits, self.gazetteer)

    def run(self, job: jobs.Job) -> jobs.Done | jobs.Failed:
        return jobs.run(self.blobs, job, self.limits, self.gazetteer)


# This worker process's Setup. Set once by the pool's initializer, in the worker only (the
# parent keeps its own Setup on its Extractor): process state, not a cache.
_setup: list[Setup] = []


def start(life: Connection, blobs: str, limits: Limits, rows: GazetteerRows | None,
          environ: dict[str, str] | None = None) -> None:
    """The pool's initializer, in each new worker. `environ`: the parent's variables the
    store needs (gavah.store.blobs.worker_environment), set before the store is opened."""
    lifeline.hold(life)
    if environ:
        os.environ.update(environ)
    _setup[:] = [Setup.make(blobs, limits, rows)]


def acquire(task: jobs.Acquire) -> jobs.Acquired | jobs.Known | jobs.Unreadable:
    return _setup[0].acquire(task)


def run(job: jobs.Job) -> jobs.Done | jobs.Failed:
    return _setup[0].run(job)
