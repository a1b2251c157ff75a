"""The item page, its safe preview and the download of its original."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import RedirectResponse, Response

from gavah.pipelines import reading
from gavah.web.deps import PageCtx, PageUser, WorkspaceDep
from gavah.web.downloads import attachment, content_disposition
from gavah.web.security import PREVIEW_CSP, REPLAY_CSP

router = APIRouter()
ItemRef = Annotated[str, Path(max_length=64)]
PageNo = Annotated[int, Query(ge=1, le=reading.PREVIEW_PAGES)]


# Custody history on the page: the newest changes, and the newest reads (every recorded
# read is an entry: a much-read item has thousands, which would hide its acquisition).
CUSTODY_SHOWN = 100
READS_SHOWN = 20


@router.get("/items")
def items() -> Response:
    return RedirectResponse("/search", status_code=303)


@router.get("/items/{item_id}")
def item(page: PageCtx, auth: PageUser, ws: WorkspaceDep, item_id: ItemRef,
         page_no: Annotated[int, Query(alias="page", ge=1, le=reading.PREVIEW_PAGES)] = 1,
         ) -> Response:
    data = reading.item(ws, auth.viewer, item_id, via="web", custody_limit=CUSTODY_SHOWN,
                        reads_limit=READS_SHOWN)
    pages = min(int(data["metadata"].get("pages", 1) or 1), reading.PREVIEW_PAGES)
    return page.render("item.html", item=data, pdf_page=min(page_no, pages), pdf_pages=pages)


@router.get("/items/{item_id}/original")
def original(auth: PageUser, ws: WorkspaceDep, item_id: ItemRef) -> Response:
    return attachment(reading.original(ws, auth.viewer, item_id, via="web"))


@router.get("/items/{item_id}/preview")
def preview(auth: PageUser, ws: WorkspaceDep, item_id: ItemRef, page: PageNo = 1) -> Response:
    shown = reading.preview(ws, auth.viewer, item_id, page, via="web")
    return Response(shown.body, media_type=shown.media_type, headers={
        "content-security-policy": PREVIEW_CSP, "x-content-type-options": "nosniff",
        "content-disposition": "inline", "cache-control": "no-store",
        "cross-origin-resource-policy": "same-origin"})


@router.get("/items/{item_id}/replay")
def replay(auth: PageUser, ws: WorkspaceDep, item_id: ItemRef) -> Response:
    shown = reading.replay(ws, auth.viewer, item_id, via="web")
    return Response(shown.body, media_type=shown.media_type, headers={
        "content-security-policy": REPLAY_CSP, "x-content-type-options": "nosniff",
        "content-disposition": "inline", "cache-control": "no-store",
        "cross-origin-resource-policy": "same-origin"})


@router.get("/items/{item_id}/derivatives/{derivative_id}")
def derivative(auth: PageUser, ws: WorkspaceDep, item_id: ItemRef,
               derivative_id: Annotated[int, Path(ge=1)]) -> Response:
    """Pictures re-encoded as PNG, shown inline; anything else saved as an attachment
    of a type no browser renders."""
    made = reading.derivative(ws, auth.viewer, item_id, derivative_id, via="web")
    if made.media_type == "image/png":
        return Response(made.body, media_type="image/png", headers={
            "content-security-policy": PREVIEW_CSP, "x-content-type-options": "nosniff",
            "cache-control": "no-store"})
    return Response(made.body, media_type="application/octet-stream", headers={
        "content-disposition": content_disposition(made.name),
        "x-content-type-options": "nosniff", "cache-control": "no-store"})
