"""The machine-readable files of a package: data/case.json (schema in
docs/export-format.md) and data/ftm.json (FollowTheMoney entities, one per line, for
Aleph and similar tools)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import orjson

from gavah.core.custody import utc_now
from gavah.pipelines.access import Viewer
from gavah.pipelines.cases.evidence import Evidence, claim_dict
from gavah.pipelines.export.bagfiles import BagWriter
from gavah.pipelines.export.contents import FORMAT, Contents
from gavah.pipelines.export.pseudonyms import Pseudonyms
from gavah.pipelines.export.report import Selection
from gavah.store.workspace import Workspace

ChainEnd = tuple[int, str, list[int]]  # the chain's last seq and hash, the seqs hidden


def _estimates(ws: Workspace, viewer: Viewer, contents: Contents) -> list[dict[str, Any]]:
    from gavah.pipelines.cases.targets import estimate

    out = []
    for number in sorted({int(e.target_id) for e in contents.case.evidence
                          if e.kind == "estimate"}):
        data = estimate(ws, viewer, number)
        out.append({"id": number, "estimate": data.get("estimate"),
                    "lower": data.get("lower"), "upper": data.get("upper"),
                    "interval": data.get("interval"), "method": data.get("method"),
                    "model": data.get("model"), "chosen_model": data.get("chosen_model"),
                    "lists": data.get("lists"), "saved": data.get("saved")})
    return out


def case_document(ws: Workspace, contents: Contents, items: list[dict[str, Any]],
                  chain_end: Callable[[], ChainEnd]) -> dict[str, Any]:
    """The case file's keys in order; the long lists (evidence, claims) are iterators,
    made as they are written, and the chain's end is asked for when its key is (the
    chain is written by another process meanwhile: side.py)."""
    found = contents.case
    claims: dict[str, dict[str, Any]] = {}
    made = found.claim_dicts  # the dicts the case file made already
    for evidence in found.evidence + found.removed:
        for claim in evidence.claims:
            if claim.id not in claims:
                claims[claim.id] = made.get(claim.id) or claim_dict(claim)
    sources = {o["key"]: o for e in found.evidence for o in e.originators}
    viewer = Viewer("export", contents.level)
    return {
        "format": FORMAT, "exported_at": utc_now(), "workspace": ws.workspace_id,
        "recipient": contents.recipient, "level": contents.level,
        "case": found.case, "framework": found.framework, "suspects": found.suspects,
        "charges": found.charges, "events": found.events, "elements": found.elements,
        "evidence": map(Evidence.to_dict, found.evidence),
        "removed": map(Evidence.to_dict, found.removed),
        "matrix": found.matrix, "gaps": found.gaps, "exculpatory": found.exculpatory,
        "claims": (claims[i] for i in sorted(claims)),
        "sources": sorted(sources.values(), key=lambda s: s["key"]),
        "estimates": _estimates(ws, viewer, contents),
        "items": items,
        "withheld": contents.withheld,
        "custody": lambda: _custody(chain_end()),
    }


def _custody(chain_end: ChainEnd) -> dict[str, Any]:
    return {"chain": "data/custody/chain.jsonl", "public_key": "data/custody/public_key.pem",
            "last_seq": chain_end[0], "last_hash": chain_end[1],
            "hidden_naming_protected": chain_end[2]}


def ftm_lines(ws: Workspace, contents: Contents) -> list[dict[str, Any]]:
    """The suspects the recipient may see, and the positions between them, as
    FollowTheMoney (its model takes seconds to load: not loaded for a case without
    suspects)."""
    wanted = {int(s["id"]) for s in contents.case.suspects}
    if not wanted:
        return []
    from gavah.pipelines import ftm

    return list(ftm.export(ws, Viewer("export", contents.level), only=wanted))


# What the report does not read: left out of what `write` gives back, so that a case
# resting on a hundred thousand claims is not held twice in memory.
NOT_IN_REPORT = ("removed", "claims", "sources")


def write(ws: Workspace, contents: Contents, items: list[dict[str, Any]], bag: BagWriter,
          chain_end: Callable[[], ChainEnd], names: Pseudonyms) -> dict[str, Any]:
    """Write data/case.json and data/ftm.json; returns case.json as read back (less what
    the report does not read, and only the supporting evidence the report lists: see
    report.Selection), so the report says exactly what the package holds.

    case.json is written a key at a time and a list element a line, each encoded by
    orjson (compact, as the json module's C encoder would give it but without spaces,
    in an eighth of the time): an indented dump of the whole document is encoded in
    Python, and held whole in memory."""
    back: dict[str, Any] = {}
    selection = Selection()
    with bag.open("data/case.json") as out:
        out.write(b"{")
        for n, (key, value) in enumerate(case_document(ws, contents, items,
                                                       chain_end).items()):
            out.write(b"," if n else b"")
            out.write(b"\n" + _encode(key) + b": ")
            if callable(value):
                value = value()
            if not isinstance(value, dict | str | int | float | None):  # a list
                out.write(b"[")
                kept, count = [], 0
                lines: list[bytes] = []  # written a thousand at a time, not a write each
                for element in value:
                    line = _encode(names.apply(element))
                    lines.append(line)
                    if len(lines) == 1000:
                        out.write((b",\n" if count else b"\n") + b",\n".join(lines))
                        count += len(lines)
                        lines.clear()
                    if key == "evidence":
                        if selection.wants(element):
                            selection.evidence.append(orjson.loads(line))
                    elif key not in NOT_IN_REPORT:
                        kept.append(orjson.loads(line))
                if lines:
                    out.write((b",\n" if count else b"\n") + b",\n".join(lines))
                    count += len(lines)
                out.write(b"\n]" if count else b"]")
                if key not in NOT_IN_REPORT:
                    back[key] = selection.evidence if key == "evidence" else kept
            else:
                line = _encode(names.apply(value))
                out.write(line)
                back[key] = orjson.loads(line)
        out.write(b"\n}\n")
    back["supporting"] = selection.supporting
    with bag.open("data/ftm.json") as out:
        for entity in ftm_lines(ws, contents):
            out.write(json.dumps(names.apply(entity), ensure_ascii=False).encode() + b"\n")
    return back


# Integer keys as strings and anything else as its str(), as json.dumps(default=str)
# gives them (a date is not given orjson's own ISO form).
_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | \
    orjson.OPT_PASSTHROUGH_DATACLASS


def _encode(value: Any) -> bytes:
    try:
        return orjson.dumps(value, default=str, option=_OPTIONS)
    except orjson.JSONEncodeError:  # an integer beyond 64 bits, a lone surrogate
        return json.dumps(value, ensure_ascii=False, default=str).encode()
