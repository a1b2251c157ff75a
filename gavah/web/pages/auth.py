"""Sign-in, sign-out and the language switch (which works signed out too)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query
from fastapi.responses import RedirectResponse, Response

from gavah.pipelines import accounts
from gavah.web import security
from gavah.web.deps import CsrfChecked, OptionalUser, PageCtx, SettingsDep, WorkspaceDep
from gavah.web.locale import LANGUAGES
from gavah.web.pages.common import safe_next
from gavah.web.pages.keys import key_step

router = APIRouter()


@router.get("/login")
def login_form(page: PageCtx, auth: OptionalUser,
               next: Annotated[str, Query(max_length=2000)] = "/") -> Response:
    if auth is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return page.render("login.html", next_path=safe_next(next), name="", error=None)


@router.post("/login")
def login(page: PageCtx, ws: WorkspaceDep, settings: SettingsDep, _csrf: CsrfChecked,
          name: Annotated[str, Form(max_length=255)],
          password: Annotated[str, Form(max_length=1000)],
          next: Annotated[str, Form(max_length=2000)] = "/",
          code: Annotated[str, Form(max_length=16)] = "") -> Response:
    address = page.request.client.host if page.request.client else "unknown"
    try:
        account = accounts.authenticate(ws, name.strip(), password, address, code or None)
    except accounts.RateLimited:
        return page.render("login.html", status=429, next_path=safe_next(next), name=name,
                           error=page.gettext(
                               "Too many failed sign-ins. Wait 15 minutes and try again."))
    except accounts.SecondFactorMissing:
        return page.render("login.html", status=403, next_path=safe_next(next), name=name,
                           error=page.gettext(
                               "Administrators must enrol a second factor before signing "
                               "in: ask the operator to run gavah users totp NAME."))
    except accounts.SecurityKeyNeeded as needed:
        return key_step(page, ws, settings, needed, safe_next(next))
    except accounts.SecondFactorRefused:
        return page.render("login.html", status=401, next_path=safe_next(next), name=name,
                           error=page.gettext("Wrong or missing second-factor code."))
    except accounts.LoginRefused:
        return page.render("login.html", status=401, next_path=safe_next(next), name=name,
                           error=page.gettext("Wrong user name or password."))
    return signed_in(page, ws, settings, account, next)


def signed_in(page: PageCtx, ws: WorkspaceDep, settings: SettingsDep,
              account: accounts.Account, next: str) -> Response:
    """A new session for a sign-in that passed every factor, and on to `next`."""
    key = accounts.open_session(ws, account, settings.session_hours)
    response = RedirectResponse(safe_next(next), status_code=303)
    secure = settings.secure_cookies
    security.set_cookie(response, page.request, security.SESSION_COOKIE, key, secure,
                        max_age=int(settings.session_hours * 3600))
    # A new CSRF seed with the new session: a token seen before sign-in is useless after.
    security.set_cookie(response, page.request, security.CSRF_COOKIE,
                        security.new_csrf_seed(), secure, same_site="strict")
    return response


@router.post("/logout")
def logout(page: PageCtx, ws: WorkspaceDep, _csrf: CsrfChecked) -> Response:
    key = page.request.cookies.get(security.SESSION_COOKIE)
    if key:
        accounts.close_session(ws, key)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(security.SESSION_COOKIE, path="/")
    return response


@router.post("/language")
def language(page: PageCtx, ws: WorkspaceDep, auth: OptionalUser, settings: SettingsDep,
             _csrf: CsrfChecked, lang: Annotated[str, Form(max_length=8)],
             next: Annotated[str, Form(max_length=2000)] = "/") -> Response:
    if lang not in LANGUAGES:
        lang = "en"
    if auth is not None and auth.via == "user":
        accounts.set_language(ws, auth.account.name, lang)
    response = RedirectResponse(safe_next(next), status_code=303)
    security.set_cookie(response, page.request, security.LANG_COOKIE, lang,
                        settings.secure_cookies, max_age=365 * 24 * 3600)
    return response
