"""Group commit of custody entries. Requests that read protected material at the same
time have their entries written in one transaction (one write lock, one fsync) instead of
queueing for the write lock one commit each. Every caller still waits until the
transaction holding its entries has committed, so nothing protected is shown before its
read is durably recorded; the entries are sealed and chained exactly as single appends
are, and a failed commit is an error for every caller whose entries it held.

Kept pages (gavah.store.cache) ride in the same transactions: a first view of a computed
page writes it with the view's recorded read, and concurrent first views share one
commit, instead of each queueing for SQLite's single writer once per page and once per
read."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gavah.core.custody import Entry

if TYPE_CHECKING:  # Pending is made on the fast read path, without SQLAlchemy
    from sqlalchemy.orm import Session

    from gavah.store.custody import CustodyLog
    from gavah.store.db import Database


class AuditFailed(Exception):
    """The transaction holding these custody entries did not commit."""


@dataclass(frozen=True)
class Pending:
    actor: str
    action: str
    item: int | None
    details: dict[str, Any] = field(default_factory=dict)


# A write of derived state (a kept page) made in a group's transaction.
Write = Callable[["Session"], None]


class _Request:
    def __init__(self, entries: list[Pending], writes: list[Write]) -> None:
        self.entries = entries
        self.writes = writes
        self.done = False
        self.written: list[Entry] = []
        self.error: BaseException | None = None

    def outcome(self) -> list[Entry]:
        if self.error is not None:
            # A new exception per caller: one instance raised in many threads at once
            # would share (and garble) its traceback.
            raise AuditFailed("the custody entries of this read were not recorded") \
                from self.error
        return self.written


class AuditWriter:
    """One per Workspace (and so per process): the first caller that finds no commit in
    progress commits everything queued so far; the others wait for it."""

    def __init__(self, db: Database, log: CustodyLog) -> None:
        self._db = db
        self._log = log
        self._changed = threading.Condition()
        self._queue: list[_Request] = []
        self._committing = False

    def append(self, entries: Sequence[Pending], writes: Sequence[Write] = ()) -> list[Entry]:
        """Write the entries (and run `writes` in the same transaction) and return the
        entries once they are committed."""
        if not entries and not writes:
            return []
        request = _Request(list(entries), list(writes))
        with self._changed:
            self._queue.append(request)
            while self._committing and not request.done:
                self._changed.wait()
            if request.done:
                return request.outcome()
            self._committing = True
            group, self._queue = self._queue, []
        try:
            self._commit(group)
        finally:
            with self._changed:
                self._committing = False
                self._changed.notify_all()
        return request.outcome()

    def _commit(self, group: list[_Request]) -> None:
        try:
            with self._db.write() as session:
                for request in group:
                    for write in request.writes:
                        write(session)
                written = [[self._log.append(session, e.actor, e.action, e.item, e.details)
                            for e in request.entries] for request in group]
        except BaseException as exc:
            for request in group:
                request.error, request.done = exc, True
            return
        for request, entries in zip(group, written, strict=True):
            request.written, request.done = entries, True
