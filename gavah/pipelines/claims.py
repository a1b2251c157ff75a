"""Claims: extracted from items' text as suggestions, then confirmed, rejected or edited
by analysts. Every change is a review row and a custody entry; machine extraction is
idempotent (a claim's id derives from its text and reading)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from gavah.core import extract as claim_extract
from gavah.core.custody import utc_now
from gavah.core.errors import BadInput
from gavah.core.figures import counts_key
from gavah.core.vocabulary import check, values
from gavah.pipelines import claim_runs
from gavah.pipelines.access import Viewer, record_reads
from gavah.pipelines.claim_runs import Report
from gavah.store import claims as claim_store
from gavah.store import entities as entity_store
from gavah.store import items as item_store
from gavah.store import sources as source_store
from gavah.store import visibility
from gavah.store.claim_tables import Claim
from gavah.store.tables import Blob, Item
from gavah.store.workspace import Workspace

BATCH = 200  # texts read, then recorded in one transaction


def plain(value: Any) -> Any:
    """JSON-safe for custody details: floats become strings (no canonical float form)."""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def extract_claims(ws: Workspace, item_ids: Sequence[int] | None, actor: str,
                   force: bool = False, report: Report | None = None) -> Report:
    """Read every text derivative of the items (all items when None) that claim
    extraction has not read yet (or all, with force) and store what it suggests, one
    transaction per batch of texts. `report`: add to it (an ingest's)."""
    with ws.db.read() as session:
        texts = claim_store.texts_to_read(session, item_ids, again=force)
        recorder = claim_runs.Recorder.load(session)
        # The page's own metadata (site name, author) names the publisher when the
        # ingest gave no source.
        metadata = item_store.blob_metadata(session, {t.source_sha256 for t in texts})
    if report is not None:
        recorder.report = report
    for start in range(0, len(texts), BATCH):
        readings = []
        for text in texts[start:start + BATCH]:
            result = claim_extract.extract(_text(ws, text.sha256), publisher=text.source,
                                           gazetteer=recorder.gazetteer,
                                           metadata=metadata.get(text.source_sha256))
            readings.append(claim_runs.Reading(text, result, first=not force))
        with ws.db.write() as session:
            recorder.record(session, ws, actor, readings)
    return recorder.report


def list_claims(ws: Workspace, viewer: Viewer, about: str | None = None,
                item: str | None = None, status: str | None = None, kind: str | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
    with ws.db.read() as session:
        about_ids = None
        if about:
            entity = entity_store.get(session, about, viewer.levels)
            about_ids = entity_store.members(session, entity.id, viewer.levels)
        item_id = item_store.resolve(session, item, viewer.levels).id if item else None
        rows = claim_store.find(
            session, viewer.levels, about=about_ids, item_id=item_id,
            status=check("claim_statuses", status, "status") if status else None,
            kind=check("claim_kinds", kind, "kind") if kind else None, limit=limit)
        about_map = claim_store.about_of(session, [c.id for c in rows])
        return [claim_store.to_dict(c, about_map.get(c.id, [])) for c in rows]


def _text(ws: Workspace, sha: str) -> str:
    with ws.blobs.open(sha) as stream:
        return stream.read().decode("utf-8", errors="replace")


def show_claim(ws: Workspace, viewer: Viewer, claim_id: str) -> dict[str, Any]:
    with ws.db.read() as session:
        claim = claim_store.get(session, claim_id, viewer.levels)
        item = session.get(Item, claim.item_id)
        assert item is not None
        about = claim_store.about_of(session, [claim.id])[claim.id]
        links = claim_store.events_of(session, claim.id)
        reviews = claim_store.reviews_of(session, claim.id)
        changes = [json.loads(r.changes) for r in reviews]
        entities = visibility.visible_entities(session, [
            *about, claim.speaker_entity_id, *(i for c in changes
                                               for i in _ids(c.get("about")))], viewer.levels)
        shown_sources = visibility.visible_sources(session, [
            claim.speaker_source_id, claim.publisher_source_id,
            *(i for c in changes for i in _ids(c.get("speaker_source_id")))], viewer.levels)
        shown_events = visibility.visible_events(session, [e.event_id for e in links],
                                                 viewer.levels)
        out = claim_store.to_dict(claim, [i for i in about if i in entities])
        # Links to what the reader may not see are left out, as if never made.
        for key, shown in (("speaker_entity_id", entities), ("speaker_source_id", shown_sources),
                           ("publisher_source_id", shown_sources)):
            if out[key] is not None and out[key] not in shown:
                out[key] = None
        out["reviews"] = [{"action": r.action,
                           "changes": _visible_changes(c, entities, shown_sources),
                           "reason": r.reason, "reviewer": r.reviewer,
                           "reviewed_at": r.reviewed_at} for r, c in zip(reviews, changes,
                                                                          strict=True)]
        out["events"] = [{"event_id": e.event_id, "stance": e.stance}
                         for e in links if e.event_id in shown_events]
        out["item"] = {"id": item.id, "original_name": item.original_name,
                       "classification": item.classification, "source": item.source}
        blob = session.get(Blob, claim.text_sha256)
    # The span is checked against the derivative's bytes, re-hashed now.
    actual, _ = ws.blobs.rehash(claim.text_sha256) if blob else ("", 0)
    text = _text(ws, claim.text_sha256) if actual == claim.text_sha256 else ""
    out["span_verified"] = bool(text) and text[claim.start:claim.end] == claim.quote
    record_reads(ws, viewer, [(item.id, item.classification)], "viewed",
                 {"claim": claim.id})
    return out


def _ids(change: Any) -> list[int]:
    """The ids in a review's [before, after] of a link (an id, a list of ids, None)."""
    if not isinstance(change, list):
        return []
    out: list[int] = []
    for side in change:
        out += [int(i) for i in (side if isinstance(side, list) else [side])
                if isinstance(i, int)]
    return out


def _visible_changes(changes: dict[str, Any], entities: set[int],
                     shown_sources: set[int]) -> dict[str, Any]:
    """A review's changes without the ids of entities and sources the reader may not see."""
    out = dict(changes)
    if isinstance(out.get("about"), list):
        out["about"] = [[i for i in side if i in entities] if isinstance(side, list) else side
                        for side in out["about"]]
    if isinstance(out.get("speaker_source_id"), list):
        out["speaker_source_id"] = [i if i is None or i in shown_sources else None
                                    for i in out["speaker_source_id"]]
    return out


def _annotate(ws: Workspace, viewer: Viewer, claim_id: str, action: str,
              reason: str | None, apply: Any) -> dict[str, Any]:
    with ws.db.write() as session:
        claim = claim_store.get(session, claim_id, viewer.levels)
        shown_on = claim_store.entities_of(session, claim)
        changes: dict[str, Any] = apply(session, claim) or {}
        session.flush()
        shown_on |= claim_store.entities_of(session, claim)
        claim_store.review(session, claim, action, changes, reason, viewer.actor)
        # The review reaches the pages of the entities the claim concerns, before and
        # after it; the pages of all other entities stay as they were computed.
        ws.custody.append(session, viewer.actor, "annotated", claim.item_id, plain({
            "claim": claim.id, "action": action, "changes": changes, "reason": reason}),
            reaches=shown_on)
        cid = claim.id
    return show_claim(ws, viewer, cid)


def _set_status(status: str, credibility: str | None) -> Any:
    def apply(_session: Any, claim: Claim) -> dict[str, Any]:
        changes: dict[str, list[str | None]] = {"status": [claim.status, status]}
        claim.status = status
        if credibility is not None:
            changes["credibility"] = [claim.credibility, check("credibility", credibility)]
            claim.credibility = credibility
        return changes
    return apply


def confirm(ws: Workspace, viewer: Viewer, claim_id: str, reason: str | None = None,
            credibility: str | None = None) -> dict[str, Any]:
    return _annotate(ws, viewer, claim_id, "confirm", reason,
                     _set_status("confirmed", credibility))


def reject(ws: Workspace, viewer: Viewer, claim_id: str, reason: str) -> dict[str, Any]:
    if not reason or not reason.strip():
        raise BadInput("rejecting a claim needs a reason")
    return _annotate(ws, viewer, claim_id, "reject", reason, _set_status("rejected", None))


EDITABLE = tuple(values("claim_fields"))


def _linkable(session: Any, claim: Claim, level: str, what: str) -> None:
    """Only what every reader of the claim may see is tied to it (the editor, who sees
    both, is told why; a reader who cannot see `what` was told it does not exist)."""
    item_level = visibility.levels_of(session, Item, [claim.item_id])[claim.item_id]
    if not visibility.may_link(level, item_level):
        raise BadInput(f"{what} is classified {level}, above the claim's item "
                       f"({item_level}): it cannot be tied to the claim")


def edit(ws: Workspace, viewer: Viewer, claim_id: str, fields: dict[str, Any],
         reason: str | None = None) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise BadInput(f"cannot edit {', '.join(sorted(unknown))}; editable: "
                       f"{', '.join(EDITABLE)}")
    if not fields:
        raise BadInput("nothing to edit")

    def apply(session: Any, claim: Claim) -> dict[str, Any]:
        changes: dict[str, Any] = {}

        def put(name: str, value: Any) -> None:
            changes[name] = [getattr(claim, name), value]
            setattr(claim, name, value)

        for name, value in fields.items():
            if name == "kind":
                put("kind", check("claim_kinds", value, "kind"))
            elif name == "credibility":
                put("credibility", check("credibility", str(value), "credibility"))
            elif name in ("speaker", "statement_date"):
                put(name, value)
            elif name == "speaker_source":
                source = source_store.get(session, value, viewer.levels)
                _linkable(session, claim, source.classification, f"source {value!r}")
                put("speaker_source_id", source.id)
            elif name == "about":
                found = [entity_store.get(session, ref, viewer.levels) for ref in value]
                for ref, entity in zip(value, found, strict=True):
                    _linkable(session, claim, entity.classification, f"entity {ref!r}")
                ids = [entity.id for entity in found]
                before = claim_store.about_of(session, [claim.id])[claim.id]
                claim_store.set_about(session, claim.id, ids)
                changes["about"] = [before, sorted(set(ids))]
        figure_fields = {k[7:]: v for k, v in fields.items() if k.startswith("figure_")}
        if figure_fields:
            figure = claim_store.figure_dict(claim) or {"value": None, "min": None,
                                                        "max": None, "qualifier": "exact",
                                                        "counts": None}
            previous = dict(figure)
            figure.update(figure_fields)
            claim.figure = json.dumps(figure, ensure_ascii=False)
            claim.figure_min = figure.get("min") if figure.get("min") is not None else \
                figure.get("value")
            claim.figure_max = figure.get("max") if figure.get("max") is not None else \
                figure.get("value")
            claim.counts_key = counts_key(figure.get("counts"))
            changes["figure"] = [previous, figure]
        return changes

    return _annotate(ws, viewer, claim_id, "edit", reason, apply)


def add_claim(ws: Workspace, viewer: Viewer, item_ref: str, start: int, end: int, kind: str,
              speaker: str | None, reason: str | None = None, label: str | None = None,
              derivative_position: int | None = None) -> dict[str, Any]:
    """An analyst's own claim, anchored to [start, end) of one of the item's texts."""
    check("claim_kinds", kind, "kind")
    with ws.db.read() as session:
        item = item_store.resolve(session, item_ref, viewer.levels)
        texts = item_store.text_derivatives(session, item.sha256)
        if label is not None:
            texts = [d for d in texts if d.label == label]
        if not texts:
            raise BadInput(f"item {item.id} has no extracted text"
                           + (f" labelled {label!r}" if label else ""))
        derivative = texts[0]
        speaker_source = source_store.find(session, speaker) if speaker else None
        if speaker_source is not None and not (
                viewer.may_see(speaker_source.classification)
                and visibility.may_link(speaker_source.classification, item.classification)):
            speaker_source = None  # named in the text only: not tied to a hidden source
    text = _text(ws, derivative.sha256)
    if not 0 <= start < end <= len(text):
        raise BadInput(f"span [{start}, {end}) is outside the text ({len(text)} characters)")
    now = utc_now()
    cid = claim_runs.claim_id(derivative.sha256, f"analyst:{kind}:{start}:{end}:{speaker}")
    with ws.db.write() as session:
        if session.get(Claim, cid) is not None:
            raise BadInput(f"the same claim exists already: {cid}")
        claim = Claim(
            id=cid, item_id=item.id, derivative_id=derivative.id,
            text_sha256=derivative.sha256, start=start, end=end, quote=text[start:end],
            kind=kind, speaker=speaker, speaker_source_id=speaker_source.id
            if speaker_source else None, speaker_entity_id=None, publisher=item.source,
            publisher_source_id=None, attribution=json.dumps(
                [p for p in ({"name": item.source, "role": "publisher"} if item.source
                             else None, {"name": speaker, "role": "speaker"} if speaker
                             else None) if p]),
            figure=None, figure_min=None, figure_max=None, counts_key=None,
            statement_date=None, statement_precision=None, origin="analyst",
            status="confirmed", credibility=None, confidence=1.0, flags="[]",
            language=None, created_at=now, updated_at=now)
        session.add(claim)
        session.flush()
        claim_store.review(session, claim, "add", {"span": [start, end]}, reason,
                           viewer.actor)
        ws.custody.append(session, viewer.actor, "annotated", item.id, {
            "claim": cid, "action": "add", "span": [start, end], "reason": reason},
            reaches=())  # about no entity yet: on no entity's page
    return show_claim(ws, viewer, cid)
