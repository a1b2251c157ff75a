"""Computed pages kept in memory (per process), keyed by everything that decides them.

Their version is the workspace's change version: the seq of its newest custody entry
that is not a read. Every change to evidence, claims, entities, events or sources is a
custody entry (design principle 1), so a page computed at one version stays right until
the version moves; reads (the entries every view writes) do not move it."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

from gavah.store import custody as custody_store
from gavah.store.workspace import Workspace

V = TypeVar("V")


class LRU(Generic[V]):
    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

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


def workspace_key(ws: Workspace) -> tuple[str, str]:
    return str(ws.home.resolve()), ws.db.safe_url


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
