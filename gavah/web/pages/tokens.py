"""API tokens issued by their holder on the account page. A token is as good as a
sign-in that lasts until revoked, so it takes the password again and, for an account
with a second factor, that factor: a TOTP code typed in the form, or the security key
asked by /static/security-keys.js (the page's second step, as at sign-in)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import Response

from gavah.core.errors import BadInput
from gavah.pipelines import accounts, security_keys
from gavah.web import security
from gavah.web.deps import CsrfChecked, PageCtx, PageUser, SettingsDep, WorkspaceDep
from gavah.web.pages.account import account_page
from gavah.web.pages.keys import CEREMONY_COOKIE, MAX_ANSWER, address_of, origin_of, set_ceremony

router = APIRouter()
MAX_LABEL = 100


def _label(text: str) -> str | None:
    text = " ".join(text.split())
    if len(text) > MAX_LABEL or not text.isprintable():
        raise BadInput(f"a label of at most {MAX_LABEL} printable characters", field="label")
    return text or None


@router.post("/account/tokens")
def issue(page: PageCtx, ws: WorkspaceDep, settings: SettingsDep, auth: PageUser,
          _csrf: CsrfChecked, password: Annotated[str, Form(max_length=1000)] = "",
          code: Annotated[str, Form(max_length=16)] = "",
          label: Annotated[str, Form(max_length=400)] = "") -> Response:
    name = auth.account.name
    if not accounts.password_ok(ws, name, password, address_of(page.request)):
        return account_page(page, ws, auth, status=403, token_error=page.gettext(
            "Wrong password: no token was issued."))
    try:
        given = _label(label)
    except BadInput:
        return account_page(page, ws, auth, status=400, token_error=page.gettext(
            "Give the token a shorter label, of printable characters."))
    keys = security_keys.keys_of(ws, name)
    if keys and not code.strip():  # the key is asked for: the page's second step
        try:
            ceremony = security_keys.begin_token(
                ws, name, origin_of(page.request),
                page.request.cookies.get(security.SESSION_COOKIE, ""))
        except BadInput:  # reached by an IP address: no relying party id
            return account_page(page, ws, auth, status=400, token_error=page.gettext(
                "Security keys need this server reached by its name (such as localhost), "
                "not by an IP address."))
        response = account_page(page, ws, auth, token_key_options=ceremony.options,
                                token_label=given or "")
        set_ceremony(response, page.request, settings, ceremony.key)
        return response
    try:
        token = accounts.new_token(ws, name, f"user:{name}", given, code.strip() or None)
    except BadInput:
        accounts.count_failure(ws, name, address_of(page.request))
        return account_page(page, ws, auth, status=400, token_error=page.gettext(
            "Wrong or missing second-factor code: no token was issued."))
    return account_page(page, ws, auth, new_token=token)


@router.post("/account/tokens/key")
def issue_with_key(page: PageCtx, ws: WorkspaceDep, auth: PageUser, _csrf: CsrfChecked,
                   assertion: Annotated[str, Form(max_length=MAX_ANSWER)],
                   label: Annotated[str, Form(max_length=400)] = "") -> Response:
    name = auth.account.name
    try:
        token = security_keys.finish_token(
            ws, name, origin_of(page.request),
            page.request.cookies.get(security.SESSION_COOKIE, ""),
            page.request.cookies.get(CEREMONY_COOKIE, ""), assertion, _label(label))
    except BadInput:
        response = account_page(page, ws, auth, status=401, token_error=page.gettext(
            "The security key was not accepted: no token was issued."))
    else:
        response = account_page(page, ws, auth, new_token=token)
    response.delete_cookie(CEREMONY_COOKIE, path="/")
    return response
