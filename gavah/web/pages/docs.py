"""/docs: Swagger UI for the OpenAPI spec, served from our own static files."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse

from gavah.web.security import CSP
from gavah.web.templating import TEMPLATES

router = APIRouter()


@router.get("/docs")
def docs() -> FileResponse:
    # Swagger UI's stylesheet draws its icons from data: SVG images; nothing else differs.
    return FileResponse(TEMPLATES / "docs.html", media_type="text/html", headers={
        "content-security-policy": CSP.replace("img-src 'self'", "img-src 'self' data:"),
        "x-frame-options": "DENY"})
