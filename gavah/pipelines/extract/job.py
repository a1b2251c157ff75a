"""One extraction job, as a worker process runs it: read the stored blob, extract, store
the derivative and member bytes, and return plain data (no database objects), so jobs
can run on other cores while the parent records results."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gavah.core import search_query
from gavah.pipelines import extract as extractors
from gavah.pipelines.extract.base import ExtractionFailed, Limits
from gavah.pipelines.sniff import media_type
from gavah.store.blobs import BlobTooLarge, LocalBlobStore, StoredBlob


@dataclass(frozen=True)
class Job:
    item_id: int
    sha256: str
    original_name: str
    media_type: str
    depth: int  # archives above this item


@dataclass
class DerivedText:
    blob: StoredBlob
    label: str
    position: int
    index_form: str  # the folded tokens for the search index, computed here on a worker


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


@dataclass
class Failed:
    job: Job
    reason: str


def _store_members(blobs: LocalBlobStore, children: list[extractors.base.Child],
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
        stored.append(Member(child.name, child.relation, child.modified, blob,
                             media_type(blob.head)))
    return stored


def run(blob_root: str, job: Job, limits: Limits) -> Done | Failed:
    blobs = LocalBlobStore(Path(blob_root))
    try:
        stream = blobs.open(job.sha256)
    except FileNotFoundError:
        return Failed(job, "the stored blob is missing")
    with stream:
        try:
            result = extractors.run(stream, job.media_type, limits)
            if result.children and job.depth >= limits.max_depth:
                raise ExtractionFailed(f"archive nested more than {limits.max_depth} levels "
                                       "deep; members not unpacked")
            members = _store_members(blobs, result.children, limits)
        except ExtractionFailed as exc:
            return Failed(job, str(exc))
    texts = [DerivedText(blobs.put_bytes(t.text.encode("utf-8")), t.label, t.position,
                         search_query.index_form(t.text)) for t in result.texts]
    # A derivative for metadata only when there is more to it than the text encoding.
    metadata_blob = None
    if set(result.metadata) - {"encoding"} or result.warnings:
        body = dict(result.metadata) | ({"warnings": result.warnings} if result.warnings
                                        else {})
        metadata_blob = blobs.put_bytes(
            json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1,
                       default=str).encode())
    return Done(job, result.tool, texts, result.metadata, metadata_blob, members,
                result.warnings)
