"""The network around one entity: the people, organisations, places and events linked
to it through positions, events (as participant or place) and claims (named together
in a claim, or speaking about it). Only what the reader's clearance allows is shown;
merged entities count as the entity they were merged into."""

from __future__ import annotations

from collections import Counter
from typing import Any

from gavah.pipelines.access import Viewer
from gavah.store import claim_queries
from gavah.store import claims as claim_store
from gavah.store import entities as entity_store
from gavah.store import events as event_store
from gavah.store.claim_tables import Entity, Event
from gavah.store.db import Session
from gavah.store.workspace import Workspace

MAX_NODES = 40  # beyond this a small picture stops being readable; the rest are counted


class _Graph:
    def __init__(self, session: Session, viewer: Viewer, center: Entity) -> None:
        self.session = session
        self.viewer = viewer
        self.canonical = entity_store.canonical_map(session)
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str, str, str], dict[str, Any]] = {}
        key = self.entity(center.id)
        assert key is not None  # the caller found it at the reader's clearance
        self.center: str = key

    def entity(self, entity_id: int) -> str | None:
        """The node of an entity (its canonical one), or None when the reader may not
        see it."""
        target = self.canonical.get(entity_id, entity_id)
        if target != entity_id:  # a hidden member stands for nothing, not for its winner
            member = self.session.get(Entity, entity_id)
            if member is None or not self.viewer.may_see(member.classification):
                return None
        key = f"entity:{target}"
        if key not in self.nodes:
            row = self.session.get(Entity, target)
            if row is None or not self.viewer.may_see(row.classification):
                return None
            self.nodes[key] = {"key": key, "kind": row.type, "id": row.id,
                               "label": row.caption, "href": f"/entities/{row.id}"}
        return key

    def event(self, event: Event) -> str:
        key = f"event:{event.id}"
        self.nodes.setdefault(key, {"key": key, "kind": "event", "id": event.id,
                                    "label": event.title, "act_type": event.act_type,
                                    "date": event.date_start, "href": f"/events/{event.id}"})
        return key

    def link(self, a: str | None, b: str | None, kind: str, label: str | None = None,
             weight: int = 1) -> None:
        if a is None or b is None or a == b:
            return
        edge = self.edges.setdefault((a, b, kind, label or ""), {
            "source": a, "target": b, "kind": kind, "label": label, "weight": 0})
        edge["weight"] += weight


Counts = tuple[Counter[int], Counter[int]]  # entities named with it, speakers about it


def network(ws: Workspace, viewer: Viewer, ref: str,
            counts: Counts | None = None) -> dict[str, Any]:
    """`counts`: the entities named in the claims about it the reader may see and their
    speakers, counted, when the caller has them (gavah.pipelines.entity_summary)."""
    with ws.db.read() as session:
        center = entity_store.get(session, ref, viewer.levels)
        ids = entity_store.members(session, center.id, viewer.levels)
        graph = _Graph(session, viewer, center)
        _positions(graph, ids)
        _events(graph, ids)
        _claims(graph, ids, counts)
        return _result(graph)


def _positions(graph: _Graph, ids: list[int]) -> None:
    for p in entity_store.positions_of(graph.session, ids):
        graph.link(graph.entity(p.person_id), graph.entity(p.organization_id), "position",
                   p.role)


def _events(graph: _Graph, ids: list[int]) -> None:
    session = graph.session
    for event in event_store.find(session, graph.viewer.levels, involving=ids):
        node = graph.event(event)
        if event.place_id is not None:
            graph.link(node, graph.entity(event.place_id), "place", "place")
        for part in event_store.participants_of(session, event.id):
            role = part.role if part.side == "perpetrator" and part.role else part.side
            graph.link(graph.entity(part.entity_id), node, "participant", role)


def _claims(graph: _Graph, ids: list[int], counts: Counts | None) -> None:
    """Entities named in the same claims as this one, and speakers of claims about it
    (an entity may be named in thousands of claims: one pass over them, then the other
    entities of those claims from the claim_about index alone)."""
    session = graph.session
    together, speakers = counts or _counts(session, ids, graph.viewer.levels)
    for entity_id, n in _most(together):
        graph.link(graph.center, graph.entity(entity_id), "named-together", None, n)
    for speaker, n in _most(speakers):
        graph.link(graph.entity(speaker), graph.center, "speaks-about", None, n)
    for entity_id, n in claim_queries.spoken_about(session, ids, graph.viewer.levels,
                                                   MAX_NODES):
        graph.link(graph.center, graph.entity(entity_id), "speaks-about", None, n)


def _most(counted: Counter[int]) -> list[tuple[int, int]]:
    """The MAX_NODES most counted, ties by id (the same whichever order they came in)."""
    return sorted(counted.items(), key=lambda e: (-e[1], e[0]))[:MAX_NODES]


def _counts(session: Session, ids: list[int], levels: list[str] | None) -> Counts:
    involved = claim_store.involving(session, ids, levels)
    about_it = {c.id: c.speaker_entity_id for c in involved
                if c.about and c.status != "rejected"}
    # Every other entity named with it, from the claim_about index alone; only the
    # claims the reader may see (about_it) are counted.
    together = Counter(entity_id for claim_id, entity_id
                       in claim_queries.named_with(session, ids) if claim_id in about_it)
    speakers = Counter(s for s in about_it.values() if s is not None and s not in ids)
    return together, speakers


def _result(graph: _Graph) -> dict[str, Any]:
    degree: Counter[str] = Counter()
    for edge in graph.edges.values():
        degree[edge["source"]] += edge["weight"]
        degree[edge["target"]] += edge["weight"]
    center = graph.center
    ranked = sorted((k for k in graph.nodes if k != center),
                    key=lambda k: (-degree[k], graph.nodes[k]["kind"], graph.nodes[k]["label"]))
    kept = {center, *ranked[:MAX_NODES - 1]}
    return {
        "center": center,
        "nodes": [graph.nodes[k] for k in [center, *ranked] if k in kept],
        "edges": [e for e in graph.edges.values()
                  if e["source"] in kept and e["target"] in kept],
        "not_shown": max(0, len(ranked) - (MAX_NODES - 1)),
    }
