"""GET /api/v1/search: full-text search with facets, within the caller's clearance."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from gavah.pipelines import browse
from gavah.web.api.filters import NO_NUL, Filters, Limit, Offset
from gavah.web.api.schemas.common import ERRORS
from gavah.web.api.schemas.search import SearchPage
from gavah.web.deps import CurrentUser, WorkspaceDep

router = APIRouter(tags=["search"], responses={k: ERRORS[k] for k in (400, 401, 422)})


@router.get("/search", response_model=SearchPage, summary="Search extracted text")
def search(ws: WorkspaceDep, auth: CurrentUser, filters: Filters,
           q: Annotated[str, Query(max_length=1000, pattern=NO_NUL, description=(
               'Words, "phrases", OR, -excluded and prefix* words; Persian and Arabic '
               "letter variants, diacritics and digit scripts are ignored."))] = "",
           limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    page = browse.browse(ws, auth.viewer, q, filters, limit, offset, via="api-search")
    return page.to_dict()
