"""What an extraction worker process runs. The pool starts each worker with `start` (its
initializer): the worker ties its life to the parent's (lifeline) and keeps what every
task needs (where the blobs are, the limits, the gazetteer claims are read with), so that
a task carries only its own file and the gazetteer is built once per worker, not pickled
with every task."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from gavah.pipelines import lifeline
from gavah.pipelines.extract import job as jobs
from gavah.pipelines.extract.base import Limits

if TYPE_CHECKING:
    from gavah.core import extract as claim_extract

GazetteerRows = Sequence[tuple[str, Sequence[str], str]]  # (entity id, names, type)


@dataclass(frozen=True)
class Setup:
    """The same for every task of one pool."""

    blob_root: str
    limits: Limits
    gazetteer: claim_extract.Gazetteer | None  # None: texts are not read for claims

    @classmethod
    def make(cls, blob_root: Path, limits: Limits, rows: GazetteerRows | None) -> Setup:
        if rows is None:
            return cls(str(blob_root), limits, None)
        from gavah.core.extract import Gazetteer

        return cls(str(blob_root), limits, Gazetteer(rows))

    def acquire(self, task: jobs.Acquire) -> jobs.Acquired | jobs.Known | jobs.Unreadable:
        return jobs.acquire(self.blob_root, task, self.limits, self.gazetteer)

    def run(self, job: jobs.Job) -> jobs.Done | jobs.Failed:
        return jobs.run(self.blob_root, job, self.limits, self.gazetteer)


# This worker process's Setup. Set once by the pool's initializer, in the worker only (the
# parent keeps its own Setup on its Extractor): process state, not a cache.
_setup: list[Setup] = []


def start(life: Connection, blob_root: str, limits: Limits, rows: GazetteerRows | None) -> None:
    """The pool's initializer, in each new worker."""
    lifeline.hold(life)
    _setup[:] = [Setup.make(Path(blob_root), limits, rows)]


def acquire(task: jobs.Acquire) -> jobs.Acquired | jobs.Known | jobs.Unreadable:
    return _setup[0].acquire(task)


def run(job: jobs.Job) -> jobs.Done | jobs.Failed:
    return _setup[0].run(job)
