"""The signed-in user's own account page."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from gavah.core.roles import ROLES
from gavah.web.deps import PageCtx, PageUser

router = APIRouter()


@router.get("/account")
def account(page: PageCtx, auth: PageUser) -> Response:
    return page.render("account.html", permissions=ROLES[auth.account.role])
