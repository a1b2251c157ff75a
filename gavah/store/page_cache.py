"""Computed pages shared by every process of a workspace: a web worker reads a page that
another one (or an earlier run) computed, instead of computing it again. Keyed by a hash
of everything that decides the page, including the workspace's change version; a page of
an older version can never be asked for again, so storing a newer one removes them."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from gavah.store.tables import PageCache


def key_of(parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def get(session: Session, key: str) -> Any | None:
    body = session.scalar(select(PageCache.body).where(PageCache.key == key))
    return None if body is None else json.loads(body)


def put(session: Session, key: str, version: int, value: Any) -> None:
    """Store the page (JSON), unless another process stored it first."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(delete(PageCache).where(PageCache.version < version))
    session.execute(insert(PageCache).values(
        key=key, version=version, body=json.dumps(value, ensure_ascii=False))
        .on_conflict_do_nothing(index_elements=[PageCache.key]))
