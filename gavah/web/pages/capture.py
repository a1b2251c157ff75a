"""The capture page: several web addresses at once, every field `gavah capture` takes but
the one that reaches private addresses (only the workspace's own setting allows those).
Progress is the page itself: its head is sent at once and each capture's line as it is
recorded, so a browser shows them as they come, without scripts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Form
from fastapi.responses import Response, StreamingResponse

from gavah.core.errors import GavahError
from gavah.web.api.filters import NO_NUL
from gavah.web.deps import CsrfChecked, PageCtx, PageUploader, WorkspaceDep
from gavah.web.threads import run_upload

router = APIRouter()
MARK = "<!--capture-progress-->"


def _form(page: PageCtx, auth: PageUploader, **context: Any) -> Response:
    from gavah.pipelines.capture.run import MAX_FORM_URLS

    return page.render("capture.html", status=400 if context.get("error") else 200,
                       levels=auth.viewer.levels, max_urls=MAX_FORM_URLS,
                       **({"running": False, "error": None, "urls": ""} | context))


@router.get("/capture")
def capture_form(page: PageCtx, auth: PageUploader) -> Response:
    return _form(page, auth)


@router.post("/capture")
async def capture(page: PageCtx, auth: PageUploader, ws: WorkspaceDep, _csrf: CsrfChecked,
                  urls: Annotated[str, Form(max_length=50_000, pattern=NO_NUL)],
                  source: Annotated[str, Form(max_length=255, pattern=NO_NUL)] = "",
                  classification: Annotated[str, Form(max_length=32)] = "public",
                  tags: Annotated[str, Form(max_length=2000, pattern=NO_NUL)] = "",
                  note: Annotated[str, Form(max_length=10_000, pattern=NO_NUL)] = "",
                  depth: Annotated[int, Form(ge=0, le=1)] = 0) -> Response:
    from gavah.pipelines import uploads
    from gavah.pipelines.capture import run

    targets = run.split_urls(urls)
    options = run.Options(source=source.strip() or None, note=note.strip() or None,
                          tags=uploads.split_tags(tags), classification=classification,
                          depth=depth)
    try:
        options.check()
        if not targets:
            raise GavahError("give at least one web address")
        if len(targets) > run.MAX_FORM_URLS:
            raise GavahError(f"at most {run.MAX_FORM_URLS} addresses at once")
    except GavahError as exc:
        return _form(page, auth, error=str(exc), urls=urls)

    shell = bytes(_form(page, auth, running=True, urls=urls, targets=targets).body).decode()
    head, _, tail = shell.partition(MARK)
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[Any] = asyncio.Queue()

    def progress(outcome: run.Outcome) -> None:
        loop.call_soon_threadsafe(queue.put_nowait, outcome)

    async def work() -> None:
        try:
            await run_upload(run.for_viewer, ws, auth.viewer, targets, options, progress)
        except GavahError as exc:
            await queue.put(exc)
        finally:
            await queue.put(None)

    async def body() -> AsyncIterator[bytes]:
        task = asyncio.ensure_future(work())
        yield head.encode()
        while (event := await queue.get()) is not None:
            if isinstance(event, GavahError):
                row = page.templates.render(page.lang, "_capture_row.html",
                                            {"error": str(event), "row": None})
            else:
                row = page.templates.render(page.lang, "_capture_row.html",
                                            {"row": event, "error": None})
            yield row.encode()
        await task
        yield page.templates.render(page.lang, "_capture_done.html", {}).encode()
        yield tail.encode()

    return StreamingResponse(body(), media_type="text/html; charset=utf-8",
                             headers={"cache-control": "no-store"})
