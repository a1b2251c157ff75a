"""Linking many pieces of evidence at once (cases.link_many) on the FICTIONAL case of
tests/pipelines/case_world.py: the same links and custody entries as one `link` each,
evidence already linked left alone, and a bad link refusing the whole batch."""

from __future__ import annotations

from pathlib import Path

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


def _entries(ws: Workspace) -> list[object]:
    with ws.db.read() as session:
        return list(iter_entries(session))


def test_links_in_one_batch_with_one_entry_each(ws: Workspace, world: Cli,
                                                case_world: CaseWorld) -> None:
    case = case_world.case["id"]
    state = case_world.claims["State Herald"]["id"]
    before = cases.show(ws, ANALYST, case)
    seq = len(_entries(ws))
    done = cases.link_many(ws, ANALYST, case, [
        {"element": "cah-context.attack", "target": "claim", "target_id": state,
         "stance": "undermines", "note": "FICTIONAL: the state's figure"},
        {"element": "commission.conduct", "target": "item", "target_id": str(
            case_world.secret_item), "stance": "supports", "suspect": "Kian Sohrabi"},
        # linked already, the same way: left alone
        {"element": "cah-murder.1", "target": "claim",
         "target_id": case_world.claims["Unity Front"]["id"], "stance": "supports"}])
    assert done == {"added": 2, "already": 1}
    new = _entries(ws)[seq:]
    assert [(e.action, e.item, e.details["element"], e.details["stance"])  # type: ignore[attr-defined]
            for e in new] == [
        ("case-linked", world.json("claims", "show", state)["item"]["id"],
         "cah-context.attack", "undermines"),
        ("case-linked", case_world.secret_item, "commission.conduct", "supports")]
    shown = cases.show(ws, ANALYST, case)
    ids = [e.details["link"] for e in new]  # type: ignore[attr-defined]
    added = [e for e in shown["evidence"] if e["link"]["id"] in ids]
    assert [(e["kind"], e["link"]["stance"], e["link"]["suspect"], e["link"]["note"])
            for e in added] == [("claim", "undermines", None, "FICTIONAL: the state's figure"),
                                ("item", "supports", case_world.suspect, None)]
    assert [e["link"]["id"] for e in added] == ids
    assert len(shown["evidence"]) == len(before["evidence"]) + 2


def test_a_bad_link_refuses_the_whole_batch(ws: Workspace, case_world: CaseWorld) -> None:
    case = case_world.case["id"]
    front = case_world.claims["Unity Front"]["id"]
    state = case_world.claims["State Herald"]["id"]
    seq = len(_entries(ws))
    good = {"element": "cah-context.attack", "target": "claim", "target_id": state,
            "stance": "supports"}
    with pytest.raises(NotFound, match="link 2: no claim 'c-missing'"):
        cases.link_many(ws, ANALYST, case, [good, {**good, "target_id": "c-missing"}])
    with pytest.raises(BadInput, match=r"link 2: claim .* already linked to cah-murder\.1"):
        cases.link_many(ws, ANALYST, case, [good, {"element": "cah-murder.1",
                        "target": "claim", "target_id": front, "stance": "undermines"}])
    with pytest.raises(BadInput, match="link 1: stance 'maybe'"):
        cases.link_many(ws, ANALYST, case, [{**good, "stance": "maybe"}])
    with pytest.raises(NotFound, match=r"link 1: no element 'cah-murder\.9'"):
        cases.link_many(ws, ANALYST, case, [{**good, "element": "cah-murder.9"}])
    with pytest.raises(BadInput, match="link 1: missing stance"):
        cases.link_many(ws, ANALYST, case, [{k: v for k, v in good.items() if k != "stance"}])
    # a reader without clearance cannot link what they may not see
    with pytest.raises(NotFound, match="link 1: no item"):
        cases.link_many(ws, Viewer("user:public-analyst", "public"), case, [
            {**good, "target": "item", "target_id": str(case_world.secret_item)}])
    assert len(_entries(ws)) == seq  # nothing of any batch was recorded
    shown = cases.show(ws, ANALYST, case)
    assert state not in {e["target_id"] for e in shown["evidence"]
                         if e["link"]["element"] == "cah-context.attack"}
