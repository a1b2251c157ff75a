"""Victim registry: lists, records, persons with their pairwise evidence, decisions."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from gavah.web.api.schemas.common import Open, Required


class VictimList(BaseModel):
    name: str
    source: str
    created_at: str
    records: int = Field(description="Records you may see")
    classification: str


class VictimLists(BaseModel):
    lists: list[VictimList]
    persons: int = Field(description="Persons among the records you may see")
    latest_run: dict[str, Any] | None
    review_pending: int | None


class Record(Open):
    id: int
    list: str
    source_ref: str | None
    name: str
    name_latin: str
    script: str
    person_id: int | None = Field(description="The person, by the smallest of its record "
                                              "ids you may see")
    item_id: int


class RecordList(BaseModel):
    records: list[Record]
    offset: int
    more: bool = Field(description="More records follow")


class Decision(BaseModel):
    id: int
    a: int
    b: int
    decision: str
    reason: str
    actor: str
    decided_at: str
    run_id: int | None
    probability: float | None


class PersonDecision(Decision):
    pending: bool = Field(description="Made after the latest linkage run: in force from "
                                      "the next one")


class RecordDetail(Record):
    person: list[dict[str, Any]] = Field(description="Other records of its person")
    decisions: list[Decision]


class FieldLevel(BaseModel):
    level: str
    verdict: Literal["agree", "close", "disagree", "missing"]
    similarity: float | None = None


class Pair(BaseModel):
    a: int
    b: int
    probability: float | None = Field(description="Match probability (None: not scored)")
    match_weight: float | None
    in_review: bool
    decision: str | None = Field(description="The decision in force on this pair")
    fields: dict[str, FieldLevel]


class Nearby(Pair):
    record: dict[str, Any]
    person_id: int | None


class Person(BaseModel):
    id: int
    records: list[Record]
    lists: list[str]
    run: dict[str, Any] | None
    pairs: list[Pair]
    nearby: list[Nearby] = Field(description="Likely records of other persons")
    decisions: list[PersonDecision]


class DecisionList(BaseModel):
    decisions: list[Decision]


class Decide(BaseModel):
    a: int = Field(ge=1, le=2**31 - 1)
    b: int = Field(ge=1, le=2**31 - 1)
    decision: Literal["same", "different"]
    reason: Required


class Split(BaseModel):
    record: int = Field(ge=1, le=2**31 - 1, description="The record to split off")
    reason: Required


class Merge(BaseModel):
    other: int = Field(ge=1, le=2**31 - 1, description="A record or person id of the "
                                                       "other person")
    reason: Required


class Decided(Open):
    note: str


class Saved(Open):
    id: int
    created_at: str = Field(description="When it was run (UTC)")
    actor: str = Field(description="Who ran it")
    classification: str = Field(description="The highest level of the lists it read")
    seed: int
    stratify: str | None


class LinkageHeadline(Open):
    imputations: int | None = Field(None, description="Linkages drawn from the pair "
                                                      "probabilities and pooled (0: none)")
    linkage_share_of_width: float | None = Field(
        None, description="Part of the interval's width that comes from the linkage")
    undecided_pairs: int | None = Field(None, description="Uncertain pairs not yet decided")


class EstimateSummary(BaseModel):
    id: int
    method: str
    lists: list[str]
    documented: int
    estimate: float | None
    lower: float | None = Field(description="95% interval, lower bound")
    upper: float | None
    created_at: str
    actor: str
    linkage: LinkageHeadline | None


class EstimateList(BaseModel):
    estimates: list[EstimateSummary] = Field(description="Newest first")


class EstimateDetail(EstimateSummary):
    saved: Saved
    level: float
    interval: str = Field(description="How the interval was made")
    model: str = Field(description="The model, or the average over models, of the estimate")
    chosen_model: dict[str, Any] | None = Field(
        None, description="When the estimate averages over log-linear models: the model "
                          "the criterion chose, with its own estimate and interval")
    undocumented: float | None
    warnings: list[str]
    assumptions: list[str]
    source: dict[str, Any]
    linkage_detail: dict[str, Any] | None = Field(
        description="Everything the estimate says about the linkage: imputations, share "
                    "of width and variance, the estimate on the run's own persons, and "
                    "if every undecided pair were a match / none were")
    table: list[dict[str, Any]] = Field(description="Capture histories and their counts")
    list_sizes: dict[str, int]
    strata: dict[str, Any] | None = None
