"""Sources: the list (type, affiliation, aligned party, current grade), one source with
its grade history and the claims it speaks, and an analyst's new grade with a reason."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path
from fastapi.responses import RedirectResponse, Response

from gavah.core.errors import BadInput
from gavah.pipelines import dossiers
from gavah.pipelines import sources as source_pipeline
from gavah.web.api.filters import NO_NUL
from gavah.web.deps import CsrfChecked, PageAnalyst, PageCtx, PageUser, WorkspaceDep

router = APIRouter()
SourceRef = Annotated[str, Path(max_length=255, pattern=NO_NUL)]


@router.get("/sources")
def sources(page: PageCtx, auth: PageUser, ws: WorkspaceDep) -> Response:
    return page.render("sources.html", sources=source_pipeline.list_sources(ws, auth.viewer))


def _source_page(page: PageCtx, auth: PageUser, ws: WorkspaceDep, ref: str,
                 error: str | None = None) -> Response:
    return page.render("source.html", status=400 if error else 200, error=error,
                       source=dossiers.source(ws, auth.viewer, ref),
                       done=page.request.query_params.get("done"))


@router.get("/sources/{ref}")
def source(page: PageCtx, auth: PageUser, ws: WorkspaceDep, ref: SourceRef) -> Response:
    return _source_page(page, auth, ws, ref)


@router.post("/sources/{ref}/grade")
def grade(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, _csrf: CsrfChecked,
          ref: SourceRef, grade: Annotated[str, Form(max_length=1)] = "",
          reason: Annotated[str, Form(max_length=10_000, pattern=NO_NUL)] = "") -> Response:
    try:
        if not grade:
            raise BadInput("choose a grade")
        data = source_pipeline.assess(ws, auth.viewer, ref, grade, reason)
    except BadInput as exc:
        return _source_page(page, auth, ws, ref, str(exc))
    return RedirectResponse(f"/sources/{data['id']}?done=grade", status_code=303)
