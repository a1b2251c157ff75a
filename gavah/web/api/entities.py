"""/api/v1/entities: list, one entity (names, identifiers, positions, merge history,
timeline, network), and an analyst's merge and split."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query

from gavah.core.errors import BadInput
from gavah.pipelines import dossiers
from gavah.pipelines import entities as entity_pipeline
from gavah.web.api.filters import NO_NUL
from gavah.web.api.schemas.common import ERRORS
from gavah.web.api.schemas.entities import EntityDetail, EntityList, Merge
from gavah.web.deps import Analyst, ApiCsrfChecked, CurrentUser, WorkspaceDep

router = APIRouter(prefix="/entities", tags=["entities"],
                   responses={k: ERRORS[k] for k in (400, 401, 422)})
EntityRef = Annotated[str, Path(max_length=255, pattern=NO_NUL,
                                description="Entity id, or one of its names (any script)")]
FORBIDDEN: dict[int | str, dict[str, Any]] = {
    404: ERRORS[404], 409: ERRORS[400] | {"description": "They cannot be merged (already "
                                          "one, different types), or were not merged"},
    403: ERRORS[401] | {"description": "Your role may not merge entities"}}


@router.get("", response_model=EntityList, summary="List entities")
def list_entities(ws: WorkspaceDep, auth: CurrentUser,
                  type: Annotated[str | None, Query(max_length=32, pattern=NO_NUL,
                                                    description="Person|Organization|Place")
                                  ] = None) -> dict[str, Any]:
    return {"entities": entity_pipeline.list_entities(ws, auth.viewer, type or None)}


@router.get("/{ref}", response_model=EntityDetail, responses={404: ERRORS[404]},
            summary="One entity with its positions, timeline and network")
def show(ws: WorkspaceDep, auth: CurrentUser, ref: EntityRef) -> dict[str, Any]:
    return dossiers.entity(ws, auth.viewer, ref, via="api")


@router.post("/{ref}/merge", response_model=EntityDetail, responses=FORBIDDEN,
             summary="Merge another entity into this one (analyst; undo with split)")
def merge(ws: WorkspaceDep, auth: Analyst, _csrf: ApiCsrfChecked, ref: EntityRef,
          body: Merge) -> dict[str, Any]:
    try:
        data = entity_pipeline.merge(ws, auth.viewer, ref, body.other, body.reason)
    except BadInput as exc:
        raise HTTPException(409, str(exc)) from None
    return dossiers.entity(ws, auth.viewer, str(data["id"]), via="api")


@router.post("/{ref}/split", response_model=EntityDetail, responses=FORBIDDEN,
             summary="Undo the merge of another entity into this one (analyst); returns "
                     "the other entity")
def split(ws: WorkspaceDep, auth: Analyst, _csrf: ApiCsrfChecked, ref: EntityRef,
          body: Merge) -> dict[str, Any]:
    try:
        data = entity_pipeline.split(ws, auth.viewer, ref, body.other, body.reason)
    except BadInput as exc:
        raise HTTPException(409, str(exc)) from None
    return dossiers.entity(ws, auth.viewer, str(data["id"]), via="api")
