"""Verify: every blob re-hashed, every custody link and signature checked, every item
and derivative matched to the entry that recorded it. Reports each problem precisely."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from gavah.core.custody import Entry, Problem, check_chain, utc_now
from gavah.store.blobs import BlobStore
from gavah.store.custody_rows import read_head
from gavah.store.stamp_records import STAMPED, StampRecord
from gavah.store.verify_rows import Records

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from gavah.store.fastread.workspace import ReadWorkspace
    from gavah.store.workspace import Workspace


class Source(Protocol):
    """What verify reads and writes: through the ORM (gavah.store.verification) or on
    the DB-API (gavah.store.fastread.verification), the same records either way."""

    head_path: Path

    @property
    def blobs(self) -> BlobStore: ...
    @property
    def public_key(self) -> Ed25519PublicKey: ...
    def key_ring(self) -> dict[str, Ed25519PublicKey]: ...
    def snapshot(self) -> tuple[Records, int, list[StampRecord]]: ...
    def entries(self) -> Iterator[Entry]: ...
    def first_entry(self) -> Entry | None: ...
    def indexed_reads(self, upto: int) -> set[tuple[int, int]]: ...
    def add_run(self, **fields: Any) -> None: ...


@dataclass
class Report:
    ok: bool = True
    items_checked: int = 0
    entries_checked: int = 0
    blobs_checked: int = 0
    timestamps_checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    started_at: str = ""
    finished_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "items_checked": self.items_checked,
                "entries_checked": self.entries_checked, "blobs_checked": self.blobs_checked,
                "timestamps_checked": self.timestamps_checked,
                "problems": [p.to_dict() for p in self.problems],
                "started_at": self.started_at, "finished_at": self.finished_at}


def _rehash(ws: Source, shas: list[str]) -> list[tuple[str, str | None, int]]:
    done: list[tuple[str, str | None, int]] = []
    for sha in shas:
        try:
            actual, size = ws.blobs.rehash(sha)
        except FileNotFoundError:
            done.append((sha, None, -1))
        else:
            done.append((sha, actual, size))
    return done


def _check_read_index(ws: Source, listed: set[tuple[int, int]],
                      newest: int) -> list[Problem]:
    """The index of reads of several items must say what the signed entries say: a
    missing row hides a read from the item's history, an extra one invents one."""
    indexed = ws.indexed_reads(newest)
    return [*(Problem("unindexed-read", f"custody entry {seq} records a read of item "
                      f"{item}, but the item's history does not list it", item=item, seq=seq)
              for item, seq in sorted(listed - indexed)),
            *(Problem("altered-read-index", f"the item history of item {item} lists custody "
                      f"entry {seq}, which does not record a read of it", item=item, seq=seq)
              for item, seq in sorted(indexed - listed))]


def first_key(ws: Source) -> Ed25519PublicKey:
    """The key that signed the first entry, among those the workspace has held (after
    rotations the current key signs only the newest entries)."""
    ring = ws.key_ring()
    first = ws.first_entry()
    if first is not None and first.key_id in ring:
        return ring[first.key_id]
    return ws.public_key


def verify(ws: Workspace, workers: int | None = None,
           progress: Callable[[int, int], None] | None = None) -> Report:
    from gavah.store.verification import SessionSource

    return check(SessionSource(ws), workers, progress)


def verify_read_only(ws: ReadWorkspace, workers: int | None = None,
                     progress: Callable[[int, int], None] | None = None) -> Report:
    """verify() on the DB-API (the fast read path of `gavah verify`); the run is
    recorded as verify() records it."""
    from gavah.store.fastread.verification import ConnectionSource

    return check(ConnectionSource(ws), workers, progress)


def check(ws: Source, workers: int | None = None,
          progress: Callable[[int, int], None] | None = None) -> Report:
    report = Report(started_at=utc_now())
    # Read first: every stamp recorded up to that entry is in what is read next.
    recorded, stamps_as_of, stamps = ws.snapshot()
    items, blobs, derivs = recorded.items, recorded.blob_sizes, recorded.derivatives
    users: dict[str, list[int]] = defaultdict(list)
    for item_id, sha, _, _ in items:
        users[sha].append(item_id)
    wanted = sorted(set(users) | {d[1] for d in derivs} | recorded.member_shas)

    # Blobs are hashed on worker threads (hashlib and the network release the GIL), as
    # many as the store reads well at once, while this thread walks the custody chain.
    # A few blobs a task: a task each cost as much as hashing a small file.
    readers = workers or ws.blobs.readers
    per_task = max(1, min(64, len(wanted) // (4 * readers)))
    pool = ThreadPoolExecutor(readers)
    futures: list[Future[list[tuple[str, str | None, int]]]] = [
        pool.submit(_rehash, ws, wanted[at:at + per_task])
        for at in range(0, len(wanted), per_task)]
    acquired: dict[int, tuple[int, dict[str, Any]]] = {}
    derived: dict[int, set[str]] = {}
    listed: set[tuple[int, int]] = set()  # (item, seq) of reads of several items
    stamped = {s.stamped_seq for s in stamps}
    stamped_hashes: dict[int, str] = {}  # seq -> what the stamped entry hashes to now
    stamp_entries: dict[int, dict[str, Any]] = {}  # seq -> details of each stamp's entry
    newest = 0
    problems: list[Problem] = []

    def entries():  # type: ignore[no-untyped-def]
        nonlocal newest
        for entry in ws.entries():
            if entry.action == "acquired" and entry.item is not None:
                acquired[entry.item] = (entry.seq, entry.details)
            elif entry.action in ("derived", "captured", "redacted"):  # list what they made
                derived[entry.seq] = {d.get("sha256") for d in
                                      entry.details.get("derivatives", [])}
            elif entry.action == STAMPED and entry.seq <= stamps_as_of:
                stamp_entries[entry.seq] = entry.details
            if entry.seq in stamped:
                stamped_hashes[entry.seq] = entry.stored_hash()
            listed.update((item, entry.seq) for item in entry.read_items())
            newest = entry.seq
            yield entry

    for found in check_chain(entries(), first_key(ws), read_head(ws.head_path),
                             current_key=ws.public_key, workers=os.cpu_count() or 1):
        if isinstance(found, int):
            report.entries_checked = found
        else:
            problems.append(found)

    problems += _check_read_index(ws, listed, newest)
    if stamps or stamp_entries:  # the time-stamp checks load their own libraries
        from gavah.pipelines.timestamps import check_stamps

        problems += check_stamps(stamps, stamp_entries, stamped_hashes)
    report.timestamps_checked = len(stamps)
    item_ids = set()
    for item_id, sha, name, seq in items:
        item_ids.add(item_id)
        record = acquired.get(item_id)
        if record is None:
            problems.append(Problem("unrecorded-item", f"item {item_id} has no 'acquired' "
                                    "custody entry", item=item_id, seq=seq))
        elif record[1].get("sha256") != sha or record[1].get("original_name") != name:
            problems.append(Problem(
                "altered-item", f"item {item_id} records sha256 {sha} and name {name!r}, but "
                f"was acquired as {record[1].get('sha256')} named "
                f"{record[1].get('original_name')!r}", item=item_id, seq=record[0]))
    for item_id, (seq, details) in acquired.items():
        if item_id not in item_ids:
            problems.append(Problem("item-removed", f"item {item_id} (sha256 "
                                    f"{details.get('sha256')}) was acquired at seq {seq} but "
                                    "is no longer in the database", item=item_id, seq=seq))
    for deriv_id, sha, seq in derivs:
        if sha not in derived.get(seq, set()):
            problems.append(Problem("unrecorded-derivative", f"derivative {deriv_id} "
                                    f"({sha}) is not listed by custody entry {seq}", seq=seq))

    rehashed = (result for future in futures for result in future.result())
    for done, (sha, actual, size) in enumerate(rehashed, 1):
        report.blobs_checked += 1
        owner = users.get(sha, [None])[0]
        if actual is None:
            problems.append(Problem("missing-blob", f"blob {sha} is missing from the store"
                                    + (f" (item {owner})" if owner else " (a derivative)"),
                                    item=owner, extra={"sha256": sha}))
        elif actual != sha:
            problems.append(Problem("altered-blob", f"blob {sha} now hashes to {actual}",
                                    item=owner, extra={"expected": sha, "actual": actual}))
        elif sha in blobs and size != blobs[sha]:
            problems.append(Problem("altered-blob", f"blob {sha} size {size}, recorded "
                                    f"{blobs[sha]}", item=owner))
        if progress:
            progress(done, len(wanted))
    pool.shutdown()
    report.items_checked = len(items)
    report.problems = problems
    report.ok = not problems
    report.finished_at = utc_now()
    ws.add_run(started_at=report.started_at, finished_at=report.finished_at,
               ok=report.ok, items_checked=report.items_checked,
               entries_checked=report.entries_checked, blobs_checked=report.blobs_checked,
               problems=json.dumps([p.to_dict() for p in problems], ensure_ascii=False))
    return report
