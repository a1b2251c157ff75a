"""The fictional fixture lists (tests/fixtures/victims), imported the way a user would."""

from __future__ import annotations

import json
from pathlib import Path

from gavah.pipelines.victims.importing import ImportReport, import_list
from gavah.store.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "victims"
ACTOR = "test:analyst"
MAP_B = {"نام": "name", "نام پدر": "father_name", "جنسیت": "sex", "سال تولد": "birth_year",
         "تاریخ اعدام": "death_date", "زندان": "prison", "توضیحات": "notes"}
MAP_C = {"full_name": "name", "father": "father_name", "year_of_birth": "birth_year",
         "date_of_death": "death_date", "place": "prison"}
CLI_MAP_B = [arg for column, field in MAP_B.items() for arg in ("--map", f"{column}={field}")]
CLI_MAP_C = [arg for column, field in MAP_C.items() for arg in ("--map", f"{column}={field}")]


def import_a(ws: Workspace) -> ImportReport:
    return import_list(ws, FIXTURES / "ngo_a.csv", list_name="A", source="NGO A (fictional)",
                       actor=ACTOR)


def import_b(ws: Workspace) -> ImportReport:
    return import_list(ws, FIXTURES / "ngo_b.csv", list_name="B", source="NGO B (fictional)",
                       actor=ACTOR, mapping=MAP_B, id_column="شماره")


def import_c(ws: Workspace) -> ImportReport:
    return import_list(ws, FIXTURES / "ngo_c.json", list_name="C", source="NGO C (fictional)",
                       actor=ACTOR, mapping=MAP_C)


def import_all(ws: Workspace) -> list[ImportReport]:
    return [import_a(ws), import_b(ws), import_c(ws)]


def truth() -> list[set[tuple[str, str]]]:
    data = json.loads((FIXTURES / "truth.json").read_text())
    return [{(lst, ref) for lst, ref in person} for person in data["persons"]]


def persons(records: list[dict]) -> list[set[tuple[str, str]]]:
    """Linked persons as sets of (list, ref), comparable with truth()."""
    groups: dict[int, set[tuple[str, str]]] = {}
    for r in records:
        assert r["person_id"] is not None, r
        groups.setdefault(r["person_id"], set()).add((r["list"], r["source_ref"]))
    return list(groups.values())


def same_partition(a: list[set[tuple[str, str]]], b: list[set[tuple[str, str]]]) -> bool:
    return sorted(sorted(g) for g in a) == sorted(sorted(g) for g in b)
