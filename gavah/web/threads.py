"""Threads for blocking work. Page and API handlers that block run on anyio's default
thread pool. Many threads running Python at once mostly wait for each other (the GIL):
with 40 (anyio's default), a worker under 50 clients served fewer item pages per second
than with 8, and its slowest pages took longer. Uploads (hashing, extraction, OCR: seconds
to minutes each) get threads of their own, so they never hold the ones pages need."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread

T = TypeVar("T")
PAGE_THREADS = 8
UPLOAD_THREADS = 4
# A limiter belongs to one event loop (a test client may run several, one after another).
_upload_limiters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter] \
    = weakref.WeakKeyDictionary()


def configure() -> None:
    """Called in the app's lifespan, inside the event loop that serves it."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = PAGE_THREADS


async def run_upload(work: Callable[..., T], *args: object) -> T:
    loop = asyncio.get_running_loop()
    limiter = _upload_limiters.get(loop)
    if limiter is None:
        limiter = _upload_limiters[loop] = anyio.CapacityLimiter(UPLOAD_THREADS)
    return await anyio.to_thread.run_sync(work, *args, limiter=limiter)
