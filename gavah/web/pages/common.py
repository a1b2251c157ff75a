"""Small helpers pages share."""

from __future__ import annotations


def safe_next(target: str | None, default: str = "/") -> str:
    """Only local paths: never '//host' or '/\\host', which browsers treat as other sites."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    if any(c in target for c in "\r\n\\"):
        return default
    return target
