"""Items (acquisitions), their blobs, tags, derivatives and members."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from gavah.core.custody import Entry, utc_now
from gavah.core.errors import NotFound
from gavah.store.bulk import insert_with_ids
from gavah.store.cache import LRU
from gavah.store.custody import CustodyLog, iter_entries
from gavah.store.db import run
from gavah.store.item_rows import item_dict, one_blob, ref_parts, unknown
from gavah.store.item_rows import metadata_of as metadata_of  # what importers call it
from gavah.store.tables import Blob, Change, CustodyEntry, Derivative, Item, ItemTag, Member


@dataclass
class Acquisition:
    """What is known about one original before it is stored."""

    original_name: str
    original_path: str | None = None
    file_modified: str | None = None
    file_changed: str | None = None
    resume_key: str | None = None
    collected_by: str | None = None
    source: str | None = None
    method: str = "upload"
    note: str | None = None
    classification: str = "public"
    tags: list[str] = field(default_factory=list)
    parent_id: int | None = None
    relation: str | None = None


def recorded_shas(session: Session) -> set[str]:
    """Every blob the database names: originals, derivatives, archive members."""
    return (set(session.scalars(select(Blob.sha256)))
            | set(session.scalars(select(Item.sha256)))
            | set(session.scalars(select(Derivative.sha256)))
            | set(session.scalars(select(Member.child_sha256))))


def blobs_in(session: Session, shas: Iterable[str]) -> dict[str, Blob]:
    """The Blob rows among `shas`, loaded with one query per 500 (not one each)."""
    wanted = list(dict.fromkeys(shas))
    found: dict[str, Blob] = {}
    for start in range(0, len(wanted), 500):
        for blob in session.scalars(select(Blob).where(Blob.sha256.in_(wanted[start:start + 500]))):
            found[blob.sha256] = blob
    return found


def blob_metadata(session: Session, shas: Iterable[str]) -> dict[str, dict[str, Any]]:
    """What text extraction read from each blob's own metadata (title, author, site
    name...), by sha256; blobs without any are left out."""
    found: dict[str, dict[str, Any]] = {}
    for sha, blob in blobs_in(session, shas).items():
        if not blob.metadata_json:
            continue
        try:
            data = json.loads(blob.metadata_json)
        except ValueError:
            continue
        if isinstance(data, dict):
            found[sha] = data
    return found


def ensure_blob(session: Session, known: dict[str, Blob], sha256: str, size: int,
                media_type: str, extraction: str) -> Blob:
    """The Blob row for `sha256`, created if new. `known` is blobs_in() of the batch."""
    blob = known.get(sha256)
    if blob is None:
        blob = Blob(sha256=sha256, size=size, media_type=media_type, created_at=utc_now(),
                    extraction=extraction)
        session.add(blob)
        known[sha256] = blob
    return blob


@dataclass
class Registration:
    acquisition: Acquisition
    sha256: str
    size: int
    media_type: str
    extraction: str  # state of new bytes: "pending", or "none" when nothing to extract


def register_many(session: Session, custody: CustodyLog, actor: str,
                  rows: Sequence[Registration]) -> list[int]:
    """Record acquisitions and their 'acquired' custody entries in the caller's
    transaction, with a few bulk statements per batch; returns the new item ids."""
    if not rows:
        return []
    known = blobs_in(session, [r.sha256 for r in rows])
    media = {sha: blob.media_type for sha, blob in known.items()}
    fresh = {}
    for row in rows:
        if row.sha256 not in media:
            media[row.sha256] = row.media_type
            fresh[row.sha256] = {"sha256": row.sha256, "size": row.size,
                                 "media_type": row.media_type, "created_at": utc_now(),
                                 "extraction": row.extraction}
    if fresh:
        session.execute(insert(Blob), list(fresh.values()))
    values = [{
        "sha256": r.sha256, "original_name": r.acquisition.original_name,
        "original_path": r.acquisition.original_path,
        "file_modified": r.acquisition.file_modified,
        "file_changed": r.acquisition.file_changed, "resume_key": r.acquisition.resume_key,
        "acquired_at": "", "acquired_by": actor, "collected_by": r.acquisition.collected_by,
        "source": r.acquisition.source, "method": r.acquisition.method,
        "note": r.acquisition.note, "classification": r.acquisition.classification,
        "parent_id": r.acquisition.parent_id, "relation": r.acquisition.relation,
        "custody_seq": 0} for r in rows]
    ids = insert_with_ids(session, Item, values)
    updates = []
    tags = []
    for row, item_id in zip(rows, ids, strict=True):
        acq = row.acquisition
        item_tags = sorted(set(acq.tags))
        details: dict[str, Any] = {
            "sha256": row.sha256, "size": row.size, "media_type": media[row.sha256],
            "original_name": acq.original_name, "original_path": acq.original_path,
            "file_modified": acq.file_modified, "method": acq.method, "source": acq.source,
            "collected_by": acq.collected_by, "classification": acq.classification,
            "tags": item_tags, "note": acq.note,
        }
        if acq.parent_id is not None:
            details |= {"parent": acq.parent_id, "relation": acq.relation}
        # A new item reaches no page: no claim is read from it yet.
        entry = custody.append(session, actor, "acquired", item_id, details, reaches=())
        updates.append({"id": item_id, "custody_seq": entry.seq, "acquired_at": entry.time})
        tags += [{"item_id": item_id, "tag": tag} for tag in item_tags]
    session.execute(update(Item), updates)
    if tags:
        session.execute(insert(ItemTag), tags)
    return ids


def register(session: Session, custody: CustodyLog, actor: str, acq: Acquisition,
             sha256: str, size: int, media_type: str, extraction: str) -> int:
    """Record one acquisition (see register_many); returns its id."""
    return register_many(session, custody, actor,
                         [Registration(acq, sha256, size, media_type, extraction)])[0]


def find_resumable(session: Session, keys: Sequence[str]) -> dict[str, tuple[int, str]]:
    """Items already acquired from the same path, size and mtime: key -> (id, sha256)."""
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(keys), 500):
        rows = session.execute(
            select(Item.resume_key, Item.id, Item.sha256)
            .where(Item.resume_key.in_(keys[start:start + 500]))
        )
        for key, item_id, sha in rows:
            if key is not None:
                found[key] = (item_id, sha)
    return found


def resolve(session: Session, ref: str, levels: Sequence[str] | None = None) -> Item:
    """An item by id or by sha256 prefix (at least 6 hex digits), among those a reader
    at `levels` may see: a hidden item answers exactly as a missing one, and a hidden
    blob sharing a prefix makes no ambiguity."""
    ref = ref.strip().lower()
    item_id, prefix = ref_parts(ref)
    if item_id is not None:
        item = session.get(Item, item_id)
        if item is not None and (levels is None or item.classification in levels):
            return item
    if prefix is not None:
        query = select(Item).where(Item.sha256.startswith(prefix, autoescape=True))
        if levels is not None:
            query = query.where(Item.classification.in_(list(levels)))
        found = one_blob(ref, session.scalars(query.order_by(Item.id).limit(50)).all())
        if found is not None:
            return found
    raise unknown(ref)


# The item page's reads are prebuilt and run on the connection, returning rows that
# read like the ORM objects: building a statement and loading ORM objects cost several
# times the queries themselves, on a page every reader opens.
_TAGS = select(ItemTag.item_id, ItemTag.tag).where(
    ItemTag.item_id.in_(bindparam("ids", expanding=True))).order_by(ItemTag.tag)
_ITEM = select(Item.__table__).where(Item.id == bindparam("id"))
_BLOB = select(Blob.__table__).where(Blob.sha256 == bindparam("sha"))
_DERIVATIVES = select(Derivative.__table__).where(
    Derivative.source_sha256 == bindparam("sha")).order_by(
    Derivative.kind.desc(), Derivative.position, Derivative.id)
_CHILDREN = select(Item.id, Item.original_name, Item.relation, Item.sha256,
                   Item.classification).where(Item.parent_id == bindparam("item")) \
    .order_by(Item.id)
_SAME_BYTES = select(Item.id, Item.classification).where(Item.sha256 == bindparam("sha")) \
    .order_by(Item.id)


def resolve_row(session: Session, ref: str,
                levels: Sequence[str] | None = None) -> Item | Row[Any]:
    """resolve() for a reader: an item asked for by id is read as a row (every item page
    asks), one asked for otherwise as resolve() finds it."""
    ref = ref.strip()
    if ref.isdecimal() and len(ref) < 10:
        row = run(session, _ITEM, {"id": int(ref)}).first()
        if row is not None and (levels is None or row.classification in levels):
            return row
    return resolve(session, ref, levels)


def tags_of(session: Session, item_ids: Iterable[int]) -> dict[int, list[str]]:
    ids = list(item_ids)
    out: dict[int, list[str]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        for item_id, tag in run(session, _TAGS, {"ids": ids[start:start + 500]}):
            out[item_id].append(tag)
    return out


def blob_row(session: Session, sha256: str) -> Row[Any]:
    row = run(session, _BLOB, {"sha": sha256}).first()
    if row is None:
        raise NotFound(f"no blob {sha256}")
    return row


class SessionReader:
    """The item record's reads (gavah.pipelines.item_record.ItemReader) in a session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def blob_row(self, sha256: str) -> Row[Any]:
        return blob_row(self.session, sha256)

    def tags_of(self, item_ids: Iterable[int]) -> dict[int, list[str]]:
        return tags_of(self.session, item_ids)

    def derivatives_of(self, sha256: str) -> list[Row[Any]]:
        return derivatives_of(self.session, sha256)

    def children_of(self, item_id: int) -> list[Row[Any]]:
        return children_of(self.session, item_id)

    def ids_with_bytes(self, sha256: str, levels: Sequence[str] | None = None) -> list[int]:
        return ids_with_bytes(self.session, sha256, levels)

    def entries_about(self, item_id: int) -> Iterator[Entry]:
        return iter_entries(self.session, item_id)

    def redactions_of(self, item_id: int) -> list[dict[str, Any]]:
        from gavah.store import redactions

        return [c.to_dict() for c in redactions.of_items(self.session, [item_id])[item_id]]


def list_items(session: Session, levels: Sequence[str] | None = None, limit: int | None = None,
               offset: int = 0, failed_only: bool = False) -> list[dict[str, Any]]:
    query = select(Item, Blob).join(Blob, Blob.sha256 == Item.sha256).order_by(Item.id)
    if levels is not None:
        query = query.where(Item.classification.in_(levels))
    if failed_only:
        query = query.where(Blob.extraction == "failed")
    if limit is not None:
        query = query.limit(limit).offset(offset)
    rows = session.execute(query).all()
    tags = tags_of(session, [item.id for item, _ in rows])
    return [item_dict(item, blob, tags[item.id]) for item, blob in rows]


_CONTENT_VERSION = select(
    select(func.max(Item.id)).scalar_subquery(),
    select(func.max(Derivative.id)).scalar_subquery(),
    select(func.max(Change.seq)).scalar_subquery())
# `+ 0`: SQLite would otherwise answer max(seq) by walking the seq index down from the
# newest entry until one is a reclassification, reading every entry of a workspace that
# has none (0.4 s per search at 100,000 items, one core each: searches under 50 clients
# collapsed); this way it reads the action index, i.e. only the reclassifications.
_RECLASSIFIED = select(func.max(CustodyEntry.seq + 0)).where(
    CustodyEntry.action == "reclassified")


def content_version(session: Session, known: LRU[int]) -> tuple[int, int, int]:
    """Changes whenever what a search or listing can return changes: new items, new
    derivatives, and any reclassification (a custody entry). Cheap: three index lookups
    in one prebuilt statement (every search asks). The newest reclassification is looked
    up once per change (reclassifying is a change; reads never are) and kept in `known`."""
    items, derivatives, change = run(session, _CONTENT_VERSION).one()
    reclassified = known.get_or_make(
        int(change or 0), lambda: int(run(session, _RECLASSIFIED).scalar() or 0))
    return int(items or 0), int(derivatives or 0), reclassified


def derivatives_of(session: Session, sha256: str) -> list[Row[Any]]:
    return list(run(session, _DERIVATIVES, {"sha": sha256}))


def text_derivatives(session: Session, sha256: str) -> list[Row[Any]]:
    return [d for d in derivatives_of(session, sha256) if d.kind == "text"]


def text_derivatives_of(session: Session, shas: Iterable[str]) -> dict[str, list[Row[Any]]]:
    """sha256 -> its text derivatives, in the order text_derivatives gives them; one
    query per 500 blobs rather than one each."""
    wanted = sorted(set(shas))
    out: dict[str, list[Row[Any]]] = {sha: [] for sha in wanted}
    for start in range(0, len(wanted), 500):
        for row in session.connection().execute(  # rows, no ORM result
                select(Derivative.__table__).where(
                    Derivative.source_sha256.in_(wanted[start:start + 500]),
                    Derivative.kind == "text")
                .order_by(Derivative.position, Derivative.id)):
            out[row.source_sha256].append(row)
    return out


def blob_sizes(session: Session, shas: Iterable[str]) -> dict[str, int]:
    """sha256 -> size of the blobs `shas` that are known; one query per 500."""
    wanted = sorted(set(shas))
    out: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        out.update((sha, int(size)) for sha, size in session.execute(
            select(Blob.sha256, Blob.size).where(Blob.sha256.in_(wanted[start:start + 500]))))
    return out


def children_of(session: Session, item_id: int) -> list[Row[Any]]:
    """Id, name, relation, sha256 and classification of the item's children."""
    return list(run(session, _CHILDREN, {"item": item_id}))


def members_of(session: Session, sha256: str) -> list[Member]:
    return list(session.scalars(
        select(Member).where(Member.parent_sha256 == sha256).order_by(Member.position)))


def ids_with_bytes(session: Session, sha256: str,
                   levels: Sequence[str] | None = None) -> list[int]:
    """Items (acquisitions) of these bytes, those at the given levels only."""
    return [item_id for item_id, level in run(session, _SAME_BYTES, {"sha": sha256})
            if levels is None or level in levels]


def pending_items(session: Session, include_failed: bool = False,
                  item_ids: Sequence[int] | None = None) -> list[int]:
    """Items whose bytes still need extraction (one item per blob, the first acquired),
    plus items whose blob has members but which have no children yet."""
    states = ["pending", "failed"] if include_failed else ["pending"]
    query = (select(func.min(Item.id)).join(Blob, Blob.sha256 == Item.sha256)
             .where(Blob.extraction.in_(states)).group_by(Item.sha256))
    if item_ids is not None:
        query = query.where(Item.id.in_(list(item_ids)))
    ids = set(session.scalars(query))
    # Items acquired after their bytes were already unpacked get their own children.
    has_members = select(Member.parent_sha256).distinct().scalar_subquery()
    child = select(Item.parent_id).where(Item.parent_id.is_not(None)).scalar_subquery()
    query2 = select(Item.id).where(Item.sha256.in_(has_members), Item.id.not_in(child))
    if item_ids is not None:
        query2 = query2.where(Item.id.in_(list(item_ids)))
    ids.update(session.scalars(query2))
    return sorted(ids)


def with_blobs(session: Session, item_ids: Sequence[int]) -> list[tuple[Item, Blob]]:
    """The items and their blobs, in id order (ids in chunks: one statement's
    parameters are bounded)."""
    out: list[tuple[Item, Blob]] = []
    ids = list(item_ids)
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(Item, Blob).join(Blob, Blob.sha256 == Item.sha256)
            .where(Item.id.in_(ids[start:start + 500])).order_by(Item.id))
        out.extend((item, blob) for item, blob in rows)
    return out


def with_blob_rows(session: Session, item_ids: Sequence[int]
                   ) -> list[tuple[Row[Any], Row[Any]]]:
    """As with_blobs, as read-only rows with the same attributes (an export reads ten
    thousand items: ORM objects cost more than the rest of its work on them)."""
    items, blobs = cast(Table, Item.__table__), cast(Table, Blob.__table__)
    out: list[tuple[Row[Any], Row[Any]]] = []
    ids = list(item_ids)
    for start in range(0, len(ids), 500):
        found = session.connection().execute(select(items).where(
            items.c.id.in_(ids[start:start + 500])).order_by(items.c.id)).all()
        by_sha256 = {b.sha256: b for b in session.connection().execute(select(blobs).where(
            blobs.c.sha256.in_({i.sha256 for i in found})))}
        out.extend((i, by_sha256[i.sha256]) for i in found if i.sha256 in by_sha256)
    return out


def derivatives_by_id(session: Session, ids: Iterable[int]) -> dict[int, Derivative]:
    wanted = list(ids)
    if not wanted:
        return {}
    return {d.id: d for d in session.scalars(select(Derivative).where(Derivative.id.in_(wanted)))}


def depth(session: Session, item: Item) -> int:
    """How many parents the item has (archives within archives), at most 100."""
    count = 0
    while item.parent_id is not None and count < 100:
        parent = session.get(Item, item.parent_id)
        if parent is None:
            break
        item = parent
        count += 1
    return count


def add_blobs(session: Session, blobs: Sequence[dict[str, Any]]) -> None:
    """New blob rows (sha256, size, media type, ...) of one extraction batch."""
    if blobs:
        session.execute(insert(Blob), list(blobs))


def add_members(session: Session, members: Sequence[dict[str, Any]]) -> None:
    """Archive members found by one extraction batch."""
    if members:
        session.execute(insert(Member), list(members))


def set_blob_states(session: Session, states: Sequence[dict[str, Any]]) -> None:
    """Blobs' extraction states, each a dict with the blob's sha256 and what changes."""
    if states:
        session.execute(update(Blob), list(states))  # bulk update by primary key
