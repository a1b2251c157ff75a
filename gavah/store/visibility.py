"""May this reader see this object: the one rule, applied to everything derived.

An object (item, entity, source, event, victim list) is visible to a reader whose
clearance includes its classification. Anything derived from or linked to an object —
a merged entity's names, aliases and identifiers, the source a claim is tied to, the
events it supports, counts and totals, histories, error messages — is shown only when
the object itself is visible; otherwise it is treated exactly as if it did not exist
(docs/access.md). Callers pass the reader's levels (`Viewer.levels`); None means the
workspace itself (extraction, verification), which sees everything."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from gavah.core.levels import allowed
from gavah.store.claim_tables import Entity, Event, Source
from gavah.store.tables import Item

Levels = Sequence[str] | None


def may_see(classification: str | None, levels: Levels) -> bool:
    return levels is None or (classification is not None and classification in levels)


def _visible(session: Session, table: type[Entity] | type[Source] | type[Event],
             ids: Iterable[int | None], levels: Levels) -> set[int]:
    wanted = {int(i) for i in ids if i is not None}
    if not wanted:
        return set()
    query = select(table.id).where(table.id.in_(sorted(wanted)))
    if levels is not None:
        query = query.where(table.classification.in_(list(levels)))
    return set(session.scalars(query))


def visible_entities(session: Session, ids: Iterable[int | None], levels: Levels) -> set[int]:
    return _visible(session, Entity, ids, levels)


def visible_sources(session: Session, ids: Iterable[int | None], levels: Levels) -> set[int]:
    return _visible(session, Source, ids, levels)


def visible_events(session: Session, ids: Iterable[int | None], levels: Levels) -> set[int]:
    return _visible(session, Event, ids, levels)


def keep(ids: Sequence[int], visible: set[int]) -> list[int]:
    """`ids` in their order, without the hidden ones."""
    return [i for i in ids if i in visible]


def levels_of(session: Session, table: type[Entity] | type[Source] | type[Event] | type[Item],
              ids: Iterable[int]) -> dict[int, str]:
    """id -> classification of the rows that exist."""
    wanted = sorted({int(i) for i in ids if i is not None})
    if not wanted:
        return {}
    return {i: c for i, c in session.execute(
        select(table.id, table.classification).where(table.id.in_(wanted)))}


def may_link(target: str | None, holder: str) -> bool:
    """A link stored on an object (a claim's speaker, source or subject) may point only at
    objects every reader of the holder may see: never above the holder's classification."""
    return target is not None and allowed(target, holder)
