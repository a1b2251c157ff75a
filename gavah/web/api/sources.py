"""/api/v1/sources: list, one source with its grade history, and a new grade."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from gavah.pipelines import sources as source_pipeline
from gavah.web.api.filters import NO_NUL
from gavah.web.api.schemas.common import ERRORS
from gavah.web.api.schemas.sources import Assess, Source, SourceList
from gavah.web.deps import Analyst, ApiCsrfChecked, CurrentUser, WorkspaceDep

router = APIRouter(prefix="/sources", tags=["sources"],
                   responses={k: ERRORS[k] for k in (400, 401, 422)})
SourceRef = Annotated[str, Path(max_length=255, pattern=NO_NUL,
                                description="Source id or name")]


@router.get("", response_model=SourceList, summary="List sources with their current grade")
def list_sources(ws: WorkspaceDep, auth: CurrentUser) -> dict[str, Any]:
    return {"sources": source_pipeline.list_sources(ws, auth.viewer)}


@router.get("/{ref}", response_model=Source, responses={404: ERRORS[404]},
            summary="One source with its grade history")
def show(ws: WorkspaceDep, auth: CurrentUser, ref: SourceRef) -> dict[str, Any]:
    return source_pipeline.show(ws, auth.viewer, ref)


@router.post("/{ref}/grades", response_model=Source, status_code=201,
             responses={404: ERRORS[404], 403: ERRORS[401] | {
                 "description": "Your role may not grade sources"}},
             summary="Grade a source's reliability (A-F) with a reason (analyst)")
def assess(ws: WorkspaceDep, auth: Analyst, _csrf: ApiCsrfChecked, ref: SourceRef,
           body: Assess) -> dict[str, Any]:
    return source_pipeline.assess(ws, auth.viewer, ref, body.grade, body.reason)
