"""The costly part of checking a custody chain, done ahead on threads: each entry's hash
recomputed and its Ed25519 signature verified (cryptography releases the GIL while it
verifies, so threads use every core), while check_chain walks the links in order.

Which key must verify an entry depends on the rotations before it. Those are rare, so
the reader predicts the key as check_chain will hold it (the same conditions, in the
same order) and starts a new chunk after every rotation; check_chain uses a result only
when it was computed with the key it holds itself, and checks the entry itself otherwise."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gavah.core.custody import (
    KEY_ROTATED,
    Entry,
    handover,
    key_id,
    signature_ok,
    vouched_later,
)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

CHUNK = 256  # entries per task: few tasks, yet both threads busy from the first ones
AHEAD = 8  # chunks in flight: bounded memory on a chain of millions of entries


@dataclass(frozen=True)
class Sealed:
    """What an entry hashes to, and whether its signature verifies with key `key_id`
    (False when the hash differs: check_chain then reports the hash, not the signature;
    False for an unsigned entry, which check_chain does not ask about)."""

    key_id: str
    computed_hash: str
    signature_ok: bool


def _check(entries: list[Entry], public_key: Ed25519PublicKey, kid: str) -> list[Sealed]:
    out = []
    for entry in entries:
        actual = entry.stored_hash()
        out.append(Sealed(kid, actual, actual == entry.entry_hash
                          and not vouched_later(entry) and signature_ok(public_key, entry)))
    return out


def _next_key(entry: Entry, public_key: Ed25519PublicKey) -> Ed25519PublicKey:
    """The key after `entry`, as check_chain decides it."""
    if entry.action != KEY_ROTATED or entry.stored_hash() != entry.entry_hash \
            or not signature_ok(public_key, entry):
        return public_key
    return handover(entry) or public_key


def checked_ahead(entries: Iterable[Entry], public_key: Ed25519PublicKey, workers: int
                  ) -> Iterator[tuple[Entry, Sealed]]:
    """`entries` in their order, each with its hash and signature checked on `workers`
    threads (with the key the chain should hold there)."""
    pending: deque[tuple[list[Entry], Future[list[Sealed]]]] = deque()
    with ThreadPoolExecutor(workers) as pool:
        kid = key_id(public_key)
        chunk: list[Entry] = []

        def submit() -> None:
            pending.append((chunk, pool.submit(_check, chunk, public_key, kid)))

        for entry in entries:
            chunk.append(entry)
            if entry.action == KEY_ROTATED or len(chunk) >= CHUNK:
                submit()
                chunk = []
                if entry.action == KEY_ROTATED:
                    new = _next_key(entry, public_key)
                    if new is not public_key:
                        public_key, kid = new, key_id(new)
                while len(pending) > AHEAD:
                    done, future = pending.popleft()
                    yield from zip(done, future.result(), strict=True)
        if chunk:
            submit()
        while pending:
            done, future = pending.popleft()
            yield from zip(done, future.result(), strict=True)
