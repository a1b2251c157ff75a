"""The dashboard: counts, recent changes, last verification, failed extractions."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from gavah.pipelines import overview
from gavah.web.deps import PageCtx, PageUser, WorkspaceDep

router = APIRouter()


@router.get("/")
def dashboard(page: PageCtx, auth: PageUser, ws: WorkspaceDep) -> Response:
    data = overview.dashboard(ws, auth.viewer,
                              show_account_changes=auth.can("manage-users"))
    return page.render("dashboard.html", data=data)
