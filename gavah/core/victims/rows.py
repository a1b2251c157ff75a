"""One row of a victim list -> a normalised record, or the problems that keep it aside.

A row is rejected when a cell that is there cannot be read (an unreadable date, an age
of 300) or when it has no name; empty cells are simply unknown. Odd but readable
values (age and birth year that disagree) are kept, with a warning.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gavah.core.errors import BadInput
from gavah.core.victims.fields import DATE_FIELDS, FIELDS, ID_COLUMNS, field_for, header_key
from gavah.core.victims.values import (
    CellDate,
    CellError,
    Year,
    ascii_digits,
    clean,
    parse_age,
    parse_cell_date,
    parse_sex,
    parse_year,
)

_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


@dataclass(frozen=True)
class Mapping:
    """Which column feeds which field; the rest are kept as extra fields."""

    fields: dict[str, str]  # field -> column
    id_column: str | None
    extras: tuple[str, ...]

    @classmethod
    def build(cls, header: Sequence[str], explicit: dict[str, str] | None = None,
              id_column: str | None = None) -> Mapping:
        columns = list(header)
        explicit = dict(explicit or {})
        problems = []
        for column, target in explicit.items():
            if column not in columns:
                problems.append(f"{column}={target}: no column {column!r} "
                                f"(columns: {', '.join(columns)})")
            if target not in FIELDS:
                problems.append(f"{column}={target}: unknown field {target!r} "
                                f"(fields: {', '.join(FIELDS)})")
        if problems:
            raise BadInput("; ".join(problems), field="mapping")
        if id_column is not None and id_column not in columns:
            raise BadInput(f"{id_column}: no such column (columns: {', '.join(columns)})",
                           field="id_column")
        if id_column is None:
            id_column = next((c for c in columns if header_key(c) in ID_COLUMNS
                              and c not in explicit), None)
        fields: dict[str, str] = {}
        for column, target in explicit.items():
            if target in fields:
                raise BadInput(f"field {target!r} is mapped from two columns: "
                               f"{fields[target]!r} and {column!r}")
            fields[target] = column
        for column in columns:
            own = field_for(column)
            if column in explicit or own is None or own in fields:
                continue
            fields[own] = column
        used = set(fields.values()) | {id_column}
        return cls(fields, id_column, tuple(c for c in columns if c not in used))

    def to_dict(self) -> dict[str, Any]:
        return {"fields": dict(self.fields), "id_column": self.id_column,
                "extras": list(self.extras)}


@dataclass(frozen=True)
class Problem:
    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.field}: {self.reason}"


@dataclass
class Record:
    """A row that could be read. Dates are periods in Gregorian ISO days."""

    row: int
    key: str  # unique within the list: the list's ref, or a hash of the row
    source_ref: str | None
    name: str
    script: str  # arabic | latin | mixed | other: the name's script
    values: dict[str, Any] = field(default_factory=dict)  # field -> text or number
    dates: dict[str, CellDate] = field(default_factory=dict)
    birth_year: Year | None = None
    extra: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def get(self, name: str) -> Any:
        return self.values.get(name)


@dataclass
class Rejected:
    row: int
    key: str
    problems: list[Problem]
    raw: dict[str, Any]


def script_of(text: str) -> str:
    arabic, latin = bool(_SCRIPT.search(text)), bool(_LATIN.search(text))
    return "mixed" if arabic and latin else "arabic" if arabic else "latin" if latin else "other"


def row_key(raw: dict[str, Any], ref: str | None) -> str:
    """Identity of a row within its list, so that re-importing it adds nothing."""
    if ref:
        return f"ref:{ref}"
    canonical = json.dumps({k: clean(v) for k, v in sorted(raw.items())}, ensure_ascii=False,
                           sort_keys=True)
    return "row:" + hashlib.sha256(canonical.encode()).hexdigest()[:32]


_READERS: dict[str, Callable[[str], Any]] = {"age": parse_age, "sex": parse_sex}


def normalise_row(row: int, raw: dict[str, Any], mapping: Mapping) -> Record | Rejected:
    """Read one row. `raw` maps column -> cell (as the file gives it)."""
    ref = clean(raw.get(mapping.id_column)) if mapping.id_column else None
    ref = ascii_digits(ref) if ref else None
    key = row_key(raw, ref)
    problems: list[Problem] = []
    cells = {name: clean(raw.get(column)) for name, column in mapping.fields.items()}
    name = cells.get("name")
    if not name:
        problems.append(Problem(row, "name", "empty: a record needs a name"
                                + ("" if "name" in mapping.fields else
                                   " (no column maps to the field 'name'; map one to it)")))
    values: dict[str, Any] = {}
    dates: dict[str, CellDate] = {}
    birth: Year | None = None
    warnings: list[str] = []
    for field_name, text in cells.items():
        if text is None:
            continue
        try:
            if field_name in DATE_FIELDS:
                dates[field_name] = parse_cell_date(text)
                values[field_name] = text
                for flag in dates[field_name].flags:
                    warnings.append(f"{field_name} {text!r}: {flag.replace('_', ' ')}")
            elif field_name == "birth_year":
                birth = parse_year(text)
                values[field_name] = birth.gregorian
            elif field_name in _READERS:
                values[field_name] = _READERS[field_name](text)
            else:
                values[field_name] = text
        except CellError as exc:
            problems.append(Problem(row, field_name, str(exc)))
    if problems:
        return Rejected(row, key, problems, {k: _jsonable(v) for k, v in raw.items()})
    assert name is not None
    script = script_of(name)
    if script == "mixed":
        warnings.append(f"name {name!r} mixes Persian/Arabic and Latin script")
    warnings += _consistency(values, dates, birth)
    extra = {c: text for c in mapping.extras if (text := clean(raw.get(c))) is not None}
    return Record(row, key, ref, name, script, values, dates, birth, extra, warnings)


def _consistency(values: dict[str, Any], dates: dict[str, CellDate],
                 birth: Year | None) -> list[str]:
    out = []
    death, arrest = dates.get("death_date"), dates.get("arrest_date")
    if death and arrest and arrest.start > death.end:
        out.append(f"arrest date {arrest.text!r} is after death date {death.text!r}")
    event = death or arrest
    age = values.get("age")
    if birth and age is not None and event:
        gap = int(event.start[:4]) - birth.gregorian - int(age)
        if abs(gap) > 2:
            out.append(f"age {age} and birth year {birth.gregorian} disagree by {abs(gap)} "
                       "years")
    return out


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, float):
        return str(value)  # custody and canonical JSON take no floats
    return str(value)
