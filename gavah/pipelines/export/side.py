"""Parts of an export made in processes beside the exporter: the custody chain and the
PDF report.

At bench scale (10,000 items, 100,000 claims, 125,000 custody entries) the exporter's
single thread was the limit: the chain (about a fifth of its time) needs only the item
ids sent in full and the protected names, so a worker writes it, reading the custody
log by a database connection of its own, while the exporter writes the items and the
case file. The report's layout library is loaded by a worker from the start, and the
report is laid out there while the exporter writes the tag files and waits for the
copies (it was loaded by a thread of the exporter, which took the interpreter's lock
from the thread building the case file).

Workers start from a fork server (a clean process, not a fork of the exporter with its
threads and database connections), as extraction's do. Starting them and loading gavah
in them takes seconds under load, more than a small export's chain and report: below
WORKERS_FROM custody entries both are made in the exporter's process, as before."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from gavah.pipelines.export.bagfiles import Hashing
from gavah.pipelines.export.pseudonyms import Pseudonyms
from gavah.store.db import Database

WORKERS = 2  # one writes the chain while the other loads the report's layout library
WORKERS_FROM = 20_000  # custody entries: a chain this long takes seconds to write


def _warm() -> None:
    import weasyprint  # noqa: F401


def _chain(url: str, path: str, items: set[int], names: Pseudonyms
           ) -> tuple[str, int, int, str, list[int]]:
    """In a worker: write the chain to `path` by a database connection of its own."""
    from gavah.store.db import Database

    db = Database(url)
    try:
        return write_chain_file(db, path, items, names)
    finally:
        db.dispose()


def write_chain_file(db: Database, path: str, items: set[int], names: Pseudonyms
                     ) -> tuple[str, int, int, str, list[int]]:
    """Write the chain to `path`; its SHA-256, size, last seq and hash, and the seqs of
    the entries that name a protected person (see package.write_chain)."""
    from gavah.pipelines.export.package import write_chain

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        out = Hashing(handle)
        last_seq, last_hash, hidden = write_chain(db, items, out, names)
        out.flush()
    return out.digest.hexdigest(), out.size, last_seq, last_hash, hidden


def _report(case: dict[str, Any], manifest_sha256: str, key_id: str, lang: str) -> bytes:
    from gavah.pipelines.export import report

    return report.pdf(case, manifest_sha256, key_id, lang)


def _done(value: Any) -> Future[Any]:
    future: Future[Any] = Future()
    future.set_result(value)
    return future


class Side:
    """The worker processes of one export (or, `here`, the same work done in the
    exporter's process when it is asked for); `close` when it is done or failed."""

    def __init__(self, here: bool) -> None:
        self.pool = None if here else ProcessPoolExecutor(
            WORKERS, mp_context=multiprocessing.get_context("forkserver"))
        if self.pool is not None:
            self.pool.submit(_warm)

    def chain(self, db: Database, path: Path, items: set[int], names: Pseudonyms
              ) -> Future[tuple[str, int, int, str, list[int]]]:
        if self.pool is None:
            return _done(write_chain_file(db, str(path), items, names))
        return self.pool.submit(_chain, db.url, str(path), items, names)

    def report(self, case: dict[str, Any], manifest_sha256: str, key_id: str, lang: str
               ) -> Future[bytes]:
        if self.pool is None:
            return _done(_report(case, manifest_sha256, key_id, lang))
        return self.pool.submit(_report, case, manifest_sha256, key_id, lang)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
