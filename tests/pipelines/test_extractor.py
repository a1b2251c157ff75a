"""The worker pool behind ingest and extraction: a worker that dies does not lose the batch."""

import multiprocessing
import os

from gavah.pipelines import extractor as extractors
from gavah.pipelines.extract.base import Limits
from gavah.store.workspace import Workspace


def double_unless_worker(x: int) -> int:
    """Dies when run on a worker process, as a worker killed by the OOM killer would."""
    if multiprocessing.parent_process() is not None:
        os._exit(1)
    return 2 * x


def test_a_dead_worker_means_the_rest_runs_here(ws: Workspace) -> None:
    batch = list(range(extractors.PARALLEL_FROM + 4))
    with extractors.Extractor(ws, Limits(), workers=2) as extractor:
        results = list(extractor._map(double_unless_worker, double_unless_worker, batch))
        assert results == [2 * x for x in batch]
        assert extractor.workers == 1 and "continued in-process" in extractor.warnings[0]
