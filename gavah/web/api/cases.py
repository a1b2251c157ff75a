"""/api/v1/cases: the elements of a framework, cases, one case file (matrix, evidence,
gaps, exculpatory material), an analyst's create / charge / link / unlink, and an
analyst's disclosure package (a zip download)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from gavah.pipelines import cases
from gavah.web.api.schemas.cases import Case as CaseModel
from gavah.web.api.schemas.cases import (
    CaseFile,
    CaseList,
    Charge,
    ElementList,
    GapList,
    Link,
    NewCase,
    NewCharge,
    NewExport,
    NewLink,
    Unlink,
)
from gavah.web.api.schemas.common import ERRORS
from gavah.web.deps import Analyst, ApiCsrfChecked, CurrentUser, SettingsDep, WorkspaceDep
from gavah.web.exports import package_download

router = APIRouter(prefix="/cases", tags=["cases"],
                   responses={k: ERRORS[k] for k in (400, 401, 422)})
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]
FORBIDDEN: dict[int | str, dict[str, Any]] = {
    404: ERRORS[404], 403: ERRORS[401] | {"description": "Your role may not edit cases"}}


@router.get("", response_model=CaseList, summary="The cases you may see")
def list_cases(ws: WorkspaceDep, auth: CurrentUser) -> dict[str, Any]:
    return {"cases": cases.list_cases(ws, auth.viewer)}


@router.get("/elements", response_model=ElementList, responses={404: ERRORS[404]},
            summary="Every crime, context and mode of liability of a framework, with its "
                    "elements")
def elements(ws: WorkspaceDep, auth: CurrentUser,
             framework: Annotated[str | None, Query(max_length=64,
                                                    pattern=r"^[a-z0-9.\-]*$")] = None,
             ) -> dict[str, Any]:
    return {"elements": cases.elements(ws, framework or None)}


@router.post("", response_model=CaseModel, responses=FORBIDDEN,
             summary="Open a case (analyst)")
def create(ws: WorkspaceDep, auth: Analyst, _csrf: ApiCsrfChecked,
           body: NewCase) -> dict[str, Any]:
    return cases.create(ws, auth.viewer, body.title, framework_id=body.framework,
                        classification=body.classification, events=body.events)


@router.get("/{case_id}", response_model=CaseFile, responses={404: ERRORS[404]},
            summary="A case file: charges, element matrix, evidence, gaps, exculpatory "
                    "material")
def show(ws: WorkspaceDep, auth: CurrentUser, case_id: CaseId) -> dict[str, Any]:
    return cases.show(ws, auth.viewer, case_id, via="api")


@router.get("/{case_id}/gaps", response_model=GapList, responses={404: ERRORS[404]},
            summary="The gap list and the exculpatory material to disclose")
def gaps(ws: WorkspaceDep, auth: CurrentUser, case_id: CaseId) -> dict[str, Any]:
    return cases.gap_list(ws, auth.viewer, case_id, via="api")


@router.post("/{case_id}/charges", response_model=Charge, responses=FORBIDDEN,
             summary="Charge a suspect with a crime under a mode of liability (analyst)")
def charge(ws: WorkspaceDep, auth: Analyst, _csrf: ApiCsrfChecked, case_id: CaseId,
           body: NewCharge) -> dict[str, Any]:
    return cases.charge(ws, auth.viewer, case_id, body.suspect, body.crime, body.mode)


@router.post("/{case_id}/links", response_model=Link, responses=FORBIDDEN,
             summary="Link evidence to an element, supporting or undermining it (analyst)")
def link(ws: WorkspaceDep, auth: Analyst, _csrf: ApiCsrfChecked, case_id: CaseId,
         body: NewLink) -> dict[str, Any]:
    return cases.link(ws, auth.viewer, case_id, body.element, body.target, body.target_id,
                      body.stance, suspect=body.suspect, note=body.note, page=body.page,
                      span=body.span)


@router.post("/{case_id}/unlink", response_model=Link, responses=FORBIDDEN,
             summary="Remove a link; the case keeps it in its history (analyst)")
def unlink(ws: WorkspaceDep, auth: Analyst, _csrf: ApiCsrfChecked, case_id: CaseId,
           body: Unlink) -> dict[str, Any]:
    return cases.unlink(ws, auth.viewer, case_id, body.element, body.target,
                        body.target_id, suspect=body.suspect, note=body.note)


ZIP: dict[int | str, dict[str, Any]] = {200: {"content": {"application/zip": {}},
                                          "description": "The signed BagIt package as a zip, "
                                                         "verify.py at its top"}}


@router.post("/{case_id}/exports", response_class=Response,
             responses=FORBIDDEN | ZIP,
             summary="Export the case as a disclosure package for a court, the defence or "
                     "the public (analyst); recorded in the custody log")
def export(ws: WorkspaceDep, settings: SettingsDep, auth: Analyst, _csrf: ApiCsrfChecked,
           case_id: CaseId, body: NewExport) -> Response:
    return package_download(ws, auth.viewer, case_id, body.recipient, body.lang,
                            settings.max_export_bytes)
