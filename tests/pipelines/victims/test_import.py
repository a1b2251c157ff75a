"""Importing victim lists (CSV, XLSX, JSON) on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from gavah.core.errors import BadInput
from gavah.pipelines.items import list_items
from gavah.pipelines.victims.importing import import_list
from gavah.pipelines.victims.registry import list_records, rejects, show_record
from gavah.store.custody import iter_entries
from gavah.store.workspace import Workspace
from tests.conftest import write
from tests.pipelines.victims.lists import ACTOR, FIXTURES, import_a, import_b, import_c


def test_csv_import_maps_fields_keeps_extras_and_records_custody(ws: Workspace) -> None:
    report = import_a(ws)
    assert (report.rows, report.added, report.already, report.rejected) == (11, 11, 0, [])
    records = list_records(ws, list_name="A")
    first = records[0]
    assert (first["list"], first["source_ref"], first["name"]) == ("A", "A1", "Reza Jaafari")
    assert first["father_name"] == "Karim" and first["birth_year"] == 1962
    assert first["death_date_start"] == "1988-08-03" and first["death_date_precision"] == "day"
    assert first["extra"] == {"source_page": "p. 3"}  # unmapped column kept
    assert first["item_id"] == report.item_id and first["person_id"] is None
    item = next(i for i in list_items(ws) if i["id"] == report.item_id)
    assert item["source"] == "NGO A (fictional)"
    with ws.db.read() as session:
        entry = next(e for e in iter_entries(session) if e.action == "victims-imported")
    assert entry.item == report.item_id
    assert entry.details["added"] == 11 and entry.details["list"] == "A"


def test_persian_list_with_jalali_dates_and_persian_digits(ws: Workspace) -> None:
    report = import_b(ws)
    assert report.added == 11 and not report.rejected
    rec = {r["source_ref"]: r for r in list_records(ws, list_name="B")}
    assert rec["1"]["birth_year"] == 1962 and rec["1"]["birth_year_calendar"] == "jalali"
    assert rec["1"]["death_date_start"] == "1988-08-03"
    assert rec["1"]["death_date_calendar"] == "jalali"
    assert rec["3"]["death_date_precision"] == "month"
    assert rec["9"]["death_date"] is None  # empty cell: unknown, not a problem
    assert rec["1"]["sex"] == "male" and rec["4"]["sex"] == "female"


def test_json_list_with_mapping_and_age(ws: Workspace) -> None:
    report = import_c(ws)
    assert report.added == 10 and report.mapping["id_column"] == "id"
    rec = {r["source_ref"]: r for r in list_records(ws, list_name="C")}
    assert rec["C1"]["age"] == 26 and rec["C1"]["birth_year"] is None
    assert rec["C4"]["death_date_precision"] == "month"


def test_xlsx_import(ws: Workspace, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["ID", "Full name", "Father", "Born", "Executed", "Prison", "Remark"])
    sheet.append([1, "Reza Jaafari", "Karim", 1962, dt.datetime(1988, 8, 3), "Evin", None])
    sheet.append([2.0, "فاطمه کریمی", "عباس", "۱۳۴۴", "۱۳۶۷/۰۵/۱۹", "اوین", "fictional"])
    sheet.append([None, None, None, None, None, None, None])  # blank row: counted only
    path = tmp_path / "list.xlsx"
    book.save(path)
    report = import_list(ws, path, list_name="X", source="fictional", actor=ACTOR,
                         mapping={"Full name": "name", "Father": "father_name",
                                  "Born": "birth_year", "Executed": "death_date"},
                         id_column="ID")
    assert report.format == "xlsx" and report.added == 2 and report.blank == 1
    rec = {r["source_ref"]: r for r in list_records(ws, list_name="X")}
    assert rec["1"]["death_date_start"] == "1988-08-03"
    assert rec["2"]["birth_year"] == 1965 and rec["2"]["extra"] == {"Remark": "fictional"}
    assert any("mixes scripts" in note for note in report.notes)


def test_bad_rows_are_reported_and_kept_aside(ws: Workspace) -> None:
    report = import_list(ws, FIXTURES / "bad.csv", list_name="X", source="fictional",
                         actor=ACTOR)
    assert report.added == 3  # X1, X6 (empty cells) and X7 (mixed scripts)
    problems = {row["row"]: {p["field"] for p in row["problems"]} for row in report.rejected}
    assert problems == {3: {"name"}, 4: {"death_date"}, 5: {"age"}, 6: {"death_date"},
                        9: {"(row)"}, 10: {"age", "death_date"}}
    assert any("mixes" in w["message"] and w["row"] == 8 for w in report.warnings)
    kept = rejects(ws)
    assert [r["row"] for r in kept] == [3, 4, 5, 6, 9, 10]
    assert kept[1]["raw"]["death_date"] == "soon after the trial"
    assert kept[4]["raw"]["(cells past the last column)"] == "extra cell"
    with ws.db.read() as session:
        entry = next(e for e in iter_entries(session) if e.action == "victims-imported")
    assert entry.details["rejected"] == 6
    assert entry.details["rejected_rows"] == [3, 4, 5, 6, 9, 10]


def test_reimport_adds_nothing(ws: Workspace) -> None:
    import_a(ws)
    bad = FIXTURES / "bad.csv"
    import_list(ws, bad, list_name="X", source="fictional", actor=ACTOR)
    again = import_a(ws)
    assert (again.added, again.already) == (0, 11)
    import_list(ws, bad, list_name="X", source="fictional", actor=ACTOR)
    assert len(list_records(ws)) == 14
    assert len(rejects(ws)) == 6


def test_a_corrected_row_resolves_its_reject(ws: Workspace, tmp_path: Path) -> None:
    first = write(tmp_path, "v1.csv", "ref,name,age\n1,Reza Jafari,26\n2,Ali Rezaei,300\n")
    import_list(ws, first, list_name="X", source="s", actor=ACTOR)
    assert [r["row"] for r in rejects(ws)] == [3]
    fixed = write(tmp_path, "v2.csv", "ref,name,age\n1,Reza Jafari,26\n2,Ali Rezaei,30\n")
    report = import_list(ws, fixed, list_name="X", source="s", actor=ACTOR)
    assert (report.added, report.already) == (1, 1)
    assert rejects(ws) == []
    assert [r["resolved"] for r in rejects(ws, include_resolved=True)] == [True]


def test_duplicate_refs_in_one_file_are_rejected(ws: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, "d.csv", "id,name\n1,Reza\n1,Ali\n2,Hamid\n")
    report = import_list(ws, path, list_name="X", source="s", actor=ACTOR)
    assert report.added == 2
    assert report.rejected[0]["row"] == 3
    assert "duplicate" in report.rejected[0]["problems"][0]["reason"]


def test_bad_input_stores_nothing(ws: Workspace, tmp_path: Path) -> None:
    path = FIXTURES / "ngo_a.csv"
    with pytest.raises(BadInput, match="unknown field 'fullname'"):
        import_list(ws, path, list_name="A", source="s", actor=ACTOR,
                    mapping={"name": "fullname"})
    with pytest.raises(BadInput, match="not valid JSON"):
        import_list(ws, write(tmp_path, "x.json", "[{"), list_name="A", source="s",
                    actor=ACTOR)
    with pytest.raises(BadInput, match="No such file"):
        import_list(ws, tmp_path / "missing.csv", list_name="A", source="s", actor=ACTOR)
    assert list_records(ws) == [] and list_items(ws) == []
    import_a(ws)
    with pytest.raises(BadInput, match="comes from source"):
        import_list(ws, path, list_name="A", source="someone else", actor=ACTOR)


def test_show_record(ws: Workspace) -> None:
    import_a(ws)
    data = show_record(ws, 1)
    assert data["name"] == "Reza Jaafari" and data["person"] == [] and data["decisions"] == []
    json.dumps(data)  # JSON-ready
