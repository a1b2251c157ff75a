"""The size of a request's body, limited before the request reaches a route. FastAPI
parses a form (spooling its files to disk) before any dependency runs, so without this an
anonymous client could make the server store gigabytes before the sign-in and CSRF checks
refuse it."""

from __future__ import annotations

import contextlib
import json

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gavah.web.settings import Settings

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuses a body over the limit with 413: a signed-in user (or API token) may send up
    to `max_upload_bytes`, anyone else `anonymous_body_bytes` (enough for the sign-in form).
    A declared Content-Length is refused before anything is read; a chunked body is cut
    off as soon as it passes the limit."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        limit = (self.settings.max_upload_bytes if await _signed_in(request)
                 else self.settings.anonymous_body_bytes)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _too_large(scope, send, limit)
            return

        seen = 0
        exceeded = False
        started = False

        async def counted() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    exceeded = True
                    raise BodyTooLarge
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if exceeded:
                return  # whatever the app made of the cut-off body, the answer is 413
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(BodyTooLarge):
            await self.app(scope, counted, guarded)
        if exceeded and not started:
            await _too_large(scope, send, limit)


async def _signed_in(request: Request) -> bool:
    # The same check the routes make (deps.optional_auth), kept on request.state so that
    # the route does not repeat it.
    from gavah.web.deps import optional_auth

    return await optional_auth(request, request.app.state.ws) is not None


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    detail = f"the request body is larger than this server accepts ({limit:,} bytes)"
    if scope.get("path", "").startswith("/api/"):
        body, kind = json.dumps({"detail": detail}).encode(), b"application/json"
    else:
        body, kind = detail.encode(), b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
