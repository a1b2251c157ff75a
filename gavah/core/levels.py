"""Classification levels, ordered from least to most protected."""

from __future__ import annotations

from gavah.core.errors import BadInput

LEVELS: tuple[str, ...] = ("public", "restricted", "confidential", "strictly-confidential")
PROTECTED_FROM = "restricted"  # reads at or above this level are written to the custody log
SEAL_FROM = "confidential"  # originals at or above this level are stored encrypted


def rank(level: str) -> int:
    try:
        return LEVELS.index(level)
    except ValueError:
        raise BadInput(f"unknown classification {level!r}; expected one of "
                       f"{', '.join(LEVELS)}") from None


def visible_levels(clearance: str) -> list[str]:
    """Levels a holder of `clearance` may see."""
    return list(LEVELS[: rank(clearance) + 1])


def allowed(level: str, clearance: str) -> bool:
    return rank(level) <= rank(clearance)


def is_protected(level: str) -> bool:
    return rank(level) >= rank(PROTECTED_FROM)


def seals(level: str) -> bool:
    """Originals at this level are stored encrypted (sealed)."""
    return rank(level) >= rank(SEAL_FROM)
