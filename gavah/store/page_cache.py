"""Computed pages shared by every process of a workspace: a web worker reads a page that
another one (or an earlier run) computed, instead of computing it again. Keyed by a hash
of everything that decides the page, including the workspace's change version (or a
digest of its content); a page of a version before the change that reached every page
before the newest can never be asked for again, so storing a page removes them (one
generation is kept, so that a page whose content the newest such change left as it was
is found by its content and stamped with the new version)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from gavah.store.tables import PageCache


def key_of(parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def get(session: Session, key: str) -> Any | None:
    found = get_row(session, key)
    return None if found is None else found[0]


def get_row(session: Session, key: str) -> tuple[Any, int] | None:
    """The page and the version it was kept at."""
    row = session.execute(select(PageCache.body, PageCache.version)
                          .where(PageCache.key == key)).first()
    return None if row is None else (json.loads(row[0]), int(row[1]))


def restamp(session: Session, key: str, version: int) -> None:
    """Keep the page as one of `version` (it was found right at it)."""
    session.execute(update(PageCache).where(PageCache.key == key, PageCache.version < version)
                    .values(version=version))


def put(session: Session, key: str, version: int, value: Any, prune_below: int) -> None:
    """Store the page (JSON), unless another process stored it first, and remove the
    pages older than `prune_below`, which can never be asked for again."""
    # The dialect's own INSERT, imported here: importing PostgreSQL's dialect costs a
    # SQLite workspace's commands tens of milliseconds at start-up.
    insert: Any
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    session.execute(delete(PageCache).where(PageCache.version < prune_below))
    session.execute(insert(PageCache).values(
        key=key, version=version, body=json.dumps(value, ensure_ascii=False))
        .on_conflict_do_nothing(index_elements=[PageCache.key]))
