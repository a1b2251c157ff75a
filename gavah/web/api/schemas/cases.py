"""Case files: elements of crimes, cases, charges, links, the element matrix, gaps and
exculpatory material."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from gavah.web.api.filters import NO_NUL
from gavah.web.api.schemas.common import Open, Reason, Required

Ref = Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=NO_NUL)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=128,
                                      pattern=r"^[a-z0-9][a-z0-9.\-]*$")]
Level = Literal["public", "restricted", "confidential", "strictly-confidential"]
Target = Literal["claim", "item", "event", "victim", "estimate"]
Stance = Literal["supports", "undermines"]


class Element(BaseModel):
    id: str
    crime: str = Field(description="The crime, context or mode of liability it belongs to")
    crime_title: str
    article: str
    part: Literal["context", "crime", "mode"]
    number: str
    label: str = Field(description="A short paraphrase; the citation states the law")
    citation: str


class ElementList(BaseModel):
    elements: list[Element]


class Case(BaseModel):
    id: int
    title: str
    framework: str
    framework_version: str
    classification: str
    created_at: str
    created_by: str
    charges: int
    links: int


class CaseList(BaseModel):
    cases: list[Case]


class NewCase(BaseModel):
    title: Required
    framework: Id | None = None
    classification: Level = "public"
    events: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Field(default=[],
                                                                    max_length=1000)


class NewExport(BaseModel):
    recipient: Literal["court", "defence", "public"] = Field(
        description="Who receives it; decides the level of what may leave (court and "
                    "defence: restricted; public: public), never above your clearance")
    lang: Literal["en", "fa"] = Field("en", description="Language of report.pdf")


class NewCharge(BaseModel):
    suspect: Ref = Field(description="Entity id or name")
    crime: Id
    mode: Id | None = None


class Charge(BaseModel):
    id: int
    case: int
    suspect: Open
    crime: str
    mode: str | None
    elements: list[Element]


class NewLink(BaseModel):
    element: Id
    target: Target
    target_id: Ref
    stance: Stance
    suspect: Ref | None = None
    note: Reason | None = None
    page: Annotated[int, Field(ge=1, le=2**31 - 1)] | None = None
    span: tuple[Annotated[int, Field(ge=0, le=2**31 - 1)],
                Annotated[int, Field(ge=0, le=2**31 - 1)]] | None = None


class Unlink(BaseModel):
    element: Id
    target: Target
    target_id: Ref
    suspect: Ref | None = None
    note: Reason | None = None


class Link(BaseModel):
    id: int
    case: int
    element: str
    suspect: int | None
    target: str
    target_id: str
    page: int | None
    span: list[int] | None
    stance: str
    note: str | None
    created_at: str
    created_by: str
    removed_at: str | None
    removed_by: str | None


class Evidence(BaseModel):
    link: Link
    kind: str
    target_id: str
    classification: str
    title: str
    status: str | None
    items: list[int]
    originators: list[Open]
    figures: list[Open]
    attribution: list[Open | str]


class Row(BaseModel):
    element: str
    cells: list[Open] = Field(description="One per suspect: evidence, undermining, "
                              "originators, independent_originators, best_grade")


class Gap(Open):
    kind: Literal["no-evidence", "single-originator", "one-party", "contradicting-figures",
                  "custody-finding"]
    element: str
    message: str
    suspects: list[int]
    links: list[int]


class Exculpatory(Open):
    kind: Literal["undermining-link", "disputes", "contradicting-figure", "rejected-linked"]
    reason: str
    must_disclose: Literal[True]
    claim: str | None


class CaseFile(BaseModel):
    case: Case
    framework: Open
    suspects: list[Open]
    charges: list[Open]
    events: list[Open]
    elements: list[Open]
    evidence: list[Evidence]
    removed: list[Evidence]
    matrix: list[Row]
    gaps: list[Gap]
    exculpatory: list[Exculpatory]


class GapList(BaseModel):
    case: Case
    elements: list[Open]
    gaps: list[Gap]
    exculpatory: list[Exculpatory]
