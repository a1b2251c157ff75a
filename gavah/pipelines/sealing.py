"""Originals at confidential and above are kept encrypted at rest (sealed) in the blob
store: at ingest, when an item is reclassified up, and by a sweep of a workspace made
before sealing existed. The SHA-256 stays that of the plaintext, so verify and exports
are unchanged; readers get plaintext through the blob store. A blob shared by items at
several levels is sealed as soon as one of them is at confidential or above, and is
never unsealed: reclassifying down leaves it sealed."""

from __future__ import annotations

from collections.abc import Iterable

from gavah.core.errors import IntegrityError
from gavah.core.levels import LEVELS, SEAL_FROM, rank, seals
from gavah.store import classify
from gavah.store.workspace import Workspace

__all__ = ["SEALED_LEVELS", "SEAL_FROM", "reclassify", "seal_all", "seal_blobs", "seals"]
SEALED_LEVELS = LEVELS[rank(SEAL_FROM):]


def seal_blobs(ws: Workspace, actor: str, shas: Iterable[str], reason: str) -> list[str]:
    """Seal these blobs where they are not yet; one `blobs-sealed` entry lists those
    whose plaintext the store held until now. Each is durable sealed before its
    plaintext is removed."""
    todo = [sha for sha in sorted(set(shas)) if not ws.blobs.is_sealed(sha)]
    staged = []
    try:  # all staged, then made durable at once (one sync for many), then published
        for sha in todo:
            with ws.blobs.open(sha) as plain:
                staged.append(ws.blobs.stage(plain, seal=True))
            if staged[-1].sha256 != sha:
                raise IntegrityError(f"blob {sha} now hashes to {staged[-1].sha256}; run "
                                     "verify")
    except BaseException:
        ws.blobs.discard(staged)
        raise
    ws.blobs.commit(staged)
    # Each is sealed now: this removes the plaintext copies, and says where there was one.
    done = [sha for sha in sorted(set(shas)) if ws.blobs.seal(sha)]
    if done:
        with ws.db.write() as session:
            ws.custody.append(session, actor, "blobs-sealed", None,
                              {"sha256s": done, "reason": reason}, reaches=[])
    return done


def seal_all(ws: Workspace, actor: str) -> list[str]:
    """Seal the originals of every item at confidential and above (idempotent)."""
    with ws.db.read() as session:
        shas = classify.shas_at(session, SEALED_LEVELS)
    return seal_blobs(ws, actor, shas, "sweep")


def reclassify(ws: Workspace, actor: str, item_id: int, level: str, reason: str) -> bool:
    """Set an item's level; raised to confidential or above, its original is sealed
    first, so the entry states a fact. Returns whether the original is sealed."""
    rank(level)  # an unknown level is bad input
    with ws.db.read() as session:
        sha, before = classify.item_level(session, item_id)
    if seals(level):
        ws.blobs.seal(sha)
    sealed = ws.blobs.is_sealed(sha)
    with ws.db.write() as session:
        classify.set_level(session, item_id, level)
        ws.custody.append(session, actor, "reclassified", item_id,
                          {"from": before, "to": level, "reason": reason,
                           "sha256": sha, "sealed": sealed})
    return sealed
