"""Claims, their review, and the corroboration panel. Dictionaries that carry more than
is documented here (a figure's reading) allow the extra keys."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from gavah.core.vocabulary import values
from gavah.web.api.filters import Value
from gavah.web.api.schemas.common import Credibility, Kind, Open, Qualifier, Reason, Required


class Figure(Open):
    value: float | None = None
    min: float | None = None
    max: float | None = None
    qualifier: str | None = Field(None, description="exact, about, at least, more than, "
                                  "up to, fewer than, range, vague ...")
    counts: str | None = Field(None, description="What the figure counts")


class Claim(BaseModel):
    id: str
    item_id: int
    derivative_id: int
    text_sha256: str = Field(description="SHA-256 of the text the span is in")
    start: int
    end: int
    quote: str
    kind: str
    speaker: str | None
    speaker_source_id: int | None
    speaker_entity_id: int | None
    publisher: str | None
    publisher_source_id: int | None
    attribution: list[dict[str, Any]] = Field(description="Publisher ... speaker")
    figure: Figure | None
    about: list[int] = Field(description="Entity ids the claim is about")
    statement_date: str | None
    statement_precision: str | None
    origin: str
    status: str
    credibility: str | None
    confidence: float
    flags: list[str]
    language: str | None
    created_at: str
    updated_at: str


class ClaimList(BaseModel):
    count: int
    offset: int
    limit: int
    claims: list[Claim]


class Review(BaseModel):
    action: str
    changes: dict[str, Any]
    reason: str | None
    reviewer: str
    reviewed_at: str


class ClaimEvent(BaseModel):
    event_id: int
    stance: str


class ClaimItem(BaseModel):
    id: int
    original_name: str
    classification: str
    source: str | None


class ClaimDetail(Claim):
    reviews: list[Review]
    events: list[ClaimEvent]
    item: ClaimItem
    span_verified: bool = Field(description="The text's bytes match their hash and hold "
                                "the quote at [start, end)")


class ClaimSummary(BaseModel):
    id: str
    item_id: int
    kind: str
    quote: str
    speaker: str | None
    publisher: str | None
    status: str
    statement_date: str | None
    figure: Figure | None
    figure_text: str | None
    why: str | None = Field(None, description="Why it supports or contradicts")


class Originator(BaseModel):
    key: str
    name: str
    type: str | None
    affiliation: str | None
    aligned_with: str | None
    grade: str | None
    claims: list[str]
    publishers: list[str]
    aligned_group: str | None = None


class NotIndependent(BaseModel):
    aligned_with: str
    originators: list[str]


class Side(BaseModel):
    originators: list[Originator]
    originator_count: int
    independent_originators: int
    not_independent: list[NotIndependent]
    unassessed: list[str]


class FigureRow(BaseModel):
    claim: str
    figure: str
    qualifier: str | None
    min: float
    max: float | None
    counts: str | None
    asserted_by: str
    affiliation: str | None
    aligned_with: str | None
    publisher: str | None
    quote: str
    status: str
    compatible_with_claim: bool | None


class Panel(BaseModel):
    supporting: list[ClaimSummary]
    contradicting: list[ClaimSummary]
    support: Side
    against: Side
    independent_originators: int
    figures: list[FigureRow] = Field(description="Figures for the same count, side by "
                                     "side with who asserts each; never averaged")


class Corroboration(Panel):
    claim: ClaimSummary


class Confirm(BaseModel):
    reason: Reason | None = None
    credibility: Credibility | None = None


class Reject(BaseModel):
    reason: Required = Field(description="Why the extraction is wrong (required)")


EDITABLE = tuple(values("claim_fields"))


class ClaimEdit(BaseModel):
    """The fields to change (at least one), and why."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "anyOf": [{"required": [name]} for name in EDITABLE]})
    kind: Kind | None = None
    credibility: Credibility | None = None
    speaker: Value | None = None
    speaker_source: Value | None = Field(None, description="A source id or name")
    statement_date: Value | None = None
    about: list[Value] | None = Field(None, max_length=100,
                                      description="Entity ids or names")
    figure_value: float | None = None
    figure_min: float | None = None
    figure_max: float | None = None
    figure_qualifier: Qualifier | None = None
    figure_counts: Value | None = None
    reason: Reason | None = None

    @model_validator(mode="after")
    def _something(self) -> ClaimEdit:
        if not set(EDITABLE) & self.model_fields_set:
            raise ValueError(f"name at least one field to change: {', '.join(EDITABLE)}")
        return self
