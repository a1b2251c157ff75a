"""Timeline of an entity: positions, events and claims about it in date order, each with
the source it comes from. Undated entries come last, never dropped."""

from __future__ import annotations

import json
import re
from typing import Any

from gavah.pipelines import entities as entity_pipeline
from gavah.pipelines import events as event_pipeline
from gavah.pipelines.access import Viewer
from gavah.store import claim_queries
from gavah.store import entities as entity_store
from gavah.store.workspace import Workspace


def _published(metadata_json: str | None) -> str | None:
    """The publication date an extractor found in the item (HTML, PDF, e-mail), from its
    blob's metadata."""
    if not metadata_json:
        return None
    meta = json.loads(metadata_json)
    for key in ("date_utc", "date", "creationdate"):  # an e-mail's "date" is RFC 2822
        value = str(meta.get(key) or "")
        if re.match(r"^\d{4}-\d{2}-\d{2}", value):
            return value[:10]
        found = re.match(r"^D:(\d{4})(\d{2})(\d{2})", value)  # PDF dates
        if found:
            return "-".join(found.groups())
    return None


def timeline(ws: Workspace, viewer: Viewer, ref: str, max_claims: int | None = None,
             claims: tuple[list[dict[str, Any]], int] | None = None,
             entity: dict[str, Any] | None = None,
             events: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Every position, event and claim; with max_claims, only that many claims (by date
    of statement, then item and place in the text) and the count of the others. A caller
    that has them already passes `claims` (first_claims: the entries of the first claims
    and the count of the others), the entity (entities.show) and its events
    (events.list_events)."""
    if entity is None:
        entity = entity_pipeline.show(ws, viewer, ref)
    if events is None:
        events = event_pipeline.list_events(ws, viewer, str(entity["id"]))
    entries: list[dict[str, Any]] = []
    for p in entity["positions"]:
        entries.append({"date": p["start"], "end": p["end"], "kind": "position",
                        "precision": p["start_precision"],
                        "summary": f"{p['person']}: {p['role']}, {p['organization']}",
                        "source": {"evidence": p["evidence"]}, "ref": p["id"]})
    for e in events:
        roles = [p for p in e["participants"] if p["entity_id"] in
                 [entity["id"], *entity["merged"]]]
        entries.append({"date": e["date_start"], "end": e["date_end"], "kind": "event",
                        "precision": e["precision"], "summary": e["title"],
                        "act_type": e["act_type"], "roles": roles,
                        "source": {"claims": [c["id"] for c in e["claims"]],
                                   "created_by": e["created_by"]}, "ref": e["id"]})
    if claims is not None:
        entries += claims[0]
        not_shown = claims[1]
    else:
        with ws.db.read() as session:
            ids = entity_store.members(session, entity["id"], viewer.levels)
            not_shown = 0
            if max_claims is not None:
                ranked, total = claim_queries.first_on_entities(session, ids, viewer.levels,
                                                                max_claims)
                not_shown = max(0, total - max_claims)
                rows = claim_queries.with_items(session, ranked)
            else:
                rows = claim_queries.on_entities(session, ids, viewer.levels)
            entries += _claim_entries(rows, ids)
    entries.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["kind"], str(e["ref"])))
    return {"entity": {"id": entity["id"], "caption": entity["caption"],
                       "type": entity["type"]}, "entries": entries,
            "claims_not_shown": not_shown}


def first_claims(ws: Workspace, ids: list[int], first: list[str], total: int,
                 max_claims: int) -> tuple[list[dict[str, Any]], int]:
    """The timeline entries of the claims `first` (the first in date order of the
    claims about or spoken by the entities `ids`) and the count of those not shown."""
    with ws.db.read() as session:
        rows = claim_queries.with_items(session, first[:max_claims])
    return _claim_entries(rows, ids), max(0, total - max_claims)


def _claim_entries(rows: list[Any], ids: list[int]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    seen = set()
    for claim in rows:
        if claim.id in seen:
            continue
        seen.add(claim.id)
        date, basis = claim.statement_date, "statement"
        if date is None:
            date, basis = _published(claim.metadata_json), "published"
        entries.append({
            "date": date, "date_basis": basis if date else None, "kind": "claim",
            "precision": claim.statement_precision if basis == "statement" else "day",
            "summary": claim.quote, "claim_kind": claim.kind, "status": claim.status,
            "role": "speaker" if claim.speaker_entity_id in ids else "about",
            "source": {"speaker": claim.speaker, "publisher": claim.publisher,
                       "item": claim.item_id, "item_name": claim.original_name},
            "ref": claim.id})
    return entries
