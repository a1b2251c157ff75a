"""The fields of a victim record, as `--map COLUMN=FIELD` and JSON name them.

Columns whose header is one of these names (case, spaces and hyphens aside) map
themselves; every other column is kept as an extra field, never dropped.
"""

from __future__ import annotations

import re

FIELDS: dict[str, str] = {
    "name": "full name as the list writes it, in any script",
    "father_name": "father's given name (Iranian lists use it to tell namesakes apart)",
    "sex": "male / female as written (m, f, مرد, زن, ذكر, أنثى ...)",
    "age": "age in years at death (or at arrest when no death is recorded)",
    "birth_year": "year of birth, Gregorian or Jalali (1250-1420 is read as Jalali)",
    "arrest_date": "date of arrest, Gregorian or Jalali, any precision",
    "arrest_place": "place of arrest",
    "death_date": "date of death or execution, Gregorian or Jalali, any precision",
    "death_place": "place of death or execution",
    "prison": "prison where the person was held",
    "affiliation": "political or religious affiliation the list claims for the person",
    "notes": "free text",
}
NAME_FIELDS = ("name", "father_name")
DATE_FIELDS = ("arrest_date", "death_date")
PLACE_FIELDS = ("arrest_place", "death_place", "prison")
ID_COLUMNS = ("ref", "id")  # the list's own row id, when --id-column is not given

_HEADER = re.compile(r"[\s\-]+")


def header_key(column: str) -> str:
    """How a column header is compared with field names: "Father name" -> father_name."""
    return _HEADER.sub("_", column.strip().casefold()).strip("_")


def field_for(column: str) -> str | None:
    key = header_key(column)
    return key if key in FIELDS else None
