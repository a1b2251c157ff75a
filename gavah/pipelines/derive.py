"""Derivatives: text and metadata extracted from stored bytes, and the files inside
archives and e-mails registered as child items. Extraction runs on a copy of nothing:
it reads the stored blob, and a failure only records its reason (the original stays)."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from gavah.core.custody import utc_now
from gavah.pipelines import extract as extractors
from gavah.pipelines.extract.base import Extraction, ExtractionFailed, Limits
from gavah.pipelines.sniff import media_type
from gavah.store import items as item_store
from gavah.store import search
from gavah.store.blobs import BlobTooLarge, StoredBlob
from gavah.store.tables import Blob, Derivative, Item, Member
from gavah.store.workspace import Workspace

BATCH = 50
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


@dataclass
class _Done:
    item: Item
    extraction: Extraction
    texts: list[tuple[StoredBlob, str, str, int]]  # blob, label, text, position
    metadata: StoredBlob | None
    children: list[tuple[extractors.base.Child, StoredBlob]]


@dataclass
class _Failed:
    item: Item
    reason: str


def _depth(session: Session, item: Item) -> int:
    depth = 0
    while item.parent_id is not None and depth < 100:
        parent = session.get(Item, item.parent_id)
        if parent is None:
            break
        item = parent
        depth += 1
    return depth


def _run(ws: Workspace, item: Item, kind: str, depth: int, limits: Limits) -> _Done | _Failed:
    try:
        stream = ws.blobs.open(item.sha256)
    except FileNotFoundError:
        return _Failed(item, "the stored blob is missing")
    with stream:
        try:
            result = extractors.run(stream, kind, limits)
            if result.children and depth >= limits.max_depth:
                raise ExtractionFailed(f"archive nested more than {limits.max_depth} levels "
                                       "deep; members not unpacked")
            children = _store_children(ws, result, limits)
        except ExtractionFailed as exc:
            return _Failed(item, str(exc))
    texts = []
    for text in result.texts:
        blob = ws.blobs.put_bytes(text.text.encode("utf-8"))
        texts.append((blob, text.label, text.text, text.position))
    metadata = None
    if result.metadata:
        body = dict(result.metadata)
        if result.warnings:
            body["warnings"] = result.warnings
        metadata = ws.blobs.put_bytes(
            json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1).encode())
    return _Done(item, result, texts, metadata, children)


def _store_children(ws: Workspace, result: Extraction,
                    limits: Limits) -> list[tuple[extractors.base.Child, StoredBlob]]:
    """Store every member's bytes, or none: an archive that breaks a limit while
    unpacking (lying headers) is refused as a whole."""
    stored = []
    remaining = limits.max_unpacked
    for child in result.children:
        limit = min(x for x in (child.limit, child.declared_size, remaining) if x is not None)
        try:
            with child.open() as member:
                blob = ws.blobs.put(member, limit=limit)
        except BlobTooLarge as exc:
            raise ExtractionFailed(f"archive refused, not unpacked: {child.name or 'content'!r}"
                                   f" unpacks to more than {exc.limit} bytes "
                                   "(a compression bomb?)") from None
        except Exception as exc:  # damaged member data: refuse the archive, keep the batch
            raise ExtractionFailed(f"member {child.name or 'content'!r} could not be read: "
                                   f"{type(exc).__name__}: {exc}") from None
        remaining -= blob.size
        stored.append((child, blob))
    return stored


def _child_name(parent: Item, name: str) -> str:
    if name:
        return name
    base = parent.original_name
    for suffix in COMPRESSION_SUFFIXES:
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)] + (".tar" if suffix == ".tgz" else "")
            break
    return base if base != parent.original_name else f"{base}.unpacked"


def _register_children(session: Session, ws: Workspace, actor: str, parent: Item,
                       members: Sequence[Member]) -> list[int]:
    ids = []
    container = parent.original_path or parent.original_name
    for member in members:
        blob = session.get(Blob, member.child_sha256)
        assert blob is not None
        acq = item_store.Acquisition(
            original_name=posixpath.basename(member.name.rstrip("/")) or member.name,
            original_path=f"{container}!/{member.name}", file_modified=member.modified,
            collected_by=parent.collected_by, source=parent.source, method=parent.method,
            note=parent.note, classification=parent.classification,
            tags=item_store.tags_of(session, [parent.id])[parent.id],
            parent_id=parent.id, relation=member.relation)
        child = item_store.register(session, ws.custody, actor, acq, blob.sha256, blob.size,
                                    blob.media_type, initial_state(blob.media_type))
        ids.append(child.id)
    return ids


def _record(session: Session, ws: Workspace, actor: str, outcome: _Done | _Failed,
            report: Report) -> None:
    item = outcome.item
    blob = session.get(Blob, item.sha256)
    assert blob is not None
    if blob.extraction not in ("pending", "failed"):
        return  # another process finished it first
    if isinstance(outcome, _Failed):
        blob.extraction, blob.extraction_error = "failed", outcome.reason
        ws.custody.append(session, actor, "extraction-failed", item.id,
                          {"sha256": item.sha256, "reason": outcome.reason})
        report.failed.append({"item": item.id, "name": item.original_name,
                              "reason": outcome.reason})
        return
    result = outcome.extraction
    made = [{"sha256": b.sha256, "kind": "text", "label": label} for b, label, _, _ in
            outcome.texts]
    if outcome.metadata:
        made.append({"sha256": outcome.metadata.sha256, "kind": "metadata",
                     "label": "metadata"})
    details: dict[str, Any] = {"sha256": item.sha256, "tool": result.tool,
                               "derivatives": made, "members": len(outcome.children)}
    if result.warnings:
        details["warnings"] = result.warnings
    entry = ws.custody.append(session, actor, "derived", item.id, details)
    now = utc_now()
    for stored, label, text, position in outcome.texts:
        item_store.ensure_blob(session, stored.sha256, stored.size, "text/plain; charset=utf-8",
                               "none")
        derivative = Derivative(
            source_sha256=item.sha256, sha256=stored.sha256, kind="text", label=label,
            position=position, media_type="text/plain; charset=utf-8", tool=result.tool,
            created_at=now, custody_seq=entry.seq)
        session.add(derivative)
        session.flush()
        search.add(session, derivative.id, text)
    if outcome.metadata:
        item_store.ensure_blob(session, outcome.metadata.sha256, outcome.metadata.size,
                               "application/json", "none")
        session.add(Derivative(
            source_sha256=item.sha256, sha256=outcome.metadata.sha256, kind="metadata",
            label="metadata", position=0, media_type="application/json", tool=result.tool,
            created_at=now, custody_seq=entry.seq))
    for position, (child, stored) in enumerate(outcome.children):
        kind = media_type(stored.head)
        item_store.ensure_blob(session, stored.sha256, stored.size, kind, initial_state(kind))
        session.add(Member(parent_sha256=item.sha256, position=position,
                           child_sha256=stored.sha256, name=_child_name(item, child.name),
                           relation=child.relation, modified=child.modified))
    blob.extraction, blob.extraction_error = "done", None
    blob.metadata_json = json.dumps(result.metadata | (
        {"warnings": result.warnings} if result.warnings else {}), ensure_ascii=False,
        default=str)
    report.extracted += 1
    session.flush()


def extract_items(ws: Workspace, item_ids: Sequence[int] | None, actor: str, limits: Limits,
                  retry: bool = False, report: Report | None = None) -> Report:
    """Extract every item in `item_ids` (all items when None) whose bytes are pending
    (or failed, with retry), then register children, repeating for new children."""
    report = report if report is not None else Report()
    todo: list[int] | None = list(item_ids) if item_ids is not None else None
    include_failed = retry
    while True:
        with ws.db.read() as session:
            pending = item_store.pending_items(session, include_failed, todo)
            work = []
            for item_id in pending:
                item = session.get(Item, item_id)
                assert item is not None
                blob = session.get(Blob, item.sha256)
                assert blob is not None
                work.append((item, blob.extraction, blob.media_type, _depth(session, item)))
        if not work:
            return report
        new_children: list[int] = []
        for start in range(0, len(work), BATCH):
            outcomes: list[_Done | _Failed | Item] = []
            for item, state, kind, depth in work[start:start + BATCH]:
                if state in ("pending", "failed"):
                    outcomes.append(_run(ws, item, kind, depth, limits))
                else:
                    outcomes.append(item)  # already extracted: only children to add
            with ws.db.write() as session:
                for outcome in outcomes:
                    if not isinstance(outcome, Item):
                        _record(session, ws, actor, outcome, report)
                    source = outcome if isinstance(outcome, Item) else outcome.item
                    parent = session.get(Item, source.id)
                    assert parent is not None
                    if item_store.children_of(session, parent.id):
                        continue
                    members = item_store.members_of(session, parent.sha256)
                    ids = _register_children(session, ws, actor, parent, members)
                    report.children += len(ids)
                    new_children.extend(ids)
        include_failed = False  # retry once, never loop on a failure
        if todo is not None:
            todo += new_children
