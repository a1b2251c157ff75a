"""Reading the claims layer as a person does in the web app or through the API: lists of
claims, a claim with its corroboration, an entity with everything linked to it, an
event with its corroboration, a source with what it says.

Claims follow the classification of the item they were read from. Every claim shown
from a protected item is a recorded read of that item (one custody entry per item and
page), as reading the item itself is (gavah.pipelines.reading)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from gavah.core.errors import BadInput
from gavah.pipelines import claims as claim_pipeline
from gavah.pipelines import corroborate, entity_summary, network, timeline
from gavah.pipelines import entities as entity_pipeline
from gavah.pipelines import events as event_pipeline
from gavah.pipelines import sources as source_pipeline
from gavah.pipelines.access import Viewer, object_read_entries, read_entries, record_reads
from gavah.store import claim_queries, visibility
from gavah.store import claims as claim_store
from gavah.store import entities as entity_store
from gavah.store import events as event_store
from gavah.store import sources as source_store
from gavah.store.audit import Write
from gavah.store.tables import Item
from gavah.store.workspace import Workspace

MAX_LISTED = 500  # claims on one list page
# An entity's page: what a reader can take in, the rest a link away (the claims list).
TIMELINE_CLAIMS = entity_summary.TIMELINE_CLAIMS  # claims in its timeline, the earliest first
PER_SOURCE = entity_summary.PER_SOURCE  # claims shown for each source that says something
MAX_SOURCES = 20  # sources shown, those with the most claims first


def _claim_items(ws: Workspace, claims: Iterable[dict[str, Any]]) -> list[tuple[int, str]]:
    """(item id, classification) of the items the claims were read from."""
    shown = {int(c["item_id"]) for c in claims if c.get("item_id") is not None}
    if not shown:
        return []
    with ws.db.read() as session:
        return sorted(visibility.levels_of(session, Item, shown).items())


def record_claim_reads(ws: Workspace, viewer: Viewer, claims: Iterable[dict[str, Any]],
                       via: str, **details: Any) -> int:
    """One `viewed` entry per protected item whose claims were shown."""
    return record_reads(ws, viewer, _claim_items(ws, claims), "viewed",
                        {"via": via, **details})


def claims(ws: Workspace, viewer: Viewer, *, about: str | None = None,
           item: str | None = None, status: str | None = None, kind: str | None = None,
           limit: int = MAX_LISTED, via: str = "web-claims") -> list[dict[str, Any]]:
    rows = claim_pipeline.list_claims(ws, viewer, about=about, item=item, status=status,
                                      kind=kind, limit=limit)
    record_claim_reads(ws, viewer, rows, via)
    return rows


def _names(ws: Workspace, viewer: Viewer, entity_ids: Iterable[int],
           source_ids: Iterable[int]) -> tuple[dict[int, dict[str, Any]], dict[int, str]]:
    """Captions of the entities and names of the sources a page links to, those the
    reader may see only."""
    with ws.db.read() as session:
        entities = {e.id: {"id": e.id, "caption": e.caption, "type": e.type}
                    for e in entity_store.shown(session, entity_ids, viewer.levels)}
        sources = {s.id: s.name for s in source_store.shown(session, source_ids, viewer.levels)}
    return entities, sources


def _corroboration_claims(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [*data["supporting"], *data["contradicting"]]


def corroboration(ws: Workspace, viewer: Viewer, claim_id: str,
                  via: str = "api") -> dict[str, Any]:
    data = corroborate.corroborate_claim(ws, viewer, claim_id)
    record_claim_reads(ws, viewer, [data["claim"], *_corroboration_claims(data)],
                       via, corroborating=data["claim"]["id"])
    return data


def claim(ws: Workspace, viewer: Viewer, claim_id: str, via: str = "web") -> dict[str, Any]:
    """The claim (its own item's read is recorded by show_claim), its corroboration
    panel, and the names of what it links to."""
    data = claim_pipeline.show_claim(ws, viewer, claim_id)
    panel = corroborate.corroborate_claim(ws, viewer, data["id"])
    record_claim_reads(ws, viewer, _corroboration_claims(panel), f"{via}-corroboration",
                       corroborating=data["id"])
    entities, sources = _names(
        ws, viewer, [*data["about"], *([data["speaker_entity_id"]]
                                       if data["speaker_entity_id"] else [])],
        [s for s in (data["speaker_source_id"], data["publisher_source_id"]) if s])
    data["corroboration"] = panel
    data["about_entities"] = [entities[i] for i in data["about"] if i in entities]
    data["speaker_entity"] = entities.get(data["speaker_entity_id"] or -1)
    data["sources"] = sources
    with ws.db.read() as session:
        titles = event_store.titles(session, [e["event_id"] for e in data["events"]],
                                    viewer.levels)
    data["events"] = [e | {"title": titles[e["event_id"]]} for e in data["events"]
                      if e["event_id"] in titles]
    return data


def _by_originator(ws: Workspace, summed: dict[str, Any]) -> dict[str, Any]:
    """Claims about the entity grouped by who says them (the speaker, else the
    publisher): every group's count and its first PER_SOURCE claims in text order, from
    the entity's summary (entity_summary.read)."""
    ranked = summed["groups"]
    shown = [dict(g) for g in ranked[:MAX_SOURCES]]
    wanted = [i for g in shown for i in g["ids"]]
    with ws.db.read() as session:
        loaded = claim_store.by_ids(session, wanted)
        about_map = claim_store.about_of(session, wanted)
    for group in shown:
        group["claims"] = [claim_store.to_dict(loaded[i], about_map.get(i, []))
                           for i in group.pop("ids")]
    return {"groups": shown, "sources_not_shown": len(ranked) - len(shown),
            "claims": summed["claims"]}


def entity(ws: Workspace, viewer: Viewer, ref: str, via: str = "web",
           with_candidates: bool = False, render: Callable[[dict[str, Any]], str] | None = None,
           part: str = "") -> dict[str, Any]:
    """Names, identifiers, positions, events, claims about it grouped by who says them,
    its timeline and network; with_candidates, the entities whose names look like
    variants of its own (for an analyst deciding a merge). Computed once per clearance
    and version (the newest change that reaches it or its members; a person may be
    named in thousands of claims) by whichever process serving the workspace is asked
    first; every view is still a recorded read of the protected items it shows. Its
    page_key is the same for every reader of this version of the page, and only for
    them; the version is its last part.

    With `render`, the page's "body" is render(page), kept as the page is under `part`
    (its language, say): rendered once per computed page and part by whichever process
    is asked first. What a view computes is written in the transaction that records its
    reads: one write per first view, shared with concurrent views."""
    members, version = _members(ws, viewer, ref, ws.cache.everything_version())
    # Kept under the entity's id, whichever way it was named.
    ref = str(members[0])
    parts = ["entity", ref, viewer.levels, with_candidates]
    later: list[Write] = []
    data, items, content = ws.cache.get(
        parts, version, lambda: _with_digest(*_entity(ws, viewer, ref, with_candidates)),
        shared=True, later=later)
    page_key = (ref, tuple(viewer.levels), with_candidates, version)
    # A copy: the kept page is shared by readers.
    out = dict(data) | {"page_key": page_key}
    if render is not None:
        # Kept by the page's content: a change that reaches every page but leaves this
        # one as it was (most pages, after a new source) does not render it again.
        out["body"] = str(ws.cache.by_content(["entity-body", part, content], version,
                                              lambda: render(out), later=later))
    ws.audit.append([
        *object_read_entries(viewer, "entity", data["id"], data["classification"],
                             {"via": via}),
        *read_entries(viewer, [(int(i), str(level)) for i, level in items], "viewed",
                      {"via": via, "entity": data["id"]})], later)
    return out


def _with_digest(data: dict[str, Any], items: list[tuple[int, str]]
                 ) -> tuple[dict[str, Any], list[tuple[int, str]], str]:
    """The page, its items and a digest of the page as JSON gives it (as every process
    reads it back)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return data, items, hashlib.sha256(text.encode()).hexdigest()


def _members(ws: Workspace, viewer: Viewer, ref: str, everything: int
             ) -> tuple[list[int], int]:
    """The entity `ref` names and those merged into it, the entity first, and the version
    of their page. Only a merge or a split alters them, and it reaches every entity that
    resolves to either side (gavah.pipelines.entities._reached_by_judgement): an id's
    members are kept until a change reaches that id, or everything."""
    def find() -> list[int]:
        with ws.db.read() as session:
            return entity_store.members(
                session, entity_store.get(session, ref, viewer.levels).id, viewer.levels)

    if not ref.isdecimal():
        # A name is looked up each time: an entity added or named since may share it,
        # which reaches only the pages of the entities whose candidates it alters.
        members = find()
        return members, ws.cache.entity_version(members, everything)
    named = ws.cache.entity_version([int(ref)], everything)
    members = ws.cache.get(["entity-members", ref, viewer.levels], named, find)
    if members == [int(ref)]:  # most entities: the version just read is the page's
        return members, named
    return members, ws.cache.entity_version(members, everything)


def _entity(ws: Workspace, viewer: Viewer, ref: str,
            with_candidates: bool) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    """The page and the (item, classification) of every item its claims come from."""
    data = entity_pipeline.show(ws, viewer, ref)
    ref = str(data["id"])
    # What it shows of thousands of claims, kept beside them per clearance.
    ids = [data["id"], *data["merged"]]
    part = entity_summary.shown(ws, ids, viewer.levels, lambda summed: _claims_part(
        ws, ids, summed))
    data["events"] = event_pipeline.list_events(ws, viewer, ref)
    entries, not_shown = part["timeline"]
    dated = timeline.timeline(ws, viewer, ref, max_claims=TIMELINE_CLAIMS,
                              claims=(entries, not_shown), entity=data, events=data["events"])
    data["timeline"], data["timeline_claims_not_shown"] = (dated["entries"],
                                                           dated["claims_not_shown"])
    grouped = part["grouped"]
    data["claims_by_source"] = grouped["groups"]
    data["claims_about"] = grouped["claims"]
    data["sources_not_shown"] = grouped["sources_not_shown"]
    shown = [c for g in grouped["groups"] for c in g["claims"]]
    data["claims_more"] = len(shown) < grouped["claims"]
    counts = tuple(Counter({int(k): n for k, n in part[name].items()})
                   for name in ("together", "speakers"))
    data["network"] = network.network(ws, viewer, ref, counts=(counts[0], counts[1]))
    items = [(int(i), str(level)) for i, level in part["items"]]
    data["candidates"] = []
    if with_candidates:
        data["candidates"] = [
            {"id": c["b"] if c["a"] == data["id"] else c["a"],
             "name": c["b_name"] if c["a"] == data["id"] else c["a_name"],
             "score": c["score"], "matched": c["matched"]}
            for c in entity_pipeline.candidates(ws, viewer, entity_id=data["id"])]
    return data, items


def _claims_part(ws: Workspace, ids: list[int], summed: dict[str, Any]) -> dict[str, Any]:
    """What an entity page shows of its claims (from entity_summary.read): the groups by
    who says them with their first claims, the first claims of its timeline, the items
    they come from, and the entities named with it or speaking about it, counted."""
    grouped = _by_originator(ws, summed)
    entries, not_shown = timeline.first_claims(ws, ids, summed["dated"],
                                               summed["dated_count"], TIMELINE_CLAIMS)
    shown = [c for g in grouped["groups"] for c in g["claims"]]
    items = _claim_items(ws, [*shown, *({"item_id": e["source"]["item"]} for e in entries)])
    return {"grouped": grouped, "timeline": [entries, not_shown], "items": items,
            "together": dict(summed["together"]), "speakers": dict(summed["speakers"])}


def events(ws: Workspace, viewer: Viewer, entity: str | None = None,
           via: str = "web-events") -> list[dict[str, Any]]:
    rows = event_pipeline.list_events(ws, viewer, entity)
    record_claim_reads(ws, viewer, [c for e in rows for c in e["claims"]], via)
    return rows


def event(ws: Workspace, viewer: Viewer, event_id: int, via: str = "web") -> dict[str, Any]:
    """The event with its corroboration panel."""
    data = corroborate.corroborate_event(ws, viewer, event_id)
    record_claim_reads(ws, viewer, data["event"]["claims"], via, event=event_id)
    return data


def source(ws: Workspace, viewer: Viewer, ref: str, via: str = "web") -> dict[str, Any]:
    """The source, its grade history, and the claims it speaks."""
    data = source_pipeline.show(ws, viewer, ref)
    with ws.db.read() as session:
        rows = claim_queries.spoken_by_source(session, data["id"], viewer.levels, MAX_LISTED)
        data["claims"] = [claim_store.to_dict(c, []) for c in rows]
    record_claim_reads(ws, viewer, data["claims"], via, source=data["id"])
    return data


def _number(text: str, name: str) -> float | int | None:
    text = text.strip().replace(",", "").replace("٬", "")
    if not text:
        return None
    try:
        value = float(text.translate(_DIGITS))
    except ValueError:
        raise BadInput(f"{name}: {text!r} is not a number") from None
    return int(value) if value.is_integer() else value


_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_TEXT_FIELDS = ("kind", "credibility", "speaker", "statement_date", "figure_qualifier",
                "figure_counts")
_NUMBER_FIELDS = ("figure_value", "figure_min", "figure_max")


def edit_claim(ws: Workspace, viewer: Viewer, claim_id: str, submitted: dict[str, str],
               reason: str | None = None) -> dict[str, Any]:
    """An edit form's fields (text as typed; an empty field means "none"), applied as
    an edit of the fields that differ from the claim's current values."""
    with ws.db.read() as session:
        row = claim_store.get(session, claim_id, viewer.levels)
        figure = claim_store.figure_dict(row) or {}
        now: dict[str, Any] = {"kind": row.kind, "credibility": row.credibility,
                               "speaker": row.speaker, "statement_date": row.statement_date}
        full_id = row.id
    now |= {f"figure_{k}": figure.get(k) for k in ("value", "min", "max", "qualifier",
                                                   "counts")}
    fields: dict[str, Any] = {}
    for name, text in submitted.items():
        if name in _NUMBER_FIELDS:
            value: Any = _number(text, name)
        elif name in _TEXT_FIELDS:
            value = text.strip() or None
        else:
            raise BadInput(f"cannot edit {name!r}")
        if value is None and name in ("kind", "credibility"):
            continue  # these cannot be emptied, only changed
        if value != now.get(name):
            fields[name] = value
    if not fields:
        raise BadInput("nothing was changed")
    return claim_pipeline.edit(ws, viewer, full_id, fields, (reason or "").strip() or None)
