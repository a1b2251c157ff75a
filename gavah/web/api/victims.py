"""/api/v1/victims: lists, records, persons (with the pairwise evidence), decisions
and saved estimates, at the reader's clearance: a record of a list above it is neither
shown nor counted, nor is a pair or decision naming it, nor an estimate that read it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from gavah.pipelines.estimate import saved
from gavah.pipelines.victims import browse
from gavah.web.api.filters import NO_NUL
from gavah.web.api.schemas.common import ERRORS
from gavah.web.api.schemas.victims import (
    Decide,
    Decided,
    DecisionList,
    EstimateDetail,
    EstimateList,
    Merge,
    Person,
    RecordDetail,
    RecordList,
    Split,
    VictimLists,
)
from gavah.web.deps import Analyst, ApiCsrfChecked, CurrentUser, WorkspaceDep

router = APIRouter(prefix="/victims", tags=["victims"],
                   responses={k: ERRORS[k] for k in (400, 401, 422)})
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
ANALYST: dict[int | str, dict[str, Any]] = {
    404: ERRORS[404], 403: ERRORS[401] | {"description": "Your role may not decide"}}


@router.get("/lists", response_model=VictimLists, summary="Lists with the records you "
            "may see, and the latest linkage run")
def lists(ws: WorkspaceDep, auth: CurrentUser) -> dict[str, Any]:
    data = browse.overview(ws, auth.viewer)
    return {"lists": data["lists"], "persons": data["persons"],
            "latest_run": data["latest_run"], "review_pending": data["review_pending"]}


@router.get("/records", response_model=RecordList, summary="Records, filtered")
def records(ws: WorkspaceDep, auth: CurrentUser,
            list_name: Annotated[str | None, Query(alias="list", max_length=255,
                                                   pattern=NO_NUL)] = None,
            person: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
            name: Annotated[str | None, Query(max_length=255, pattern=NO_NUL)] = None,
            offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
            limit: Annotated[int, Query(ge=1, le=1000)] = browse.PAGE) -> dict[str, Any]:
    rows = browse.records(ws, auth.viewer, list_name=list_name, person_id=person, name=name,
                          limit=limit + 1, offset=offset, via="api")
    return {"records": rows[:limit], "offset": offset, "more": len(rows) > limit}


@router.get("/records/{record_id}", response_model=RecordDetail,
            responses={404: ERRORS[404]}, summary="One record, its person and decisions")
def record(ws: WorkspaceDep, auth: CurrentUser, record_id: Id) -> dict[str, Any]:
    return browse.record(ws, auth.viewer, record_id, via="api")


@router.get("/persons/{person_id}", response_model=Person, responses={404: ERRORS[404]},
            summary="One person (by any of its record ids): records side by side, "
                    "pairwise evidence, decisions")
def person(ws: WorkspaceDep, auth: CurrentUser, person_id: Id) -> dict[str, Any]:
    return browse.person(ws, auth.viewer, person_id, via="api")


@router.post("/persons/{person_id}/split", response_model=Decided, status_code=201,
             responses=ANALYST, summary="Split a record off its person (analyst)")
def split(ws: WorkspaceDep, auth: Analyst, _csrf: ApiCsrfChecked, person_id: Id,
          body: Split) -> dict[str, Any]:
    return browse.split(ws, auth.viewer, body.record, body.reason)


@router.post("/persons/{person_id}/merge", response_model=Decided, status_code=201,
             responses=ANALYST, summary="Merge another person into this one (analyst)")
def merge(ws: WorkspaceDep, auth: Analyst, _csrf: ApiCsrfChecked, person_id: Id,
          body: Merge) -> dict[str, Any]:
    return browse.merge(ws, auth.viewer, person_id, body.other, body.reason)


@router.get("/decisions", response_model=DecisionList,
            summary="Every decision on records you may see, oldest first")
def decisions(ws: WorkspaceDep, auth: CurrentUser) -> dict[str, Any]:
    return {"decisions": browse.decisions(ws, auth.viewer)}


@router.post("/decisions", response_model=Decided, status_code=201, responses=ANALYST,
             summary="Decide that two records are the same person or different (analyst)")
def decide(ws: WorkspaceDep, auth: Analyst, _csrf: ApiCsrfChecked, body: Decide
           ) -> dict[str, Any]:
    return browse.decide(ws, auth.viewer, body.a, body.b, body.decision, body.reason)


def _summary(data: dict[str, Any]) -> dict[str, Any]:
    meta = data["saved"]
    return {"id": meta["id"], "method": data["method"], "lists": data["lists"],
            "documented": data["documented"], "estimate": data["estimate"],
            "lower": data["lower"], "upper": data["upper"], "created_at": meta["created_at"],
            "actor": meta["actor"], "linkage": saved.linkage_headline(data.get("linkage"))}


@router.get("/estimates", response_model=EstimateList,
            summary="Saved estimates you may see (every list they read within your "
                    "clearance), newest first")
def estimates(ws: WorkspaceDep, auth: CurrentUser) -> dict[str, Any]:
    return {"estimates": [_summary(d) for d in saved.saved(ws, auth.viewer, audit_via="api")]}


@router.get("/estimates/{estimate_id}", response_model=EstimateDetail,
            responses={404: ERRORS[404]},
            summary="One saved estimate: method, estimate and interval, the part of its "
                    "width that comes from linkage, lists, when and by whom")
def estimate(ws: WorkspaceDep, auth: CurrentUser,
             estimate_id: Annotated[int, Path(ge=1, le=999_999_999)]) -> dict[str, Any]:
    data = saved.get(ws, auth.viewer, estimate_id)
    linkage = data.get("linkage")
    return _summary(data) | {
        "saved": data["saved"], "linkage": saved.linkage_headline(linkage),
        "linkage_detail": linkage, **{key: data.get(key) for key in (
            "level", "interval", "model", "chosen_model", "undocumented", "warnings", "assumptions",
            "source", "table", "list_sizes", "strata")}}
