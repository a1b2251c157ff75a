"""Dependencies for routes, as Annotated aliases: the workspace, who is asking (session
cookie or API bearer token), what they may do, CSRF checks, and the page context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from gavah.pipelines import accounts
from gavah.pipelines.access import Viewer
from gavah.store.workspace import Workspace
from gavah.web import locale, security
from gavah.web.settings import Settings
from gavah.web.templating import Templates


async def get_workspace(request: Request) -> Workspace:
    # Dependencies that neither block nor wait are async: FastAPI runs each sync one
    # through the thread pool, a hop that under load waits behind whole page requests.
    ws: Workspace = request.app.state.ws
    return ws


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


WorkspaceDep = Annotated[Workspace, Depends(get_workspace)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


@dataclass(frozen=True)
class Auth:
    account: accounts.Account
    via: str  # "user" (signed-in browser) or "token" (API bearer token)

    @property
    def viewer(self) -> Viewer:
        return self.account.viewer(self.via)

    def can(self, permission: str) -> bool:
        return self.account.can(permission)


class SignInRequired(Exception):
    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


async def optional_auth(request: Request, ws: WorkspaceDep) -> Auth | None:
    # Run on the event loop, not the thread pool: one indexed read of a few hundred
    # microseconds that never waits on a lock (readers don't, on SQLite in WAL mode or on
    # PostgreSQL). As a sync dependency it cost every request a second hop to the pool,
    # queued behind whole page requests.
    if hasattr(request.state, "auth"):
        return request.state.auth  # type: ignore[no-any-return]
    auth = None
    header = request.headers.get("authorization", "")
    if header[:7].lower() == "bearer ":
        account = accounts.account_for_token(ws, header[7:].strip())
        auth = Auth(account, "token") if account else None
    elif key := request.cookies.get(security.SESSION_COOKIE):
        account = accounts.account_for_session(ws, key)
        auth = Auth(account, "user") if account else None
    request.state.auth = auth
    return auth


OptionalUser = Annotated[Auth | None, Depends(optional_auth)]


async def api_auth(auth: OptionalUser) -> Auth:
    if auth is None:
        raise HTTPException(401, "sign in or send Authorization: Bearer TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})
    return auth


async def page_auth(request: Request, auth: OptionalUser) -> Auth:
    if auth is None:
        raise SignInRequired(request.url.path
                             + (f"?{request.url.query}" if request.url.query else ""))
    return auth


CurrentUser = Annotated[Auth, Depends(api_auth)]
PageUser = Annotated[Auth, Depends(page_auth)]


def permission(name: str, page: bool = False) -> Any:
    async def check(auth: Auth = Depends(page_auth if page else api_auth)) -> Auth:
        if not auth.can(name):
            raise HTTPException(403, f"your role ({auth.account.role}) may not do this")
        return auth

    return Depends(check)


Uploader = Annotated[Auth, permission("upload")]
PageUploader = Annotated[Auth, permission("upload", page=True)]
Analyst = Annotated[Auth, permission("analyse")]
PageAnalyst = Annotated[Auth, permission("analyse", page=True)]
PageAdmin = Annotated[Auth, permission("manage-users", page=True)]


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return origin.rstrip("/") == f"{request.url.scheme}://{request.url.netloc}"


async def check_csrf(request: Request, settings: SettingsDep) -> None:
    """Forms carry the token in a field, htmx and scripts in the X-CSRF-Token header."""
    token = request.headers.get(security.CSRF_HEADER)
    if token is None:
        form = await request.form()
        value = form.get(security.CSRF_FIELD)
        token = value if isinstance(value, str) else None
    seed = request.cookies.get(security.CSRF_COOKIE)
    session = request.cookies.get(security.SESSION_COOKIE, "")
    if not _same_origin(request) or not security.csrf_ok(settings.secret(), seed, token,
                                                         session):
        raise HTTPException(403, "the form has expired or did not come from this site; "
                                 "reload the page and try again")


CsrfChecked = Annotated[None, Depends(check_csrf)]


async def api_csrf(request: Request, auth: CurrentUser, settings: SettingsDep) -> None:
    """A browser's session cookie is sent by any site, so API writes with it need the
    CSRF header; bearer tokens are not sent automatically and need none."""
    if auth.via == "user":
        await check_csrf(request, settings)


ApiCsrfChecked = Annotated[None, Depends(api_csrf)]


@dataclass
class PageContext:
    request: Request
    auth: Auth | None
    lang: str
    templates: Templates
    settings: Settings
    seed: str
    new_seed: bool

    def gettext(self, message: str) -> str:
        return str(locale.translations(self.lang).gettext(message))

    @property
    def csrf_token(self) -> str:
        return security.csrf_token(self.settings.secret(), self.seed,
                                   self.request.cookies.get(security.SESSION_COOKIE, ""))

    def render(self, template: str, /, status: int = 200, **context: Any) -> HTMLResponse:
        base = {"request": self.request, "auth": self.auth,
                "account": self.auth.account if self.auth else None,
                "csrf_token": self.csrf_token, "path": self.request.url.path,
                "here": quote(self.request.url.path + (
                    f"?{self.request.url.query}" if self.request.url.query else ""))}
        html = self.templates.render(self.lang, template, base | context)
        response = HTMLResponse(html, status_code=status,
                                headers={"cache-control": "no-store"})
        if self.new_seed:
            security.set_cookie(response, self.request, security.CSRF_COOKIE, self.seed,
                                self.settings.secure_cookies, same_site="strict")
        return response


async def page_context(request: Request, auth: OptionalUser, settings: SettingsDep) -> PageContext:
    seed = request.cookies.get(security.CSRF_COOKIE)
    new = not seed or len(seed) > 100
    return PageContext(request, auth,
                       locale.from_request(request, auth.account.language if auth else None),
                       request.app.state.templates, settings,
                       security.new_csrf_seed() if new else str(seed), new)


PageCtx = Annotated[PageContext, Depends(page_context)]
