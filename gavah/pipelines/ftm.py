"""FollowTheMoney JSON lines in and out, so entities travel to and from Aleph and
OpenSanctions-style tools. People and organisations keep their schema; places are
Address entities; positions are Membership entities."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData

from gavah.core.errors import BadInput
from gavah.pipelines import entities as entity_pipeline
from gavah.pipelines.access import Viewer
from gavah.store import entities as entity_store
from gavah.store.claim_tables import EntityIdentifier
from gavah.store.workspace import Workspace

OURS = {"Person": "Person", "Organization": "Organization", "Place": "Address"}
THEIRS = {"Person": "Person", "Organization": "Organization", "Company": "Organization",
          "PublicBody": "Organization", "LegalEntity": "Organization", "Address": "Place"}


def _ftm_id(ws: Workspace, entity_id: int) -> str:
    return f"gavah-{ws.workspace_id[:8]}-e{entity_id}"


def export(ws: Workspace, viewer: Viewer, only: set[int] | None = None
           ) -> Iterator[dict[str, Any]]:
    """Every entity the viewer may see (or those of them in `only`), then every position
    between them."""
    entities = [e for e in entity_pipeline.list_entities(ws, viewer)
                if only is None or e["id"] in only]
    exported = set()
    for e in entities:
        proxy = model.make_entity(OURS[e["type"]])
        proxy.id = _ftm_id(ws, e["id"])
        name_prop = "full" if e["type"] == "Place" else "name"
        proxy.add(name_prop, e["caption"])
        for n in e["names"]:
            if n["name"] != e["caption"]:
                proxy.add("alias" if e["type"] != "Place" else "summary", n["name"])
        for ident in e["identifiers"]:
            if ident["scheme"] == "wikidata" and e["type"] != "Place":
                proxy.add("wikidataId", ident["value"])
            elif ident["scheme"] != "ftm" and e["type"] != "Place":
                proxy.add("idNumber", f"{ident['scheme']}:{ident['value']}")
        if e["type"] == "Place" and e["latitude"] is not None:
            proxy.add("latitude", str(e["latitude"]))
            proxy.add("longitude", str(e["longitude"]))
        exported.add(e["id"])
        yield proxy.to_dict()
    seen = set()
    for e in entities:
        for p in e.get("positions") or entity_pipeline.show(ws, viewer, str(e["id"]))[
                "positions"]:
            if p["id"] in seen or not {p["person_id"], p["organization_id"]} <= exported:
                continue
            seen.add(p["id"])
            membership = model.make_entity("Membership")
            membership.id = f"gavah-{ws.workspace_id[:8]}-p{p['id']}"
            membership.add("member", _ftm_id(ws, p["person_id"]))
            membership.add("organization", _ftm_id(ws, p["organization_id"]))
            membership.add("role", p["role"])
            if p["start"]:
                membership.add("startDate", p["start"][:10])
            if p["end"]:
                membership.add("endDate", p["end"][:10])
            yield membership.to_dict()


def import_lines(ws: Workspace, viewer: Viewer, lines: Iterable[str]) -> dict[str, Any]:
    """Create (or, for an id seen before, extend) entities from FtM JSON lines."""
    created, updated, positions, skipped = 0, 0, 0, []
    memberships = []
    mapping: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            proxy = model.get_proxy(json.loads(line))
        except (ValueError, InvalidData, TypeError) as exc:
            raise BadInput(f"line {number}: not a FollowTheMoney entity ({exc})") from None
        if proxy.schema.name == "Membership":
            memberships.append((number, proxy))
            continue
        ours = THEIRS.get(proxy.schema.name)
        if ours is None:
            skipped.append({"line": number, "schema": proxy.schema.name})
            continue
        names = proxy.get("full" if ours == "Place" else "name") or proxy.get("name")
        if not names:
            skipped.append({"line": number, "schema": proxy.schema.name, "reason": "no name"})
            continue
        aliases = [*proxy.get("alias"), *proxy.get("weakAlias"), *proxy.get("previousName"),
                   *names[1:]] if ours != "Place" else list(names[1:])
        with ws.db.read() as session:
            known = session.query(EntityIdentifier).filter_by(
                scheme="ftm", value=str(proxy.id)).first()
            known_id = entity_store.canonical(session, known.entity_id) if known else None
        if known_id is not None:
            entity_pipeline.add_names(ws, viewer, str(known_id), [names[0], *aliases])
            mapping[str(proxy.id)] = known_id
            updated += 1
            continue
        identifiers = [("ftm", str(proxy.id))]
        identifiers += [("wikidata", v) for v in proxy.get("wikidataId", quiet=True)]
        lat = proxy.get("latitude", quiet=True)
        lon = proxy.get("longitude", quiet=True)
        entity = entity_pipeline.add(
            ws, viewer, ours, names[0], aliases, identifiers,
            float(lat[0]) if lat and lon else None, float(lon[0]) if lat and lon else None)
        mapping[str(proxy.id)] = entity["id"]
        created += 1
    for number, proxy in memberships:
        member, org = proxy.first("member"), proxy.first("organization")
        if member not in mapping or org not in mapping:
            skipped.append({"line": number, "schema": "Membership",
                            "reason": "member or organization not in this file"})
            continue
        entity_pipeline.add_position(ws, viewer, str(mapping[member]), str(mapping[org]),
                                     proxy.first("role") or "member",
                                     proxy.first("startDate"), proxy.first("endDate"))
        positions += 1
    return {"created": created, "updated": updated, "positions": positions,
            "skipped": skipped}
