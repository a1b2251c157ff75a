"""Search result pages with their facets."""

from __future__ import annotations

from pydantic import BaseModel, Field

from gavah.web.api.schemas.items import Item


class FacetValue(BaseModel):
    value: str
    count: int


class SearchResult(BaseModel):
    item_id: int
    item: Item
    label: str | None
    snippet: str | None
    highlights: list[list[int]] = Field(
        description="[start, end) character offsets into snippet")
    more_matches: int


class SearchPage(BaseModel):
    query: str
    total: int
    total_at_least: bool = Field(False, description=(
        "The total is a lower bound: more readable items match than one query ranks "
        "(a query's cost does not grow with the workspace); add words or filters"))
    offset: int
    limit: int
    filters: dict[str, list[str]]
    results: list[SearchResult]
    facets: dict[str, list[FacetValue]]
    facet_counts_at_least: bool = Field(False, description=(
        "The facet counts are lower bounds, counted over the ranked matches only"))
    notice: str | None = Field(None, description="Why the query matched nothing, if it "
                               "could not be searched (e.g. only excluded words)")
