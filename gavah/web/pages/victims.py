"""The victim registry: lists and records (with the person each record was
linked to), importing a list (investigators), running linkage and deciding uncertain
pairs (analysts). Estimates are on their own page (estimate.py)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, Query, UploadFile
from fastapi.responses import RedirectResponse, Response

from gavah.core.errors import BadInput
from gavah.core.victims.fields import FIELDS
from gavah.pipelines.accounts import NotPermitted
from gavah.pipelines.victims import browse
from gavah.web.api.filters import NO_NUL
from gavah.web.deps import (
    CsrfChecked,
    PageAnalyst,
    PageCtx,
    PageUploader,
    PageUser,
    WorkspaceDep,
)

router = APIRouter()
RecordId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Short = Annotated[str, Form(max_length=255, pattern=NO_NUL)]
Text = Annotated[str, Form(max_length=10_000, pattern=NO_NUL)]


@router.get("/victims")
def victims(page: PageCtx, auth: PageUser, ws: WorkspaceDep,
            list_name: Annotated[str | None, Query(alias="list", max_length=255,
                                                   pattern=NO_NUL)] = None,
            person: Annotated[str | None, Query(max_length=12, pattern=r"^[0-9]*$")] = None,
            name: Annotated[str | None, Query(max_length=255, pattern=NO_NUL)] = None,
            offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> Response:
    person_id = int(person) if person else None
    rows = browse.records(ws, auth.viewer, list_name=list_name, person_id=person_id, name=name,
                          limit=browse.PAGE + 1, offset=offset)
    return page.render("victims.html", data=browse.overview(ws, auth.viewer),
                       records=rows[:browse.PAGE], more=len(rows) > browse.PAGE,
                       offset=offset, page_size=browse.PAGE,
                       filters={"list": list_name or "", "person": person_id or "",
                                "name": name or ""})


@router.get("/victims/records/{record_id}")
def record(page: PageCtx, auth: PageUser, ws: WorkspaceDep, record_id: RecordId) -> Response:
    return page.render("victim_record.html", record=browse.record(ws, auth.viewer, record_id))


def _import_form(page: PageCtx, auth: PageUploader, **context: Any) -> Response:
    return page.render("victims_import.html", status=400 if context.get("error") else 200,
                       levels=auth.viewer.levels, fields=FIELDS,
                       **({"report": None, "error": None, "form": {}} | context))


@router.get("/victims/import")
def import_form(page: PageCtx, auth: PageUploader) -> Response:
    return _import_form(page, auth)


@router.post("/victims/import")
def import_list(page: PageCtx, auth: PageUploader, ws: WorkspaceDep, _csrf: CsrfChecked,
                file: Annotated[UploadFile, File()], list_name: Short = "",
                source: Short = "", id_column: Short = "", mapping: Text = "",
                classification: Annotated[str, Form(max_length=32)] = "public") -> Response:
    form = {"list_name": list_name, "source": source, "id_column": id_column,
            "mapping": mapping, "classification": classification}
    try:
        report = browse.import_upload(
            ws, auth.viewer, file.filename or "list", file.file, list_name=list_name,
            source=source, mapping=browse.parse_mapping(mapping), id_column=id_column.strip(),
            classification=classification)
    except (BadInput, NotPermitted) as exc:
        return _import_form(page, auth, error=str(exc), form=form)
    return _import_form(page, auth, report=report, form=form)


def _probability(text: str, name: str) -> float | None:
    if not text.strip():
        return None
    try:
        return float(text.strip())
    except ValueError:
        raise BadInput(f"{name}: {text.strip()!r} is not a number between 0 and 1") from None


@router.post("/victims/link")
def link(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, _csrf: CsrfChecked,
         threshold: Short = "", review_low: Short = "") -> Response:
    try:
        report = browse.run_link(ws, auth.viewer, _probability(threshold, "threshold"),
                                 _probability(review_low, "review from"))
    except BadInput as exc:
        return page.render("victims_link.html", status=400, report=None, error=str(exc))
    return page.render("victims_link.html", report=report, error=None)


def _review_page(page: PageCtx, auth: PageUser, ws: WorkspaceDep, include_decided: bool,
                 error: str | None = None) -> Response:
    return page.render("victims_review.html", status=400 if error else 200, error=error,
                       queue=browse.queue(ws, auth.viewer, include_decided),
                       include_decided=include_decided,
                       done=page.request.query_params.get("done"))


@router.get("/victims/review")
def review(page: PageCtx, auth: PageUser, ws: WorkspaceDep,
           all: Annotated[bool, Query()] = False) -> Response:
    return _review_page(page, auth, ws, all)


@router.post("/victims/review")
def decide(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, _csrf: CsrfChecked,
           a: Annotated[int, Form(ge=1, le=2**31 - 1)], b: Annotated[int, Form(ge=1, le=2**31 - 1)],
           decision: Annotated[str, Form(max_length=16)] = "", reason: Text = "") -> Response:
    try:
        browse.decide(ws, auth.viewer, a, b, decision, reason)
    except BadInput as exc:
        return _review_page(page, auth, ws, False, str(exc))
    return RedirectResponse("/victims/review?done=decide", status_code=303)


def _person_page(page: PageCtx, auth: PageUser, ws: WorkspaceDep, person_id: int,
                 error: str | None = None) -> Response:
    return page.render("victim_person.html", status=400 if error else 200, error=error,
                       person=browse.person(ws, auth.viewer, person_id),
                       done=page.request.query_params.get("done"))


@router.get("/victims/persons/{person_id}")
def person(page: PageCtx, auth: PageUser, ws: WorkspaceDep, person_id: RecordId) -> Response:
    return _person_page(page, auth, ws, person_id)


@router.post("/victims/persons/{person_id}/split")
def split(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, _csrf: CsrfChecked,
          person_id: RecordId, record: Annotated[int, Form(ge=1, le=2**31 - 1)],
          reason: Text = "") -> Response:
    try:
        browse.split(ws, auth.viewer, record, reason)
    except BadInput as exc:
        return _person_page(page, auth, ws, person_id, str(exc))
    return RedirectResponse(f"/victims/persons/{person_id}?done=split", status_code=303)


@router.post("/victims/persons/{person_id}/merge")
def merge(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, _csrf: CsrfChecked,
          person_id: RecordId, other: Annotated[int, Form(ge=1, le=2**31 - 1)],
          reason: Text = "") -> Response:
    try:
        browse.merge(ws, auth.viewer, person_id, other, reason)
    except BadInput as exc:
        return _person_page(page, auth, ws, person_id, str(exc))
    return RedirectResponse(f"/victims/persons/{person_id}?done=merge", status_code=303)
