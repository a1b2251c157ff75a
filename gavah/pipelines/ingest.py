"""Ingest: files and folders become items. Worker processes store each file's bytes
(staged, hashed) and extract its text in the same read; this process then makes a
batch's bytes durable and visible, and records the items, their custody entries and
what was extracted in one transaction per batch. An interrupted ingest re-run later
finds what it already stored by hash."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO

from gavah.core.errors import BadInput
from gavah.core.levels import LEVELS
from gavah.pipelines import claim_runs, derive, sealing
from gavah.pipelines import timestamps as stamp_pipeline
from gavah.pipelines.early import Early
from gavah.pipelines.extract import job as jobs
from gavah.pipelines.extract.base import Limits
from gavah.pipelines.extractor import PARALLEL_FROM, Extractor
from gavah.pipelines.sniff import media_type
from gavah.pipelines.walk import Candidate, Skipped, display_name, walk
from gavah.store import claims as claim_store
from gavah.store import items as item_store
from gavah.store.blobs import StoredBlob
from gavah.store.workspace import Workspace

METHODS = ("upload", "web-capture", "import", "scan", "testimony")
BATCH = 500  # files stored and read by the workers, then recorded in one transaction
LARGE = 1 << 20  # bytes per file on average from which each file is its own worker task
PARALLEL_BYTES = 64 << 20  # from this much to hash, starting the workers pays for itself

Progress = Callable[[str, int], None]  # (path just handled, bytes it had)
_Outcome = jobs.Acquired | jobs.Known | jobs.Unreadable


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
    # A Dask scheduler's address (tcp://HOST:PORT): the per-file work runs on its
    # workers, this process records the results. None: on this machine.
    scheduler: str | None = None

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
    claims: claim_runs.Report | None = None
    timestamps: stamp_pipeline.Report | None = None
    warnings: list[str] = field(default_factory=list)  # about the run, not one file

    def to_dict(self) -> dict[str, Any]:
        return {
            "acquired": self.acquired, "already_acquired": self.already,
            "skipped": self.skipped, **self.extraction.to_dict(),
            "claims": self.claims.to_dict() if self.claims else None,
            "timestamps": self.timestamps.to_dict()["stamps"] if self.timestamps else [],
            "warnings": self.warnings,
        }


def _submit(ws: Workspace, extractor: Extractor, batch: list[Candidate], options: Options,
            early: Early | None) -> tuple[dict[str, tuple[int, str]], Iterator[_Outcome]]:
    """Start storing (and reading) a batch on the workers; returns at once. Files staged
    early are taken when the batch runs in this process (threads), as such few do."""
    with ws.db.read() as session:
        known = item_store.find_resumable(session, [c.resume_key for c in batch])
    # Originals at confidential and above are encrypted as they are stored, by this
    # machine's worker processes. The data key is never sent to a Dask cluster (its
    # traffic may be unencrypted, its workers other machines): there the originals are
    # stored as they come and sealed once the batch is recorded (seal_blobs below).
    seal_key = ws.data_key.get() if sealing.seals(options.classification) \
        and options.scheduler is None else None
    take = early.take if early is not None and len(batch) < PARALLEL_FROM \
        and options.scheduler is None else (lambda _: None)
    tasks = [jobs.Acquire(c.path, display_name(c.shown),
                          known[c.resume_key][1] if c.resume_key in known else None,
                          options.extract, options.source, seal_key, take(c)) for c in batch]
    # Large files one at a time per worker, so that both cores hash; small ones in eights.
    size = sum(c.size for c in batch)
    chunksize = 1 if size > LARGE * len(batch) else 8
    return known, extractor.acquire(tasks, chunksize, parallel=size >= PARALLEL_BYTES)


def ingest_paths(ws: Workspace, paths: Iterable[str], options: Options, actor: str,
                 progress: Progress | None = None, early: Early | None = None) -> Report:
    """`early`: files the command began to stage before it opened the workspace."""
    options.check()
    report = Report()
    found = list(walk(list(paths), exclude=(str(ws.home),)))
    for entry in found:
        if isinstance(entry, Skipped):
            report.skipped.append({"path": entry.shown, "reason": entry.reason})
    candidates = [c for c in found if isinstance(c, Candidate)]
    batches = [candidates[i:i + BATCH] for i in range(0, len(candidates), BATCH)]
    recorder = None
    if options.extract and options.claims:
        # Texts are read for claims on the workers, next to text extraction.
        with ws.db.read() as session:
            recorder = claim_runs.Recorder.load(session)
    with Extractor(ws, options.limits, claims=recorder,
                   scheduler=options.scheduler) as extractor:
        if options.scheduler is not None and candidates:
            # Workers must read the files where this process found them: say so now.
            extractor.cluster().probe(candidates[0].path, candidates[0].size)
        # Workers store and read batch k+1 while this process records batch k: it is
        # submitted before batch k is waited for, so they never wait for this process.
        pending = [_submit(ws, extractor, b, options, early) for b in batches[:1]]
        for number, batch in enumerate(batches):
            if number + 1 < len(batches):
                pending.append(_submit(ws, extractor, batches[number + 1], options, early))
            known, results = pending.pop(0)
            outcomes = list(results)
            todo = _record(ws, batch, known, outcomes, options, actor, report, recorder)
            if progress:
                for candidate in batch:
                    progress(candidate.shown, candidate.size)
            if options.extract and todo:
                derive.extract_items(ws, todo, actor, options.limits, report=report.extraction,
                                     extractor=extractor)
        report.warnings += extractor.warnings
    if recorder is not None:
        report.claims = recorder.report
        # Any text not read for claims yet (a backlog from ingests without claims). The
        # claims pipeline (the extractor's import) only when there is one.
        with ws.db.read() as session:
            backlog = bool(claim_store.texts_to_read(session, None))
        if backlog:
            from gavah.pipelines.claims import extract_claims

            report.claims = extract_claims(ws, None, actor, report=recorder.report)
    _stamp(ws, actor, report)
    return report


def _stamp(ws: Workspace, actor: str, report: Report) -> None:
    """One stamp per configured TSA over the newest entry once the whole ingest is
    recorded (never one per file). A TSA that fails is a warning: the evidence is kept."""
    report.timestamps = stamp_pipeline.stamp_if_due(ws, actor)
    for outcome in report.timestamps.outcomes if report.timestamps else []:
        if outcome.status != "stamped":
            report.warnings.append(f"time-stamp by {outcome.tsa} failed: {outcome.reason}")


def _record(ws: Workspace, batch: list[Candidate], known: dict[str, tuple[int, str]],
            outcomes: list[_Outcome], options: Options, actor: str, report: Report,
            claims: claim_runs.Recorder | None) -> list[int]:
    """Make the batch's staged bytes durable and visible, then record its items and what
    was read from them in one transaction. Returns the items with extraction left to do:
    files acquired before (their extraction may have been cut short) and archive members."""
    originals = [o.staged for o in outcomes if isinstance(o, jobs.Acquired)]
    derived = [blob for o in outcomes if isinstance(o, jobs.Acquired)
               and isinstance(o.outcome, jobs.Done) for blob in o.outcome.staged]
    blobs = iter(ws.blobs.commit(originals + derived)[:len(originals)])
    rows: list[item_store.Registration] = []
    new: list[tuple[Candidate, jobs.Acquired, StoredBlob]] = []
    todo: list[int] = []
    for candidate, outcome in zip(batch, outcomes, strict=True):
        if isinstance(outcome, jobs.Acquired):
            blob = next(blobs)
            acq = options.acquisition(
                original_name=display_name(candidate.shown), original_path=candidate.path,
                file_modified=candidate.modified, file_changed=candidate.changed,
                resume_key=candidate.resume_key)
            rows.append(item_store.Registration(acq, blob.sha256, blob.size, outcome.media_type,
                                                derive.initial_state(outcome.media_type)))
            new.append((candidate, outcome, blob))
        elif isinstance(outcome, jobs.Known):
            item_id = known[candidate.resume_key][0]
            report.already.append({"path": candidate.shown, "item": item_id,
                                   "sha256": outcome.sha256})
            todo.append(item_id)
        else:
            report.skipped.append({"path": candidate.shown, "reason": outcome.reason})
    with ws.db.write() as session:
        ids = item_store.register_many(session, ws.custody, actor, rows)
        extracted = [replace(o.outcome, job=replace(o.outcome.job, item_id=item_id))
                     for (_, o, _), item_id in zip(new, ids, strict=True)
                     if o.outcome is not None]
        todo += derive.record(session, ws, actor, extracted, [], report.extraction, claims)
    if sealing.seals(options.classification):  # bytes the store held in clear already
        sealing.seal_blobs(ws, actor, [blob.sha256 for _, _, blob in new], "ingest")
    for (candidate, outcome, blob), item_id in zip(new, ids, strict=True):
        report.acquired.append({"path": candidate.shown, "item": item_id,
                                "sha256": blob.sha256, "size": blob.size,
                                "media_type": outcome.media_type, "new_bytes": blob.new})
    return todo


def ingest_stream(ws: Workspace, stream: BinaryIO, name: str, options: Options, actor: str,
                  original_path: str | None = None) -> tuple[int, derive.Report]:
    """One upload (web form, API): store, record, extract. Returns the new item id."""
    options.check()
    # Sealed as it is stored: its plaintext never reaches the blob store.
    blob = ws.blobs.commit([ws.blobs.stage(stream, seal=sealing.seals(options.classification))])[0]
    kind = media_type(blob.head)
    with ws.db.write() as session:
        item_id = item_store.register(session, ws.custody, actor,
                                      options.acquisition(original_name=name,
                                                          original_path=original_path),
                                      blob.sha256, blob.size, kind,
                                      derive.initial_state(kind))
    extraction = derive.Report()
    if options.extract:
        derive.extract_items(ws, [item_id], actor, options.limits, report=extraction,
                             claims=options.claims)
        if options.claims:
            from gavah.pipelines.claims import extract_claims

            extract_claims(ws, None, actor)  # any backlog
    return item_id, extraction
