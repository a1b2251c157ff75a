"""Estimates of how many victims no list recorded: the latest one the reader may see
(figures, result table, warnings, assumptions), earlier ones, and a form for analysts
to run a new one (saved in the workspace by the pipeline)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query
from fastapi.responses import RedirectResponse, Response

from gavah.core.errors import BadInput
from gavah.core.estimate import METHODS
from gavah.pipelines.estimate import saved
from gavah.pipelines.victims.browse import list_levels
from gavah.web.api.filters import NO_NUL, Value
from gavah.web.deps import CsrfChecked, PageAnalyst, PageCtx, PageUser, WorkspaceDep

router = APIRouter()
Number = Annotated[int, Path(ge=1, le=999_999_999)]


def _page(page: PageCtx, auth: PageUser, ws: WorkspaceDep, number: int | None,
          error: str | None = None) -> Response:
    shown = saved.get(ws, auth.viewer, number) if number else saved.latest(ws, auth.viewer)
    lists = sorted(n for n, level in list_levels(ws).items() if auth.viewer.may_see(level))
    return page.render("estimate.html", status=400 if error else 200, result=shown,
                       earlier=saved.saved(ws, auth.viewer), lists=lists, methods=METHODS,
                       error=error)


@router.get("/estimate")
def estimate(page: PageCtx, auth: PageUser, ws: WorkspaceDep,
             id: Annotated[int | None, Query(ge=1, le=999_999_999)] = None) -> Response:
    return _page(page, auth, ws, id)


@router.post("/estimate")
def run(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, _csrf: CsrfChecked,
        method: Annotated[str, Form(max_length=16)] = "loglinear",
        stratify: Annotated[str, Form(max_length=64, pattern=NO_NUL)] = "",
        lists: Annotated[list[Value] | None, Form()] = None,
        seed: Annotated[int, Form(ge=0, le=2**31 - 1)] = 0) -> Response:
    try:
        result = saved.run_estimate(ws, auth.viewer, lists=lists or None,
                                    stratify=stratify.strip() or None, method=method,
                                    seed=seed)
    except BadInput as exc:
        return _page(page, auth, ws, None, str(exc))
    return RedirectResponse(f"/estimate?id={result['saved']['id']}", status_code=303)


@router.get("/estimate/{number}/{name}")
def figure(auth: PageUser, ws: WorkspaceDep, number: Number,
           name: Annotated[str, Path(max_length=32)]) -> Response:
    body, media_type = saved.figure(ws, auth.viewer, number, name)
    return Response(body, media_type=media_type, headers={
        "cache-control": "no-store", "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                   "frame-ancestors 'none'; sandbox"})
