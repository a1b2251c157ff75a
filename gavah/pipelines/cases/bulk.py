"""Linking many pieces of evidence to a case at once (an import, a script, a bench): the
same checks as `link`, and one signed custody entry per link, in one transaction, so
that either every link is recorded or none is. Targets are looked up in batches, not
one query per link."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from gavah.core.custody import utc_now
from gavah.core.errors import BadInput, NotFound
from gavah.pipelines.access import Viewer
from gavah.pipelines.cases.manage import _suspect_id, framework
from gavah.pipelines.cases.targets import STANCES, Target, resolve
from gavah.store import cases as case_store
from gavah.store.db import Session
from gavah.store.workspace import Workspace

FIELDS = {"element", "target", "target_id", "stance", "suspect", "note"}


def _targets(ws: Workspace, session: Session, viewer: Viewer,
             links: Sequence[Mapping[str, Any]]) -> list[Target]:
    """Each link's target, if it exists and the reader may see it. Claims (by full id)
    and items are read in batches; other kinds one by one."""
    claims = case_store.claim_levels(session, sorted(
        {str(x["target_id"]) for x in links if x["target"] == "claim"}))
    items = case_store.item_levels(session, {
        int(x["target_id"]) for x in links
        if x["target"] == "item" and str(x["target_id"]).strip().isdigit()})
    out = []
    for n, link in enumerate(links, 1):
        kind, ref = str(link["target"]), str(link["target_id"])
        if kind == "claim" and ref in claims and viewer.may_see(claims[ref][1]):
            out.append(Target(kind, ref, claims[ref][1], claims[ref][0]))
        elif kind == "item" and ref.strip().isdigit() and int(ref) in items and \
                viewer.may_see(items[int(ref)]):
            out.append(Target(kind, str(int(ref)), items[int(ref)], int(ref)))
        else:
            try:
                out.append(resolve(ws, session, viewer, kind, ref))
            except (NotFound, BadInput) as exc:
                raise type(exc)(f"link {n}: {exc}", field=exc.field) from None
    return out


def _check(links: Sequence[Mapping[str, Any]], elements: set[str]) -> None:
    for n, link in enumerate(links, 1):
        missing = {"element", "target", "target_id", "stance"} - set(link)
        unknown = set(link) - FIELDS
        if missing or unknown:
            raise BadInput(f"link {n}: " + (f"missing {', '.join(sorted(missing))}" if missing
                                             else f"unknown {', '.join(sorted(unknown))}"),
                           field="links")
        if link["stance"] not in STANCES:
            raise BadInput(f"link {n}: stance {link['stance']!r} is not one of "
                           f"{', '.join(STANCES)}", field="stance")
        if link["element"] not in elements:
            raise NotFound(f"link {n}: no element {link['element']!r} in the case's "
                           "framework", field="element")


def link_many(ws: Workspace, viewer: Viewer, case_id: int | str,
              links: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Link every piece of evidence in `links` (each: element, target, target_id, stance,
    and optionally suspect and note; a claim by its full id). Evidence already linked
    the same way is left as it is; linked with the other stance, it is refused.
    Returns how many links were added and how many were there already."""
    with ws.db.write() as session:
        case = case_store.get(session, case_id, viewer.levels)
        _check(links, {e.id for e in framework(ws, case.framework).all_elements()})
        targets = _targets(ws, session, viewer, links)
        suspects = {ref: _suspect_id(session, viewer, case, ref)
                    for ref in {x.get("suspect") for x in links}}
        existing = case_store.link_keys(session, case.id)
        rows, now = [], utc_now()
        for n, (link, target) in enumerate(zip(links, targets, strict=True), 1):
            key = (str(link["element"]), target.kind, target.id,
                   suspects[link.get("suspect")])
            if key in existing:
                if existing[key] != link["stance"]:
                    raise BadInput(f"link {n}: {target.kind} {target.id} is already linked "
                                   f"to {key[0]} ({existing[key]}); unlink it first",
                                   field="stance")
                continue
            existing[key] = str(link["stance"])
            rows.append(({"case_id": case.id, "element": key[0], "suspect_id": key[3],
                          "target_kind": target.kind, "target_id": target.id,
                          "page": None, "span_start": None, "span_end": None,
                          "stance": link["stance"], "note": link.get("note") or None,
                          "created_at": now, "created_by": viewer.actor,
                          "custody_seq": 0}, target))
        ids = case_store.add_links(session, [row for row, _ in rows])
        stamps = []
        for number, (row, target) in zip(ids, rows, strict=True):
            entry = ws.custody.append(session, viewer.actor, "case-linked", target.item_id, {
                "case": case.id, "link": number, "element": row["element"],
                "suspect": row["suspect_id"], "target": target.kind,
                "target_id": target.id, "page": None, "span": None,
                "stance": row["stance"], "note": row["note"]}, reaches=[])
            stamps.append({"id": number, "custody_seq": entry.seq, "created_at": entry.time})
        case_store.stamp_links(session, stamps)
    return {"added": len(rows), "already": len(links) - len(rows)}
