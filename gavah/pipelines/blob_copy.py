"""Copy a workspace's blobs to another store (S3) and prove the copy: every blob the
workspace records is written there, then read back from there and hashed. Only when all
of them are proven is the copy recorded in the custody log and, by default, does the
workspace switch to the new store. The old store is left as it was: gavah deletes no
blob. One writer: run it while no ingest or extraction adds blobs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from gavah.core.errors import BadInput
from gavah.pipelines.outcome import ProblemReport
from gavah.store import items as item_store
from gavah.store.blobs import BlobStore, open_store
from gavah.store.blobs.s3 import is_location
from gavah.store.workspace import Workspace

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class CopyReport(ProblemReport):
    source: str
    target: str
    blobs: int = 0
    copied: int = 0
    bytes: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    switched: bool = False
    seq: int | None = None  # the custody entry that records the copy


def recorded_blobs(ws: Workspace) -> set[str]:
    """Every blob the database names: originals, derivatives, archive members."""
    with ws.db.read() as session:
        return item_store.recorded_shas(session)


def _copy_one(source: BlobStore, target: BlobStore, sha: str) -> tuple[str, bool, str | None]:
    """(sha, written now, problem)."""
    if target.exists(sha):
        return sha, False, None  # proven below like every other
    try:
        sealed = source.is_sealed(sha)  # stays encrypted at rest in the target too
        with source.open(sha) as stream:
            stored = target.commit([target.stage(stream, seal=sealed)])[0]
    except FileNotFoundError:
        return sha, False, "missing from the source store"
    if stored.sha256 != sha:
        return sha, stored.new, f"altered in the source store: its bytes hash to {stored.sha256}"
    return sha, stored.new, None


def _run(target: BlobStore, work: Callable[[str], Any], shas: Iterable[str], stage: str,
         progress: Progress | None) -> list[Any]:
    todo = sorted(shas)
    out = []
    with ThreadPoolExecutor(target.readers) as pool:
        for done, result in enumerate(pool.map(work, todo), 1):
            out.append(result)
            if progress:
                progress(stage, done, len(todo))
    return out


def copy_blobs(ws: Workspace, to: str, actor: str, switch: bool = True,
               progress: Progress | None = None) -> CopyReport:
    if not is_location(to):
        raise BadInput(f"blobs can be copied to s3://BUCKET/PREFIX only, not {to!r}",
                       field="to")
    try:
        target = open_store(to)
    except (ValueError, ImportError) as exc:
        raise BadInput(f"cannot use {to}: {exc}", field="to") from None
    if target.location == ws.blobs.location:
        raise BadInput(f"the workspace keeps its blobs in {to} already", field="to")
    target.ensure()
    target.data_key = ws.blobs.data_key
    report = CopyReport(ws.blobs.location, target.location)
    # Blobs recorded while copying are copied too: the list is read again until it holds
    # nothing new.
    done: set[str] = set()
    while todo := recorded_blobs(ws) - done:
        for sha, new, problem in _run(target, lambda sha: _copy_one(ws.blobs, target, sha),
                                      todo, "copy", progress):
            report.copied += new
            if problem:
                report.problems.append({"sha256": sha, "problem": problem})
        done |= todo
    failed = {p["sha256"] for p in report.problems}
    # The proof: each blob read back from the target and hashed there.
    for sha, (actual, size) in zip(sorted(done - failed), _run(
            target, _rehash_or_missing(target), done - failed, "prove", progress), strict=True):
        if actual != sha:
            report.problems.append({"sha256": sha, "problem": "missing from the target"
                                    if actual is None else f"the target's copy hashes to "
                                    f"{actual}"})
        else:
            report.blobs += 1
            report.bytes += size
    if not report.ok:
        return report
    with ws.db.write() as session:
        entry = ws.custody.append(session, actor, "blobs-copied", None, {
            "source": report.source, "target": report.target, "blobs": report.blobs,
            "bytes": report.bytes, "copied": report.copied, "switched": switch}, reaches=[])
        report.seq = entry.seq
    if switch:
        ws.use_blobs(target.location)
        report.switched = True
    return report


def _rehash_or_missing(store: BlobStore) -> Callable[[str], tuple[str | None, int]]:
    def rehash(sha: str) -> tuple[str | None, int]:
        try:
            return store.rehash(sha)
        except FileNotFoundError:
            return None, 0
    return rehash
