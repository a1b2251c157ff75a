"""Items: their record, derivatives, children, custody, text and claim spans; uploads."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from gavah.web.api.filters import NO_NUL
from gavah.web.api.schemas.common import Required


class Item(BaseModel):
    id: int
    sha256: str
    size: int
    media_type: str
    original_name: str
    original_path: str | None
    source: str | None
    collected_by: str | None
    method: str
    classification: str
    acquired_at: str
    acquired_by: str
    file_modified: str | None
    note: str | None
    tags: list[str]
    parent_id: int | None
    relation: str | None
    extraction: str
    extraction_error: str | None
    language: str | None


class Derivative(BaseModel):
    id: int
    kind: str
    label: str
    sha256: str
    media_type: str
    tool: str
    created_at: str
    custody_seq: int


class Child(BaseModel):
    id: int
    original_name: str
    relation: str | None
    sha256: str
    classification: str


class CustodyEntry(BaseModel):
    seq: int
    time: str
    actor: str
    action: str
    item: int | None
    details: dict[str, Any]
    prev: str
    hash: str
    signature: str = Field(description="Base64 Ed25519 signature of the hash's 32 raw bytes; "
                           "empty for an entry that a later entry of the same transaction "
                           "covers with its signature")
    key_id: str


class Span(BaseModel):
    id: str = Field(description="The claim's id")
    start: int = Field(description="First character of the claim in the text")
    end: int = Field(description="One past its last character")
    kind: str
    status: str
    title: str


class Text(BaseModel):
    derivative_id: int
    label: str
    language: str | None
    text: str
    truncated: bool
    direction: str
    spans: list[Span] = Field(default_factory=list,
                              description="Claims anchored in this text")


class TimeStampShown(BaseModel):
    gen_time: str
    stamped_seq: int
    tsa_name: str
    tsa_label: str
    tsa: str


class Redaction(BaseModel):
    """A redacted copy of the item (of its original, or of one of its texts)."""

    id: int = Field(description="The derivative's id")
    source_sha256: str = Field(description="SHA-256 of the bytes it was made from")
    sha256: str
    media_type: str
    label: str
    created_at: str
    custody_seq: int = Field(description="The `redacted` custody entry that records it")
    by: str = Field(description="Who made it")
    hidden: str | None = Field(None, description="What was hidden, in words")
    count: int | None = None
    reason: str | None = None
    spans: list[list[int]] | None = Field(None, description="Character spans hidden")
    regions: list[list[int]] | None = Field(None, description="Rectangles blacked out")
    text: str | None = Field(None, description="The label of the text redacted")


class RedactionMade(Redaction):
    item: int


Offset = Annotated[int, Field(ge=0)]
Size = Annotated[int, Field(ge=1)]


class RedactionRequest(BaseModel):
    """Spans of the item's text, or regions of its picture: one or the other."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "oneOf": [{"required": ["spans"]}, {"required": ["regions"]}]})
    # Absent, never null: the schema's oneOf says which one is given.
    spans: list[tuple[Offset, Offset]] = Field(
        default_factory=list, min_length=1, max_length=1000,
        description="[start, end) character spans of the item's text to hide")
    regions: list[tuple[Offset, Offset, Size, Size]] = Field(
        default_factory=list, min_length=1, max_length=1000,
        description="[x, y, width, height] rectangles of its picture to black out")
    reason: Required = Field(description="Why")
    text: str | None = Field(None, max_length=255, pattern=NO_NUL,
                             description="Which text the spans are in; default its first")
    afresh: bool = Field(False, description="Hide only these, not also what the item's "
                                            "latest copy of the same text or picture hides")

    @model_validator(mode="after")
    def _one(self) -> RedactionRequest:
        if ("spans" in self.model_fields_set) == ("regions" in self.model_fields_set):
            raise ValueError("give spans (of a text) or regions (of a picture), not both")
        return self


class ItemDetail(Item):
    metadata: dict[str, Any]
    derivatives: list[Derivative]
    children: list[Child]
    acquisitions_of_same_bytes: list[int]
    redactions: list[Redaction] = Field(default_factory=list,
                                        description="Its redacted copies, oldest first")
    custody: list[CustodyEntry]
    texts: list[Text] | None = None
    preview: str | None = None
    provenance: list[dict[str, Any]] = Field(
        default_factory=list, description="Provenance the file carries, checked at intake: "
        "C2PA manifests, PDF signatures, WACZ hashes and signature (kind, status, signer, "
        "signed_at, edited_after_signing, trusted, problems, tool)")
    existed_by: TimeStampShown | None = Field(
        None, description="The first RFC 3161 time-stamp over the custody log at or after "
        "the item's acquisition: the item was acquired no later than its time")


class ItemList(BaseModel):
    total: int
    total_at_least: bool = Field(False, description=(
        "The total is a lower bound: counting stops after the newest 1,000 items (or "
        "offset + limit + 1) passing the filters, so a page's cost does not grow with "
        "the workspace"))
    offset: int
    limit: int
    items: list[Item]


class Acquired(BaseModel):
    name: str
    item: int | None = None
    error: str | None = None
    extraction_failed: str | None = None


class UploadReport(BaseModel):
    acquired: list[Acquired]
