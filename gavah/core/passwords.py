"""The password policy: long enough, and not one guessers try first.

Length is what makes a password strong against an offline guesser of argon2 hashes; the
list (gavah/core/schema/weak_passwords.txt) stops the passwords that an online guesser
tries in its first few attempts, which the sign-in limits cannot stop. A password is
refused when it is too short, is a listed one with digits or punctuation added at its
end or start, holds the user's own name, or is one character or a short pattern
repeated ("aaaaaaaa", "abcabcabc")."""

from __future__ import annotations

from functools import cache
from importlib import resources

MIN_LENGTH = 8
_EDGES = "0123456789!@#$%^&*()_-+=.,?~ "


@cache
def weak_passwords() -> frozenset[str]:
    text = resources.files("gavah.core.schema").joinpath("weak_passwords.txt").read_text()
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def _repeated(password: str) -> bool:
    for size in range(1, 4):
        unit = password[:size]
        if unit * (len(password) // size) + unit[:len(password) % size] == password:
            return True
    return False


def problem(password: str, user: str | None = None) -> str | None:
    """Why the password is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"the password is too short: at least {MIN_LENGTH} characters"
    lowered = password.casefold()
    core = lowered.strip(_EDGES)
    listed = weak_passwords()
    if lowered in listed or core in listed or not core:
        return "the password is one of the most common ones; choose another"
    if user and len(user) >= 3 and user.casefold() in lowered:
        return "the password holds the user name; choose another"
    if _repeated(lowered):
        return "the password is one character or pattern repeated; choose another"
    return None
