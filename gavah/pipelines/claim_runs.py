"""Recording what claim extraction read from texts: the suggested claims, the entities
they are about, the texts' entity mentions, one run row and one signed custody entry
per text. Texts are read wherever it is cheapest (an ingest reads them on its worker
processes, next to text extraction); the one writer records them here in batches, in
the caller's write transaction. Machine extraction is idempotent: a claim's id derives
from its text and reading, so reading a text again never duplicates a claim."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from json.encoder import encode_basestring_ascii as _json_ascii
from typing import TYPE_CHECKING, Any, NamedTuple

from gavah.core.custody import utc_now
from gavah.core.figures import counts_key
from gavah.store import claims as claim_store
from gavah.store import entities as entity_store
from gavah.store import sources as source_store
from gavah.store import visibility
from gavah.store.claim_tables import Entity, Source
from gavah.store.db import Session
from gavah.store.tables import Item
from gavah.store.workspace import Workspace

if TYPE_CHECKING:  # the extractor itself runs on the workers: not imported to record
    from gavah.core import extract as claim_extract

EXTRACTOR = "gavah-claims/1"
# json.dumps(x, ensure_ascii=False) makes a new encoder per call: ~10 claims a text, three
# JSON columns each, made one encoder's work (the same text out).
_JSON = json.JSONEncoder(ensure_ascii=False).encode
# What figures count repeats across texts ("prisoners", "people"): folded and stemmed once.
_counts_key = functools.lru_cache(maxsize=4096)(counts_key)


@dataclass
class Report:
    derivatives: int = 0
    claims_new: int = 0
    claims_known: int = 0
    mentions: int = 0
    flagged: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"texts_read": self.derivatives, "claims_new": self.claims_new,
                "claims_already_known": self.claims_known, "mentions": self.mentions,
                "flagged": self.flagged}


def claim_id(text_sha: str, core_id: str) -> str:
    return "c" + hashlib.sha256(f"{text_sha}:{core_id}".encode()).hexdigest()[:19]


class Parties:
    """Finds the source row for a speaker or publisher named in text."""

    def __init__(self, sources: Sequence[Source], entity_names: dict[int, list[str]]) -> None:
        self.by_key = {s.key: s.id for s in sources}
        self.levels = {s.id: s.classification for s in sources}
        self.by_entity = {s.entity_id: s.id for s in sources if s.entity_id is not None}
        self._keys: dict[str, str] = {}  # source_key of each name met: speakers repeat
        for entity_id, names in entity_names.items():
            for name in names:
                key = source_store.source_key(name)
                if key in self.by_key:
                    self.by_entity.setdefault(entity_id, self.by_key[key])

    def source(self, party: claim_extract.Party | None) -> int | None:
        if party is None:
            return None
        if party.entity_id is not None and int(party.entity_id) in self.by_entity:
            return self.by_entity[int(party.entity_id)]
        key = self._keys.get(party.name)
        if key is None:
            key = self._keys[party.name] = source_store.source_key(party.name)
        return self.by_key.get(key)


class Reading(NamedTuple):
    """What was read from one text derivative, for the item it was read for."""

    text: claim_store.Text
    result: claim_extract.Extraction
    first: bool  # the derivative was never read before (no mentions or run to replace)


class Recorder:
    """The gazetteer texts are read with, and the one writer of what was read, for one
    run (an ingest, `gavah extract`). `rows` go to worker processes."""

    def __init__(self, rows: list[tuple[str, list[str], str]], parties: Parties) -> None:
        self.rows = rows
        self.parties = parties
        self.report = Report()
        self._gazetteer: claim_extract.Gazetteer | None = None

    @classmethod
    def load(cls, session: Session) -> Recorder:
        rows = entity_store.gazetteer_rows(session)
        names = {int(i): list(n) for i, n, _ in rows}
        return cls(rows, Parties(source_store.all_sources(session), names))

    @property
    def gazetteer(self) -> claim_extract.Gazetteer:
        """For reading in this process (built on first use: workers build their own)."""
        if self._gazetteer is None:
            from gavah.core.extract import Gazetteer

            self._gazetteer = Gazetteer(self.rows)
        return self._gazetteer

    def record(self, session: Session, ws: Workspace, actor: str,
               readings: Sequence[Reading]) -> None:
        """Claims, mentions, runs and one custody entry per text, in the caller's write
        transaction. A claim already stored (or met earlier in the batch: the same text
        twice) is counted as known, not added again."""
        if not readings:
            return
        now = utc_now()
        rows: list[dict[str, dict[str, Any]]] = []
        abouts: list[dict[str, list[int]]] = []
        items = visibility.levels_of(session, Item, [r.text.item_id for r in readings])
        entity_levels = visibility.levels_of(session, Entity, {
            int(e) for r in readings for c in r.result.claims
            for e in [*c.about, *([c.speaker.entity_id] if c.speaker else [])] if e} | {
            int(m.entity_id) for r in readings for m in r.result.mentions if m.entity_id})

        def linkable(entity: Any, level: str) -> bool:
            return visibility.may_link(entity_levels.get(int(entity)), level)

        for reading in readings:
            rows.append({})
            abouts.append({})
            level = items[reading.text.item_id]
            for claim in reading.result.claims:
                row = _row(claim, reading.text, self.parties, reading.result.language.code,
                           now)
                # A claim is tied only to sources and entities its readers may see.
                for key in ("speaker_source_id", "publisher_source_id"):
                    if row[key] is not None and not visibility.may_link(
                            self.parties.levels.get(row[key]), level):
                        row[key] = None
                if row["speaker_entity_id"] is not None and \
                        not linkable(row["speaker_entity_id"], level):
                    row["speaker_entity_id"] = None
                rows[-1][row["id"]] = row
                abouts[-1][row["id"]] = sorted({int(e) for e in claim.about if linkable(e, level)})
        stored = claim_store.existing_ids(session, [cid for r in rows for cid in r])
        new_claims: list[dict[str, Any]] = []
        about: list[dict[str, Any]] = []
        mentions: list[dict[str, Any]] = []
        runs: list[dict[str, Any]] = []
        for reading, found, entities in zip(readings, rows, abouts, strict=True):
            text, result = reading.text, reading.result
            fresh = [cid for cid in found if cid not in stored]
            stored.update(fresh)
            new_claims += [found[cid] for cid in fresh]
            about += [{"claim_id": cid, "entity_id": e} for cid in fresh for e in entities[cid]]
            mentions += [{"item_id": text.item_id, "derivative_id": text.derivative_id,
                          "start": m.start, "end": m.end, "text": m.text,
                          "entity_id": int(m.entity_id) if m.entity_id
                          and linkable(m.entity_id, items[text.item_id]) else None,
                          "method": m.method, "score": float(m.score)}
                         for m in result.mentions]
            runs.append({"derivative_id": text.derivative_id, "item_id": text.item_id,
                         "extractor": EXTRACTOR, "language": result.language.code,
                         "flags": json.dumps(list(result.flags)), "ran_at": now})
            ws.custody.append(session, actor, "claims-extracted", text.item_id, {
                "text_sha256": text.sha256, "extractor": EXTRACTOR,
                "language": result.language.code, "claims": len(found),
                "new_claims": sorted(fresh), "mentions": len(result.mentions),
                "flags": list(result.flags)},
                # New claims reach the pages of the entities they are about or spoken by.
                reaches={e for cid in fresh for e in entities[cid]} | {
                    found[cid]["speaker_entity_id"] for cid in fresh
                    if found[cid]["speaker_entity_id"] is not None})
            self._count(reading, len(found), len(fresh))
        claim_store.save_readings(session, new_claims, about, mentions, runs,
                                  [r.text.derivative_id for r in readings if not r.first])

    def _count(self, reading: Reading, found: int, fresh: int) -> None:
        report, result = self.report, reading.result
        report.derivatives += 1
        report.claims_new += fresh
        report.claims_known += found - fresh
        report.mentions += len(result.mentions)
        if result.flags:
            report.flagged.append({"item": reading.text.item_id, "label": reading.text.label,
                                   "flags": list(result.flags)})


def _flags(flags: tuple[str, ...]) -> str:
    """json.dumps(list(flags)), written out: flags are ASCII-escaped strings, and most
    claims have one or two."""
    return "[" + ", ".join(map(_json_ascii, flags)) + "]"


def _party(party: claim_extract.Party) -> dict[str, Any]:
    return {"name": party.name, "role": party.role, "entity_id": party.entity_id,
            "start": party.start, "end": party.end, "flags": list(party.flags)}


def _row(c: claim_extract.Claim, text: claim_store.Text, parties: Parties, language: str,
         now: str) -> dict[str, Any]:
    figure = None
    low = high = None
    if c.figure is not None:
        from gavah.core.extract.model import figure_dict

        figure = figure_dict(c.figure)
        low, high = c.figure.min, c.figure.max
        if low is None and high is None and c.figure.value is not None:
            low = high = c.figure.value
    date = c.statement_date
    return {
        "id": claim_id(text.sha256, c.id), "item_id": text.item_id,
        "derivative_id": text.derivative_id, "text_sha256": text.sha256, "start": c.start,
        "end": c.end, "quote": c.text, "kind": c.kind,
        "speaker": c.speaker.name if c.speaker else None,
        "speaker_source_id": parties.source(c.speaker),
        "speaker_entity_id": int(c.speaker.entity_id) if c.speaker and c.speaker.entity_id
        else None,
        "publisher": c.publisher.name if c.publisher else text.source,
        "publisher_source_id": parties.source(c.publisher),
        "attribution": _JSON([_party(p) for p in c.attribution]) if c.attribution else "[]",
        "figure": _JSON(figure) if figure else None,
        "figure_min": low, "figure_max": high,
        "counts_key": _counts_key(c.figure.counts) if c.figure else None,
        "statement_date": date.iso_start if date else None,
        "statement_precision": date.precision if date else None,
        "origin": "machine", "status": "suggested", "credibility": None,
        "confidence": float(c.confidence), "flags": _flags(c.flags),
        "language": language, "created_at": now, "updated_at": now,
    }
