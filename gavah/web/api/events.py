"""/api/v1/events: list, and one event with its corroboration."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from gavah.pipelines import dossiers
from gavah.web.api.filters import NO_NUL
from gavah.web.api.schemas.common import ERRORS
from gavah.web.api.schemas.events import EventDetail, EventList
from gavah.web.deps import CurrentUser, WorkspaceDep

router = APIRouter(prefix="/events", tags=["events"],
                   responses={k: ERRORS[k] for k in (400, 401, 422)})


@router.get("", response_model=EventList, summary="List events (in date order)",
            responses={404: ERRORS[404] | {"description": "No such entity"}})
def list_events(ws: WorkspaceDep, auth: CurrentUser,
                entity: Annotated[str | None, Query(max_length=255, pattern=NO_NUL,
                                                    description="Only events involving "
                                                                "this entity")] = None,
                ) -> dict[str, Any]:
    return {"events": dossiers.events(ws, auth.viewer, entity or None, via="api-events")}


@router.get("/{event_id}", response_model=EventDetail, responses={404: ERRORS[404]},
            summary="One event with supporting and disputing claims and their originators")
def show(ws: WorkspaceDep, auth: CurrentUser,
         event_id: Annotated[int, Path(ge=1, le=2**31 - 1)]) -> dict[str, Any]:
    return dossiers.event(ws, auth.viewer, event_id, via="api")
