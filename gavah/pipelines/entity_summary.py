"""What an entity page needs from the claims about or spoken by an entity (and those
merged into it), kept per classification level of the claims' items and added up at
read time over the levels the reader may see: a reader never gets anything derived from
a claim above their clearance, and every reader of one level gets the same page.

Per level: the claims grouped by who says them (each group's count, its first claims in
text order, its publishers), the first claims in date order with their count, and the
entities named with it or speaking about it, counted. Each part adds up exactly across
levels (a claim has one level), so the merged parts are what one pass over the claims
the reader may see gives. Kept in the database (gavah.store.entity_summaries) and made
again only when a change reaches these entities or may alter claims anywhere."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

from gavah.store import claim_queries
from gavah.store import entity_summaries as store
from gavah.store.workspace import Workspace

PER_SOURCE = 5  # claims kept for each group of who says them
TIMELINE_CLAIMS = 100  # claims kept in date order


def _code() -> str:
    """The format of a kept summary: one made in another (other limits) is made again."""
    return f"1-{PER_SOURCE}-{TIMELINE_CLAIMS}"


def _text_key(r: store.Row) -> list[Any]:
    return [r.item_id, r.derivative_id, r.start, r.id]


def _date_key(r: store.Row) -> list[Any]:
    return [r.statement_date is None, r.statement_date or "", r.item_id, r.start, r.id]


def build(rows: Sequence[store.Row], named: Iterable[tuple[str, int]],
          ids: Sequence[int]) -> dict[str, Any]:
    """The summary of these claims (store.rows of the entities `ids`), per level."""
    parts: dict[str, dict[str, Any]] = {}

    def part(level: str) -> dict[str, Any]:
        return parts.setdefault(level, {"groups": {}, "dated": {"count": 0, "top": []},
                                        "together": Counter(), "speakers": Counter()})

    for r in sorted((r for r in rows if r.about), key=_text_key):
        name = r.speaker or r.publisher or ""
        key = f"source:{r.speaker_source_id}" if r.speaker_source_id else \
            f"name:{name.casefold()}"
        text_key = _text_key(r)
        group = part(r.level)["groups"].setdefault(key, {
            "originator": name or None, "source_id": r.speaker_source_id,
            "speaks": bool(r.speaker), "first": text_key, "count": 0, "top": [],
            "publishers": []})
        group["count"] += 1
        if len(group["top"]) < PER_SOURCE:
            group["top"].append(text_key)
        if r.publisher and all(p != r.publisher for _, p in group["publishers"]):
            group["publishers"].append([text_key, r.publisher])
    counted = [r for r in rows if r.status != "rejected"]
    for r in sorted(counted, key=_date_key):
        dated = part(r.level)["dated"]
        dated["count"] += 1
        if len(dated["top"]) < TIMELINE_CLAIMS:
            dated["top"].append(_date_key(r))
    level_of = {r.id: r.level for r in counted if r.about}
    for claim_id, entity_id in named:
        if claim_id in level_of:
            part(level_of[claim_id])["together"][str(entity_id)] += 1
    for r in counted:
        if r.about and r.speaker_entity_id is not None and r.speaker_entity_id not in ids:
            part(r.level)["speakers"][str(r.speaker_entity_id)] += 1
    return parts


def read(body: dict[str, Any], levels: Iterable[str]) -> dict[str, Any]:
    """The summary's parts at `levels`, added up: groups ranked (the most claims first),
    the ids of the first claims in date order and their count, and the counters."""
    groups: dict[str, dict[str, Any]] = {}
    dated: list[list[Any]] = []
    total = 0
    together: Counter[int] = Counter()
    speakers: Counter[int] = Counter()
    for part in (body[level] for level in levels if level in body):
        for key, g in part["groups"].items():
            merged = groups.get(key)
            if merged is None:
                groups[key] = {**g, "top": list(g["top"]), "publishers": list(g["publishers"])}
                continue
            if g["first"] < merged["first"]:  # the group is named by its first claim
                merged |= {k: g[k] for k in ("originator", "source_id", "speaks", "first")}
            merged["count"] += g["count"]
            merged["top"] = sorted(merged["top"] + g["top"])[:PER_SOURCE]
            merged["publishers"] += g["publishers"]
        dated = sorted(dated + part["dated"]["top"])[:TIMELINE_CLAIMS]
        total += part["dated"]["count"]
        together.update({int(k): n for k, n in part["together"].items()})
        speakers.update({int(k): n for k, n in part["speakers"].items()})
    ranked = sorted(groups.values(), key=lambda g: (-g["count"], g["originator"] or "",
                                                    g["first"]))
    return {"groups": [{"originator": g["originator"], "source_id": g["source_id"],
                        "speaks": g["speaks"], "publishers": _publishers(g["publishers"]),
                        "count": g["count"], "ids": [k[-1] for k in g["top"]]}
                       for g in ranked],
            "claims": sum(g["count"] for g in ranked),
            "dated": [k[-1] for k in dated], "dated_count": total,
            "together": together, "speakers": speakers}


def _publishers(found: list[list[Any]]) -> list[str]:
    """Each publisher once, in the order of its first claim."""
    out: list[str] = []
    for _, name in sorted(found):
        if name not in out:
            out.append(name)
    return out


def _version(ws: Workspace, session: Any, ids: Sequence[int]) -> int:
    everything = ws.cache.everything_version()
    altering = ws.cache.get(["claims-altering"], everything,
                            lambda: store.newest_altering_all(session))
    return store.claims_version(session, ids, altering)


def summary(ws: Workspace, ids: Sequence[int], levels: Sequence[str]) -> dict[str, Any]:
    """The summary of the claims about or spoken by the entities `ids` (an entity and
    those merged into it) that a reader of `levels` may see: kept, else made and kept."""
    key = store.key_of(ids)
    with ws.db.read() as session:
        # The version is read before the claims: a change committed in between makes
        # the kept summary older than its content, never newer (it is made again).
        version = _version(ws, session, ids)
        body = store.get(session, key, version, _code())
        made = body is None
        if body is None:
            body = build(store.rows(session, ids), claim_queries.named_with(session, ids),
                         ids)
    if made:
        with ws.db.write() as session:
            store.put(session, key, version, _code(), body)
    return read(body, levels)


def shown(ws: Workspace, ids: Sequence[int], levels: Sequence[str],
          make: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
    """What a page of the entities `ids` shows of their claims to a reader of `levels`
    (make(summary) computes it: the claims it lists, loaded), kept beside the summary
    and made again when it is. It travels as JSON: it comes back as JSON gives it."""
    key = store.key_of(ids, levels)
    with ws.db.read() as session:
        version = _version(ws, session, ids)
        found = store.get(session, key, version, _code())
    if found is not None:
        return cast(dict[str, Any], found)
    value = json.loads(json.dumps(make(summary(ws, ids, levels)), ensure_ascii=False))
    with ws.db.write() as session:
        store.put(session, key, version, _code(), value)
    return cast(dict[str, Any], value)
