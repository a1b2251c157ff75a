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
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, Generic, TypeVar

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
        page_cache.put(session, key, version, value)
    return value


def workspace_key(ws: Workspace) -> tuple[str, str]:
    return ws.key


class _Versions:
    """Per workspace: (newest seq looked at, change version). Each call reads only the
    custody entries written since the last one, one index range."""

    def __init__(self) -> None:
        self._state: dict[tuple[str, str], tuple[int, int]] = {}
        self._lock = threading.Lock()

    def current(self, ws: Workspace) -> int:
        key = workspace_key(ws)
        with self._lock:
            seen = self._state.get(key, (None, 0))[0]
        # Read after `seen` was taken: this snapshot holds every entry up to it.
        with ws.db.read() as session:
            newest, changed = custody_store.last_change(session, seen)
        with self._lock:
            # Threads may finish out of order: keep the furthest of both.
            was_seen, version = self._state.get(key, (0, 0))
            version = max(version, changed or 0)
            self._state[key] = (max(was_seen, newest), version)
            return version


change_version = _Versions().current
