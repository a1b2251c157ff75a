"""`gavah cases` per the command contract: every command with --json prints JSON only.
The case and everything in it is FICTIONAL."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli
from tests.pipelines import world as fictional


def test_cases_command_contract(cli: Cli, tmp_path: Path) -> None:
    world = fictional.build(cli, tmp_path)
    elements = world.json("cases", "elements")
    assert all(set(e) >= {"id", "crime", "number", "label", "citation"} for e in elements)
    ids = {e["id"] for e in elements}
    assert {"cah-murder.1", "cah-context.attack", "war-execution-without-due-process.4",
            "commission.conduct", "superior.failure"} <= ids
    assert {e["crime"] for e in elements} >= {
        "cah-murder", "cah-extermination", "cah-imprisonment", "cah-torture",
        "cah-persecution", "cah-disappearance", "cah-other-inhumane", "war-wilful-killing",
        "war-murder", "war-execution-without-due-process", "commission", "ordering",
        "aiding", "common-purpose", "superior"}
    world("cases", "elements", "--framework", "no-such-law", code=2)

    case = world.json("cases", "create", "FICTIONAL: Northgate", "--classification",
                      "restricted")
    assert case["id"] == 1 and case["framework"] == "rome-statute"
    charge = world.json("cases", "charge", "1", "--suspect", "Kian Sohrabi", "--crime",
                        "cah-murder", "--mode", "ordering")
    assert [e["id"] for e in charge["elements"]][:3] == [
        "cah-context.attack", "cah-context.knowledge", "cah-murder.1"]
    claim = next(c for c in world.json("claims", "list", "--kind", "figure")
                 if c["publisher"] == "Northgate Monitor")
    linked = world.json("cases", "link", "1", "--element", "cah-murder.1", "--claim",
                        claim["id"], "--stance", "supports", "--note", "FICTIONAL note")
    assert linked["target"] == "claim" and linked["note"] == "FICTIONAL note"
    item = world.json("items")[0]["id"]
    world.json("cases", "link", "1", "--element", "ordering.act", "--item", str(item),
               "--page", "1", "--span", "0:40", "--stance", "undermines",
               "--suspect", "Kian Sohrabi")
    shown = world.json("cases", "show", "1")
    assert set(shown) >= {"case", "charges", "matrix", "gaps", "exculpatory", "evidence"}
    row = next(r for r in shown["matrix"] if r["element"] == "ordering.act")
    assert row["cells"][0]["undermined"] and row["cells"][0]["evidence"] == 0
    gaps = world.json("cases", "gaps", "1")
    assert {g["kind"] for g in gaps["gaps"]} >= {"no-evidence", "single-originator"}
    assert [c["id"] for c in world.json("cases", "list")] == [1]
    removed = world.json("cases", "unlink", "1", "--element", "cah-murder.1", "--claim",
                         claim["id"])
    assert removed["removed_at"]
    human = world("cases", "show", "1").stdout
    assert "cah-murder.1" in human and "Kian Sohrabi" in human

    # bad usage: exit 2 with a message naming what is wrong
    both = world("cases", "link", "1", "--element", "cah-murder.1", "--claim", claim["id"],
                 "--event", "1", "--stance", "supports", code=2)
    assert "exactly one" in both.stderr
    assert "span" in world("cases", "link", "1", "--element", "cah-murder.1", "--item",
                           str(item), "--span", "9", "--stance", "supports", code=2).stderr
    assert "stance" in world("cases", "link", "1", "--element", "cah-murder.1", "--claim",
                             claim["id"], "--stance", "neutral", code=2).stderr
    world("cases", "show", "7", code=2)
