"""What every part of the API shares: the error body, the answers documented for every
route, constrained strings, and the vocabularies, built from
gavah/core/schema/vocabulary.yaml (the one definition of each)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from gavah.core.vocabulary import values
from gavah.web.api.filters import NO_NUL


class Error(BaseModel):
    detail: Any = Field(description="What went wrong.")


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Error, "description": "Bad input"},
    401: {"model": Error, "description": "Not signed in / no valid token"},
    404: {"model": Error, "description": "Not found, or above your clearance"},
    422: {"model": Error, "description": "Invalid parameters"},
}


Reason = Annotated[str, StringConstraints(max_length=10_000, pattern=NO_NUL)]


# Not blank: something other than spaces (the pipelines refuse a blank reason or name).
Required = Annotated[str, StringConstraints(min_length=1, max_length=10_000,
                                            pattern=r"^[^\x00]*[^\x00\s][^\x00]*$")]


if TYPE_CHECKING:  # the values are data; a type checker sees strings
    Kind = str
    Status = str
    Credibility = str
    Qualifier = str
else:
    Kind = Literal[tuple(values("claim_kinds"))]
    Status = Literal[tuple(values("claim_statuses"))]
    Credibility = Literal[tuple(values("credibility"))]
    Qualifier = Literal[tuple(values("figure_qualifiers"))]


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")
