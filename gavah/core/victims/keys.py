"""The forms of a record that linkage compares and blocks on.

Computed when linkage runs, never stored with the record, so that a better
transliteration in `gavah.core.names` improves the next run without a migration.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from gavah.core.names import fold_name, name_key, symbols, token_key
from gavah.core.text import fold

_SEPARATORS = re.compile(r"[\s\-_.,/\u200c\u200d]+")
# Words that join or qualify names rather than name anyone: they must not decide blocks.
_PARTICLES = frozenset(fold(w) for w in ("seyed", "seyyed", "sayyed", "sayed", "سید",
                                           "mir", "haj", "haji", "حاج", "حاجی"))


def folded(text: str | None) -> str | None:
    """Letter-variant folded text with single spaces (Persian ي/ی, ك/ک, case...)."""
    if not text:
        return None
    out = " ".join(fold(text).split())
    return out or None


def tokens(name: str) -> list[str]:
    words = [t for t in _SEPARATORS.split(name.replace("'", "").replace("’", "")) if t]
    kept = [t for t in words if fold(t) not in _PARTICLES]
    return kept or words


def name_forms(prefix: str, name: str | None) -> dict[str, str | None]:
    """`{prefix}`, `{prefix}_fold`, `{prefix}_latin`, `{prefix}_key`, the keys of the
    first and last words (given name and surname in most lists) and `{prefix}_sorted`,
    the words' keys in sorted order (the same for "Reza Hosseini" and "Hosseini,
    Reza"). Linkage compares pairs on these forms in SQL: the costly transliteration
    runs once per record, not once per pair."""
    if not name:
        return {prefix: None, f"{prefix}_fold": None, f"{prefix}_latin": None,
                f"{prefix}_key": None, f"{prefix}_first": None, f"{prefix}_last": None,
                f"{prefix}_sorted": None}
    words = tokens(name)
    key = name_key(name) or None
    return {
        f"{prefix}_sorted": "".join(sorted(token_key(w) for w in words)) or key,
        prefix: name,
        f"{prefix}_fold": folded(name),
        f"{prefix}_latin": fold_name(name) or folded(name),
        f"{prefix}_key": key,
        f"{prefix}_first": (token_key(words[0]) or fold(words[0])) if words else None,
        f"{prefix}_last": (token_key(words[-1]) or fold(words[-1])) if len(words) > 1 else None,
    }


def place_form(place: str | None) -> str | None:
    """Places compare across scripts like names do (Evin / اوین)."""
    return fold_name(place) or folded(place) if place else None


_NOT_CONSONANTS = frozenset("AEIOUWYF*'H")


def place_key(place: str | None) -> str | None:
    """The place's consonants as written, v and y kept (a place name is short: Evin and
    اوین are "vn", where a name key would leave only "n")."""
    if not place:
        return None
    key = "".join(c for c, _ in symbols(place) if c not in _NOT_CONSONANTS)
    return re.sub(r"(.)\1+", r"\1", key) or None


def linkage_features(record: Mapping[str, Any]) -> dict[str, Any]:
    """One record (as stored) -> the columns linkage compares. Birth year falls back
    to the event year minus the age when only the age is known."""
    birth = record.get("birth_year")
    death_start = record.get("death_date_start")
    arrest_start = record.get("arrest_date_start")
    age = record.get("age")
    event = death_start or arrest_start
    if birth is None and age is not None and event:
        birth = int(event[:4]) - int(age)
    return {
        "unique_id": int(record["id"]),
        "list_name": record["list"],
        **name_forms("name", record.get("name")),
        **name_forms("father", record.get("father_name")),
        "sex": record.get("sex"),
        "birth_year": int(birth) if birth is not None else None,
        "death_start": death_start,
        "death_end": record.get("death_date_end"),
        "death_year": int(death_start[:4]) if death_start else None,
        "arrest_start": arrest_start,
        "arrest_end": record.get("arrest_date_end"),
        "arrest_year": int(arrest_start[:4]) if arrest_start else None,
        "prison": place_form(record.get("prison")),
        "prison_key": place_key(record.get("prison")),
        "death_place": place_form(record.get("death_place")),
        "death_place_key": place_key(record.get("death_place")),
    }
