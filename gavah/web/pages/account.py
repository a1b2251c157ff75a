"""The signed-in user's own account page, and enrolling a second factor there."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response
from markupsafe import Markup

from gavah.core.roles import ROLES
from gavah.pipelines import second_factor
from gavah.web.deps import CsrfChecked, PageCtx, PageUser, WorkspaceDep

router = APIRouter()


@router.get("/account")
def account(page: PageCtx, auth: PageUser) -> Response:
    return page.render("account.html", permissions=ROLES[auth.account.role],
                       enrolled=None, qr=None)


@router.post("/account/totp")
def enrol(page: PageCtx, ws: WorkspaceDep, auth: PageUser, _csrf: CsrfChecked) -> Response:
    """A new secret, shown this once as a QR code and as its otpauth:// URI."""
    uri = second_factor.enrol(ws, auth.account.name, f"user:{auth.account.name}")
    return page.render("account.html", permissions=ROLES[auth.account.role], enrolled=uri,
                       qr=Markup(second_factor.qr_svg(uri)))  # SVG made by segno, no user text
