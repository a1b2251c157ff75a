"""Sources (originators) and their reliability grades."""

from __future__ import annotations

from pydantic import BaseModel, Field

from gavah.web.api.schemas.common import Required


class Grade(BaseModel):
    grade: str
    reason: str
    grader: str
    graded_at: str


class Source(BaseModel):
    id: int
    name: str
    type: str
    affiliation: str
    aligned_with: str | None
    description: str | None
    classification: str
    grade: str | None
    grade_reason: str | None
    grades: list[Grade] = Field(description="Newest first")
    created_at: str
    created_by: str


class SourceList(BaseModel):
    sources: list[Source]


class Assess(BaseModel):
    grade: str = Field(pattern=r"^[A-Fa-f]$", description="Admiralty reliability, A-F")
    reason: Required = Field(description="Why (required)")
