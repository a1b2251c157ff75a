"""The in-process page cache: a value wanted by many threads at once is made once."""

from __future__ import annotations

import threading
import time

import pytest

from gavah.store.cache import LRU


def test_many_readers_at_once_make_it_once() -> None:
    cache: LRU[int] = LRU(4)
    made = []

    def make() -> int:
        made.append(1)
        time.sleep(0.2)  # long enough for every reader to arrive meanwhile
        return 42

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get_or_make("k", make)))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [42] * 8 and len(made) == 1
    assert cache.get_or_make("k", make) == 42 and len(made) == 1


def test_a_failure_is_not_kept_and_waiters_try_themselves() -> None:
    cache: LRU[int] = LRU(4)
    calls = []
    started = threading.Event()

    def fail() -> int:
        calls.append("fail")
        started.set()
        time.sleep(0.2)
        raise RuntimeError("database gone")

    def succeed() -> int:
        calls.append("ok")
        return 7

    errors: list[BaseException] = []

    def first() -> None:
        try:
            cache.get_or_make("k", fail)
        except RuntimeError as exc:
            errors.append(exc)

    thread = threading.Thread(target=first)
    thread.start()
    started.wait(5)
    assert cache.get_or_make("k", succeed) == 7  # waited for the failure, then made it
    thread.join()
    assert len(errors) == 1 and calls == ["fail", "ok"]
    assert cache.get("k") == 7


def test_least_recently_used_goes_first() -> None:
    cache: LRU[str] = LRU(2)
    cache.put("a", "A")
    cache.put("b", "B")
    assert cache.get("a") == "A"
    cache.put("c", "C")
    assert cache.get("b") is None and cache.get("a") == "A" and cache.get("c") == "C"
    with pytest.raises(KeyError):
        cache.get_or_make("d", lambda: {}["missing"])
    assert cache.get("d") is None
