"""/api/v1/claims: list (by entity, item, status, kind), one claim, its corroboration,
and an analyst's confirm / reject / edit."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from gavah.pipelines import claims as claim_pipeline
from gavah.pipelines import dossiers
from gavah.web.api.filters import NO_NUL, Offset
from gavah.web.api.schemas.claims import (
    EDITABLE,
    ClaimDetail,
    ClaimEdit,
    ClaimList,
    Confirm,
    Corroboration,
    Reject,
)
from gavah.web.api.schemas.common import ERRORS, Kind, Status
from gavah.web.deps import Analyst, ApiCsrfChecked, CurrentUser, WorkspaceDep

router = APIRouter(prefix="/claims", tags=["claims"],
                   responses={k: ERRORS[k] for k in (400, 401, 422)})
ClaimRef = Annotated[str, Path(max_length=64, pattern=NO_NUL,
                               description="Claim id, or a unique prefix of it")]
Filter = Annotated[str | None, Query(max_length=255, pattern=NO_NUL)]
FORBIDDEN: dict[int | str, dict[str, Any]] = {
    404: ERRORS[404], 403: ERRORS[401] | {"description": "Your role may not review claims"}}


@router.get("", response_model=ClaimList, summary="List claims (in text order)",
            responses={404: ERRORS[404] | {"description": "No such entity or item"}})
def list_claims(ws: WorkspaceDep, auth: CurrentUser,
                about: Annotated[Filter, Query(description="Entity id or name")] = None,
                item: Annotated[Filter, Query(description="Item id or sha256 prefix")] = None,
                status: Status | None = None, kind: Kind | None = None,
                limit: Annotated[int, Query(ge=1, le=dossiers.MAX_LISTED)] = 100,
                offset: Offset = 0) -> dict[str, Any]:
    rows = dossiers.claims(ws, auth.viewer, about=about or None, item=item or None,
                           status=status or None, kind=kind or None, limit=offset + limit,
                           via="api-claims")
    shown = rows[offset:]
    return {"count": len(shown), "offset": offset, "limit": limit, "claims": shown}


@router.get("/{claim_id}", response_model=ClaimDetail, responses={404: ERRORS[404]},
            summary="One claim: attribution, figure, reviews, events, span verification")
def show(ws: WorkspaceDep, auth: CurrentUser, claim_id: ClaimRef) -> dict[str, Any]:
    return claim_pipeline.show_claim(ws, auth.viewer, claim_id)


@router.get("/{claim_id}/corroboration", response_model=Corroboration,
            responses={404: ERRORS[404]},
            summary="Supporting and contradicting claims, independent originators, "
                    "figure contradictions")
def corroboration(ws: WorkspaceDep, auth: CurrentUser, claim_id: ClaimRef) -> dict[str, Any]:
    return dossiers.corroboration(ws, auth.viewer, claim_id, via="api")


@router.post("/{claim_id}/confirm", response_model=ClaimDetail,
             responses=FORBIDDEN, summary="Confirm a claim (analyst)")
def confirm(ws: WorkspaceDep, auth: Analyst, _csrf: ApiCsrfChecked, claim_id: ClaimRef,
            body: Confirm) -> dict[str, Any]:
    return claim_pipeline.confirm(ws, auth.viewer, claim_id, body.reason, body.credibility)


@router.post("/{claim_id}/reject", response_model=ClaimDetail,
             responses=FORBIDDEN,
             summary="Reject a claim's extraction, with a reason (analyst)")
def reject(ws: WorkspaceDep, auth: Analyst, _csrf: ApiCsrfChecked, claim_id: ClaimRef,
           body: Reject) -> dict[str, Any]:
    return claim_pipeline.reject(ws, auth.viewer, claim_id, body.reason)


@router.post("/{claim_id}/edit", response_model=ClaimDetail,
             responses=FORBIDDEN,
             summary="Edit a claim's fields (analyst); the fields sent are the changes")
def edit(ws: WorkspaceDep, auth: Analyst, _csrf: ApiCsrfChecked, claim_id: ClaimRef,
         body: ClaimEdit) -> dict[str, Any]:
    fields = body.model_dump(include=set(EDITABLE), exclude_unset=True)
    return claim_pipeline.edit(ws, auth.viewer, claim_id, fields, body.reason)
