"""Who is asking."""

from __future__ import annotations

from pydantic import BaseModel


class Me(BaseModel):
    name: str
    role: str
    clearance: str
    language: str
    disabled: bool
    permissions: list[str]
    created_at: str
    updated_at: str
