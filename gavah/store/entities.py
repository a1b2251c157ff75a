"""Entities: Person, Organization, Place, with names in any script, identifiers, and
merge/split judgements from which each entity's canonical id is derived."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gavah.core.custody import utc_now
from gavah.core.errors import BadInput, NotFound
from gavah.core.names import is_script, name_key
from gavah.core.text import fold
from gavah.store.claim_tables import (
    Entity,
    EntityIdentifier,
    EntityJudgement,
    EntityName,
    Position,
)
from gavah.store.visibility import keep, may_see, visible_entities


def _script(name: str) -> str:
    return "arabic" if is_script(name) else "latin" if any(c.isascii() and c.isalpha()
                                                          for c in name) else "other"


def add(session: Session, type_: str, name: str, aliases: Sequence[str],
        identifiers: Sequence[tuple[str, str]], latitude: float | None,
        longitude: float | None, properties: dict[str, Any], classification: str,
        actor: str) -> Entity:
    name = name.strip()
    if not name:
        raise BadInput("an entity needs a name")
    entity = Entity(type=type_, caption=name, latitude=latitude, longitude=longitude,
                    properties=json.dumps(properties, ensure_ascii=False, sort_keys=True),
                    classification=classification, created_at=utc_now(), created_by=actor)
    session.add(entity)
    session.flush()
    add_names(session, entity.id, [name], "name")
    add_names(session, entity.id, aliases, "alias")
    for scheme, value in identifiers:
        session.add(EntityIdentifier(entity_id=entity.id, scheme=scheme, value=value.strip()))
    return entity


def add_names(session: Session, entity_id: int, names: Iterable[str], kind: str) -> None:
    existing = {fold(n.name) for n in session.scalars(
        select(EntityName).where(EntityName.entity_id == entity_id))}
    for name in names:
        name = name.strip()
        if name and fold(name) not in existing:
            existing.add(fold(name))
            session.add(EntityName(entity_id=entity_id, name=name, kind=kind,
                                   script=_script(name), key=name_key(name)[:255]))


_CANONICAL = "gavah_canonical_map"


def canonical_map(session: Session) -> dict[int, int]:
    """entity id -> canonical id, for merged entities only (not to be changed: it is kept
    for the session's life, as one page asks for it several times; judge() forgets it)."""
    found = session.info.get(_CANONICAL)
    if found is None:
        found = session.info[_CANONICAL] = _canonical_map(session)
    return found  # type: ignore[no-any-return]


def _canonical_map(session: Session) -> dict[int, int]:
    """Judgements are replayed in order: a merge points the loser at the winner, a later
    split of the pair undoes it."""
    parent: dict[int, int] = {}
    for judgement in session.scalars(select(EntityJudgement).order_by(EntityJudgement.id)):
        if judgement.action == "merge":
            parent[judgement.loser_id] = judgement.winner_id
        elif parent.get(judgement.loser_id) == judgement.winner_id:
            del parent[judgement.loser_id]
    resolved = {}
    for start in parent:
        node, seen = start, {start}
        while node in parent and parent[node] not in seen:
            node = parent[node]
            seen.add(node)
        resolved[start] = node
    return resolved


def members(session: Session, entity_id: int, levels: Sequence[str] | None = None) -> list[int]:
    """The entity and every entity merged into it that the reader (`levels`) may see: a
    hidden entity merged into a visible one lends it no names, identifiers or claims."""
    mapping = canonical_map(session)
    merged = sorted(k for k, v in mapping.items() if v == entity_id)
    if levels is not None:
        merged = keep(merged, visible_entities(session, merged, levels))
    return [entity_id, *merged]


def canonical(session: Session, entity_id: int) -> int:
    return canonical_map(session).get(entity_id, entity_id)


def get(session: Session, ref: str | int, levels: Sequence[str] | None = None,
        follow: bool = True) -> Entity:
    """An entity by id or by one of its names (any script, folded); a merged entity
    resolves to the one it was merged into unless follow is False."""
    entity = None
    if isinstance(ref, int) or str(ref).isdecimal():
        entity = session.get(Entity, int(ref))
        if entity is not None and not may_see(entity.classification, levels):
            entity = None  # a hidden entity merged into a visible one: not found either
    else:
        folded = fold(str(ref).strip())
        rows = session.scalars(select(EntityName).where(EntityName.key == name_key(str(ref))))
        ids = sorted({r.entity_id for r in rows if fold(r.name) == folded})
        if levels is not None:  # a hidden entity's names neither resolve nor count
            ids = keep(ids, visible_entities(session, ids, levels))
        if follow:
            mapping = canonical_map(session)
            ids = sorted({mapping.get(i, i) for i in ids})
            if levels is not None:
                ids = keep(ids, visible_entities(session, ids, levels))
        if len(ids) > 1:
            raise BadInput(f"{ref!r} names {len(ids)} entities ({', '.join(map(str, ids))}); "
                           "give the id")
        entity = session.get(Entity, ids[0]) if ids else None
    if entity is not None and follow:
        target = canonical(session, entity.id)
        if target != entity.id:
            entity = session.get(Entity, target)
    if entity is None or (levels is not None and entity.classification not in levels):
        raise NotFound(f"no entity {ref!r}")
    return entity


def names_of(session: Session, ids: Sequence[int]) -> dict[int, list[EntityName]]:
    out: dict[int, list[EntityName]] = defaultdict(list)
    for row in session.scalars(select(EntityName).where(EntityName.entity_id.in_(ids))
                               .order_by(EntityName.id)):
        out[row.entity_id].append(row)
    return out


def identifiers_of(session: Session, ids: Sequence[int]) -> dict[int, list[EntityIdentifier]]:
    out: dict[int, list[EntityIdentifier]] = defaultdict(list)
    for row in session.scalars(select(EntityIdentifier)
                               .where(EntityIdentifier.entity_id.in_(ids))):
        out[row.entity_id].append(row)
    return out


def all_entities(session: Session, levels: Sequence[str] | None = None,
                 type_: str | None = None, include_merged: bool = False) -> list[Entity]:
    query = select(Entity).order_by(Entity.id)
    if levels is not None:
        query = query.where(Entity.classification.in_(levels))
    if type_:
        query = query.where(Entity.type == type_)
    rows = list(session.scalars(query))
    if include_merged:
        return rows
    merged = canonical_map(session)
    return [e for e in rows if e.id not in merged]


def shown(session: Session, ids: Iterable[int], levels: Sequence[str] | None) -> list[Entity]:
    """The entities `ids` that the reader may see (merged ones too: no redirection)."""
    query = select(Entity).where(Entity.id.in_(set(ids)))
    if levels is not None:
        query = query.where(Entity.classification.in_(levels))
    return list(session.scalars(query))


def gazetteer_rows(session: Session) -> list[tuple[str, list[str], str]]:
    """(canonical id, every name and alias including those of merged entities, type)."""
    mapping = canonical_map(session)
    types = dict(session.execute(select(Entity.id, Entity.type)).all())
    names: dict[int, list[str]] = defaultdict(list)
    for row in session.scalars(select(EntityName).order_by(EntityName.id)):
        names[mapping.get(row.entity_id, row.entity_id)].append(row.name)
    return [(str(i), n, types[i]) for i, n in sorted(names.items())]


def positions_of(session: Session, ids: Sequence[int]) -> list[Position]:
    return list(session.scalars(
        select(Position).where(Position.person_id.in_(ids) | Position.organization_id.in_(ids))
        .order_by(Position.start, Position.id)))


def to_dict(entity: Entity, names: list[EntityName], identifiers: list[EntityIdentifier],
            merged: Sequence[int] = ()) -> dict[str, Any]:
    return {
        "id": entity.id, "type": entity.type, "caption": entity.caption,
        "names": [{"name": n.name, "kind": n.kind, "script": n.script,
                   "entity_id": n.entity_id} for n in names],
        "identifiers": [{"scheme": i.scheme, "value": i.value} for i in identifiers],
        "latitude": entity.latitude, "longitude": entity.longitude,
        "properties": json.loads(entity.properties or "{}"),
        "classification": entity.classification, "merged": list(merged),
        "created_at": entity.created_at, "created_by": entity.created_by,
    }


def judgements_of(session: Session, ids: Sequence[int]) -> list[EntityJudgement]:
    """The merges and splits that name any of `ids`, oldest first."""
    return list(session.scalars(select(EntityJudgement).where(
        EntityJudgement.winner_id.in_(ids) | EntityJudgement.loser_id.in_(ids))
        .order_by(EntityJudgement.id)))


def last_judgement(session: Session, loser_id: int) -> EntityJudgement | None:
    """The newest merge or split of `loser_id` into another entity."""
    return session.scalars(select(EntityJudgement).where(
        EntityJudgement.loser_id == loser_id).order_by(EntityJudgement.id.desc())).first()


def judge(session: Session, action: str, winner_id: int, loser_id: int, reason: str | None,
          actor: str) -> None:
    """Append a merge or split: judgements are never changed or deleted."""
    session.info.pop(_CANONICAL, None)
    session.add(EntityJudgement(action=action, winner_id=winner_id, loser_id=loser_id,
                                reason=reason, decided_by=actor, decided_at=utc_now()))


def all_names(session: Session) -> list[tuple[int, str]]:
    """(entity id, name) of every name of every entity, in the order they were added."""
    return [(int(i), str(n)) for i, n in session.execute(
        select(EntityName.entity_id, EntityName.name).order_by(EntityName.id))]
