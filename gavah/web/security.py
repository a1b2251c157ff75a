"""Response headers every page gets (a strict Content-Security-Policy: our own scripts,
styles, fonts and images only, never framed), cookies, and CSRF tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Evidence previews: nothing may load or run; only our preview stylesheet. Framed by
# our own pages only, in an iframe that is sandboxed as well.
PREVIEW_CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; sandbox; "
               "base-uri 'none'; form-action 'none'; frame-ancestors 'self'")
# A web capture's replay: like a preview, but its pictures are embedded (re-encoded PNG
# data: URLs); nothing is fetched from anywhere, not even from this server.
REPLAY_CSP = ("default-src 'none'; style-src 'self'; img-src data:; sandbox; "
              "base-uri 'none'; form-action 'none'; frame-ancestors 'self'")
HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"same-origin",
    b"cross-origin-opener-policy": b"same-origin",
    b"permissions-policy": b"camera=(), microphone=(), geolocation=(), interest-cohort=()",
}

SESSION_COOKIE = "gavah_session"
CSRF_COOKIE = "gavah_csrf"
LANG_COOKIE = "gavah_lang"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


class SecurityHeaders:
    """Adds the headers to every response that has not set its own CSP (previews do)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                    headers.append((b"x-frame-options", b"DENY"))
                headers += [(k, v) for k, v in HEADERS.items() if k not in names]
                if scope.get("path", "").startswith("/api/") and b"cache-control" not in names:
                    # API answers may hold protected material: no shared or disk cache.
                    headers.append((b"cache-control", b"no-store"))
                if scope.get("scheme") == "https":
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def is_secure(request: Request, setting: bool | None) -> bool:
    return request.url.scheme == "https" if setting is None else setting


def set_cookie(response: Response, request: Request, name: str, value: str,
               secure: bool | None, max_age: int | None = None,
               same_site: str = "lax") -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=True,
                        secure=is_secure(request, secure), samesite=same_site,  # type: ignore[arg-type]
                        path="/")


def new_csrf_seed() -> str:
    return secrets.token_urlsafe(32)


def csrf_token(secret: bytes, seed: str, session: str = "") -> str:
    """The form token for a browser's CSRF cookie and its session: an HMAC, so a cookie
    planted by someone else (from a sibling subdomain, say) is useless without the key,
    and a seed and token someone obtained in their own session (or signed out) are
    refused in anyone else's."""
    message = f"{seed}\x00{session}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def csrf_ok(secret: bytes, seed: str | None, token: str | None, session: str = "") -> bool:
    if not seed or not token:
        return False
    return hmac.compare_digest(csrf_token(secret, seed, session), token)
