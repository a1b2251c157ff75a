"""/api/v1/items: list, show, download the original, upload."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Path, UploadFile
from fastapi.responses import StreamingResponse

from gavah.core.levels import LEVELS
from gavah.pipelines import browse, reading, uploads
from gavah.pipelines.extract.base import Limits
from gavah.pipelines.ingest import METHODS, Options
from gavah.web.api.filters import NO_NUL, Filters, Limit, Offset, Value
from gavah.web.api.schemas.common import ERRORS
from gavah.web.api.schemas.items import (
    ItemDetail,
    ItemList,
    RedactionMade,
    RedactionRequest,
    UploadReport,
)
from gavah.web.deps import Analyst, ApiCsrfChecked, CurrentUser, Uploader, WorkspaceDep
from gavah.web.downloads import attachment
from gavah.web.threads import run_upload

router = APIRouter(prefix="/items", tags=["items"],
                   responses={k: ERRORS[k] for k in (400, 401, 422)})
Level = Literal["public", "restricted", "confidential", "strictly-confidential"]
Method = Literal["upload", "web-capture", "import", "scan", "testimony"]
assert set(Level.__args__) == set(LEVELS) and set(Method.__args__) == set(METHODS)  # type: ignore[attr-defined]
ItemRef = Annotated[str, Path(max_length=64, pattern=NO_NUL,
                              description="Item id, or a sha256 prefix of 6+ hex digits")]


@router.get("", response_model=ItemList, summary="List items (newest first)")
def list_items(ws: WorkspaceDep, auth: CurrentUser, filters: Filters,
               limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    page = browse.browse(ws, auth.viewer, "", filters, limit, offset, via="api-list",
                         with_facets=False)
    return {"total": page.total, "total_at_least": page.at_least, "offset": offset, "limit": limit,
            "items": [r.item for r in page.results]}


@router.get("/{item_id}", response_model=ItemDetail, responses={404: ERRORS[404]},
            summary="One item: metadata, derivatives, children, custody history")
def show(ws: WorkspaceDep, auth: CurrentUser, item_id: ItemRef,
         text: bool = False) -> dict[str, Any]:
    return reading.item(ws, auth.viewer, item_id, via="api", with_text=text)


@router.get("/{item_id}/original", response_class=StreamingResponse,
            responses={404: ERRORS[404],
                       200: {"content": {"application/octet-stream": {}},
                             "description": "The original bytes, as acquired"}},
            summary="Download the original bytes")
def original(ws: WorkspaceDep, auth: CurrentUser, item_id: ItemRef) -> StreamingResponse:
    return attachment(reading.original(ws, auth.viewer, item_id, via="api"))


@router.post("/{item_id}/redactions", response_model=RedactionMade, status_code=201,
             responses={404: ERRORS[404],
                        403: ERRORS[401] | {"description": "Your role may not redact"}},
             summary="Make a redacted copy of an item (analyst); the original is unchanged")
def redact(ws: WorkspaceDep, auth: Analyst, _csrf: ApiCsrfChecked, item_id: ItemRef,
           body: RedactionRequest) -> dict[str, Any]:
    from gavah.pipelines import redact as redact_pipeline

    return redact_pipeline.redact(ws, auth.viewer, item_id, body.spans,
                                  body.regions, body.reason, body.text, via="api",
                                  afresh=body.afresh)


@router.post("", response_model=UploadReport, status_code=201,
             responses={403: ERRORS[401] | {"description": "Your role may not upload, or "
                                                         "not at that classification"}},
             summary="Upload files as evidence items (multipart/form-data)")
async def upload(ws: WorkspaceDep, auth: Uploader, _csrf: ApiCsrfChecked,
           file: Annotated[list[UploadFile], File(min_length=1, description="One or more files")],
           source: Annotated[str | None, Form(max_length=255, pattern=NO_NUL)] = None,
           collected_by: Annotated[str | None, Form(max_length=255, pattern=NO_NUL)] = None,
           method: Annotated[Method, Form()] = "upload",
           note: Annotated[str | None, Form(max_length=10_000, pattern=NO_NUL)] = None,
           tag: Annotated[list[Value] | None, Form()] = None,
           classification: Annotated[Level, Form()] = "public",
           extract: Annotated[bool, Form()] = True,
           ocr: Annotated[bool, Form(description="Read text in images and scanned PDF pages "
                                                 "(Tesseract OCR)")] = True,
           ) -> dict[str, Any]:
    options = Options(source=source or None, collected_by=collected_by or None, method=method,
                      note=note or None, tags=[t for t in tag or [] if t.strip()],
                      classification=classification, extract=extract,
                      limits=Limits(ocr=ocr))
    files = [uploads.Upload(f.filename or "upload", f.file) for f in file]
    return {"acquired": await run_upload(uploads.upload, ws, auth.viewer, files,
                                         options)}
