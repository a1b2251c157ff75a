"""Corroboration: which claims support or contradict a claim or event, and how many
independent originators stand behind each side. The same speaker quoted or republished
by several publishers is one originator; originators aligned with the same party are
grouped as not independent of each other. Contradicting figures are listed side by
side with who asserts each, never averaged."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from gavah.core.figures import compatible, describe, interval, same_count
from gavah.core.names import name_key
from gavah.core.text import fold
from gavah.pipelines.access import Viewer
from gavah.store import claims as claim_store
from gavah.store import entities as entity_store
from gavah.store import events as event_store
from gavah.store import sources as source_store
from gavah.store.claim_rows import AnyClaim
from gavah.store.claim_tables import Claim, Event, Source
from gavah.store.db import Session
from gavah.store.visibility import visible_entities, visible_events


def _figure(claim: Claim) -> dict[str, Any] | None:
    return json.loads(claim.figure) if claim.figure else None


class Originators:
    """Who originates each claim: its speaker (source, entity or name), else its publisher."""

    def __init__(self, session: Session, levels: Sequence[str] | None = None) -> None:
        self.session = session
        self.levels = levels
        # Only sources and entities the reader may see (None: everything): a claim tied to
        # a hidden one is attributed by the name its text gives, as if the tie did not
        # exist.
        self.sources = {s.id: s for s in source_store.all_sources(session, levels)}
        self.canonical = entity_store.canonical_map(session)
        self.by_entity = {s.entity_id: s for s in self.sources.values() if s.entity_id}
        self._entities: dict[int, int | None] = {}
        self._found: dict[str, Source | None] = {}
        self._keys: dict[str, str] = {}

    def _entity(self, entity_id: int) -> int | None:
        if entity_id not in self._entities:
            target = self.canonical.get(entity_id, entity_id)
            shown = visible_entities(self.session, {entity_id, target}, self.levels)
            self._entities[entity_id] = target if shown == {entity_id, target} else None
        return self._entities[entity_id]

    def _find(self, name: str) -> Source | None:
        # A case file asks for the same few speakers across thousands of claims.
        if name not in self._found:
            found = source_store.find(self.session, name)
            self._found[name] = found if found is not None and found.id in self.sources \
                else None
        return self._found[name]

    def key(self, claim: AnyClaim) -> tuple[str, str, Source | None]:
        # Reads the claim's speaker_source_id, speaker_entity_id, speaker,
        # publisher_source_id and publisher only (cases.evidence.Resolver keeps one
        # answer per combination of them).
        source: Source | None
        if claim.speaker_source_id in self.sources:
            source = self.sources[claim.speaker_source_id]
            return f"source:{source.id}", source.name, source
        entity_id = self._entity(claim.speaker_entity_id) if claim.speaker_entity_id else None
        if entity_id is not None:
            source = self.by_entity.get(entity_id)
            if source is not None:
                return f"source:{source.id}", source.name, source
            return f"entity:{entity_id}", claim.speaker or f"entity {entity_id}", None
        if claim.speaker:
            found = self._find(claim.speaker)
            if found is not None:
                return f"source:{found.id}", found.name, found
            if claim.speaker not in self._keys:
                self._keys[claim.speaker] = f"name:{name_key(claim.speaker)}"
            return self._keys[claim.speaker], claim.speaker, None
        source = self.sources.get(claim.publisher_source_id or -1) or (
            self._find(claim.publisher) if claim.publisher else None)
        if source is not None:
            return f"source:{source.id}", source.name, source
        return f"name:{fold(claim.publisher or '?')}", claim.publisher or "unknown", None


def _grade(session: Session, source: Source | None) -> str | None:
    if source is None:
        return None
    history = source_store.grades(session, [source.id])[source.id]
    return history[0].grade if history else None


def independence_group(key: str, affiliation: str | None, aligned_with: str | None
                       ) -> tuple[str, str | None]:
    """The group an originator counts in, and the party it is aligned with: originators
    aligned with the same party (or with the accused state) are one group, any other
    originator is a group of its own."""
    if affiliation in ("party", "state"):
        side = aligned_with or ("the accused state" if affiliation == "state" else "?")
        return "aligned:" + fold(side), side
    return key, None


def _originator_summary(session: Session, who: Originators,
                        claims: Iterable[Claim]) -> dict[str, Any]:
    found: dict[str, dict[str, Any]] = {}
    for claim in claims:
        key, name, source = who.key(claim)
        entry = found.setdefault(key, {
            "key": key, "name": name, "type": source.type if source else None,
            "affiliation": source.affiliation if source else None,
            "aligned_with": source.aligned_with if source else None,
            "grade": _grade(session, source), "claims": [], "publishers": []})
        entry["claims"].append(claim.id)
        if claim.publisher and claim.publisher not in entry["publishers"]:
            entry["publishers"].append(claim.publisher)
    groups: dict[str, list[str]] = {}
    for entry in found.values():
        group, side = independence_group(entry["key"], entry["affiliation"],
                                         entry["aligned_with"])
        if side is not None:
            entry["aligned_group"] = side
        groups.setdefault(group, []).append(entry["name"])
    not_independent = [{"aligned_with": next(e["aligned_group"] for e in found.values()
                                             if e.get("aligned_group") and
                                             "aligned:" + fold(e["aligned_group"]) == g),
                        "originators": names}
                       for g, names in groups.items() if g.startswith("aligned:")
                       and len(names) > 1]
    unassessed = [e["name"] for e in found.values() if e["affiliation"] is None]
    return {"originators": list(found.values()), "originator_count": len(found),
            "independent_originators": len(groups), "not_independent": not_independent,
            "unassessed": unassessed}


def _summary(claim: Claim) -> dict[str, Any]:
    figure = _figure(claim)
    return {"id": claim.id, "item_id": claim.item_id, "kind": claim.kind,
            "quote": claim.quote, "speaker": claim.speaker, "publisher": claim.publisher,
            "status": claim.status, "statement_date": claim.statement_date,
            "figure": figure, "figure_text": describe(figure) if figure else None}


def _period(figure: dict[str, Any]) -> tuple[str, str] | None:
    period = figure.get("period")
    if isinstance(period, dict) and period.get("start"):
        return str(period["start"]), str(period.get("end") or period["start"])
    return None


def _same_figure_subject(a: Claim, b: Claim) -> bool:
    if not same_count(a.counts_key, b.counts_key):
        return False
    pa, pb = _period(_figure(a) or {}), _period(_figure(b) or {})
    return pa is None or pb is None or (pa[0] <= pb[1] and pb[0] <= pa[1])


def _figures_table(session: Session, who: Originators, anchor: Claim | None,
                   claims: Sequence[Claim]) -> list[dict[str, Any]]:
    rows = []
    for claim in claims:
        figure = _figure(claim)
        if figure is None:
            continue
        _, name, source = who.key(claim)
        low, high = interval(figure)
        rows.append({
            "claim": claim.id, "figure": describe(figure), "qualifier": figure.get("qualifier"),
            "min": low, "max": None if high == float("inf") else high,
            "counts": figure.get("counts"), "asserted_by": name,
            "affiliation": source.affiliation if source else None,
            "aligned_with": source.aligned_with if source else None,
            "publisher": claim.publisher, "quote": claim.quote, "status": claim.status,
            "compatible_with_claim": None if anchor is None or anchor.id == claim.id
            else compatible(_figure(anchor) or {}, figure)})
    rows.sort(key=lambda r: (r["min"], r["claim"]))
    return rows


def corroborate_claim(ws: Any, viewer: Viewer, claim_id: str) -> dict[str, Any]:
    with ws.db.read() as session:
        claim = claim_store.get(session, claim_id, viewer.levels)
        who = Originators(session, viewer.levels)
        supporting: dict[str, Claim] = {}
        contradicting: dict[str, Claim] = {}
        reasons: dict[str, str] = {}
        same_subject: list[Claim] = []
        figure = _figure(claim)
        if figure is not None and claim.counts_key:
            for other in claim_store.counted(session, viewer.levels, other_than=claim.id):
                if _same_figure_subject(claim, other):
                    same_subject.append(other)
                    target = supporting if compatible(figure, _figure(other) or {}) \
                        else contradicting
                    target[other.id] = other
                    reasons[other.id] = "figure for the same count"
        links = claim_store.events_of(session, claim.id)
        shown = visible_events(session, [link.event_id for link in links], viewer.levels)
        for link in (link for link in links if link.event_id in shown):
            rows = event_store.claims_of(session, link.event_id, viewer.levels,
                                         other_than=claim.id)
            for other, stance in rows:
                target = supporting if stance == link.stance else contradicting
                target[other.id] = other
                reasons[other.id] = f"event {link.event_id}: {stance}"
        for_side = _originator_summary(session, who, [claim, *supporting.values()])
        against = _originator_summary(session, who, contradicting.values())
        return {
            "claim": _summary(claim),
            "supporting": [_summary(c) | {"why": reasons[c.id]} for c in supporting.values()],
            "contradicting": [_summary(c) | {"why": reasons[c.id]}
                              for c in contradicting.values()],
            "support": for_side, "against": against,
            "independent_originators": for_side["independent_originators"],
            "figures": _figures_table(session, who, claim, [claim, *same_subject]),
        }


def corroborate_event(ws: Any, viewer: Viewer, event_id: int) -> dict[str, Any]:
    from gavah.pipelines.events import show

    with ws.db.read() as session:
        event = session.get(Event, event_id)
        if event is None or event.classification not in viewer.levels:
            from gavah.core.errors import NotFound

            raise NotFound(f"no event {event_id}")
        who = Originators(session, viewer.levels)
        rows = event_store.claims_of(session, event.id, viewer.levels, rejected=False)
        supports = [c for c, stance in rows if stance == "supports"]
        disputes = [c for c, stance in rows if stance == "disputes"]
        figure_claims = [c for c, _ in rows if c.figure]
        out: dict[str, Any] = {
            "event": show(ws, viewer, event.id),
            "supporting": [_summary(c) for c in supports],
            "contradicting": [_summary(c) for c in disputes],
            "support": _originator_summary(session, who, supports),
            "against": _originator_summary(session, who, disputes),
            "figures": _figures_table(session, who, None, figure_claims),
        }
        out["independent_originators"] = out["support"]["independent_originators"]
        return out


def corroborate(ws: Any, viewer: Viewer, ref: str) -> dict[str, Any]:
    """A claim id (or unique prefix), or "event:N" / a bare event number."""
    text = ref.strip()
    if text.lower().startswith("event:"):
        return corroborate_event(ws, viewer, int(text.split(":", 1)[1]))
    if text.isdecimal():
        return corroborate_event(ws, viewer, int(text))
    return corroborate_claim(ws, viewer, text)
