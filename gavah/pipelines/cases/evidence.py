"""Each link of a case resolved into the evidence it points at: what it is, whom it
rests on (its originators, as corroboration counts them), their grades, the figures it
states, and the items it is in. A link whose target the reader may not see is dropped
here, before anything is counted."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gavah.core.errors import NotFound
from gavah.core.figures import describe
from gavah.core.text import fold
from gavah.pipelines.access import Viewer
from gavah.pipelines.cases.manage import link_dict
from gavah.pipelines.cases.targets import estimate
from gavah.pipelines.corroborate import Originators, independence_group
from gavah.store import cases as case_store
from gavah.store import claim_rows
from gavah.store import claims as claim_store
from gavah.store import sources as source_store
from gavah.store.cases import ItemRow, LinkRow
from gavah.store.claim_rows import AnyClaim
from gavah.store.claim_tables import Event, Source
from gavah.store.db import Session
from gavah.store.tables import Item
from gavah.store.victim_tables import VictimList, VictimRecord
from gavah.store.workspace import Workspace


@dataclass(slots=True)  # a case holds one per link: a hundred thousand
class Evidence:
    """One link and what it points at. `claims` are the claims it rests on (the claim
    itself, or an event's supporting claims): kept for figure and dispute checks."""

    link: dict[str, Any]
    kind: str
    target_id: str
    classification: str
    title: str
    status: str | None = None
    items: list[int] = field(default_factory=list)
    originators: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    attribution: list[Any] = field(default_factory=list)
    claims: Sequence[AnyClaim] = field(default_factory=list, repr=False)
    # Read from the link once: the matrix, the gaps and the exculpatory material ask
    # for them several times per link (hundreds of thousands of property calls).
    stance: str = field(init=False, repr=False)
    active: bool = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.stance = str(self.link["stance"])
        self.active = self.link["removed_at"] is None

    def to_dict(self) -> dict[str, Any]:
        return {"link": self.link, "kind": self.kind, "target_id": self.target_id,
                "classification": self.classification, "title": self.title,
                "status": self.status, "items": self.items, "originators": self.originators,
                "figures": self.figures, "attribution": self.attribution}


def claim_dict(claim: AnyClaim, parsed: dict[str, Any] | None = None) -> dict[str, Any]:
    """A claim with its exact span and who asserts it through whom (as case.json gives
    it). `parsed`: attribution texts parsed already, shared (read only) by the claims
    with the same chain, and added to: a case's hundred thousand claims have a few
    dozen."""
    attribution = claim.attribution or "[]"
    if parsed is None:
        chain = json.loads(attribution)
    elif (chain := parsed.get(attribution)) is None:
        chain = parsed[attribution] = json.loads(attribution)
    return {"id": claim.id, "item_id": claim.item_id, "text_sha256": claim.text_sha256,
            "start": claim.start, "end": claim.end, "quote": claim.quote,
            "kind": claim.kind, "speaker": claim.speaker, "publisher": claim.publisher,
            "attribution": chain,
            "figure": json.loads(claim.figure) if claim.figure else None,
            "statement_date": claim.statement_date, "origin": claim.origin,
            "status": claim.status, "credibility": claim.credibility,
            "language": claim.language}


def figure_row(claim: AnyClaim, asserted_by: str,
               figure: dict[str, Any] | None = None) -> dict[str, Any]:
    """`figure`: the claim's figure parsed already (its claim_dict's), if at hand."""
    if figure is None:
        figure = json.loads(claim.figure) if claim.figure else {}
    return {"claim": claim.id, "figure": describe(figure), "counts": figure.get("counts"),
            "counts_key": claim.counts_key, "min": claim.figure_min, "max": claim.figure_max,
            "asserted_by": asserted_by, "quote": claim.quote, "status": claim.status}


class Resolver:
    def __init__(self, ws: Workspace, session: Session, viewer: Viewer) -> None:
        self.ws, self.session, self.viewer = ws, session, viewer
        self.who = Originators(session)
        self._grades: dict[int, str | None] = {}
        # Claims and items of the links, read in batches by `prefetch` (held here: the
        # session's identity map keeps no object alive by itself).
        self._claims: dict[str, AnyClaim] = {}
        # Each claim's dict, made once: the evidence and the case file's claims share it.
        self.claim_dicts: dict[str, dict[str, Any]] = {}
        self._attributions: dict[str, Any] = {}  # attribution text -> parsed (shared)
        self._items: dict[int, Item | ItemRow] = {}
        self._sources: dict[str, Source | None] = {}
        self._originators: dict[tuple[str, str], dict[str, Any]] = {}
        # A claim's originator depends on these of its fields only: a case's hundred
        # thousand claims have a few dozen combinations, each looked up once.
        self._by_fields: dict[tuple[Any, ...], dict[str, Any]] = {}
        self._shown = frozenset(viewer.levels)  # the levels the reader may see

    def prefetch(self, rows: Sequence[LinkRow]) -> None:
        """Read the claims and items `rows` point at in batches, not one query each."""
        self._claims.update(claim_rows.by_ids(
            self.session, [r.target_id for r in rows if r.target_kind == "claim"]))
        self._items.update(case_store.items_by_id(self.session, {
            c.item_id for c in self._claims.values()} | {
            int(r.target_id) for r in rows if r.target_kind == "item"
            and r.target_id.isdigit()}))

    def item(self, item_id: int) -> Item | ItemRow | None:
        if item_id not in self._items:
            found = self.session.get(Item, item_id)
            if found is None:
                return None
            self._items[item_id] = found
        return self._items[item_id]

    def grade(self, source: Source | None) -> str | None:
        if source is None:
            return None
        if source.id not in self._grades:
            history = source_store.grades(self.session, [source.id])[source.id]
            self._grades[source.id] = history[0].grade if history else None
        return self._grades[source.id]

    def originator(self, key: str, name: str, source: Source | None) -> dict[str, Any]:
        """Who originates a piece of evidence; one dict per originator, shared (read
        only) by all the evidence it originates: a case rests on a hundred thousand
        claims by a few dozen speakers."""
        found = self._originators.get((key, name))
        if found is not None:
            return found
        affiliation = source.affiliation if source else None
        aligned = source.aligned_with if source else None
        group, side = independence_group(key, affiliation, aligned)
        found = self._originators[(key, name)] = {
            "key": key, "name": name, "type": source.type if source else None,
            "affiliation": affiliation, "aligned_with": side, "group": group,
            "grade": self.grade(source)}
        return found

    def _named(self, name: str | None) -> dict[str, Any]:
        if name and name not in self._sources:  # items share a few sources
            self._sources[name] = source_store.find(self.session, name)
        source = self._sources[name] if name else None
        if source is not None:
            return self.originator(f"source:{source.id}", source.name, source)
        return self.originator(f"name:{fold(name or '?')}", name or "unknown", None)

    def _claim_originator(self, claim: AnyClaim) -> dict[str, Any]:
        fields = (claim.speaker_source_id, claim.speaker_entity_id, claim.speaker,
                  claim.publisher_source_id, claim.publisher)  # what Originators.key reads
        found = self._by_fields.get(fields)
        if found is None:
            found = self._by_fields[fields] = self.originator(*self.who.key(claim))
        return found

    def described(self, claim: AnyClaim) -> dict[str, Any]:
        """The claim's dict (claim_dict), made once per claim."""
        found = self.claim_dicts.get(claim.id)
        if found is None:
            found = self.claim_dicts[claim.id] = claim_dict(claim, self._attributions)
        return found

    def resolve(self, row: LinkRow) -> Evidence | None:
        """The evidence, or None when the reader may not see it (or it is gone)."""
        try:
            return getattr(self, "_" + row.target_kind)(row)  # type: ignore[no-any-return]
        except NotFound:
            return None

    def _claim(self, row: LinkRow) -> Evidence | None:
        claim = self._claims.get(row.target_id)
        if claim is None:
            claim = claim_store.get(self.session, row.target_id, self.viewer.levels)
        item = self.item(claim.item_id)
        # as claim_store.get decides: a claim is as visible as its item
        if (item.classification if item else "strictly-confidential") not in self._shown:
            return None
        origin = self._claim_originator(claim)
        described = self.described(claim)
        return Evidence(
            link_dict(row), "claim", claim.id, item.classification if item else "public",
            claim.quote, claim.status, [claim.item_id], [origin],
            [figure_row(claim, origin["name"], described["figure"])] if claim.figure else [],
            described["attribution"], [claim])

    def _item(self, row: LinkRow) -> Evidence | None:
        item = self.item(int(row.target_id))
        if item is None or not self.viewer.may_see(item.classification):
            return None
        return Evidence(link_dict(row), "item", row.target_id, item.classification,
                        item.original_name, None, [item.id], [self._named(item.source)])

    def _event(self, row: LinkRow) -> Evidence | None:
        event = self.session.get(Event, int(row.target_id))
        if event is None or not self.viewer.may_see(event.classification):
            return None
        claims = case_store.event_claims(self.session, event.id, self.viewer.levels,
                                         stance="supports", rejected=False)
        origins = _unique(self._claim_originator(c) for c in claims)
        figures = [figure_row(c, self.who.key(c)[1]) for c in claims if c.figure]
        return Evidence(link_dict(row), "event", row.target_id, event.classification,
                        event.title, None, sorted({c.item_id for c in claims}), origins,
                        figures, [], claims)

    def _victim(self, row: LinkRow) -> Evidence | None:
        record = self.session.get(VictimRecord, int(row.target_id))
        item = self.session.get(Item, record.item_id) if record else None
        if record is None or item is None or not self.viewer.may_see(item.classification):
            return None
        listed = self.session.get(VictimList, record.list_name)
        return Evidence(link_dict(row), "victim", row.target_id, item.classification,
                        f"{record.name} ({record.list_name})", None, [item.id],
                        [self._named(listed.source if listed else None)])

    def _estimate(self, row: LinkRow) -> Evidence | None:
        data = estimate(self.ws, self.viewer, int(row.target_id))
        names = [str(n) for n in data.get("lists") or []]
        sources = [listed.source for n in names
                   if (listed := self.session.get(VictimList, n)) is not None]
        title = (f"estimate {row.target_id}: {data.get('estimate')} "
                 f"({data.get('lower')}-{data.get('upper')}, {data.get('method')})")
        return Evidence(link_dict(row), "estimate", row.target_id,
                        str(data["saved"]["classification"]), title, None, [],
                        _unique(self._named(s) for s in sources))


def _unique(origins: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for one in origins:
        found.setdefault(one["key"], one)
    return list(found.values())


def resolve_all(ws: Workspace, session: Session, viewer: Viewer,
                rows: Iterable[LinkRow]) -> list[Evidence]:
    resolver = Resolver(ws, session, viewer)
    return [e for e in (resolver.resolve(r) for r in rows) if e is not None]
