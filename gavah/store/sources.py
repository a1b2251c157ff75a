"""Sources (originators) and their reliability grades."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gavah.core.custody import utc_now
from gavah.core.errors import BadInput, NotFound
from gavah.core.text import fold
from gavah.store.claim_tables import Source, SourceGrade


def source_key(name: str) -> str:
    """Lookup form of a source name as text writes it: folded, without a leading English
    article or a bracketed abbreviation, single spaces ("The Front (UF)" -> "front")."""
    key = re.sub(r"\([^)]*\)?|[()\[\]]", " ", fold(name))
    key = re.sub(r"^\s*the\s+", "", key)
    return re.sub(r"\s+", " ", key).strip(" .,:;'\"")


def find(session: Session, name: str) -> Source | None:
    return session.scalars(select(Source).where(Source.key == source_key(name))).first()


def get(session: Session, ref: str | int, levels: Sequence[str] | None = None) -> Source:
    source = None
    if isinstance(ref, int) or str(ref).isdecimal():
        source = session.get(Source, int(ref))
    if source is None:
        source = find(session, str(ref))
    if source is None or (levels is not None and source.classification not in levels):
        raise NotFound(f"no source {ref!r}")
    return source


def add(session: Session, name: str, type_: str, affiliation: str, aligned_with: str | None,
        description: str | None, classification: str, actor: str) -> Source:
    name = name.strip()
    if not name:
        raise BadInput("a source needs a name")
    if find(session, name) is not None:
        raise BadInput(f"source {name!r} exists already")
    source = Source(name=name, key=source_key(name), type=type_, affiliation=affiliation,
                    aligned_with=aligned_with, description=description,
                    classification=classification, created_at=utc_now(), created_by=actor)
    session.add(source)
    session.flush()
    return source


def add_grade(session: Session, source: Source, grade: str, reason: str,
              grader: str) -> SourceGrade:
    row = SourceGrade(source_id=source.id, grade=grade, reason=reason, grader=grader,
                      graded_at=utc_now())
    session.add(row)
    session.flush()
    return row


def grades(session: Session, source_ids: Sequence[int]) -> dict[int, list[SourceGrade]]:
    """Grade history per source, newest first."""
    out: dict[int, list[SourceGrade]] = {i: [] for i in source_ids}
    rows = session.scalars(select(SourceGrade).where(SourceGrade.source_id.in_(source_ids))
                           .order_by(SourceGrade.graded_at.desc(), SourceGrade.id.desc()))
    for row in rows:
        out[row.source_id].append(row)
    return out


def all_sources(session: Session, levels: Sequence[str] | None = None) -> list[Source]:
    query = select(Source).order_by(Source.name)
    if levels is not None:
        query = query.where(Source.classification.in_(levels))
    return list(session.scalars(query))


def shown(session: Session, ids: Iterable[int], levels: Sequence[str] | None) -> list[Source]:
    """The sources `ids` that the reader may see."""
    query = select(Source).where(Source.id.in_(set(ids)))
    if levels is not None:
        query = query.where(Source.classification.in_(levels))
    return list(session.scalars(query))


def to_dict(source: Source, history: list[SourceGrade]) -> dict[str, Any]:
    current = history[0] if history else None
    return {
        "id": source.id, "name": source.name, "type": source.type,
        "affiliation": source.affiliation, "aligned_with": source.aligned_with,
        "description": source.description, "classification": source.classification,
        "grade": current.grade if current else None,
        "grade_reason": current.reason if current else None,
        "grades": [{"grade": g.grade, "reason": g.reason, "grader": g.grader,
                    "graded_at": g.graded_at} for g in history],
        "created_at": source.created_at, "created_by": source.created_by,
    }
