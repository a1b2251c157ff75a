"""What extraction returns: plain frozen records anchored to [start, end) offsets of the
original text, with JSON-ready `to_dict` forms. Nothing here is a fact: every claim is
"speaker S says X, published by P, at this span", suggested until an analyst confirms."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from json.encoder import encode_basestring as _json_str
from typing import Any

from gavah.core.dates import DateMention

CLAIM_KINDS = ("quotation", "figure", "allegation", "denial", "other")
QUALIFIERS = (
    "exact",
    "about",
    "nearly",
    "at least",
    "more than",
    "up to",
    "fewer than",
    "range",
    "vague",
)
LOW_CONFIDENCE = 0.5  # below this a result carries the flag "low_confidence"


@dataclass(frozen=True)
class Language:
    code: str  # "en", "fa", "ar", "other" or "unknown"
    confidence: float
    scripts: dict[str, float] = field(default_factory=dict)  # share of letters per script


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    entity_ids: tuple[str, ...]  # gazetteer entities; several = ambiguous; none = unknown name
    kind: str  # "Person", "Organization", "Place" or ""
    method: str  # "exact", "name" (spelling/script variant), "surname", "pattern", "ner"
    score: float
    flags: tuple[str, ...] = ()

    @property
    def entity_id(self) -> str | None:
        return self.entity_ids[0] if len(self.entity_ids) == 1 else None


@dataclass(frozen=True)
class Party:
    """Someone in an attribution chain: the publisher, a reporting source or the speaker."""

    name: str
    entity_id: str | None = None
    role: str = "speaker"  # "publisher", "reporter", "speaker"
    start: int | None = None  # where the name is written in the text, if it is
    end: int | None = None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str
    value: float | None
    min: float | None
    max: float | None
    qualifier: str  # one of QUALIFIERS
    counts: str | None  # what is counted, as written ("political prisoners executed")
    period: DateMention | None
    confidence: float
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quotation:
    start: int  # the quoted text, without its marks
    end: int
    text: str
    speech: bool  # False for scare quotes and quoted terms ("death commission")
    open_mark: int | None  # offset of the opening mark, None if it is missing
    close_mark: int | None
    confidence: float
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Claim:
    id: str  # content-derived: the same text and reading give the same id
    kind: str  # one of CLAIM_KINDS
    start: int
    end: int
    text: str
    speaker: Party | None
    publisher: Party | None
    attribution: tuple[Party, ...]  # publisher, reporting sources..., speaker
    figure: Figure | None
    about: tuple[str, ...]  # entity ids mentioned in the claim span
    statement_date: DateMention | None
    confidence: float
    flags: tuple[str, ...] = ()
    origin: str = "machine"
    status: str = "suggested"

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["quote"] = self.text
        if self.figure is not None:
            out["figure"] = figure_dict(self.figure)
        return out


def figure_dict(figure: Figure) -> dict[str, Any]:
    period = figure.period
    return {
        "value": figure.value,
        "min": figure.min,
        "max": figure.max,
        "qualifier": figure.qualifier,
        "counts": figure.counts,
        "period": None
        if period is None
        else {
            "text": period.text,
            "start": period.iso_start,
            "end": period.iso_end,
            "precision": period.precision,
        },
        "start": figure.start,
        "end": figure.end,
        "text": figure.text,
        "confidence": figure.confidence,
        "flags": list(figure.flags),
    }


def claim_id(kind: str, start: int, end: int, speaker: str | None, extra: str = "") -> str:
    """Stable id from what identifies a claim within one text; callers add the item id."""
    # json.dumps([kind, start, end, speaker or "", extra], ensure_ascii=False), written
    # out: the same text without making a JSON encoder for each claim
    raw = (f"[{_json_str(kind)}, {start}, {end}, {_json_str(speaker or '')}, "
           f"{_json_str(extra)}]")
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    reason: str  # why it was set aside: "boilerplate:share", "truncated", ...


@dataclass(frozen=True)
class Extraction:
    language: Language
    claims: tuple[Claim, ...]
    quotations: tuple[Quotation, ...]
    figures: tuple[Figure, ...]
    dates: tuple[DateMention, ...]
    mentions: tuple[Mention, ...]
    skipped: tuple[Segment, ...]  # text not read for claims (boilerplate, beyond the cap)
    flags: tuple[str, ...]
    chars: int  # length of the text
    processed_chars: int  # how much of it was read (see Limits.max_chars)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["claims"] = [c.to_dict() for c in self.claims]
        out["figures"] = [figure_dict(f) for f in self.figures]
        return out
