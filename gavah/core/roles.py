"""Roles and what each may do; each role holds every permission of the roles before it."""

from __future__ import annotations

ROLES: dict[str, tuple[str, ...]] = {
    "viewer": ("read",),  # search, read and download what their clearance allows
    "investigator": ("read", "upload"),  # + add evidence
    "analyst": ("read", "upload", "analyse"),  # + confirm/edit claims, merge entities, grade
    "admin": ("read", "upload", "analyse", "manage-users"),  # + accounts
}
