"""/docs: Swagger UI for the OpenAPI spec, served from our own static files."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse

from gavah.web.templating import TEMPLATES

router = APIRouter()


@router.get("/docs")
def docs() -> FileResponse:
    return FileResponse(TEMPLATES / "docs.html", media_type="text/html")
