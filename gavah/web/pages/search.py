"""The search page: text query, facets, highlighted snippets."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from gavah.pipelines import browse
from gavah.web.api.filters import Filters, Offset
from gavah.web.deps import PageCtx, PageUser, WorkspaceDep

router = APIRouter()
PER_PAGE = 20


@router.get("/search")
def search(page: PageCtx, auth: PageUser, ws: WorkspaceDep, filters: Filters,
           q: Annotated[str, Query(max_length=1000)] = "", offset: Offset = 0) -> Response:
    result = browse.browse(ws, auth.viewer, q, filters, PER_PAGE, offset, via="web-search")
    args = [("q", q)] + [(k, v) for k, values in result.filters.items() for v in values]
    return page.render("search.html", page=result, args=args)
