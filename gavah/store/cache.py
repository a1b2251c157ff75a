"""Computed values kept for one workspace: in this process's memory, and (for pages that
cost tens of milliseconds) in the workspace's page cache, which every process serving it
shares. One object per Workspace holds them all: nothing is global, and a test starts a
fresh "process" by opening a new Workspace.

A value is kept under the parts that decide it and a version: the seq of the newest
change (a custody entry that is not a read) that can alter it. Every change to evidence,
claims, entities, events or sources is a custody entry, so a value made at one version
stays right until that version moves. Which pages a change can alter is recorded beside
the signed log, in the same transaction (gavah.store.tables.Change); reads never move a
version."""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from gavah.store import custody, page_cache
from gavah.store.db import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gavah.store.audit import AuditWriter, Write

V = TypeVar("V")

# Values kept in memory per region (each region one kind of value).
SIZES = {
    "search": 512,  # result pages: a broad query costs hundreds of ms to rank
    "entity": 256,  # entity pages: a person may be named in thousands of claims
    "entity-members": 1024,  # an entity and those merged into it
    "entity-body": 256,  # an entity page's rendered body, per language
    "claims-altering": 4,  # the newest change reaching every page that may alter claims
    "entity-names": 16,  # every visible entity's names, blocked on their keys
    "dashboard": 64,
    "reclassified": 4,  # the newest reclassification, by the newest change's seq
    "dashboard-count": 64,  # custody entries counted up to a seq, per clearance
    # Previews re-encoded from originals, by blob: decoding an image or a PDF page is the
    # costly part of a preview. In memory only: no decoded evidence is written anywhere.
    "preview": 32,
}


class _Making:
    """A value one thread is computing; the others that want it wait for it."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: object = None
        self.failed = False


class LRU(Generic[V]):
    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._making: dict[Hashable, _Making] = {}
        self._lock = threading.Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> V:
        """The kept value, else make() it: once, however many readers ask for it at the
        same moment (they wait for the first; should it fail, each tries itself)."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            making = self._making.get(key)
            mine = making is None
            if making is None:
                making = self._making[key] = _Making()
        if not mine:
            making.done.wait()
            if making.failed:
                return self.get_or_make(key, make)
            return making.value  # type: ignore[return-value]
        try:
            value = make()
        except BaseException:
            making.failed = True
            raise
        else:
            making.value = value
            self.put(key, value)
        finally:
            with self._lock:
                self._making.pop(key, None)
            making.done.set()
        return value

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


@functools.cache
def code_fingerprint() -> str:
    """Names this version of gavah's code and templates. Shared pages are keyed by it
    too: after an upgrade, a page computed or rendered by the old code is never served
    (the change version alone would not move)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".html", ".mo", ".yaml") and path.is_file():
            digest.update(str(path.relative_to(package)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _frozen(value: Any) -> Hashable:
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value  # type: ignore[no-any-return]


class Cache:
    def __init__(self, db: Database, sizes: dict[str, int] | None = None,
                 writer: AuditWriter | None = None) -> None:
        self._db = db
        # Shared pages are written by the group commit of recorded reads, when there is
        # one: concurrent first views then share a transaction.
        self._writer = writer
        self._regions: dict[str, LRU[Any]] = {
            name: LRU(size) for name, size in (sizes or SIZES).items()}

    def region(self, name: str) -> LRU[Any]:
        return self._regions[name]

    def get(self, parts: Sequence[Any], version: Hashable, make: Callable[[], V], *,
            shared: bool = False, later: list[Write] | None = None) -> V:
        """The value `parts` (its region first) name at `version`: from memory, else
        (shared, for an int version) from the page cache, else make() it — once, however
        many threads ask. Shared values travel as JSON: they come back as JSON gives
        them. With `later`, a shared value made here is not written: its write is added
        to `later`, for the caller to run in a transaction of its own (with the view's
        recorded read: one write per view)."""
        key = (_frozen(parts), version)
        if not shared:
            return self._regions[parts[0]].get_or_make(key, make)
        assert isinstance(version, int)
        return self._regions[parts[0]].get_or_make(
            key, lambda: self._shared(parts, version, make, later))

    def by_content(self, parts: Sequence[Any], version: int, make: Callable[[], V], *,
                   later: list[Write] | None = None) -> V:
        """As get(shared=True), for a value that `parts` decide whatever the version
        (they hold a digest of everything that decides it: a page's rendered body, by
        the page's content). One kept at an older version is found and stamped
        `version`, so that pruning keeps it: after a change that reaches every page, a
        page computed again with the same content is not rendered again."""
        return self._regions[parts[0]].get_or_make(
            (_frozen(parts), None), lambda: self._shared(parts, version, make, later,
                                                         any_version=True))

    def _shared(self, parts: Sequence[Any], version: int, make: Callable[[], V],
                later: list[Write] | None, any_version: bool = False) -> V:
        key = page_cache.key_of([[_frozen(p) for p in parts],
                                 None if any_version else version, code_fingerprint()])
        with self._db.read() as session:
            found = page_cache.get_row(session, key)
        writes: list[Write] = []
        if found is not None:
            if found[1] >= version:
                return found[0]  # type: ignore[no-any-return]
            writes.append(lambda session: page_cache.restamp(session, key, version))
            value = found[0]
        else:
            value = make()

            def keep(session: Session) -> None:
                # Pages of versions before the change that reached every page before the
                # newest can never be asked for again; newer ones may still be (each
                # entity page has its own version; a body by content at any).
                page_cache.put(session, key, version, value,
                               custody.previous_change_reaching_all(session))

            writes.append(keep)
        if later is not None:
            later.extend(writes)
        elif self._writer is not None:
            self._writer.append([], writes)
        else:
            with self._db.write() as session:
                for write in writes:
                    write(session)
        return value

    # Versions: the seq of the newest change that can alter a value.

    def change_version(self) -> int:
        """The newest change of any kind: a value that may show anything (the dashboard,
        every entity's names) is made again after it."""
        with self._db.read() as session:
            return custody.newest_change(session)

    def everything_version(self) -> int:
        """The newest change that may reach every computed page (a new source, an item
        reclassified, a change written before scopes were recorded)."""
        with self._db.read() as session:
            return custody.newest_change_reaching_all(session)

    def names_version(self, actions: Iterable[str]) -> int:
        """The newest change that reaches every page or is one of `actions` (about no
        item): a value made from every entity's names (the merge candidates' index)
        stays right until then, whatever else changes."""
        with self._db.read() as session:
            return max(custody.newest_change_reaching_all(session),
                       custody.newest_of_actions(session, actions))

    def entity_version(self, entity_ids: Iterable[int], everything: int) -> int:
        """The version of a page about these entities (an entity and those merged into
        it): it stays right until a change reaches one of them, or everything."""
        with self._db.read() as session:
            return max(everything, custody.newest_change_reaching(session, entity_ids))
