"""A merge or a split of entities reaches exactly the entity pages it can alter: the two
entities' own, the pages whose network shows either (named in a claim with it, a
position, an event), and the pages whose merge candidates list either; every other page
is read back as it was kept, and equals the page a process with nothing kept computes,
for a reader of every clearance. An entity hidden from a reader never shows through a
kept page, merged or not. No entity summary but the merged page's is made again.
Real workspaces on both backends; every name and document here is FICTIONAL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete

from gavah.pipelines import claims as claim_pipeline
from gavah.pipelines import dossiers, events
from gavah.pipelines import entities as entity_pipeline
from gavah.pipelines.access import Viewer
from gavah.store import entities as entity_store
from gavah.store.tables import EntitySummary, PageCache
from gavah.store.workspace import Workspace
from tests.conftest import Cli, write
from tests.pipelines.world import PARTY_PAGE

TOP = Viewer("user:top", "strictly-confidential")
LOW = Viewer("user:low", "public")
READERS = (TOP, LOW)
# The pages viewed: the world's three, and four made here.
NAMES = ("Kian Sohrabi", "Mina Rostami", "Northgate Prison", "Dara Kohan",
         "Northgate Prosecutor's Office", "Kian Sohrabie")
HIDDEN = "Kian Sohraby"  # confidential: LOW may never see it, merged or not


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(caption, clearance) of the entity pages computed (not read back) from now on."""
    seen: list[tuple[str, str]] = []
    compute = dossiers._entity

    def counting(ws: Workspace, viewer: Viewer, ref: str, *args: Any) -> Any:
        with ws.db.read() as session:  # pages are computed under the entity's id
            seen.append((entity_store.get(session, ref).caption, viewer.clearance))
        return compute(ws, viewer, ref, *args)

    monkeypatch.setattr(dossiers, "_entity", counting)
    return seen


Pages = dict[tuple[str, str], dict[str, Any]]


def _pages(ws: Workspace) -> Pages:
    """Every page, for each reader (an analyst's, with merge candidates), page_key
    included (its last part is the version the page was computed at)."""
    return {(name, r.clearance): dossiers.entity(ws, r, name, with_candidates=True)
            for name in NAMES for r in READERS}


def _content(pages: Pages) -> Pages:
    return {k: {f: v for f, v in p.items() if f != "page_key"} for k, p in pages.items()}


def _fresh(ws: Workspace, database_url: str | None) -> Pages:
    """The pages as a process with nothing kept computes them."""
    other = Workspace.open(ws.home, database_url)
    try:
        with other.db.write() as session:
            session.execute(delete(PageCache))
            session.execute(delete(EntitySummary))
        return _content(_pages(other))
    finally:
        other.close()


def _network(page: dict[str, Any]) -> set[str]:
    return {n["label"] for n in page["network"]["nodes"]}


def _build(world: Cli, ws: Workspace, tmp_path: Path) -> dict[str, int]:
    """Around the world's people: a hidden variant of Kian's name, named with Mina in a
    claim of a confidential item and holding a position in an office; a public variant
    (whose candidates list both Kians); a victim of an event at Northgate Prison that
    names none of them."""
    write(tmp_path / "secret", "hearing.html", PARTY_PAGE.replace(
        "Unity Front reported", "A closed hearing heard"))
    world("ingest", str(tmp_path / "secret"), "--source", "Unity Front",
          "--classification", "confidential")
    secret = int(world.json("items")[-1]["id"])
    add = entity_pipeline.add
    add(ws, TOP, "Person", HIDDEN, classification="confidential")
    add(ws, TOP, "Person", "Kian Sohrabie")
    add(ws, TOP, "Person", "Dara Kohan")
    add(ws, TOP, "Organization", "Northgate Prosecutor's Office")
    entity_pipeline.add_position(ws, TOP, HIDDEN, "Northgate Prosecutor's Office",
                                 "deputy prosecutor", start="1366")
    claim = claim_pipeline.list_claims(ws, TOP, item=str(secret))[0]
    claim_pipeline.edit(ws, TOP, claim["id"], {"about": ["Mina Rostami", HIDDEN]},
                        "FICTIONAL: the text names both")
    events.add(ws, TOP, "execution", "FICTIONAL hearing", date="1367", victims=["Dara Kohan"],
               place="Northgate Prison")
    return {e["caption"]: e["id"] for e in entity_pipeline.list_entities(ws, TOP)}


def test_a_merge_and_its_split_reach_only_the_pages_that_show_them(
        world: Cli, ws: Workspace, tmp_path: Path, computed: list[tuple[str, str]],
        made: list[list[int]]) -> None:
    ids = _build(world, ws, tmp_path)
    kian, hidden = ids["Kian Sohrabi"], ids[HIDDEN]
    before = _pages(ws)
    assert HIDDEN in _network(before["Mina Rostami", TOP.clearance])
    assert HIDDEN in _network(before["Northgate Prosecutor's Office", TOP.clearance])
    assert {c["id"] for c in before["Kian Sohrabie", TOP.clearance]["candidates"]} == {
        kian, hidden}
    assert not any(HIDDEN in json.dumps(p) for (_, c), p in before.items() if c == "public")

    # Kian's page, and the pages showing the hidden variant: Mina's (named with it in a
    # claim), the office's (its position), the public variant's (its candidates).
    reached = {"Kian Sohrabi", "Mina Rostami", "Northgate Prosecutor's Office",
               "Kian Sohrabie"}
    computed.clear()
    made.clear()
    entity_pipeline.merge(ws, TOP, "Kian Sohrabi", HIDDEN, "FICTIONAL: one person")
    merged = _pages(ws)
    assert {name for name, _ in computed} == reached
    assert made == [sorted([kian, hidden])]  # the merged page's summary, once; no other
    for (name, clearance), page in merged.items():
        moved = page["page_key"][-1] > before[name, clearance]["page_key"][-1]
        assert moved == (name in reached), (name, clearance)
    # Pages it does not reach are read back as they were, and are right.
    assert _content(merged) == _fresh(ws, world.database_url)
    for name in set(NAMES) - reached:
        for r in READERS:
            assert _content(merged)[name, r.clearance] == _content(before)[name, r.clearance]
    # The pages it reaches show the merge: the variant counts as Kian above, and is
    # nowhere below (nor does it lend Kian its names there).
    top = {name: merged[name, TOP.clearance] for name in NAMES}
    assert top["Kian Sohrabi"]["merged"] == [hidden]
    assert HIDDEN in {n["name"] for n in top["Kian Sohrabi"]["names"]}
    for name in ("Mina Rostami", "Northgate Prosecutor's Office"):
        assert "Kian Sohrabi" in _network(top[name]) and HIDDEN not in _network(top[name])
    assert [c["id"] for c in top["Kian Sohrabie"]["candidates"]] == [kian]
    assert dossiers.entity(ws, TOP, str(hidden))["id"] == kian  # its id leads to Kian's
    assert not any(HIDDEN in json.dumps(p) for (_, c), p in merged.items() if c == "public")
    assert merged["Kian Sohrabi", LOW.clearance]["merged"] == []

    computed.clear()
    made.clear()
    entity_pipeline.split(ws, TOP, "Kian Sohrabi", HIDDEN, "FICTIONAL: two people after all")
    split = _pages(ws)
    assert {name for name, _ in computed} == reached
    assert made == []  # each side's summary was kept from before the merge
    assert _content(split) == _fresh(ws, world.database_url)
    # As before the merge everywhere, but for Kian's history of judgements, shown only
    # to those who may see the variant.
    assert [j["action"] for j in split["Kian Sohrabi", TOP.clearance]["judgements"]] == [
        "merge", "split"]
    unjudged = {k: p | {"judgements": []} for k, p in _content(split).items()}
    assert unjudged == {k: p | {"judgements": []} for k, p in _content(before).items()}
    assert split["Kian Sohrabi", LOW.clearance]["judgements"] == []
    assert dossiers.entity(ws, TOP, str(hidden))["id"] == hidden


def test_a_merge_named_nowhere_reaches_only_its_own_pages(
        world: Cli, ws: Workspace, tmp_path: Path, computed: list[tuple[str, str]]) -> None:
    """Two offices no page names: their merge recomputes none of the world's pages."""
    _build(world, ws, tmp_path)
    entity_pipeline.add(ws, TOP, "Organization", "Eastgate Bureau")
    entity_pipeline.add(ws, TOP, "Organization", "Eastgate Bureau of Records")
    before = _pages(ws)
    computed.clear()
    entity_pipeline.merge(ws, TOP, "Eastgate Bureau", "Eastgate Bureau of Records")
    after = _pages(ws)
    assert computed == []
    assert {k: p["page_key"] for k, p in after.items()} == {
        k: p["page_key"] for k, p in before.items()}
    assert _content(after) == _fresh(ws, world.database_url)
    merged = dossiers.entity(ws, TOP, "Eastgate Bureau of Records")
    assert merged["caption"] == "Eastgate Bureau" and len(merged["merged"]) == 1


def test_each_way_a_page_shows_another_entity_is_found(world: Cli, ws: Workspace) -> None:
    """entity_reach.pages_showing finds a page through each link its network draws: a
    position (both sides), an event (participants and place), a claim (named together,
    its speaker, what a speaker speaks about); an entity nothing links is shown nowhere."""
    from sqlalchemy import update

    from gavah.store import entity_reach
    from gavah.store.claim_tables import Claim

    add = entity_pipeline.add
    for name in ("Reza Amini", "Dara Kohan", "Laleh Nouri", "Parisa Jam"):
        add(ws, TOP, "Person", name)
    add(ws, TOP, "Organization", "Northgate Prosecutor's Office")
    entity_pipeline.add_position(ws, TOP, "Reza Amini", "Northgate Prosecutor's Office",
                                 "prosecutor")
    events.add(ws, TOP, "arbitrary-detention", "FICTIONAL arrest", date="1367",
               victims=["Dara Kohan"], perpetrators=[("Reza Amini", "ordered")],
               place="Northgate Prison")
    ids = {e["caption"]: e["id"] for e in entity_pipeline.list_entities(ws, TOP)}
    kian = ids["Kian Sohrabi"]
    claims = claim_pipeline.list_claims(ws, TOP)
    named = next(c for c in claims
                 if kian not in c["about"] and c["speaker_entity_id"] is None)
    claim_pipeline.edit(ws, TOP, named["id"], {"about": ["Laleh Nouri", "Reza Amini"]},
                        "FICTIONAL: the text names both")
    spoken = next(c for c in claims if c["about"] == [kian])
    with ws.db.write() as session:  # a claim about Kian spoken by Reza
        session.execute(update(Claim).where(Claim.id == spoken["id"])
                        .values(speaker_entity_id=ids["Reza Amini"]))

    def showing(name: str) -> set[str]:
        with ws.db.read() as session:
            found = entity_reach.pages_showing(session, [ids[name]])
        return {caption for caption, i in ids.items() if i in found} - {name}

    assert showing("Reza Amini") == {"Northgate Prosecutor's Office", "Dara Kohan",
                                     "Northgate Prison", "Laleh Nouri", "Kian Sohrabi"}
    assert {"Reza Amini", "Dara Kohan"} <= showing("Northgate Prison")
    assert "Reza Amini" in showing("Northgate Prosecutor's Office")
    assert "Reza Amini" in showing("Kian Sohrabi")  # he speaks about Kian
    assert showing("Parisa Jam") == set()
