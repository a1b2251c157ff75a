"""The list of accounts, for administrators (changes are made with `gavah users`)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from gavah.pipelines import accounts
from gavah.web.deps import PageAdmin, PageCtx, WorkspaceDep

router = APIRouter()


@router.get("/users")
def users(page: PageCtx, _auth: PageAdmin, ws: WorkspaceDep) -> Response:
    return page.render("users.html", users=accounts.list_users(ws))
