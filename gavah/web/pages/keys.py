"""Security keys (WebAuthn) on the web: registering and removing them on the account
page, and the key step of sign-in. The ceremonies run in /static/security-keys.js
(the CSP allows no inline script); the server makes the options and checks the
answers (gavah.pipelines.security_keys)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Form, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from gavah.core.errors import BadInput, NotFound
from gavah.pipelines import accounts, security_keys
from gavah.web import security
from gavah.web.deps import CsrfChecked, PageCtx, PageUser, SettingsDep, WorkspaceDep
from gavah.web.pages.common import safe_next

router = APIRouter()
CEREMONY_COOKIE = "gavah_webauthn"
MAX_ANSWER = 16_000  # characters of an authenticator's answer as JSON


def origin_of(request: Request) -> security_keys.Origin:
    return security_keys.Origin.of(request.url.scheme, request.url.hostname or "",
                                   request.url.netloc)


def set_ceremony(response: Response, request: Request, settings: Any, key: str) -> None:
    security.set_cookie(response, request, CEREMONY_COOKIE, key, settings.secure_cookies,
                        max_age=int(security_keys.CHALLENGE_TTL.total_seconds()),
                        same_site="strict")


def address_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/account/keys/options")
def registration_options(request: Request, ws: WorkspaceDep, settings: SettingsDep,
                         auth: PageUser, _csrf: CsrfChecked,
                         password: Annotated[str, Body(max_length=1000, embed=True)]) -> Response:
    """Adding a key takes the password again, as removing one does: a session taken
    over must not be able to give itself a lasting second factor."""
    if not accounts.password_ok(ws, auth.account.name, password, address_of(request)):
        return JSONResponse({"error": "wrong password"}, status_code=403)
    try:
        ceremony = security_keys.begin_registration(
            ws, auth.account.name, origin_of(request),
            request.cookies.get(security.SESSION_COOKIE, ""))
    except BadInput as e:
        raise HTTPException(400, str(e)) from None
    response = Response(ceremony.options, media_type="application/json",
                        headers={"cache-control": "no-store"})
    set_ceremony(response, request, settings, ceremony.key)
    return response


@router.post("/account/keys")
def register(request: Request, ws: WorkspaceDep, auth: PageUser, _csrf: CsrfChecked,
             name: Annotated[str, Body(max_length=200)],
             credential: Annotated[str, Body(max_length=MAX_ANSWER)]) -> Response:
    try:
        security_keys.finish_registration(
            ws, auth.account.name, origin_of(request),
            request.cookies.get(security.SESSION_COOKIE, ""),
            request.cookies.get(CEREMONY_COOKIE, ""), credential, name)
    except BadInput as e:
        return JSONResponse({"error": str(e)}, status_code=400)
    response = JSONResponse({"ok": True})
    response.delete_cookie(CEREMONY_COOKIE, path="/")
    return response


@router.post("/account/keys/remove")
def remove(page: PageCtx, ws: WorkspaceDep, auth: PageUser, _csrf: CsrfChecked,
           credential: Annotated[str, Form(max_length=1400)],
           password: Annotated[str, Form(max_length=1000)]) -> Response:
    """Removing a key takes the password again: a browser left signed in is not enough."""
    name = auth.account.name
    error = None
    if not accounts.password_ok(ws, name, password, address_of(page.request)):
        error = page.gettext("Wrong password: the key was not removed.")
    else:
        try:
            security_keys.remove(ws, name, credential, f"user:{name}")
        except NotFound:
            error = page.gettext("No such security key on your account.")
    if error is None:
        return RedirectResponse("/account", status_code=303)
    from gavah.web.pages.account import account_page

    return account_page(page, ws, auth, status=400, error=error)


@router.post("/login/key")
def sign_in_with_key(page: PageCtx, ws: WorkspaceDep, settings: SettingsDep,
                     _csrf: CsrfChecked,
                     assertion: Annotated[str, Form(max_length=MAX_ANSWER)],
                     next: Annotated[str, Form(max_length=2000)] = "/") -> Response:
    key = page.request.cookies.get(CEREMONY_COOKIE, "")
    try:
        account = security_keys.finish_sign_in(ws, origin_of(page.request), key, assertion)
    except BadInput:
        response = page.render("login.html", status=401, next_path=safe_next(next), name="",
                               error=page.gettext("The security key was not accepted. "
                                                  "Sign in again."), key_options=None)
        response.delete_cookie(CEREMONY_COOKIE, path="/")
        return response
    from gavah.web.pages.auth import signed_in

    done = signed_in(page, ws, settings, account, next)
    done.delete_cookie(CEREMONY_COOKIE, path="/")
    return done


def key_step(page: PageCtx, ws: WorkspaceDep, settings: Any, refused: accounts.SecurityKeyNeeded,
             next_path: str) -> Response:
    """The sign-in page's second step: the browser is asked for the key (the password
    was right; the attempt stays a failure until the key answers)."""
    try:
        ceremony = security_keys.begin_sign_in(ws, refused.name, refused.attempt_id,
                                               origin_of(page.request))
    except BadInput:  # reached by an IP address: no relying party id
        return page.render("login.html", status=400, next_path=next_path, name=refused.name,
                           error=page.gettext(
                               "Security keys need this server reached by its name (such "
                               "as localhost), not by an IP address."), key_options=None)
    response = page.render("login.html", status=200, next_path=next_path, name=refused.name,
                           error=None, key_options=ceremony.options)
    set_ceremony(response, page.request, settings, ceremony.key)
    return response

