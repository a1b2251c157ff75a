"""Computed pages kept in memory (per process), keyed by everything that decides them.

Their version is the workspace's change version: the seq of its newest custody entry
that is not a read. Every change to evidence, claims, entities, events or sources is a
custody entry (design principle 1), so a page computed at one version stays right until
the version moves; reads (the entries every view writes) do not move it."""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from gavah.core.custody import entity_scope
from gavah.store import custody as custody_store
from gavah.store import page_cache
from gavah.store.workspace import Workspace

V = TypeVar("V")


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
        """The cached value, else make() it: once, however many readers ask for it at
        the same moment (they wait for the first; should it fail, each tries itself)."""
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
    """Names this version of gavah's code and templates. Pages kept in the workspace are
    keyed by it too: after an upgrade, a page computed or rendered by the old code is
    never served (the change version alone would not move)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".html", ".mo") and path.is_file():
            digest.update(str(path.relative_to(package)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def shared(ws: Workspace, parts: list[Any], version: int, make: Callable[[], Any]) -> Any:
    """A computed page (or a rendering of one) from the workspace's page cache, else
    make() it and store it there, for every process serving the workspace. `parts` and
    `version` name everything that decides it; values come back as JSON gives them."""
    key = page_cache.key_of([*parts, version, code_fingerprint()])
    with ws.db.read() as session:
        found = page_cache.get(session, key)
    if found is not None:
        return found
    value = make()
    with ws.db.write() as session:
        # Pages of versions before the newest change that reaches everything can never
        # be asked for again; newer ones may still be (each entity page has its own).
        page_cache.put(session, key, version, value, page_versions(ws).everything)
    return value


def workspace_key(ws: Workspace) -> tuple[str, str]:
    return ws.key


@dataclass(frozen=True)
class Versions:
    """What the custody log says about computed pages, up to seq `seen`.

    `changed` is the newest change of any kind: a page that may show anything (the
    dashboard) is computed again after it. `everything` is the newest change that may
    reach any page; after it, `scoped` holds the newest change that reaches each entity's
    page (a review of a claim reaches the pages of the entities it concerns: see
    gavah.core.custody.entity_scope). Published states are never changed: threads
    share them."""

    seen: int
    changed: int
    everything: int
    scoped: dict[int, int] = field(default_factory=dict)

    def of(self, entity_ids: Iterable[int]) -> int:
        """The version of a page about these entities (an entity and those merged into
        it): it stays right until a change reaches one of them, or everything."""
        return max([self.everything, *(self.scoped.get(i, 0) for i in entity_ids)])


WALK = 500  # changes read per step back along the log
# Steps at most: a process that starts after many changes that each reach a few pages
# (a bulk upload) treats the oldest change it read as one that reaches everything. Its
# versions are then newer than exact ones (pages computed again, never stale), and may
# differ from another process's until the next change that reaches everything.
MAX_WALKS = 20


def _advance(session: Any, known: Versions | None) -> Versions:
    """The versions now: from `known`, by walking back from the newest entry to the
    entries it has seen, or (sooner) to the newest change that reaches everything.
    Exact (within MAX_WALKS), so that every process serving the workspace agrees on
    every version and shares the pages it computes."""
    newest = custody_store.newest_seq(session)
    after = known.seen if known is not None else -1
    if newest <= after:
        return known  # type: ignore[return-value]  # newest <= after only when known
    scoped: dict[int, int] = {}
    changed = everything = None
    before = newest + 1
    for walk in range(MAX_WALKS):
        rows = custody_store.changes(session, after, before, WALK)
        for row in rows:
            seq = int(row.seq)
            changed = changed or seq
            scope = entity_scope(row.action, custody_store.details_of(row.details))
            if scope is None:
                everything = seq
                break
            for entity_id in scope:
                scoped.setdefault(entity_id, seq)  # newest first: keep the first
        if everything is not None or len(rows) < WALK:
            break
        before = int(rows[-1].seq)
        if walk == MAX_WALKS - 1:
            everything = before
    if everything is None and known is not None:  # nothing since `known` reached all
        if changed is None:
            return replace(known, seen=newest)
        everything, scoped = known.everything, known.scoped | scoped
    return Versions(seen=newest, changed=changed or (known.changed if known else 0),
                    everything=everything or 0, scoped=scoped)


class _Versions:
    """Per workspace, the newest Versions; each call reads only the custody entries
    written since the last one (one index range)."""

    def __init__(self) -> None:
        self._state: dict[tuple[str, str], Versions] = {}
        self._lock = threading.Lock()

    def current(self, ws: Workspace) -> Versions:
        key = workspace_key(ws)
        with self._lock:
            known = self._state.get(key)
        # Read after `known` was taken: this snapshot holds every entry it has seen.
        with ws.db.read() as session:
            now = _advance(session, known)
        with self._lock:
            # Threads may finish out of order: keep the furthest.
            kept = self._state.get(key)
            if kept is None or now.seen > kept.seen:
                self._state[key] = kept = now
            return kept


page_versions = _Versions().current


def change_version(ws: Workspace) -> int:
    """The seq of the workspace's newest change of any kind."""
    return page_versions(ws).changed
