"""The item page, its safe preview and the download of its original."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Form, Path, Query
from fastapi.responses import RedirectResponse, Response

from gavah.core import redaction
from gavah.core.errors import BadInput, Conflict
from gavah.pipelines import reading
from gavah.web.api.filters import NO_NUL
from gavah.web.deps import CsrfChecked, PageAnalyst, PageCtx, PageUser, WorkspaceDep
from gavah.web.downloads import attachment, content_disposition
from gavah.web.form_errors import shown
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


def _item_page(page: PageCtx, auth: PageUser, ws: WorkspaceDep, item_id: str,
               page_no: int = 1, form_error: str | None = None,
               form: dict[str, str] | None = None, status: int = 400) -> Response:
    """The item page; `form_error` is shown beside the redaction form, filled with `form`
    (the answer's status then `status`)."""
    data = reading.item(ws, auth.viewer, item_id, via="web", custody_limit=CUSTODY_SHOWN,
                        reads_limit=READS_SHOWN, redacted_texts=True)
    pages = min(int(data["metadata"].get("pages", 1) or 1), reading.PREVIEW_PAGES)
    return page.render("item.html", status=status if form_error else 200, item=data,
                       pdf_page=min(page_no, pages), pdf_pages=pages,
                       form_error=form_error, form=form or {})


@router.get("/items/{item_id}")
def item(page: PageCtx, auth: PageUser, ws: WorkspaceDep, item_id: ItemRef,
         page_no: Annotated[int, Query(alias="page", ge=1, le=reading.PREVIEW_PAGES)] = 1,
         ) -> Response:
    return _item_page(page, auth, ws, item_id, page_no)


# "12:30, 45:50" and "10,10,40,20; 60,5,10,10": a form's spans and rectangles, each
# parsed as the CLI parses its options.
_SPANS = re.compile(r"[\s,;]+")
_REGIONS = re.compile(r"[\s;]+")
Short = Annotated[str, Form(max_length=255, pattern=NO_NUL)]
Many = Annotated[str, Form(max_length=20_000, pattern=NO_NUL)]


@router.post("/items/{item_id}/redactions")
def redact(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, _csrf: CsrfChecked,
           item_id: ItemRef, reason: Annotated[str, Form(max_length=2_000, pattern=NO_NUL)],
           spans: Many = "", regions: Many = "", text: Short = "",
           afresh: Annotated[bool, Form()] = False) -> Response:
    """A redacted copy made from the item page (analyst), by the pipeline the CLI and the
    API use: spans count characters of the text as the page shows it."""
    from gavah.pipelines import redact as redact_pipeline

    form = {"spans": spans, "regions": regions, "text": text, "reason": reason,
            "afresh": "on" if afresh else ""}
    try:
        made = redact_pipeline.redact(
            ws, auth.viewer, item_id,
            [redaction.parse_span(s) for s in _SPANS.split(spans.strip()) if s],
            [redaction.parse_region(r) for r in _REGIONS.split(regions.strip()) if r],
            reason, text or None, via="web", as_shown=True, afresh=afresh)
    except (BadInput, Conflict) as exc:  # said in the reader's language
        return _item_page(page, auth, ws, item_id, form_error=shown(page, exc), form=form,
                          status=409 if isinstance(exc, Conflict) else 400)
    return RedirectResponse(f"/items/{made['item']}#redaction-{made['id']}", status_code=303)


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
