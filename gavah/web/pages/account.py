"""The signed-in user's own account page: enrolling (and confirming) a TOTP second
factor, and the list of security keys (registered by /static/security-keys.js)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from gavah.core.errors import BadInput
from gavah.core.roles import ROLES
from gavah.pipelines import second_factor, security_keys
from gavah.store.workspace import Workspace
from gavah.web.deps import Auth, CsrfChecked, PageContext, PageCtx, PageUser, WorkspaceDep

router = APIRouter()


def account_page(page: PageContext, ws: Workspace, auth: Auth, status: int = 200,
                 error: str | None = None, enrolled: str | None = None) -> Response:
    name = auth.account.name
    return page.render(
        "account.html", status=status, permissions=ROLES[auth.account.role],
        enrolled=enrolled,
        qr=Markup(second_factor.qr_svg(enrolled)) if enrolled else None,  # SVG by segno
        pending=second_factor.pending(ws, name), keys=security_keys.keys_of(ws, name),
        error=error)


@router.get("/account")
def account(page: PageCtx, ws: WorkspaceDep, auth: PageUser) -> Response:
    return account_page(page, ws, auth)


@router.post("/account/totp")
def enrol(page: PageCtx, ws: WorkspaceDep, auth: PageUser, _csrf: CsrfChecked) -> Response:
    """A new secret, shown this once as a QR code and as its otpauth:// URI; it is
    pending until a code from it is entered below."""
    uri = second_factor.enrol(ws, auth.account.name, f"user:{auth.account.name}")
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
