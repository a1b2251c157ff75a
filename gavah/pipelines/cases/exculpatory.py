"""Exculpatory material: everything that undermines the case, which must be disclosed
with it. Claims that dispute a linked claim or event, sources whose figure for the same
count contradicts a linked figure, rejected claims that had been linked (directly or
as support of a linked event), and evidence an analyst linked as undermining. Only what
the reader may see is listed; an export made for someone else is filtered at their
level, never by choosing sides."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gavah.pipelines.access import Viewer
from gavah.pipelines.cases.evidence import Evidence, Resolver, figure_row
from gavah.pipelines.cases.figures import FigureIndex
from gavah.store import cases as case_store
from gavah.store import claims as claim_store
from gavah.store.claim_rows import AnyClaim
from gavah.store.db import Session


def _entry(kind: str, reason: str, about: Evidence, claim: AnyClaim | None,
           resolver: Resolver, level: str) -> dict[str, Any]:
    origin = resolver.originator(*resolver.who.key(claim)) if claim is not None else None
    return {"kind": kind, "reason": reason, "must_disclose": True,
            "about": {"link": about.link["id"], "element": about.link["element"],
                      "target": about.kind, "target_id": about.target_id},
            "claim": claim.id if claim is not None else None,
            "quote": claim.quote if claim is not None else about.title,
            "status": claim.status if claim is not None else about.status,
            "asserted_by": origin["name"] if origin else None,
            "originator": origin, "item_id": claim.item_id if claim is not None else None,
            "classification": level}


def figure_index(session: Session, viewer: Viewer) -> FigureIndex:
    return FigureIndex(case_store.figure_claims(session, viewer.levels))


class _Disputes:
    """Claims that take the other side on the linked event, or on an event a linked
    claim is tied to. The claims' event links are read in one batch, and each event's
    claims once per stance."""

    def __init__(self, session: Session, viewer: Viewer, evidence: Sequence[Evidence]
                 ) -> None:
        self.session, self.viewer = session, viewer
        self.events = claim_store.events_of_many(
            session, [e.target_id for e in evidence if e.kind == "claim"])
        self._other: dict[tuple[int, str], Sequence[AnyClaim]] = {}

    def against(self, about: Evidence) -> list[AnyClaim]:
        if about.kind == "event":
            pairs = [(int(about.target_id), "supports")]
        elif about.kind == "claim":
            pairs = [(link.event_id, link.stance)
                     for link in self.events.get(about.target_id, [])]
        else:
            return []
        found: list[AnyClaim] = []
        for pair in pairs:
            if pair not in self._other:
                self._other[pair] = case_store.event_claims(
                    self.session, pair[0], self.viewer.levels, other_than=pair[1])
            found += [c for c in self._other[pair] if c.id != about.target_id]
        return found


def exculpatory(session: Session, viewer: Viewer, resolver: Resolver,
                evidence: Sequence[Evidence], removed: Sequence[Evidence],
                figures: FigureIndex) -> list[dict[str, Any]]:
    out: dict[tuple[str, str, int], dict[str, Any]] = {}

    def add(entry: dict[str, Any]) -> None:
        key = (entry["kind"], entry["claim"] or f"{entry['about']['target']}:"
               f"{entry['about']['target_id']}", entry["about"]["link"])
        out.setdefault(key, entry)

    disputes = _Disputes(session, viewer, evidence)
    for about in evidence:
        if about.stance == "undermines":
            claim = about.claims[0] if about.kind == "claim" else None
            add(_entry("undermining-link", f"linked as undermining {about.link['element']}",
                       about, claim, resolver, about.classification))
            continue
        disputing = disputes.against(about)
        against = [(c, f"disputes the linked {about.kind} {about.target_id}")
                   for c in disputing]
        for claim in about.claims:
            against += [(c, f"figure contradicts {figure_row(claim, '')['figure']} "
                         f"(claim {claim.id})") for c in figures.contradicting(claim)]
        if not against:
            continue
        levels = case_store.item_levels(session, [c.item_id for c, _ in against])
        for claim, reason in against:
            kind = "disputes" if reason.startswith("disputes") else "contradicting-figure"
            add(_entry(kind, reason, about, claim, resolver, levels.get(claim.item_id,
                                                                        "public")))
    for about in (*evidence, *removed):
        rejected = _rejected_under(session, viewer, about)
        if not rejected:
            continue
        levels = case_store.item_levels(session, [c.item_id for c in rejected])
        for claim in rejected:
            via = ("" if about.kind == "claim"
                   else f"that supported event {about.target_id}, ")
            add(_entry("rejected-linked", f"a rejected claim {via}that had been linked to "
                       f"{about.link['element']}", about, claim, resolver,
                       levels.get(claim.item_id, about.classification)))
    return list(out.values())


def _rejected_under(session: Session, viewer: Viewer, about: Evidence
                    ) -> list[AnyClaim]:
    """Rejected claims a link rested on: the linked claim itself, or a claim supporting
    the linked event. An event's evidence counts only claims not rejected, so these are
    read here: a claim the case once relied on and that was rejected must be disclosed
    whichever way it was linked."""
    if about.kind == "claim":
        return [c for c in about.claims if c.status == "rejected"]
    if about.kind == "event":
        return [c for c in case_store.event_claims(session, int(about.target_id),
                                                   viewer.levels, stance="supports")
                if c.status == "rejected"]
    return []
