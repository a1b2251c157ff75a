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
threads and database connections), as extraction's do."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from gavah.pipelines.export.bagfiles import Hashing
from gavah.pipelines.export.pseudonyms import Pseudonyms

WORKERS = 2  # one writes the chain while the other loads the report's layout library


def _warm() -> None:
    import weasyprint  # noqa: F401


def _chain(url: str, path: str, items: set[int], names: Pseudonyms
           ) -> tuple[str, int, int, str, list[int]]:
    """Write the chain to `path`; its SHA-256, size, last seq and hash, and the seqs of
    the entries that name a protected person (see package.write_chain)."""
    from gavah.pipelines.export.package import write_chain
    from gavah.store.db import Database

    db = Database(url)
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            out = Hashing(handle)
            last_seq, last_hash, hidden = write_chain(db, items, out, names)
            out.flush()
    finally:
        db.dispose()
    return out.digest.hexdigest(), out.size, last_seq, last_hash, hidden


def _report(case: dict[str, Any], manifest_sha256: str, key_id: str, lang: str) -> bytes:
    from gavah.pipelines.export import report

    return report.pdf(case, manifest_sha256, key_id, lang)


class Side:
    """The worker processes of one export; `close` when it is done or failed."""

    def __init__(self) -> None:
        self.pool = ProcessPoolExecutor(WORKERS,
                                        mp_context=multiprocessing.get_context("forkserver"))
        self.pool.submit(_warm)

    def chain(self, url: str, path: Path, items: set[int], names: Pseudonyms
              ) -> Future[tuple[str, int, int, str, list[int]]]:
        return self.pool.submit(_chain, url, str(path), items, names)

    def report(self, case: dict[str, Any], manifest_sha256: str, key_id: str, lang: str
               ) -> Future[bytes]:
        return self.pool.submit(_report, case, manifest_sha256, key_id, lang)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
