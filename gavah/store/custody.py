"""Appending to and reading the custody log. This module has no UPDATE or DELETE of
custody rows, and the database refuses them by trigger."""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, func, insert, select, true, union_all
from sqlalchemy.orm import Session

from gavah.core.actions import check_details, read_actions
from gavah.core.custody import GENESIS, Entry, Signer, canonical, cosign, utc_now
from gavah.core.errors import GavahError
from gavah.store.custody_rows import details_of, read_head, to_entry
from gavah.store.db import run
from gavah.store.tables import Change, ChangeEntity, CustodyEntry, CustodyItem

_TAIL = "gavah_custody_tail"
_HEAD_PENDING = "gavah_custody_head_pending"
_ROWS = "gavah_custody_rows"
_ITEM_ROWS = "gavah_custody_item_rows"
_CHANGE_ROWS = "gavah_custody_change_rows"
_ENTITY_ROWS = "gavah_custody_entity_rows"
# Every page that shows protected material appends an entry: these statements are built
# once and run on the connection (an ORM statement cost more than the work it asks for).
_CUSTODY = cast(Table, CustodyEntry.__table__)
_TAIL_ROW = select(_CUSTODY.c.seq, _CUSTODY.c.entry_hash).order_by(_CUSTODY.c.seq.desc()) \
    .limit(1)
_INSERT_ENTRIES = insert(_CUSTODY)
_INSERT_ITEMS = insert(cast(Table, CustodyItem.__table__))
_CHANGE = cast(Table, Change.__table__)
_CHANGE_ENTITY = cast(Table, ChangeEntity.__table__)
_INSERT_CHANGES = insert(_CHANGE)
_INSERT_CHANGE_ENTITIES = insert(_CHANGE_ENTITY)
_NEWEST = select(func.max(_CUSTODY.c.seq))
_NEWEST_CHANGE = select(func.max(_CHANGE.c.seq))
_NEWEST_REACHING_ALL = select(func.max(_CHANGE.c.seq)).where(_CHANGE.c.reaches_all == true())
_PREVIOUS_REACHING_ALL = select(_CHANGE.c.seq).where(_CHANGE.c.reaches_all == true()) \
    .order_by(_CHANGE.c.seq.desc()).limit(1).offset(1)
# One action at a time: with equalities only, both databases read the newest from the
# end of ix_custody_item_action (PostgreSQL scans the whole range for an IN list).
_NEWEST_OF_ACTION = select(func.max(_CUSTODY.c.seq)).where(
    _CUSTODY.c.item_id.is_(None), _CUSTODY.c.action == bindparam("action"))
_NEWEST_REACHING = select(func.max(_CHANGE_ENTITY.c.seq)).where(
    _CHANGE_ENTITY.c.entity_id.in_(bindparam("entities", expanding=True)))


class CustodyLog:
    def __init__(self, signer_factory: Any, head_path: Path) -> None:
        self._signer_factory = signer_factory
        self._signer: Signer | None = None
        self.head_path = head_path

    @property
    def signer(self) -> Signer:
        if self._signer is None:
            self._signer = self._signer_factory()
        return self._signer

    def forget_signer(self) -> None:
        """Load the key again at the next entry (after a rotation, or one that failed)."""
        self._signer = None

    def release_signer(self) -> None:
        """Close the signer's session with its token, if it has one; forget it."""
        close = getattr(self._signer, "close", None)
        if close is not None:
            close()
        self._signer = None

    def append(self, session: Session, actor: str, action: str, item: int | None,
               details: dict[str, Any] | None = None, *,
               reaches: Iterable[int] | None = None,
               cosigner: Signer | None = None) -> Entry:
        """Add one entry. `session` must come from Database.write(), which holds the
        workspace write lock, so no other writer can take the same seq. The entry is
        hashed now and signed only if it is the transaction's last when it commits (or a
        key rotation): that signature covers the transaction's other entries
        (gavah.core.custody).

        `cosigner`, for a key rotation only: the new key, which signs the entry too and
        signs every later entry of this log (gavah.core.custody.cosign).

        `reaches`, for a change: the entities whose computed pages it may alter (none,
        for an empty list); None when it may alter any page. It is recorded beside the
        entry, unsigned (gavah.store.tables.Change), never in it."""
        declared = check_details(action, details or {})
        tail = session.info.get(_TAIL)
        if tail is None:
            row = session.connection().execute(_TAIL_ROW).first()
            tail = (row[0], row[1]) if row else (0, GENESIS)
        entry = Entry(seq=tail[0] + 1, time=utc_now(), actor=actor, action=action,
                      item=item, details=details or {}, prev_hash=tail[1])
        if cosigner is not None:
            entry = self._sign(cosign(entry, cosigner), sealed=True)
            self._signer = cosigner
        else:
            entry = self._sign(entry, sealed=False)
        # Rows are inserted together at the end of the transaction: far cheaper than one
        # ORM object each, and nothing reads the log inside a writing transaction.
        rows = session.info.get(_ROWS)
        if rows is None:
            rows = session.info[_ROWS] = []
            session.info.setdefault("before_commit", []).append(
                lambda: self._insert(session))
        session.info.setdefault(_ITEM_ROWS, []).extend(
            {"item_id": item_id, "seq": entry.seq} for item_id in entry.read_items())
        if not declared.is_read:
            scope = None if reaches is None else sorted(set(reaches))
            session.info.setdefault(_CHANGE_ROWS, []).append(
                {"seq": entry.seq, "reaches_all": scope is None})
            session.info.setdefault(_ENTITY_ROWS, []).extend(
                {"entity_id": entity_id, "seq": entry.seq} for entity_id in scope or ())
        rows.append({
            "seq": entry.seq, "time": entry.time, "actor": entry.actor,
            "action": entry.action, "item_id": entry.item,
            "details": canonical(entry.details).decode(), "prev_hash": entry.prev_hash,
            "entry_hash": entry.entry_hash, "signature": entry.signature,
            "key_id": entry.key_id,
        })
        session.info[_TAIL] = (entry.seq, entry.entry_hash)
        if not session.info.get(_HEAD_PENDING):
            session.info[_HEAD_PENDING] = True

            def after_commit() -> None:
                session.info.pop(_HEAD_PENDING, None)
                self._write_head(session.info.pop(_TAIL, None))

            session.info.setdefault("after_commit", []).append(after_commit)
        return entry

    def _sign(self, entry: Entry, *, sealed: bool) -> Entry:
        """The entry hashed, and signed too when `sealed`."""
        try:
            return self.signer.seal(entry) if sealed else self.signer.hashed(entry)
        except GavahError:  # a token that failed: the next entry opens the key again
            self._signer = None
            raise

    def _insert(self, session: Session) -> None:
        rows = session.info.pop(_ROWS, [])
        session.flush()  # rows the entries refer to first (the connection does not autoflush)
        if rows:
            last = rows[-1]
            if not last["signature"]:  # it covers the transaction's other entries
                try:
                    last["signature"] = self.signer.signature_of(last["entry_hash"])
                except GavahError:
                    self._signer = None
                    raise
                last["key_id"] = self.signer.key_id
            session.connection().execute(_INSERT_ENTRIES, rows)
        for key, statement in ((_ITEM_ROWS, _INSERT_ITEMS), (_CHANGE_ROWS, _INSERT_CHANGES),
                               (_ENTITY_ROWS, _INSERT_CHANGE_ENTITIES)):
            derived = session.info.pop(key, [])
            if derived:
                session.connection().execute(statement, derived)

    def _write_head(self, tail: tuple[int, str] | None) -> None:
        """Remember the newest entry outside the database (monotonic, under a file lock)."""
        if tail is None:
            return
        self.head_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.head_path.with_suffix(".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            current = read_head(self.head_path)
            if current is not None and current.seq >= tail[0]:
                return
            temp = self.head_path.with_suffix(".tmp")
            temp.write_text(json.dumps({"seq": tail[0], "hash": tail[1]}))
            with open(temp, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(temp, self.head_path)


def about_item(item: int) -> Any:
    """Entries about the item: its own, and reads of several items that list it. A union
    of two index lookups: with OR, SQLite sorted all of a much-read item's entries."""
    return CustodyEntry.seq.in_(union_all(
        select(CustodyEntry.seq).where(CustodyEntry.item_id == item),
        select(CustodyItem.seq).where(CustodyItem.item_id == item)))


@cache
def _history_statements() -> tuple[Any, Any]:
    """(the entries to show, how many there are in all) for bind parameters item,
    changes and reads. Built once, when first used: building a statement costs more than
    running it, and it needs the declared actions, which commands that show no history
    never load."""
    custody = CustodyEntry.__table__
    item = bindparam("item", type_=CustodyEntry.item_id.type)
    newest = [
        select(custody.c.seq).where(custody.c.item_id == item,
                                    custody.c.action.not_in(read_actions()))
        .order_by(custody.c.seq.desc()).limit(bindparam("changes")),
        select(custody.c.seq).where(custody.c.item_id == item,
                                    custody.c.action.in_(read_actions()))
        .order_by(custody.c.seq.desc()).limit(bindparam("reads")),
        select(CustodyItem.seq).where(CustodyItem.item_id == item)
        .order_by(CustodyItem.seq.desc()).limit(bindparam("reads")),
    ]
    # Each part walks one index on its own (asking for changes and reads in one
    # condition made SQLite walk every read in the workspace).
    wanted = union_all(*(select(part.subquery().c.seq) for part in newest))
    entries = select(custody).where(custody.c.seq.in_(wanted)).order_by(custody.c.seq)
    total = select(
        select(func.count()).select_from(custody).where(custody.c.item_id == item)
        .scalar_subquery()
        + select(func.count()).select_from(CustodyItem.__table__)
        .where(CustodyItem.item_id == item).scalar_subquery())
    return entries, total


def item_history(session: Session, item: int, changes: int,
                 reads: int) -> tuple[list[Entry], int]:
    """The item's newest `changes` changes and newest `reads` reads, oldest first, and how
    many entries are about it in all (a much-read item has thousands of reads, which would
    hide its acquisition). Two queries on the connection: this is on every item page."""
    entries, total = _history_statements()
    connection = session.connection()
    rows = connection.execute(entries, {"item": item, "changes": changes,
                                        "reads": reads}).all()
    # Its own reads and the reads listing it were each limited to `reads`: keep the newest.
    read = read_actions()
    read_seqs = sorted((row.seq for row in rows if row.action in read), reverse=True)[:reads]
    kept = set(read_seqs)
    shown = [to_entry(row) for row in rows if row.action not in read or row.seq in kept]
    return shown, int(connection.execute(total, {"item": item}).scalar() or 0)


def iter_entries(session: Session, item: int | None = None, *, newest_first: bool = False,
                 limit: int | None = None) -> Iterator[Entry]:
    # Rows, not ORM objects: a whole chain is read by verify and by every export.
    query = select(_CUSTODY)
    if item is not None:
        query = query.where(about_item(item))
    query = query.order_by(_CUSTODY.c.seq.desc() if newest_first else _CUSTODY.c.seq)
    if limit is not None:
        query = query.limit(limit)
    for row in session.execute(query.execution_options(yield_per=1000)):
        yield to_entry(row)


def iter_rows(session: Session) -> Iterator[Row[Any]]:
    """The whole chain as stored, oldest first: `details` is the canonical JSON text the
    entry's hash was computed over, so a writer of entries can use it as it is."""
    query = select(_CUSTODY).order_by(_CUSTODY.c.seq).execution_options(yield_per=1000)
    # a thousand rows per fetch (a server-side cursor on PostgreSQL), not a call per row
    for part in session.connection().execute(query).partitions():
        yield from part


def last_rotation(session: Session) -> str | None:
    """The key id the newest key rotation handed over to (None before any)."""
    details = session.scalars(select(CustodyEntry.details)
                              .where(CustodyEntry.action == "key-rotated")
                              .order_by(CustodyEntry.seq.desc()).limit(1)).first()
    return None if details is None else str(details_of(details).get("new_key_id"))


def newest_seq(session: Session) -> int:
    return int(run(session, _NEWEST).scalar() or 0)


def newest_change(session: Session) -> int:
    """The seq of the newest change of any kind (0 before the first)."""
    return int(run(session, _NEWEST_CHANGE).scalar() or 0)


def newest_change_reaching_all(session: Session) -> int:
    """The seq of the newest change that may reach every computed page."""
    return int(run(session, _NEWEST_REACHING_ALL).scalar() or 0)


def previous_change_reaching_all(session: Session) -> int:
    """The seq of the change that reached every page before the newest one did."""
    return int(run(session, _PREVIOUS_REACHING_ALL).scalar() or 0)


def newest_of_actions(session: Session, actions: Iterable[str]) -> int:
    """The seq of the newest entry of these actions about no item (0 before the first)."""
    return max((int(run(session, _NEWEST_OF_ACTION, {"action": a}).scalar() or 0)
                for a in actions), default=0)


def newest_change_reaching(session: Session, entities: Iterable[int]) -> int:
    """The seq of the newest change stated to reach one of these entities' pages."""
    wanted = sorted(set(entities))
    if not wanted:
        return 0
    return int(run(session, _NEWEST_REACHING, {"entities": wanted}).scalar() or 0)
