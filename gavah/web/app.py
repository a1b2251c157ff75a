"""The app factory. Everything an instance needs (workspace, settings, templates) hangs
off app.state; nothing is global, so tests run several apps side by side."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from gavah.core.errors import BadInput, Conflict, GavahError, NotFound
from gavah.pipelines.accounts import NotPermitted, RateLimited
from gavah.store.workspace import Workspace
from gavah.web import api, pages, threads
from gavah.web.deps import SignInRequired, page_context
from gavah.web.limits import BodyLimit
from gavah.web.security import SecurityHeaders
from gavah.web.settings import Settings
from gavah.web.templating import Templates

STATIC = Path(__file__).parent / "static"
API_PREFIX = "/api/"


def _status(exc: Exception) -> int:
    if isinstance(exc, StarletteHTTPException):
        return exc.status_code
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, NotPermitted):
        return 403
    if isinstance(exc, Conflict):
        return 409
    if isinstance(exc, RateLimited):
        return 429
    if isinstance(exc, RequestValidationError):
        return 422
    return 400  # BadInput and other GavahErrors: the request asked for something wrong


async def _error(request: Request, exc: Exception) -> Response:
    status = _status(exc)
    detail = exc.detail if isinstance(exc, StarletteHTTPException) else str(exc)
    headers = getattr(exc, "headers", None)
    if request.url.path.startswith(API_PREFIX):
        if isinstance(exc, RequestValidationError):
            return JSONResponse({"detail": jsonable_errors(exc)}, status_code=422)
        body: dict[str, object] = {"detail": detail}
        if isinstance(exc, GavahError) and exc.field:
            body["loc"] = [exc.field]  # the input the message is about, by its API name
        if isinstance(exc, GavahError) and exc.code:
            body["code"] = exc.code  # the kind of error, for a client to say in its words
        return JSONResponse(body, status_code=status, headers=headers)
    if isinstance(exc, RequestValidationError):
        detail = "; ".join(str(e.get("msg", "")) for e in exc.errors())
    if status == 401:
        return RedirectResponse("/login", status_code=303)
    context = await page_context(request, getattr(request.state, "auth", None),
                                 request.app.state.settings)
    return context.render("error.html", status=status, status_code=status, detail=detail)


def jsonable_errors(exc: RequestValidationError) -> list[dict[str, object]]:
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")),
             "type": str(e.get("type", ""))} for e in exc.errors()]


async def _sign_in(request: Request, exc: SignInRequired) -> Response:
    target = "/login?next=" + quote(exc.next_path, safe="")
    if request.headers.get("hx-request"):
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


def create_app(settings: Settings) -> FastAPI:
    ws = Workspace.open(settings.home, settings.database_url)
    settings.secret()  # made now, not by the first request of several racing workers

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        threads.configure()
        yield
        ws.close()

    app = FastAPI(
        title="gavah", version="1", lifespan=lifespan, docs_url=None, redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        description="The gavah evidence API. Authenticate with `Authorization: Bearer "
                    "TOKEN` (`gavah users token NAME`). Every response holds only what the "
                    "token's user may see at their clearance; every read of restricted or "
                    "higher material is written to the custody log.")
    app.state.ws = ws
    app.state.settings = settings
    app.state.templates = Templates()
    # The last added runs first: headers on every answer, then the Host, then the body.
    app.add_middleware(BodyLimit, settings=settings)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    app.add_middleware(SecurityHeaders)
    for kind in (StarletteHTTPException, GavahError, BadInput, NotFound, RequestValidationError):
        app.add_exception_handler(kind, _error)  # type: ignore[arg-type]
    app.add_exception_handler(SignInRequired, _sign_in)  # type: ignore[arg-type]
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in api.ROUTERS:
        app.include_router(router, prefix="/api/v1")
    for router in pages.ROUTERS:
        app.include_router(router, include_in_schema=False)
    return app


def app_from_environment() -> FastAPI:
    """For uvicorn's workers (`gavah serve` exports the settings first)."""
    return create_app(Settings.from_environment())
