"""The person view: one person's records side by side with the pairwise evidence, and
analysts' split and merge decisions, which the next linkage run applies. Hidden lists'
records are neither shown nor counted. Every list here is FICTIONAL."""

from __future__ import annotations

from pathlib import Path

import pytest

from gavah.core.errors import BadInput, NotFound
from gavah.pipelines.victims import link, persons
from gavah.pipelines.victims.importing import import_list
from gavah.pipelines.victims.registry import list_records
from gavah.store.custody import iter_entries
from gavah.store.workspace import Workspace
from tests.conftest import write
from tests.pipelines.victims.lists import ACTOR, import_all

PUBLIC = ["public"]


def _ids(ws: Workspace) -> dict[tuple[str, str], int]:
    return {(r["list"], r["source_ref"]): r["id"] for r in list_records(ws)}


def _person_of(ws: Workspace, record: int) -> int | None:
    return next(r["person_id"] for r in list_records(ws) if r["id"] == record)


def test_person_view_split_and_merge(ws: Workspace) -> None:
    import_all(ws)
    link.link(ws, ACTOR)
    ids = _ids(ws)
    reza = [ids[k] for k in [("A", "A1"), ("A", "A11"), ("B", "1"), ("C", "C1")]]
    data = persons.person(ws, reza[2])  # any record names its person
    assert data["id"] == min(reza)
    assert sorted(r["id"] for r in data["records"]) == sorted(reza)
    assert data["lists"] == ["A", "B", "C"]
    assert {r["name"] for r in data["records"]} >= {"Reza Jaafari", "رضا جعفری"}
    assert len(data["pairs"]) == 6  # every two of four records
    a1_b1 = next(p for p in data["pairs"] if {p["a"], p["b"]} == {reza[0], reza[2]})
    assert a1_b1["probability"] is not None and a1_b1["probability"] >= 0.9
    assert a1_b1["fields"]["name"]["verdict"] == "agree"  # across scripts
    assert a1_b1["fields"]["father_name"]["verdict"] == "agree"
    assert a1_b1["fields"]["birth_year"] == {"level": "same year", "verdict": "agree"}

    with pytest.raises(BadInput, match="reason"):
        persons.split(ws, ACTOR, reza[3], " ")
    done = persons.split(ws, ACTOR, reza[3], "C1 is a namesake (FICTIONAL)")
    assert sorted(done["from"]) == sorted(reza[:3]) and len(done["decisions"]) == 3
    pending = persons.person(ws, reza[0])["decisions"]
    assert len(pending) == 3 and all(d["pending"] and d["decision"] == "different"
                                     for d in pending)
    with ws.db.read() as session:
        entry = [e for e in iter_entries(session) if e.action == "victims-split"][-1]
    assert entry.details["record"] == reza[3] and entry.details["run"] is not None

    link.link(ws, ACTOR)
    assert _person_of(ws, reza[3]) != _person_of(ws, reza[0])
    alone = persons.person(ws, reza[3])
    assert [r["id"] for r in alone["records"]] == [reza[3]]
    assert any(n["record"]["id"] in reza[:3] for n in alone["nearby"])  # still likely
    with pytest.raises(BadInput, match="only record"):
        persons.split(ws, ACTOR, reza[3], "again")

    with pytest.raises(BadInput, match="already one person"):
        persons.merge(ws, ACTOR, reza[0], reza[1], "same")
    persons.merge(ws, ACTOR, reza[3], reza[0], "C1 is Reza after all (FICTIONAL)")
    link.link(ws, ACTOR)  # the later "same" overrides the earlier "different"
    assert _person_of(ws, reza[3]) == _person_of(ws, reza[0])
    after = persons.person(ws, reza[3])
    in_force = {(p["a"], p["b"]): p["decision"] for p in after["pairs"]}
    assert in_force[tuple(sorted((reza[0], reza[3])))] == "same"
    # The split's other "different" decisions still hold: A11 and B1 stay apart from C1.
    assert {r["id"] for r in after["records"]} == {reza[0], reza[3]}
    assert sum(d["decision"] == "different" for d in after["decisions"]) == 3


def test_hidden_records_never_show_nor_count(ws: Workspace, tmp_path: Path) -> None:
    import_all(ws)
    path = write(tmp_path, "hidden.csv", "ref,name,father_name,sex,birth_year,death_date,"
                 "prison\nH1,Reza Jaafari Zqhidden,Karim,m,1962,1988-08-03,Evin\n")
    import_list(ws, path, list_name="H", source="Desk H (FICTIONAL)", actor=ACTOR,
                classification="confidential")
    link.link(ws, ACTOR)
    ids = _ids(ws)
    hidden = ids[("H", "H1")]
    full = persons.person(ws, ids[("A", "A1")])
    assert hidden in {r["id"] for r in full["records"]}, "the fixture must link H1"
    seen = persons.person(ws, ids[("A", "A1")], PUBLIC)
    text = repr(seen)
    assert "Zqhidden" not in text and "'H'" not in text
    assert hidden not in {i for p in seen["pairs"] for i in (p["a"], p["b"])}
    assert seen["lists"] == ["A", "B", "C"] and len(seen["records"]) == 4
    with pytest.raises(NotFound):
        persons.person(ws, hidden, PUBLIC)
    persons.split(ws, ACTOR, ids[("C", "C1")], "namesake (FICTIONAL)", PUBLIC)
    decided = persons.visible_decisions(ws, PUBLIC)
    assert hidden not in {i for d in decided for i in (d["a"], d["b"])}
    with pytest.raises(NotFound):
        persons.merge(ws, ACTOR, ids[("A", "A1")], hidden, "x", PUBLIC)
