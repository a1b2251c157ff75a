"""The machine-readable files of a package: data/case.json (schema in
docs/export-format.md) and data/ftm.json (FollowTheMoney entities, one per line, for
Aleph and similar tools)."""

from __future__ import annotations

import json
from typing import Any

from gavah.core.custody import utc_now
from gavah.pipelines.access import Viewer
from gavah.pipelines.export.bagfiles import BagWriter
from gavah.pipelines.export.contents import FORMAT, Contents
from gavah.pipelines.export.pseudonyms import Pseudonyms
from gavah.store.claim_tables import Claim
from gavah.store.workspace import Workspace


def claim_dict(claim: Claim) -> dict[str, Any]:
    """A claim with its exact span and who asserts it through whom."""
    return {"id": claim.id, "item_id": claim.item_id, "text_sha256": claim.text_sha256,
            "start": claim.start, "end": claim.end, "quote": claim.quote,
            "kind": claim.kind, "speaker": claim.speaker, "publisher": claim.publisher,
            "attribution": json.loads(claim.attribution or "[]"),
            "figure": json.loads(claim.figure) if claim.figure else None,
            "statement_date": claim.statement_date, "origin": claim.origin,
            "status": claim.status, "credibility": claim.credibility,
            "language": claim.language}


def _estimates(ws: Workspace, viewer: Viewer, contents: Contents) -> list[dict[str, Any]]:
    from gavah.pipelines.cases.targets import estimate

    out = []
    for number in sorted({int(e.target_id) for e in contents.case.evidence
                          if e.kind == "estimate"}):
        data = estimate(ws, viewer, number)
        out.append({"id": number, "estimate": data.get("estimate"),
                    "lower": data.get("lower"), "upper": data.get("upper"),
                    "interval": data.get("interval"), "method": data.get("method"),
                    "lists": data.get("lists"), "saved": data.get("saved")})
    return out


def case_document(ws: Workspace, contents: Contents, items: list[dict[str, Any]],
                  chain_end: tuple[int, str, list[int]]) -> dict[str, Any]:
    found = contents.case
    claims: dict[str, dict[str, Any]] = {}
    for evidence in found.evidence + found.removed:
        for claim in evidence.claims:
            claims.setdefault(claim.id, claim_dict(claim))
    sources = {o["key"]: o for e in found.evidence for o in e.originators}
    viewer = Viewer("export", contents.level)
    return {
        "format": FORMAT, "exported_at": utc_now(), "workspace": ws.workspace_id,
        "recipient": contents.recipient, "level": contents.level,
        **found.to_dict(),
        "claims": sorted(claims.values(), key=lambda c: c["id"]),
        "sources": sorted(sources.values(), key=lambda s: s["key"]),
        "estimates": _estimates(ws, viewer, contents),
        "items": items,
        "withheld": contents.withheld,
        "custody": {"chain": "data/custody/chain.jsonl",
                    "public_key": "data/custody/public_key.pem",
                    "last_seq": chain_end[0], "last_hash": chain_end[1],
                    "hidden_naming_protected": chain_end[2]},
    }


def ftm_lines(ws: Workspace, contents: Contents) -> list[dict[str, Any]]:
    """The suspects the recipient may see, and the positions between them, as
    FollowTheMoney (its model takes seconds to load: not loaded for a case without
    suspects)."""
    wanted = {int(s["id"]) for s in contents.case.suspects}
    if not wanted:
        return []
    from gavah.pipelines import ftm

    return list(ftm.export(ws, Viewer("export", contents.level), only=wanted))


def write(ws: Workspace, contents: Contents, items: list[dict[str, Any]], bag: BagWriter,
          chain_end: tuple[int, str, list[int]], names: Pseudonyms) -> dict[str, Any]:
    """Write data/case.json and data/ftm.json; returns case.json as read back, so the
    report says exactly what the package holds."""
    text = json.dumps(names.apply(case_document(ws, contents, items, chain_end)),
                      ensure_ascii=False, indent=1, default=str)
    bag.write("data/case.json", text.encode())
    with bag.open("data/ftm.json") as out:
        for entity in ftm_lines(ws, contents):
            out.write(json.dumps(names.apply(entity), ensure_ascii=False).encode() + b"\n")
    return json.loads(text)  # type: ignore[no-any-return]
