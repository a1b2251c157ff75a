"""Derivatives: text and metadata extracted from stored bytes, and the files inside
archives and e-mails registered as child items. Extraction reads the stored blob, and a
failure only records its reason: the original is never at risk.

Jobs run on an Extractor's workers (processes of this machine, or a Dask cluster); this
process records their results, one transaction per batch."""

from __future__ import annotations

import itertools
import json
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from gavah.core.custody import utc_now
from gavah.pipelines import claim_runs
from gavah.pipelines import extract as extractors
from gavah.pipelines.extract import job as jobs
from gavah.pipelines.extract.base import Limits
from gavah.pipelines.extractor import Extractor
from gavah.store import claims as claim_store
from gavah.store import items as item_store
from gavah.store import search
from gavah.store.bulk import insert_with_ids
from gavah.store.db import Session
from gavah.store.tables import Blob, Derivative, Item, Member
from gavah.store.workspace import Workspace

BATCH = 200  # items per write transaction
TEXT_TYPE = "text/plain; charset=utf-8"
COMPRESSION_SUFFIXES = (".gz", ".tgz", ".bz2", ".xz")


@dataclass
class Report:
    extracted: int = 0
    children: int = 0
    failed: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"extracted": self.extracted, "children": self.children,
                "extraction_failed": self.failed}


def initial_state(kind: str) -> str:
    return "pending" if extractors.extractable(kind) else "none"


def _child_name(parent_name: str, name: str) -> str:
    if name:
        return name
    base = parent_name
    for suffix in COMPRESSION_SUFFIXES:
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)] + (".tar" if suffix == ".tgz" else "")
            break
    return base if base != parent_name else f"{base}.unpacked"


def _register_children(session: Session, ws: Workspace, actor: str, parent: Item,
                       members: Sequence[Member]) -> list[int]:
    container = parent.original_path or parent.original_name
    tags = item_store.tags_of(session, [parent.id])[parent.id]
    known = item_store.blobs_in(session, [m.child_sha256 for m in members])
    rows = []
    for member in members:
        blob = known[member.child_sha256]
        acq = item_store.Acquisition(
            original_name=posixpath.basename(member.name.rstrip("/")) or member.name,
            original_path=f"{container}!/{member.name}", file_modified=member.modified,
            collected_by=parent.collected_by, source=parent.source, method=parent.method,
            note=parent.note, classification=parent.classification, tags=tags,
            parent_id=parent.id, relation=member.relation)
        rows.append(item_store.Registration(acq, blob.sha256, blob.size, blob.media_type,
                                            initial_state(blob.media_type)))
    return item_store.register_many(session, ws.custody, actor, rows)


def _new_blob(sha: str, size: int, kind: str, state: str) -> dict[str, Any]:
    return {"sha256": sha, "size": size, "media_type": kind, "created_at": utc_now(),
            "extraction": state}


def _shas(outcome: jobs.Done | jobs.Failed) -> list[str]:
    if isinstance(outcome, jobs.Failed):
        return [outcome.job.sha256]
    shas = [outcome.job.sha256, *(t.blob.sha256 for t in outcome.texts),
            *(m.blob.sha256 for m in outcome.members)]
    if outcome.metadata_blob:
        shas.append(outcome.metadata_blob.sha256)
    shas += [p.blob.sha256 for p in outcome.provenance]
    return shas


class _Batch:
    """The rows one transaction writes for a batch of finished jobs."""

    def __init__(self) -> None:
        self.blobs: dict[str, dict[str, Any]] = {}
        self.derivatives: list[dict[str, Any]] = []
        self.forms: list[str | None] = []  # index form per derivative row (None: metadata)
        self.readings: list[tuple[jobs.Job, jobs.DerivedText] | None] = []  # claims read
        self.members: list[dict[str, Any]] = []
        self.states: list[dict[str, Any]] = []

    def blob(self, known: dict[str, Blob], sha: str, size: int, kind: str, state: str) -> None:
        if sha not in known and sha not in self.blobs:
            self.blobs[sha] = _new_blob(sha, size, kind, state)


def _record(session: Session, ws: Workspace, actor: str, outcome: jobs.Done | jobs.Failed,
            known: dict[str, Blob], batch: _Batch, report: Report) -> None:
    job = outcome.job
    blob = known[job.sha256]
    if blob.extraction not in ("pending", "failed"):
        return  # another process finished it first
    if isinstance(outcome, jobs.Failed):
        blob.extraction = "failed"  # seen by later outcomes for the same bytes
        batch.states.append({"sha256": job.sha256, "extraction": "failed",
                             "extraction_error": outcome.reason, "metadata_json": None})
        ws.custody.append(session, actor, "extraction-failed", job.item_id,
                          {"sha256": job.sha256, "reason": outcome.reason}, reaches=())
        report.failed.append({"item": job.item_id, "name": job.original_name,
                              "reason": outcome.reason})
        return
    made = [{"sha256": t.blob.sha256, "kind": "text", "label": t.label}
            for t in outcome.texts]
    if outcome.metadata_blob:
        made.append({"sha256": outcome.metadata_blob.sha256, "kind": "metadata",
                     "label": "metadata"})
    # Provenance the file carries, checked by its own tool: what was found, and whether
    # it holds (the details of the check are in the derivative).
    made += [{"sha256": p.blob.sha256, "kind": "provenance", "label": p.kind, "tool": p.tool,
              "status": p.status} for p in outcome.provenance]
    # Bytes are read once (pending or failed before): no claim comes from them yet.
    details: dict[str, Any] = {"sha256": job.sha256, "tool": outcome.tool,
                               "derivatives": made, "members": len(outcome.members)}
    if "encoding" in outcome.metadata:
        details["encoding"] = str(outcome.metadata["encoding"])
    if outcome.warnings:
        details["warnings"] = outcome.warnings
    entry = ws.custody.append(session, actor, "derived", job.item_id, details, reaches=())
    now = utc_now()
    common = {"source_sha256": job.sha256, "tool": outcome.tool, "created_at": now,
              "custody_seq": entry.seq, "language": None}
    for text in outcome.texts:
        batch.blob(known, text.blob.sha256, text.blob.size, TEXT_TYPE, "none")
        batch.derivatives.append(common | {"sha256": text.blob.sha256, "kind": "text",
                                           "label": text.label, "position": text.position,
                                           "media_type": TEXT_TYPE})
        batch.forms.append(text.index_form)
        batch.readings.append((job, text) if text.reading is not None else None)
    if outcome.metadata_blob:
        meta = outcome.metadata_blob
        batch.blob(known, meta.sha256, meta.size, "application/json", "none")
        batch.derivatives.append(common | {"sha256": meta.sha256, "kind": "metadata",
                                           "label": "metadata", "position": 0,
                                           "media_type": "application/json"})
        batch.forms.append(None)
        batch.readings.append(None)
    for position, checked in enumerate(outcome.provenance):
        batch.blob(known, checked.blob.sha256, checked.blob.size, "application/json", "none")
        batch.derivatives.append(common | {"sha256": checked.blob.sha256, "kind": "provenance",
                                           "label": checked.kind, "position": position,
                                           "media_type": "application/json",
                                           "tool": checked.tool})
        batch.forms.append(None)
        batch.readings.append(None)
    for position, member in enumerate(outcome.members):
        batch.blob(known, member.blob.sha256, member.blob.size, member.media_type,
                   initial_state(member.media_type))
        batch.members.append({"parent_sha256": job.sha256, "position": position,
                              "child_sha256": member.blob.sha256,
                              "name": _child_name(job.original_name, member.name),
                              "relation": member.relation, "modified": member.modified})
    blob.extraction = "done"
    batch.states.append({"sha256": job.sha256, "extraction": "done", "extraction_error": None,
                         "metadata_json": json.dumps(
                             outcome.metadata | ({"warnings": outcome.warnings}
                                                 if outcome.warnings else {}),
                             ensure_ascii=False, default=str)})
    report.extracted += 1


def _write_batch(ws: Workspace, actor: str, outcomes: Sequence[jobs.Done | jobs.Failed],
                 again: Sequence[int], report: Report,
                 claims: claim_runs.Recorder | None) -> list[int]:
    """One transaction for a batch: derivatives, members, index, states, custody, and
    child items. `again` are items whose bytes were unpacked before (only children to
    add). Returns the new child item ids."""
    with ws.db.write() as session:
        return record(session, ws, actor, outcomes, again, report, claims)


def record(session: Session, ws: Workspace, actor: str,
           outcomes: Sequence[jobs.Done | jobs.Failed], again: Sequence[int],
           report: Report, claims: claim_runs.Recorder | None = None) -> list[int]:
    """What _write_batch writes, in the caller's write transaction: ingest records new
    items and what was extracted from them in one. With `claims`, the claims the workers
    read in the new texts too. Returns the new child item ids."""
    new_children: list[int] = []
    # Every blob the batch may reference: derivative bytes are often already known
    # (identical metadata, text identical to its original).
    known = item_store.blobs_in(session, [sha for o in outcomes for sha in _shas(o)])
    batch = _Batch()
    for outcome in outcomes:
        _record(session, ws, actor, outcome, known, batch, report)
    item_store.add_blobs(session, list(batch.blobs.values()))
    if batch.derivatives:
        ids = insert_with_ids(session, Derivative, batch.derivatives)
        search.add_many(session, [(i, f) for i, f in zip(ids, batch.forms, strict=True)
                                  if f is not None])
        if claims is not None:
            readings = []
            for derivative_id, read in zip(ids, batch.readings, strict=True):
                if read is None or read[1].reading is None:
                    continue
                job, text = read
                where = claim_store.Text(job.item_id, job.publisher, derivative_id,
                                         text.blob.sha256, text.label, job.sha256)
                readings.append(claim_runs.Reading(where, read[1].reading, first=True))
            claims.record(session, ws, actor, readings)
    item_store.add_members(session, batch.members)
    item_store.set_blob_states(session, batch.states)
    session.expire_all()
    parents = [o.job.item_id for o in outcomes if isinstance(o, jobs.Done) and o.members]
    for item_id in [*parents, *again]:
        parent = session.get(Item, item_id)
        assert parent is not None
        if item_store.children_of(session, parent.id):
            continue
        members = item_store.members_of(session, parent.sha256)
        ids = _register_children(session, ws, actor, parent, members)
        report.children += len(ids)
        new_children.extend(ids)
    return new_children


def extract_items(ws: Workspace, item_ids: Sequence[int] | None, actor: str, limits: Limits,
                  retry: bool = False, report: Report | None = None,
                  extractor: Extractor | None = None, claims: bool = False,
                  scheduler: str | None = None) -> Report:
    """Extract every item in `item_ids` (all items when None) whose bytes are pending
    (or failed, with retry), then register children, repeating for new children. New
    texts are read for claims as they are extracted when the extractor has a recorder
    (made here with `claims`). `scheduler`: a Dask scheduler's address to run the jobs
    on, when no extractor is given."""
    report = report if report is not None else Report()
    if extractor is None:
        recorder = None
        if claims:
            with ws.db.read() as session:
                recorder = claim_runs.Recorder.load(session)
        with Extractor(ws, limits, claims=recorder, scheduler=scheduler) as own:
            return extract_items(ws, item_ids, actor, limits, retry, report, own)
    todo: list[int] | None = list(item_ids) if item_ids is not None else None
    include_failed = retry
    while True:
        work: list[jobs.Job] = []
        again: list[int] = []
        with ws.db.read() as session:
            pending = item_store.pending_items(session, include_failed, todo)
            for item, blob in item_store.with_blobs(session, pending):
                if blob.extraction in ("pending", "failed"):
                    work.append(jobs.Job(item.id, item.sha256, item.original_name,
                                         blob.media_type, item_store.depth(session, item),
                                         item.source))
                else:
                    again.append(item.id)
        if not work and not again:
            return report
        new_children: list[int] = []
        outcomes = extractor.run(work)
        for start in range(0, max(len(work), len(again)), BATCH):
            chunk = list(itertools.islice(outcomes, BATCH))
            new_children += _write_batch(ws, actor, chunk, again[start:start + BATCH], report,
                                         extractor.claims)
        include_failed = False  # retry once, never loop on a failure
        if todo is not None:
            todo += new_children
