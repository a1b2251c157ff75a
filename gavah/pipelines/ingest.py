"""Ingest: files and folders become items. Bytes are stored first (atomically), then
recorded with their custody entries in one transaction per batch, then extracted.
An interrupted ingest re-run later finds what it already stored by hash."""

from __future__ import annotations

import getpass
import socket
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from gavah.core.errors import BadInput
from gavah.core.hashing import sha256_stream
from gavah.core.levels import LEVELS
from gavah.pipelines import claims as claim_pipeline
from gavah.pipelines import derive
from gavah.pipelines.extract.base import Limits
from gavah.pipelines.sniff import media_type
from gavah.pipelines.walk import Candidate, Skipped, display_name, walk
from gavah.store import items as item_store
from gavah.store.blobs import StoredBlob
from gavah.store.workspace import Workspace

METHODS = ("upload", "web-capture", "import", "scan", "testimony")
BATCH = 500  # files stored, then recorded in one transaction, then extracted
STORE_THREADS = 8  # fsync and hashing release the GIL; concurrent fsyncs share journal commits

Progress = Callable[[str, int], None]  # (path just handled, bytes it had)


def default_actor() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"cli:{user}@{socket.gethostname()}"


@dataclass
class Options:
    source: str | None = None
    collected_by: str | None = None
    method: str = "upload"
    note: str | None = None
    tags: list[str] = field(default_factory=list)
    classification: str = "public"
    limits: Limits = field(default_factory=Limits)
    extract: bool = True
    claims: bool = True  # read extracted text for claims, figures and mentions

    def check(self) -> None:
        if self.method not in METHODS:
            raise BadInput(f"unknown method {self.method!r}; expected one of {', '.join(METHODS)}")
        if self.classification not in LEVELS:
            raise BadInput(f"unknown classification {self.classification!r}; expected one of "
                           f"{', '.join(LEVELS)}")

    def acquisition(self, **fields: Any) -> item_store.Acquisition:
        return item_store.Acquisition(
            source=self.source, collected_by=self.collected_by, method=self.method,
            note=self.note, tags=list(self.tags), classification=self.classification, **fields)


@dataclass
class Report:
    acquired: list[dict[str, Any]] = field(default_factory=list)
    already: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    extraction: derive.Report = field(default_factory=derive.Report)
    claims: claim_pipeline.Report | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "acquired": self.acquired, "already_acquired": self.already,
            "skipped": self.skipped, **self.extraction.to_dict(),
            "claims": self.claims.to_dict() if self.claims else None,
        }


@dataclass
class _Stored:
    candidate: Candidate
    blob: StoredBlob


@dataclass
class _Already:
    candidate: Candidate
    item_id: int
    sha256: str


def _store(ws: Workspace, candidate: Candidate,
           known: dict[str, tuple[int, str]]) -> _Stored | _Already | Skipped:
    try:
        with open(candidate.path, "rb", buffering=0) as stream:
            previous = known.get(candidate.resume_key)
            if previous is not None:
                sha, _ = sha256_stream(stream)
                if sha == previous[1]:
                    return _Already(candidate, previous[0], sha)
                stream.seek(0)
            return _Stored(candidate, ws.blobs.put(stream))
    except OSError as exc:
        return Skipped(candidate.shown, exc.strerror or str(exc))


def _submit(ws: Workspace, pool: ThreadPoolExecutor,
            batch: list[Candidate]) -> list[Future[_Stored | _Already | Skipped]]:
    with ws.db.read() as session:
        known = item_store.find_resumable(session, [c.resume_key for c in batch])
    return [pool.submit(_store, ws, c, known) for c in batch]


def ingest_paths(ws: Workspace, paths: Iterable[str], options: Options, actor: str,
                 progress: Progress | None = None) -> Report:
    options.check()
    report = Report()
    found = list(walk(list(paths), exclude=(str(ws.home),)))
    for entry in found:
        if isinstance(entry, Skipped):
            report.skipped.append({"path": entry.shown, "reason": entry.reason})
    candidates = [c for c in found if isinstance(c, Candidate)]
    batches = [candidates[i:i + BATCH] for i in range(0, len(candidates), BATCH)]
    with ThreadPoolExecutor(STORE_THREADS) as pool, \
            derive.Extractor(ws, options.limits) as extractor:
        # Batch k+1's bytes are stored on the pool while batch k is recorded and extracted.
        pending = _submit(ws, pool, batches[0]) if batches else []
        for number, batch in enumerate(batches):
            results = [future.result() for future in pending]
            if number + 1 < len(batches):
                pending = _submit(ws, pool, batches[number + 1])
            new_ids = _register(ws, results, options, actor, report)
            if progress:
                for candidate in batch:
                    progress(candidate.shown, candidate.size)
            if options.extract:
                ids = new_ids + [r.item_id for r in results if isinstance(r, _Already)]
                derive.extract_items(ws, ids, actor, options.limits, report=report.extraction,
                                     extractor=extractor)
    if options.extract and options.claims:
        # Every text not read for claims yet: this ingest's, its children's, any backlog.
        report.claims = claim_pipeline.extract_claims(ws, None, actor)
    return report


def _register(ws: Workspace, results: list[_Stored | _Already | Skipped], options: Options,
              actor: str, report: Report) -> list[int]:
    typed = [(r, media_type(r.blob.head)) for r in results if isinstance(r, _Stored)]
    rows: list[item_store.Registration] = []
    for stored, kind in typed:
        c = stored.candidate
        acq = options.acquisition(
            original_name=display_name(c.shown), original_path=c.path,
            file_modified=c.modified, file_changed=c.changed, resume_key=c.resume_key)
        rows.append(item_store.Registration(acq, stored.blob.sha256, stored.blob.size, kind,
                                            derive.initial_state(kind)))
    with ws.db.write() as session:
        ids = item_store.register_many(session, ws.custody, actor, rows)
    for (stored, kind), item_id in zip(typed, ids, strict=True):
        report.acquired.append({"path": stored.candidate.shown, "item": item_id,
                                "sha256": stored.blob.sha256, "size": stored.blob.size,
                                "media_type": kind, "new_bytes": stored.blob.new})
    for r in results:
        if isinstance(r, _Already):
            report.already.append({"path": r.candidate.shown, "item": r.item_id,
                                   "sha256": r.sha256})
        elif isinstance(r, Skipped):
            report.skipped.append({"path": r.shown, "reason": r.reason})
    return ids


def ingest_stream(ws: Workspace, stream: BinaryIO, name: str, options: Options, actor: str,
                  original_path: str | None = None) -> tuple[int, derive.Report]:
    """One upload (web form, API): store, record, extract. Returns the new item id."""
    options.check()
    blob = ws.blobs.put(stream)
    kind = media_type(blob.head)
    with ws.db.write() as session:
        item_id = item_store.register(session, ws.custody, actor,
                                      options.acquisition(original_name=name,
                                                          original_path=original_path),
                                      blob.sha256, blob.size, kind,
                                      derive.initial_state(kind))
    extraction = derive.Report()
    if options.extract:
        derive.extract_items(ws, [item_id], actor, options.limits, report=extraction)
        if options.claims:
            claim_pipeline.extract_claims(ws, None, actor)
    return item_id, extraction
