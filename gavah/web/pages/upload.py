"""The upload page: several files at once, every field `gavah ingest` takes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import Response

from gavah.core.errors import BadInput
from gavah.pipelines import uploads
from gavah.pipelines.accounts import NotPermitted
from gavah.pipelines.extract.base import Limits
from gavah.pipelines.ingest import METHODS, Options
from gavah.web.api.filters import NO_NUL
from gavah.web.deps import CsrfChecked, PageCtx, PageUploader, WorkspaceDep
from gavah.web.threads import run_upload

router = APIRouter()


def _form(page: PageCtx, auth: PageUploader, **context: Any) -> Response:
    partial = bool(page.request.headers.get("hx-request")) and "report" in context
    return page.render("_upload_result.html" if partial else "upload.html",
                       status=400 if context.get("error") else 200,
                       methods=METHODS, levels=auth.viewer.levels,
                       **({"report": None, "error": None} | context))


@router.get("/upload")
def upload_form(page: PageCtx, auth: PageUploader) -> Response:
    return _form(page, auth)


@router.post("/upload")
async def upload(page: PageCtx, auth: PageUploader, ws: WorkspaceDep, _csrf: CsrfChecked,
           files: Annotated[list[UploadFile], File()],
           source: Annotated[str, Form(max_length=255, pattern=NO_NUL)] = "",
           collected_by: Annotated[str, Form(max_length=255, pattern=NO_NUL)] = "",
           method: Annotated[str, Form(max_length=32)] = "upload",
           classification: Annotated[str, Form(max_length=32)] = "public",
           tags: Annotated[str, Form(max_length=2000, pattern=NO_NUL)] = "",
           note: Annotated[str, Form(max_length=10_000, pattern=NO_NUL)] = "",
           extract: Annotated[bool, Form()] = False,
           ocr: Annotated[bool, Form()] = False) -> Response:
    options = Options(source=source.strip() or None, collected_by=collected_by.strip() or None,
                      method=method, note=note.strip() or None,
                      tags=uploads.split_tags(tags), classification=classification,
                      extract=extract, limits=Limits(ocr=ocr))
    sent = [uploads.Upload(f.filename or "upload", f.file) for f in files if f.filename]
    try:
        report = await run_upload(uploads.upload, ws, auth.viewer, sent, options)
    except (BadInput, NotPermitted) as exc:
        return _form(page, auth, report=[], error=str(exc))
    return _form(page, auth, report=report)
