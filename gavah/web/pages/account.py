"""The signed-in user's own account page: enrolling (and confirming) a TOTP second
factor, the list of security keys (registered by /static/security-keys.js) and of API
tokens (issued in gavah.web.pages.tokens)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from gavah.core.errors import BadInput
from gavah.core.roles import ROLES
from gavah.pipelines import accounts, second_factor, security_keys
from gavah.store.workspace import Workspace
from gavah.web.deps import Auth, CsrfChecked, PageContext, PageCtx, PageUser, WorkspaceDep
from gavah.web.pages.keys import address_of

router = APIRouter()


def account_page(page: PageContext, ws: Workspace, auth: Auth, status: int = 200,
                 error: str | None = None, enrolled: str | None = None,
                 new_token: str | None = None, token_error: str | None = None,
                 token_key_options: str | None = None, token_label: str = "") -> Response:
    """The page, with the user's own factors and tokens (names, dates and first
    characters: never a secret), and what the last form did."""
    name = auth.account.name
    return page.render(
        "account.html", status=status, permissions=ROLES[auth.account.role],
        enrolled=enrolled,
        qr=Markup(second_factor.qr_svg(enrolled)) if enrolled else None,  # SVG by segno
        pending=second_factor.pending(ws, name), keys=security_keys.keys_of(ws, name),
        tokens=accounts.tokens_of(ws, name), new_token=new_token, token_error=token_error,
        token_key_options=token_key_options, token_label=token_label, error=error)


@router.get("/account")
def account(page: PageCtx, ws: WorkspaceDep, auth: PageUser) -> Response:
    return account_page(page, ws, auth)


@router.post("/account/totp")
def enrol(page: PageCtx, ws: WorkspaceDep, auth: PageUser, _csrf: CsrfChecked,
          password: Annotated[str, Form(max_length=1000)] = "") -> Response:
    """A new secret, shown this once as a QR code and as its otpauth:// URI; it is
    pending until a code from it is entered below. It takes the password again, as a
    security key does: a session taken over must not give itself a lasting factor."""
    name = auth.account.name
    if not accounts.password_ok(ws, name, password, address_of(page.request)):
        return account_page(page, ws, auth, status=403, error=page.gettext(
            "Wrong password: no new authenticator was enrolled."))
    uri = second_factor.enrol(ws, name, f"user:{name}")
    return account_page(page, ws, auth, enrolled=uri)


@router.post("/account/totp/confirm")
def confirm(page: PageCtx, ws: WorkspaceDep, auth: PageUser, _csrf: CsrfChecked,
            code: Annotated[str, Form(max_length=16)]) -> Response:
    name = auth.account.name
    try:
        second_factor.confirm(ws, name, code, f"user:{name}")
    except BadInput:
        return account_page(page, ws, auth, status=400, error=page.gettext(
            "That code does not match the new secret. Enter the code the app shows now."))
    return RedirectResponse("/account", status_code=303)
