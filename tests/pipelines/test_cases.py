"""Case files: the element matrix, each kind of gap and the exculpatory material, on a
FICTIONAL case with known gaps (tests/pipelines/case_world.py), on both backends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gavah.core.errors import BadInput, NotFound
from gavah.pipelines import cases
from gavah.pipelines.access import Viewer
from gavah.store.custody import iter_entries
from gavah.store.workspace import Workspace
from tests.conftest import Cli
from tests.pipelines.case_world import ANALYST, CaseWorld, build


@pytest.fixture
def case_world(ws: Workspace, world: Cli, tmp_path: Path) -> CaseWorld:
    return build(ws, world, tmp_path)


def _cell(shown: dict[str, Any], element: str, suspect: int) -> dict[str, Any]:
    row = next(r for r in shown["matrix"] if r["element"] == element)
    return next(c for c in row["cells"] if c["suspect"] == suspect)


def _gaps(shown: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [g for g in shown["gaps"] if g["kind"] == kind]


def test_matrix_counts_independent_originators(ws: Workspace, case_world: CaseWorld) -> None:
    shown = cases.show(ws, ANALYST, case_world.case["id"])
    kian, dara = case_world.suspect, case_world.other_suspect
    murder = _cell(shown, "cah-murder.1", kian)
    assert murder["evidence"] == 2 and murder["independent_originators"] == 2
    assert murder["best_grade"] == "B" and not murder["undermined"]
    assert _cell(shown, "cah-murder.1", dara) == {"element": "cah-murder.1", "suspect": dara,
                                                    "applies": False}
    attack = _cell(shown, "cah-context.attack", kian)
    # two outlets of one party: two originators, one independent group
    assert attack["evidence"] == 2 and attack["originators"] == 2
    assert attack["independent_originators"] == 1
    # a link for every suspect reaches both cells
    assert _cell(shown, "cah-context.attack", dara)["evidence"] == 2
    conduct = _cell(shown, "commission.conduct", kian)
    assert conduct["evidence"] == 1 and conduct["independent_originators"] == 1
    assert _cell(shown, "commission.intent", kian)["evidence"] == 0  # unlinked
    assert [c["suspect_name"] for c in shown["charges"]] == ["Kian Sohrabi", "Dara Nikpour"]
    assert {e["id"] for e in shown["elements"]} >= {"cah-imprisonment.2", "aiding.purpose"}


def test_each_kind_of_gap(ws: Workspace, case_world: CaseWorld) -> None:
    shown = cases.gap_list(ws, ANALYST, case_world.case["id"])
    empty = {g["element"] for g in _gaps(shown, "no-evidence")}
    assert {"commission.intent", "cah-imprisonment.1", "aiding.assistance"} <= empty
    assert "cah-murder.1" not in empty and "cah-context.knowledge" not in empty
    single = _gaps(shown, "single-originator")
    assert [(g["element"], g["originators"]) for g in single] == [
        ("cah-context.knowledge", ["Northgate Monitor"]),
        ("commission.conduct", ["Northgate Monitor"])]
    party = _gaps(shown, "one-party")
    assert [(g["element"], g["aligned_with"]) for g in party] == [
        ("cah-context.attack", "Unity Front")]
    assert "defence" in party[0]["message"]
    assert sorted(party[0]["suspects"]) == sorted([case_world.suspect,
                                                   case_world.other_suspect])
    figures = _gaps(shown, "contradicting-figures")
    state = case_world.claims["State Herald"]["id"]
    assert {g["element"] for g in figures} >= {"cah-murder.1", "commission.conduct"}
    assert all(state in g["claims"] for g in figures)


def test_exculpatory_material_is_listed_and_flagged(ws: Workspace,
                                                    case_world: CaseWorld) -> None:
    shown = cases.show(ws, ANALYST, case_world.case["id"])
    found = {(x["kind"], x["claim"]) for x in shown["exculpatory"]}
    state = case_world.claims["State Herald"]["id"]
    assert ("disputes", state) in found  # disputes the linked event
    assert ("contradicting-figure", state) in found  # 200 against 2,800 and 30,000
    assert ("rejected-linked", case_world.quote["id"]) in found
    assert all(x["must_disclose"] for x in shown["exculpatory"])
    assert [e["link"]["target_id"] for e in shown["removed"]] == [case_world.quote["id"]]


def test_rejected_claim_under_a_linked_event_must_be_disclosed(
        ws: Workspace, world: Cli, case_world: CaseWorld) -> None:
    # The Unity Front figure also supports the linked event, then is rejected: the event's
    # evidence stops counting it, and the case must disclose it all the same.
    front = case_world.claims["Unity Front"]["id"]
    world("events", "link", str(case_world.event["id"]), front, "--stance", "supports")
    before = cases.show(ws, ANALYST, case_world.case["id"])
    assert ("rejected-linked", front) not in {(x["kind"], x["claim"])
                                              for x in before["exculpatory"]}
    world("claims", "reject", front, "--reason", "FICTIONAL: figure from a leaflet")
    shown = cases.show(ws, ANALYST, case_world.case["id"])
    flagged = [x for x in shown["exculpatory"]
               if x["kind"] == "rejected-linked" and x["claim"] == front]
    # once as the claim linked to cah-murder.1, once under the event of commission.conduct
    assert {x["about"]["target"] for x in flagged} == {"claim", "event"}
    under = next(x for x in flagged if x["about"]["target"] == "event")
    assert under["must_disclose"] and under["about"]["element"] == "commission.conduct"
    assert f"supported event {case_world.event['id']}" in under["reason"]
    assert under["status"] == "rejected" and under["classification"] == "public"
    conduct = next(e for e in shown["evidence"] if e["kind"] == "event")
    assert front not in [f["claim"] for f in conduct["figures"]]


def test_undermining_link_marks_the_cell(ws: Workspace, case_world: CaseWorld) -> None:
    state = case_world.claims["State Herald"]["id"]
    cases.link(ws, ANALYST, case_world.case["id"], "cah-murder.1", "claim", state,
               "undermines", note="FICTIONAL: the state's own figure")
    shown = cases.show(ws, ANALYST, case_world.case["id"])
    cell = _cell(shown, "cah-murder.1", case_world.suspect)
    assert cell["undermined"] and cell["undermining"] == 1 and cell["evidence"] == 2
    assert ("undermining-link", state) in {(x["kind"], x["claim"])
                                           for x in shown["exculpatory"]}


def test_clearance_hides_evidence_and_its_count(ws: Workspace, case_world: CaseWorld) -> None:
    public = Viewer("user:public-reader", "public")
    shown = cases.show(ws, public, case_world.case["id"])
    knowledge = _cell(shown, "cah-context.knowledge", case_world.suspect)
    assert knowledge["evidence"] == 0 and knowledge["originators"] == 0
    assert all(e["link"]["target_id"] != str(case_world.secret_item)
               for e in shown["evidence"])
    assert "cah-context.knowledge" in {g["element"] for g in _gaps(shown, "no-evidence")}
    cleared = Viewer("user:cleared-reader", "confidential")
    shown = cases.show(ws, cleared, case_world.case["id"], via="test")
    assert _cell(shown, "cah-context.knowledge", case_world.suspect)["evidence"] == 1
    with ws.db.read() as session:
        reads = [e for e in iter_entries(session) if e.action == "viewed"]
    assert [(e.actor, e.item, e.details["case"]) for e in reads] == [
        ("user:cleared-reader", case_world.secret_item, case_world.case["id"])]


def test_changes_are_custody_entries(ws: Workspace, case_world: CaseWorld) -> None:
    with ws.db.read() as session:
        actions = [e.action for e in iter_entries(session) if e.action.startswith("case-")]
    assert actions == ["case-created", "case-charged", "case-charged", *["case-linked"] * 7,
                       "case-unlinked"]
    quote = case_world.quote["id"]
    cases.link(ws, ANALYST, case_world.case["id"], "cah-murder.1", "claim",
               case_world.claims["Unity Front"]["id"], "supports", note="FICTIONAL note")
    with ws.db.read() as session:
        last = list(iter_entries(session))[-1]
    assert last.action == "case-noted" and last.details["note"] == "FICTIONAL note"
    assert quote


def test_bad_input_names_what_is_wrong(ws: Workspace, case_world: CaseWorld) -> None:
    case = case_world.case["id"]
    with pytest.raises(NotFound, match=r"element 'cah-murder\.9'"):
        cases.link(ws, ANALYST, case, "cah-murder.9", "claim", "x", "supports")
    with pytest.raises(BadInput, match="stance"):
        cases.link(ws, ANALYST, case, "cah-murder.1", "event", "1", "maybe")
    with pytest.raises(BadInput, match="not charged"):
        cases.link(ws, ANALYST, case, "cah-murder.1", "event", "1", "supports",
                   suspect="Mina Rostami")
    with pytest.raises(NotFound, match="crime 'genocide'"):
        cases.charge(ws, ANALYST, case, "Kian Sohrabi", "genocide")
    with pytest.raises(NotFound):
        cases.show(ws, Viewer("user:x", "public"), 999)
    secret = cases.create(ws, ANALYST, "FICTIONAL sealed", classification="confidential")
    with pytest.raises(NotFound):
        cases.show(ws, Viewer("user:x", "restricted"), secret["id"])
    assert [c["id"] for c in cases.list_cases(ws, Viewer("user:x", "public"))] == [case]


def test_custody_finding_is_a_gap(ws: Workspace, world: Cli, case_world: CaseWorld) -> None:
    item = next(i for i in world.json("items") if i["id"] == case_world.secret_item)
    sha = item["sha256"]
    # The item is confidential, so its original is stored sealed (encrypted at rest).
    path = ws.blobs.sealed_path(sha) if ws.blobs.is_sealed(sha) else ws.blobs.path(sha)
    path.chmod(0o644)
    path.write_bytes(path.read_bytes() + b"tampered")
    world("verify", code=1)
    found = _gaps(cases.gap_list(ws, ANALYST, case_world.case["id"]), "custody-finding")
    assert [(g["element"], g["item"]) for g in found] == [
        ("cah-context.knowledge", case_world.secret_item)]
    assert "gavah verify" in found[0]["message"]
