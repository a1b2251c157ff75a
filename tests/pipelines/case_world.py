"""A FICTIONAL case on the `world` of tests/pipelines/world.py, built to have known gaps:
one element with no evidence, one resting on one originator, one resting on sources of
one party only, contradicting figures, a disputed event, a rejected claim that had been
linked, and a confidential item only cleared readers see. Every name is fictional."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gavah.pipelines import cases
from gavah.pipelines.access import Viewer
from gavah.store.workspace import Workspace
from tests.conftest import Cli, write

ANALYST = Viewer("user:analyst", "strictly-confidential")


@dataclass
class CaseWorld:
    case: dict[str, Any]
    claims: dict[str, dict[str, Any]]  # figure claims by publisher
    quote: dict[str, Any]  # the quotation later rejected
    event: dict[str, Any]
    secret_item: int
    suspect: int
    other_suspect: int


def figure_claims(cli: Cli) -> dict[str, dict[str, Any]]:
    return {c["publisher"]: c for c in cli.json("claims", "list", "--kind", "figure")}


def build(ws: Workspace, world: Cli, tmp_path: Path) -> CaseWorld:
    world("entities", "add", "Dara Nikpour", "--type", "Person")
    write(tmp_path / "secret", "witness.txt", "FICTIONAL TEST DOCUMENT. A witness statement.")
    world("ingest", str(tmp_path / "secret"), "--source", "Northgate Monitor",
          "--classification", "confidential")
    items = world.json("items")
    secret = next(i for i in items if i["original_name"] == "witness.txt")["id"]
    figures = figure_claims(world)
    quote = next(c for c in world.json("claims", "list") if c["kind"] == "quotation"
                 and "graves" in c["quote"])
    event = world.json("events", "add", "FICTIONAL: executions at Northgate", "--type",
                       "execution", "--date", "1988-08", "--claim",
                       f"{figures['Northgate Monitor']['id']}:supports", "--claim",
                       f"{figures['State Herald']['id']}:disputes")
    case = cases.create(ws, ANALYST, "FICTIONAL: the Northgate case", events=[event["id"]])
    kian = world.json("entities", "show", "Kian Sohrabi")["id"]
    dara = world.json("entities", "show", "Dara Nikpour")["id"]
    cases.charge(ws, ANALYST, case["id"], "Kian Sohrabi", "cah-murder", "commission")
    cases.charge(ws, ANALYST, case["id"], "Dara Nikpour", "cah-imprisonment", "aiding")
    link = cases.link
    # two independent originators (an NGO, a party), and a contradicting state figure
    link(ws, ANALYST, case["id"], "cah-murder.1", "claim", figures["Northgate Monitor"]["id"],
         "supports", note="FICTIONAL: the Monitor's count")
    link(ws, ANALYST, case["id"], "cah-murder.1", "claim", figures["Unity Front"]["id"],
         "supports")
    # one party only, though two outlets
    for publisher in ("Unity Front", "Unity Front Radio"):
        link(ws, ANALYST, case["id"], "cah-context.attack", "claim",
             figures[publisher]["id"], "supports")
    # one originator, through an event the state disputes
    link(ws, ANALYST, case["id"], "commission.conduct", "event", str(event["id"]),
         "supports", suspect="Kian Sohrabi")
    # seen only with clearance
    link(ws, ANALYST, case["id"], "cah-context.knowledge", "item", str(secret), "supports",
         page=1)
    # linked, then rejected and unlinked: must still be disclosed
    link(ws, ANALYST, case["id"], "commission.intent", "claim", quote["id"], "supports")
    world("claims", "reject", quote["id"], "--reason", "FICTIONAL: misattributed")
    cases.unlink(ws, ANALYST, case["id"], "commission.intent", "claim", quote["id"],
                 note="rejected")
    return CaseWorld(case, figures, quote, event, secret, kian, dara)
