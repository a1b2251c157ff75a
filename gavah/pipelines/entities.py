"""Entities: people, organisations and places named in the evidence; merges and splits
that keep history and can be undone; positions; name-variant candidates."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gavah.core.custody import utc_now
from gavah.core.dates import read_date
from gavah.core.errors import BadInput
from gavah.core.levels import LEVELS
from gavah.core.names import name_key, name_similarity, token_key
from gavah.core.vocabulary import check
from gavah.pipelines.access import Viewer
from gavah.store import entities as entity_store
from gavah.store import entity_reach
from gavah.store.claim_tables import Position
from gavah.store.visibility import visible_entities
from gavah.store.workspace import Workspace

CANDIDATE_THRESHOLD = 0.85
# A name key shared by this many entities is too common to compare them on.
MAX_BLOCK = 200
# Changes that alter the names the merge candidates compare (whose names count as whose,
# for a merge or a split) without reaching every page.
NAME_ACTIONS = ("entity-added", "entity-edited", "entities-merged", "entities-split")


def add(ws: Workspace, viewer: Viewer, type_: str, name: str, aliases: Sequence[str] = (),
        identifiers: Sequence[tuple[str, str]] = (), latitude: float | None = None,
        longitude: float | None = None, classification: str = "public",
        properties: dict[str, Any] | None = None) -> dict[str, Any]:
    check("entity_types", type_, "type")
    if classification not in LEVELS:
        raise BadInput(f"classification: {classification!r} is not one of {', '.join(LEVELS)}")
    if (latitude is None) != (longitude is None):
        raise BadInput("give both latitude and longitude, or neither", field="latitude")
    if latitude is not None and not (-90 <= latitude <= 90 and -180 <= (longitude or 0) <= 180):
        raise BadInput("coordinates out of range")
    with ws.db.write() as session:
        entity = entity_store.add(session, type_, name, aliases, identifiers, latitude,
                                  longitude, properties or {}, classification, viewer.actor)
        ws.custody.append(session, viewer.actor, "entity-added", None, {
            "entity": entity.id, "type": type_, "name": name, "aliases": list(aliases),
            "identifiers": [list(i) for i in identifiers]},
            reaches=_reached_by_names(ws, entity.id, entity.id, type_, [name, *aliases]))
        entity_id = entity.id
    return show(ws, viewer, str(entity_id))


def add_names(ws: Workspace, viewer: Viewer, ref: str, aliases: Sequence[str]) -> dict[str, Any]:
    with ws.db.write() as session:
        entity = entity_store.get(session, ref, viewer.levels)
        entity_store.add_names(session, entity.id, aliases, "alias")
        ws.custody.append(session, viewer.actor, "entity-edited", None,
                          {"entity": entity.id, "aliases_added": list(aliases)},
                          # (get follows merges: names go to the entity shown)
                          reaches=_reached_by_names(ws, entity.id, entity.id, entity.type,
                                                    aliases))
        entity_id = entity.id
    return show(ws, viewer, str(entity_id))


def show(ws: Workspace, viewer: Viewer, ref: str) -> dict[str, Any]:
    with ws.db.read() as session:
        entity = entity_store.get(session, ref, viewer.levels)
        ids = entity_store.members(session, entity.id, viewer.levels)
        names = entity_store.names_of(session, ids)
        identifiers = entity_store.identifiers_of(session, ids)
        out = entity_store.to_dict(entity, [n for i in ids for n in names[i]],
                                   [x for i in ids for x in identifiers[i]], ids[1:])
        out["positions"] = [position_dict(session, p)
                            for p in entity_store.positions_of(session, ids)
                            if _both_visible(session, p, viewer)]
        out["judgements"] = [
            {"id": j.id, "action": j.action, "winner": j.winner_id, "loser": j.loser_id,
             "reason": j.reason, "by": j.decided_by, "at": j.decided_at}
            for j in entity_store.judgements_of(session, ids)
            if not {j.winner_id, j.loser_id} - visible_entities(
                session, [j.winner_id, j.loser_id], viewer.levels)]
        return out


def _both_visible(session: Any, p: Position, viewer: Viewer) -> bool:
    """A position names its person and its organisation: shown only when the reader may
    see both."""
    return all(viewer.may_see(entity_store.get(session, i, follow=False).classification)
               for i in (p.person_id, p.organization_id))


def position_dict(session: Any, p: Position) -> dict[str, Any]:
    person = entity_store.get(session, p.person_id, follow=False)
    org = entity_store.get(session, p.organization_id, follow=False)
    return {"id": p.id, "person_id": p.person_id, "person": person.caption,
            "organization_id": p.organization_id, "organization": org.caption,
            "role": p.role, "start": p.start, "end": p.end,
            "start_precision": p.start_precision, "end_precision": p.end_precision,
            "evidence": json.loads(p.evidence)}


def list_entities(ws: Workspace, viewer: Viewer, type_: str | None = None) -> list[dict[str, Any]]:
    with ws.db.read() as session:
        rows = entity_store.all_entities(session, viewer.levels, type_)
        mapping = entity_store.canonical_map(session)
        shown = visible_entities(session, mapping, viewer.levels)
        merged: dict[int, list[int]] = {}
        for loser, winner in mapping.items():
            if loser in shown:
                merged.setdefault(winner, []).append(loser)
        ids = [e.id for e in rows] + [i for e in rows for i in merged.get(e.id, [])]
        names = entity_store.names_of(session, ids)
        identifiers = entity_store.identifiers_of(session, ids)
        out = []
        for e in rows:
            group = [e.id, *sorted(merged.get(e.id, []))]
            out.append(entity_store.to_dict(e, [n for i in group for n in names[i]],
                                            [x for i in group for x in identifiers[i]],
                                            group[1:]))
        return out


def merge(ws: Workspace, viewer: Viewer, winner_ref: str, loser_ref: str,
          reason: str | None = None) -> dict[str, Any]:
    """Record that two entities are one. Nothing is deleted: the judgement can be undone."""
    with ws.db.write() as session:
        winner = entity_store.get(session, winner_ref, viewer.levels)
        loser = entity_store.get(session, loser_ref, viewer.levels)
        if winner.id == loser.id:
            raise BadInput(f"{winner_ref!r} and {loser_ref!r} are already the same entity")
        if winner.type != loser.type:
            raise BadInput(f"cannot merge a {loser.type} into a {winner.type}")
        # Read before the judgement: the loser and those merged into it stand apart.
        reaches = _reached_by_judgement(ws, session, winner.id, loser.id, winner.type)
        entity_store.judge(session, "merge", winner.id, loser.id, reason, viewer.actor)
        ws.custody.append(session, viewer.actor, "entities-merged", None, {
            "winner": winner.id, "loser": loser.id, "reason": reason}, reaches=reaches)
        winner_id = winner.id
    return show(ws, viewer, str(winner_id))


def split(ws: Workspace, viewer: Viewer, winner_ref: str, loser_ref: str,
          reason: str | None = None) -> dict[str, Any]:
    """Undo a merge: the merged entity stands on its own again (history kept)."""
    with ws.db.write() as session:
        winner = entity_store.get(session, winner_ref, viewer.levels)
        loser = entity_store.get(session, loser_ref, viewer.levels, follow=False)
        mapping = entity_store.canonical_map(session)
        direct = entity_store.last_judgement(session, loser.id)
        if mapping.get(loser.id) != winner.id or direct is None or direct.action != "merge":
            raise BadInput(f"entity {loser.id} is not merged into {winner.id}")
        entity_store.judge(session, "split", direct.winner_id, loser.id, reason, viewer.actor)
        session.flush()  # read after the judgement: the loser and its own stand apart
        reaches = _reached_by_judgement(ws, session, winner.id, loser.id, loser.type)
        ws.custody.append(session, viewer.actor, "entities-split", None, {
            "winner": direct.winner_id, "loser": loser.id, "reason": reason}, reaches=reaches)
        loser_id = loser.id
    return show(ws, viewer, str(loser_id))


def add_position(ws: Workspace, viewer: Viewer, person_ref: str, org_ref: str, role: str,
                 start: str | None = None, end: str | None = None,
                 evidence: Sequence[str] = ()) -> dict[str, Any]:
    with ws.db.write() as session:
        person = entity_store.get(session, person_ref, viewer.levels)
        org = entity_store.get(session, org_ref, viewer.levels)
        if person.type != "Person" or org.type != "Organization":
            raise BadInput("a position links a Person to an Organization")
        begin, finish = read_date(start, "start"), read_date(end, "end")
        position = Position(
            person_id=person.id, organization_id=org.id, role=role.strip(),
            start=begin.iso_start if begin else None, end=finish.iso_end if finish else None,
            start_precision=begin.precision if begin else None,
            end_precision=finish.precision if finish else None,
            evidence=json.dumps(list(evidence)), created_at=utc_now(), created_by=viewer.actor)
        session.add(position)
        session.flush()
        ws.custody.append(session, viewer.actor, "position-added", None, {
            "position": position.id, "person": person.id, "organization": org.id,
            "role": role, "start": position.start, "end": position.end,
            "evidence": list(evidence)})
        return position_dict(session, position)


@dataclass(frozen=True)
class _Names:
    entities: dict[int, tuple[str, str]]  # id -> (type, caption), those the reader may see
    names: dict[int, list[str]]  # every name of each, merged entities' included
    blocks: dict[str, set[int]]  # (transliteration-aware) name key -> entities


def _names(ws: Workspace, viewer: Viewer) -> _Names:
    """The names of every entity the reader may see, blocked on their keys: built once
    per clearance and names version (the newest change that may alter an entity's names,
    which entity, or whose names count as whose)."""
    return ws.cache.get(["entity-names", viewer.levels], ws.cache.names_version(NAME_ACTIONS),
                        lambda: _make_names(ws, viewer))


def _keys(name: str) -> list[str]:
    """The keys a name is blocked on."""
    # the whole name's key too: Pour-Mohammadi and Pourmohammadi share no token
    keys = [name_key(name)] + [token_key(t) for t in name.replace("-", " ").split()]
    return [k for k in keys if len(k) >= 2]


def _reached_by_names(ws: Workspace, entity_id: int, owner: int, type_: str,
                      added: Sequence[str]) -> list[int] | None:
    """The entities whose pages names added to `entity_id` (shown as names of `owner`,
    the entity it is merged into, or itself) can alter: the two, and those whose merge
    candidates may now list `owner` (those of its type sharing a key with it after the
    change, with a name as similar to one of its names as a candidate's must be, which
    includes every candidate it had). Called inside the
    write, whose lock keeps the names read here (committed ones) current. None (every
    page) when an added key joins a block that may become too common to compare on at
    some clearance: that removes candidates from pages that are no variants of it.

    A superset at every clearance: all names of every clearance are compared, and every
    block whatever its size (a lower clearance sees fewer entities in a block, so it
    may compare one that is too common at a higher clearance)."""
    known = _names(ws, Viewer("system:names"))  # every clearance
    names = [*known.names.get(owner, []), *added]
    reached = {entity_id, owner}
    # Its older names too: a key shared only now pairs them with the other's names.
    return sorted(reached) if _add_similar(known, names, type_, reached, owner) else None


def _reached_by_judgement(ws: Workspace, session: Any, owner: int, mover: int,
                          type_: str) -> list[int] | None:
    """The entities whose pages a merge of `mover` into `owner` (or its split) can alter,
    read while `mover` stands apart (before the merge, after the split): every entity
    that resolves to either (their pages, and the ids their pages are asked for by), the
    pages whose network shows one of them (gavah.store.entity_reach), and the pages
    whose merge candidates may change. The candidates change only through the names that
    move between the two (the mover's and those merged into it): the pages of entities
    of its type with a name as similar to one of them as a candidate's must be. None
    (every page) when a key of those names is shared by so many entities that a block
    may pass the size compared on at some clearance (a merge or split moves one entity
    into or out of a block).

    Called inside the write, whose lock keeps what is read here current."""
    mapping = entity_store.canonical_map(session)
    cluster = {owner, mover} | {e for e, c in mapping.items() if c in (owner, mover)}
    moved = sorted({mover} | {e for e, c in mapping.items() if c == mover})
    shown_on = entity_reach.pages_showing(session, cluster)
    reached = cluster | shown_on | {mapping.get(e, e) for e in shown_on}
    names = [n.name for rows in entity_store.names_of(session, moved).values() for n in rows]
    known = _names(ws, Viewer("system:names"))  # every clearance
    return sorted(reached) if _add_similar(known, names, type_, reached) else None


def _add_similar(known: _Names, names: list[str], type_: str, reached: set[int],
                 member: int | None = None) -> bool:
    """Add to `reached` the entities of `type_` with a name as similar to one of `names` as
    a merge candidate's must be, found in the blocks of the names' keys. False when a
    block (one `member` is not in already) may pass the size compared on at some
    clearance: then every page may change."""
    for key in {k for name in names for k in _keys(name)}:
        block = known.blocks.get(key, set())
        if member not in block and len(block) + 1 >= MAX_BLOCK:
            return False
        for other in block - reached:
            if known.entities[other][0] == type_ and any(
                    name_similarity(x, y) >= CANDIDATE_THRESHOLD
                    for x in names for y in known.names[other]):
                reached.add(other)
    return True


def _make_names(ws: Workspace, viewer: Viewer) -> _Names:
    with ws.db.read() as session:
        entities = {e.id: (e.type, e.caption)
                    for e in entity_store.all_entities(session, viewer.levels)}
        mapping = entity_store.canonical_map(session)
        shown = visible_entities(session, mapping, viewer.levels)
        names: dict[int, list[str]] = {}
        for entity_id, name in entity_store.all_names(session):
            owner = mapping.get(entity_id, entity_id)
            if owner in entities and (entity_id == owner or entity_id in shown):
                names.setdefault(owner, []).append(name)
    # Block on token keys: only names sharing a (transliteration-aware) token are compared.
    blocks: dict[str, set[int]] = {}
    for owner, owner_names in names.items():
        for name in owner_names:
            for block in _keys(name):
                blocks.setdefault(block, set()).add(owner)
    return _Names(entities, names, blocks)


def candidates(ws: Workspace, viewer: Viewer, threshold: float = CANDIDATE_THRESHOLD,
               entity_id: int | None = None) -> list[dict[str, Any]]:
    """Pairs of distinct entities of one type whose names look like spelling or script
    variants of each other (only pairs with `entity_id`, when given: an entity page
    must not compare every pair in the workspace). Suggestions only: nothing is merged."""
    known = _names(ws, viewer)
    entities, names = known.entities, known.names
    blocks = known.blocks.values() if entity_id is None else \
        [b for b in known.blocks.values() if entity_id in b]
    pairs = {(a, b) for block in blocks if len(block) < MAX_BLOCK
             for a in block for b in block if a < b and entities[a][0] == entities[b][0]
             and (entity_id is None or entity_id in (a, b))}
    best: dict[tuple[int, int], tuple[float, str, str]] = {}
    for a, b in pairs:
        for x in names[a]:
            for y in names[b]:
                score = name_similarity(x, y)
                if score >= threshold and score > best.get((a, b), (0.0, "", ""))[0]:
                    best[(a, b)] = (score, x, y)
    return [{"a": a, "b": b, "a_name": entities[a][1], "b_name": entities[b][1],
             "score": round(score, 3), "matched": [x, y]}
            for (a, b), (score, x, y) in sorted(best.items(), key=lambda kv: -kv[1][0])]


