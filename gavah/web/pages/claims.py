"""Claims: the list (filtered by entity, item, status, kind), one claim with its
corroboration panel, and an analyst's confirm / reject / edit (each a review row and a
custody entry, written by the pipeline)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query
from fastapi.responses import RedirectResponse, Response

from gavah.core.errors import BadInput
from gavah.pipelines import claims as claim_pipeline
from gavah.pipelines import dossiers
from gavah.web.api.filters import NO_NUL
from gavah.web.deps import CsrfChecked, PageAnalyst, PageCtx, PageUser, WorkspaceDep

router = APIRouter()
ClaimRef = Annotated[str, Path(max_length=64, pattern=NO_NUL)]
Filter = Annotated[str | None, Query(max_length=255, pattern=NO_NUL)]
Text = Annotated[str, Form(max_length=10_000, pattern=NO_NUL)]
Short = Annotated[str, Form(max_length=255, pattern=NO_NUL)]
Field = Annotated[str | None, Form(max_length=255, pattern=NO_NUL)]


@router.get("/claims")
def claims(page: PageCtx, auth: PageUser, ws: WorkspaceDep, about: Filter = None,
           item: Filter = None, status: Filter = None, kind: Filter = None) -> Response:
    rows = dossiers.claims(ws, auth.viewer, about=about or None, item=item or None,
                           status=status or None, kind=kind or None)
    return page.render("claims.html", claims=rows, limit=dossiers.MAX_LISTED,
                       filters={"about": about or "", "item": item or "",
                                "status": status or "", "kind": kind or ""})


def _claim_page(page: PageCtx, auth: PageUser, ws: WorkspaceDep, claim_id: str,
                error: str | None = None) -> Response:
    data = dossiers.claim(ws, auth.viewer, claim_id, via="web")
    return page.render("claim.html", status=400 if error else 200, claim=data, error=error,
                       done=page.request.query_params.get("done"))


@router.get("/claims/{claim_id}")
def claim(page: PageCtx, auth: PageUser, ws: WorkspaceDep, claim_id: ClaimRef) -> Response:
    return _claim_page(page, auth, ws, claim_id)


def _done(claim_id: str, what: str) -> Response:
    return RedirectResponse(f"/claims/{claim_id}?done={what}", status_code=303)


@router.post("/claims/{claim_id}/confirm")
def confirm(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, _csrf: CsrfChecked,
            claim_id: ClaimRef, reason: Text = "", credibility: Short = "") -> Response:
    try:
        data = claim_pipeline.confirm(ws, auth.viewer, claim_id, reason.strip() or None,
                                      credibility.strip() or None)
    except BadInput as exc:
        return _claim_page(page, auth, ws, claim_id, str(exc))
    return _done(data["id"], "confirm")


@router.post("/claims/{claim_id}/reject")
def reject(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, _csrf: CsrfChecked,
           claim_id: ClaimRef, reason: Text = "") -> Response:
    try:
        data = claim_pipeline.reject(ws, auth.viewer, claim_id, reason)
    except BadInput as exc:
        return _claim_page(page, auth, ws, claim_id, str(exc))
    return _done(data["id"], "reject")


@router.post("/claims/{claim_id}/edit")
def edit(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, _csrf: CsrfChecked,
         claim_id: ClaimRef, kind: Field = None, credibility: Field = None,
         speaker: Field = None, statement_date: Field = None, figure_value: Field = None,
         figure_min: Field = None, figure_max: Field = None, figure_qualifier: Field = None,
         figure_counts: Field = None, has_figure: Annotated[bool, Form()] = False,
         reason: Text = "") -> Response:
    """The form sends every field with its current value; what differs is the edit."""
    given = {"kind": kind, "credibility": credibility, "speaker": speaker,
             "statement_date": statement_date}
    figure = {"figure_value": figure_value, "figure_min": figure_min,
              "figure_max": figure_max, "figure_qualifier": figure_qualifier,
              "figure_counts": figure_counts}
    if has_figure or any((figure_value, figure_min, figure_max, figure_counts)):
        given |= figure  # a claim without a figure gets one only when one is typed
    try:
        data = dossiers.edit_claim(ws, auth.viewer, claim_id,
                                   {k: v for k, v in given.items() if v is not None}, reason)
    except BadInput as exc:
        return _claim_page(page, auth, ws, claim_id, str(exc))
    return _done(data["id"], "edit")
