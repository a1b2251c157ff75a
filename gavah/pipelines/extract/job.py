"""One extraction job, as a worker process runs it: read the stored blob, extract, store
the derivative and member bytes, read each text for claims (when a gazetteer is given),
and return plain data (no database objects), so jobs can run on other cores while the
parent records results."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, BinaryIO

from gavah.core import search_query
from gavah.core.hashing import sha256_stream
from gavah.pipelines import extract as extractors
from gavah.pipelines.extract.base import ExtractionFailed, Limits
from gavah.pipelines.sniff import media_type
from gavah.store.blobs import BlobStore, BlobTooLarge, Staged, StoredBlob

if TYPE_CHECKING:  # imported where texts are read for claims (the fork server preloads it)
    from gavah.core import extract as claim_extract

# The gazetteer claims are read with, built on first call (worker.LazyGazetteer): a job
# with no text to read never builds it.
Gazetteer = Callable[[], "claim_extract.Gazetteer"]


@dataclass(frozen=True)
class Job:
    item_id: int
    sha256: str
    original_name: str
    media_type: str
    depth: int  # archives above this item
    publisher: str | None = None  # the item's source: publisher of the claims in its text


@dataclass
class DerivedText:
    blob: StoredBlob
    label: str
    position: int
    index_form: str  # the folded tokens for the search index, computed here on a worker
    reading: claim_extract.Extraction | None = None  # its claims, when they were read


@dataclass
class DerivedProvenance:
    blob: StoredBlob  # the check's result, JSON
    kind: str  # c2pa | pdf-signature | wacz
    tool: str
    status: str  # valid | invalid | unreadable


@dataclass
class Member:
    name: str
    relation: str
    modified: str | None
    blob: StoredBlob
    media_type: str


@dataclass
class Done:
    job: Job
    tool: str
    texts: list[DerivedText]
    metadata: dict[str, Any]
    metadata_blob: StoredBlob | None
    members: list[Member]
    warnings: list[str] = field(default_factory=list)
    staged: list[Staged] = field(default_factory=list)  # to commit before recording
    provenance: list[DerivedProvenance] = field(default_factory=list)


@dataclass
class Failed:
    job: Job
    reason: str


def _store_members(blobs: BlobStore, children: list[extractors.base.Child],
                   limits: Limits) -> list[Member]:
    """Store every member's bytes, or none: an archive that breaks a limit while
    unpacking (lying headers) is refused as a whole."""
    stored = []
    remaining = limits.max_unpacked
    for child in children:
        limit = min(x for x in (child.limit, child.declared_size, remaining) if x is not None)
        try:
            with child.open() as member:
                blob = blobs.put(member, limit=limit)
        except BlobTooLarge as exc:
            raise ExtractionFailed(f"archive refused, not unpacked: {child.name or 'content'!r}"
                                   f" unpacks to more than {exc.limit} bytes "
                                   "(a compression bomb?)") from None
        except Exception as exc:  # damaged member data: refuse the archive, keep the batch
            raise ExtractionFailed(f"member {child.name or 'content'!r} could not be read: "
                                   f"{type(exc).__name__}: {exc}") from None
        remaining -= blob.size
        stored.append(Member(child.name, child.relation, child.modified,
                             replace(blob, head=b""), media_type(blob.head)))
    return stored


def run(blobs: BlobStore, job: Job, limits: Limits,
        gazetteer: Gazetteer | None = None) -> Done | Failed:
    try:
        stream = blobs.open(job.sha256)
    except FileNotFoundError:
        return Failed(job, "the stored blob is missing")
    return _extract(blobs, job, stream, limits, gazetteer)


def _extract(blobs: BlobStore, job: Job, stream: BinaryIO, limits: Limits,
             gazetteer: Gazetteer | None, staging: bool = False) -> Done | Failed:
    """Extract from `stream` (the bytes of job.sha256). With `staging`, the original is
    itself only staged: derivative bytes are staged too, for the parent to commit with it,
    and text identical to the original is not written again. With a `gazetteer`, each
    text is also read for claims here, on the worker."""
    staged: list[Staged] = []

    def keep(data: bytes) -> StoredBlob:
        sha = hashlib.sha256(data).hexdigest()
        # No head in what goes back to the parent: it only pays for the pipe.
        if not staging:
            return replace(blobs.put_bytes(data), head=b"")
        if sha == job.sha256:
            return StoredBlob(sha, len(data), b"", new=False)
        blob = replace(blobs.stage(io.BytesIO(data)), head=b"")
        staged.append(blob)
        return StoredBlob(blob.sha256, blob.size, b"", new=True)

    with stream:
        try:
            result = extractors.run(stream, job.media_type, limits)
            if result.children and job.depth >= limits.max_depth:
                raise ExtractionFailed(f"archive nested more than {limits.max_depth} levels "
                                       "deep; members not unpacked")
            members = _store_members(blobs, result.children, limits)
        except ExtractionFailed as exc:
            return Failed(job, str(exc))
    texts = [DerivedText(keep(t.text.encode("utf-8")), t.label, t.position,
                         search_query.index_form(t.text),
                         _read_claims(t.text, job.publisher, gazetteer, result.metadata))
             for t in result.texts]
    # A derivative for metadata only when there is more to it than the text encoding.
    metadata_blob = None
    if set(result.metadata) - {"encoding"} or result.warnings:
        body = dict(result.metadata) | ({"warnings": result.warnings} if result.warnings
                                        else {})
        metadata_blob = keep(json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1,
                                        default=str).encode())
    checked = [DerivedProvenance(
        keep(json.dumps(p.result, ensure_ascii=False, sort_keys=True, indent=1,
                        default=str).encode()), p.kind, p.tool, str(p.result.get("status")))
        for p in result.provenance]
    return Done(job, result.tool, texts, result.metadata, metadata_blob, members,
                result.warnings, staged, checked)


def _read_claims(text: str, publisher: str | None, gazetteer: Gazetteer | None,
                 metadata: dict[str, Any]) -> claim_extract.Extraction | None:
    """The claims in a text as stored (it was just encoded as UTF-8 whole, so reading
    the stored bytes back would give the same string). The page's own metadata (site
    name, author) names the publisher when the ingest gave no source."""
    if gazetteer is None:
        return None
    from gavah.core.extract import extract

    result = extract(text, publisher=publisher, gazetteer=gazetteer(), metadata=metadata)
    # The recorder (claim_runs.Recorder.record) reads claims, mentions, language and flags
    # only: the rest is not pickled to the parent (~a fifth of a reading's unpickling).
    return replace(result, quotations=(), figures=(), dates=(), skipped=())


@dataclass(frozen=True)
class Acquire:
    """A file to take in: stored (staged) by a worker and, when its kind allows, read."""

    path: str
    original_name: str
    known_sha256: str | None  # this path, size and mtime were acquired before as these bytes
    extract: bool
    publisher: str | None = None  # the source it is acquired from
    # Set to the workspace data key when the original is to be stored encrypted
    # (confidential and above): a worker process has no other way to it. Never shown.
    seal_key: bytes | None = field(default=None, repr=False)
    # Waits for the file staged already (gavah.pipelines.early), in this process only.
    staged: Callable[[], Staged] | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class _GivenKey:
    key: bytes = field(repr=False)

    def get(self) -> bytes:
        return self.key


@dataclass
class Acquired:
    staged: Staged  # the parent commits it, then records the item
    media_type: str
    outcome: Done | Failed | None  # None: nothing to extract (or extraction off)


@dataclass
class Known:
    sha256: str  # the same file as an earlier acquisition: nothing stored


@dataclass
class Unreadable:
    reason: str


def acquire(blobs: BlobStore, task: Acquire, limits: Limits,
            gazetteer: Gazetteer | None = None) -> Acquired | Known | Unreadable:
    """Stage one file and extract from the staged copy while it is still in memory: the
    file is read once, and its text is ready when the parent records the item. Job.item_id
    is 0 until the parent knows it."""
    try:
        if task.staged is not None:
            staged = task.staged()
            if staged.sha256 == task.known_sha256:  # acquired before: nothing to store
                blobs.discard([staged])
                return Known(staged.sha256)
        else:
            with open(task.path, "rb", buffering=0) as stream:
                if task.known_sha256 is not None:
                    sha, _ = sha256_stream(stream)
                    if sha == task.known_sha256:
                        return Known(sha)
                    stream.seek(0)
                if task.seal_key is not None and blobs.data_key is None:
                    blobs.data_key = _GivenKey(task.seal_key)  # a worker's own store
                staged = blobs.stage(stream, seal=task.seal_key is not None)
    except OSError as exc:
        return Unreadable(exc.strerror or str(exc))
    kind = media_type(staged.head)
    staged = replace(staged, head=b"")  # sniffed: the parent needs no copy
    outcome: Done | Failed | None = None
    if task.extract and extractors.extractable(kind):
        job = Job(0, staged.sha256, task.original_name, kind, 0, task.publisher)
        try:
            copy = blobs.open_staged(staged)
        except OSError as exc:
            outcome = Failed(job, f"the staged copy could not be read: {exc}")
        else:
            outcome = _extract(blobs, job, copy, limits, gazetteer, staging=True)
    return Acquired(staged, kind, outcome)
