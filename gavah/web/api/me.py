"""GET /api/v1/me: who the token or session belongs to."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from gavah.web.api.schemas.common import ERRORS
from gavah.web.api.schemas.me import Me
from gavah.web.deps import CurrentUser

router = APIRouter(tags=["account"], responses={401: ERRORS[401]})


@router.get("/me", response_model=Me, summary="The signed-in user")
def me(auth: CurrentUser) -> dict[str, Any]:
    return auth.account.to_dict()
