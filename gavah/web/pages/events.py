"""Events: the list, and one event (act type, dates with their precision, place,
victims, perpetrators with their roles, linked claims) with its corroboration panel."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from gavah.pipelines import dossiers
from gavah.web.api.filters import NO_NUL
from gavah.web.deps import PageCtx, PageUser, WorkspaceDep

router = APIRouter()
EventId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/events")
def events(page: PageCtx, auth: PageUser, ws: WorkspaceDep,
           entity: Annotated[str | None, Query(max_length=255, pattern=NO_NUL)] = None,
           ) -> Response:
    rows = dossiers.events(ws, auth.viewer, entity or None)
    return page.render("events.html", events=rows, entity=entity or "")


@router.get("/events/{event_id}")
def event(page: PageCtx, auth: PageUser, ws: WorkspaceDep, event_id: EventId) -> Response:
    return page.render("event.html", data=dossiers.event(ws, auth.viewer, event_id))
