"""Entity pages are assembled from entity summaries kept per level beside the claims
(gavah.pipelines.entity_summary). A page served after any kind of write (new claims at
several levels, reviews, an edit of what a claim is about, a source's grade, an event and
a link to it, a merge and its undo, an item reclassified) equals the page computed from
the claims alone by a fresh process with nothing kept, for a reader of every level; its
groups and timeline are those one pass over the claims the reader may see gives; and a
change that alters no claim (a grade, a merge, an event) makes no summary again.
Real workspaces on both backends; every document and name here is FICTIONAL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import delete

from gavah.core.levels import LEVELS
from gavah.pipelines import claims as claim_pipeline
from gavah.pipelines import dossiers, events, sealing, sources
from gavah.pipelines import entities as entity_pipeline
from gavah.pipelines.access import Viewer
from gavah.store import claim_queries
from gavah.store.tables import EntitySummary, PageCache
from gavah.store.workspace import Workspace
from tests.conftest import Cli, write
from tests.pipelines.world import PARTY_PAGE

READERS = [Viewer(f"user:{level}", level) for level in LEVELS]
TOP = READERS[-1]
NAMES = ("Kian Sohrabi", "Mina Rostami", "Northgate Prison")
HEARING = PARTY_PAGE.replace("Unity Front reported", "A closed hearing heard").replace(
    "sat on the commission", "signed the Northgate lists")  # FICTIONAL
LEDGER = PARTY_PAGE.replace("Unity Front reported", "A ledger kept by guards listed").replace(
    "sat on the commission", "was seen at the Northgate gate in 1988")  # FICTIONAL


def _ingest(cli: Cli, tmp_path: Path, name: str, body: str, level: str) -> int:
    write(tmp_path / name, f"{name}.html", body)
    cli("ingest", str(tmp_path / name), "--source", "Unity Front", "--classification", level)
    return int(cli.json("items")[-1]["id"])


def _pages(ws: Workspace) -> dict[tuple[str, str], dict[str, Any]]:
    """Every entity's page for a reader of every level (the analyst's, with candidates)."""
    return {(name, reader.clearance): {k: v for k, v in dossiers.entity(
        ws, reader, name, with_candidates=True).items() if k != "page_key"}
        for name in NAMES for reader in READERS}


def _fresh(ws: Workspace, database_url: str | None) -> dict[tuple[str, str], dict[str, Any]]:
    """The pages as a process with nothing kept computes them from the claims."""
    other = Workspace.open(ws.home, database_url)
    try:
        with other.db.write() as session:
            session.execute(delete(PageCache))
            session.execute(delete(EntitySummary))
        return _pages(other)
    finally:
        other.close()


def _reference(ws: Workspace, reader: Viewer, page: dict[str, Any]) -> None:
    """The page's groups and timeline are those of one pass over the claims the reader
    may see (the way pages were computed before summaries were kept)."""
    about = claim_pipeline.list_claims(ws, reader, about=str(page["id"]))
    groups: dict[str, dict[str, Any]] = {}
    for c in sorted(about, key=lambda c: (c["item_id"], c["derivative_id"], c["start"],
                                          c["id"])):
        name = c["speaker"] or c["publisher"] or ""
        key = f"source:{c['speaker_source_id']}" if c["speaker_source_id"] else \
            f"name:{name.casefold()}"
        group = groups.setdefault(key, {"originator": name or None, "publishers": [],
                                        "count": 0, "ids": []})
        group["count"] += 1
        group["ids"] = (group["ids"] + [c["id"]])[:dossiers.PER_SOURCE]
        if c["publisher"] and c["publisher"] not in group["publishers"]:
            group["publishers"].append(c["publisher"])
    ranked = sorted(groups.values(), key=lambda g: (-g["count"], g["originator"] or ""))
    assert [{"originator": g["originator"], "publishers": g["publishers"],
             "count": g["count"], "ids": [c["id"] for c in g["claims"]]}
            for g in page["claims_by_source"]] == ranked[:dossiers.MAX_SOURCES]
    assert page["claims_about"] == len(about)
    with ws.db.read() as session:
        members = [page["id"], *page["merged"]]
        first, total = claim_queries.first_on_entities(session, members, reader.levels,
                                                       dossiers.TIMELINE_CLAIMS)
    assert {e["ref"] for e in page["timeline"] if e["kind"] == "claim"} == set(first)
    assert page["timeline_claims_not_shown"] == max(0, total - dossiers.TIMELINE_CLAIMS)


def _check(world: Cli, ws: Workspace) -> dict[tuple[str, str], dict[str, Any]]:
    served = _pages(ws)
    assert served == _fresh(ws, world.database_url)
    for (_, clearance), page in served.items():
        _reference(ws, Viewer(f"user:{clearance}", clearance), page)
    return served


def _ids(ws: Workspace) -> dict[str, int]:
    return {e["caption"]: e["id"] for e in entity_pipeline.list_entities(ws, TOP)}


def test_pages_from_summaries_equal_pages_from_claims_after_every_kind_of_write(
        world: Cli, ws: Workspace, tmp_path: Path, made: list[list[int]]) -> None:
    hearing = _ingest(world, tmp_path, "hearing", HEARING, "confidential")
    _ingest(world, tmp_path, "ledger", LEDGER, "restricted")
    ids = _ids(ws)
    kian, mina = ids["Kian Sohrabi"], ids["Mina Rostami"]
    pages = _check(world, ws)
    # Each level sees its own claims: more the higher the clearance, never fewer.
    counts = [pages["Kian Sohrabi", r.clearance]["claims_about"] for r in READERS]
    assert counts == sorted(counts) and counts[0] < counts[2]

    def write_then_check(change: Callable[[], object]) -> list[list[int]]:
        made.clear()
        change()
        _check(world, ws)
        return list(made)

    about_kian = claim_pipeline.list_claims(ws, TOP, about="Kian Sohrabi")
    # Reviews: a confirmation and a rejection (rejected claims leave the timeline).
    write_then_check(lambda: claim_pipeline.confirm(ws, TOP, about_kian[0]["id"],
                                                    reason="FICTIONAL review"))
    write_then_check(lambda: claim_pipeline.reject(ws, TOP, about_kian[1]["id"],
                                                   "FICTIONAL: not what the text says"))
    # What a claim is about: Mina is now named with Kian (the network counts it).
    write_then_check(lambda: world("claims", "edit", about_kian[2]["id"], "--set",
                                   "about=Kian Sohrabi,Mina Rostami"))
    # Changes that alter no claim: no summary is made again, on the pages they reach too
    # (an event's participants and place), but a merged page's (made once).
    for change, remade in (
            (lambda: sources.assess(ws, TOP, "Unity Front", "E", "FICTIONAL reassessment"),
             []),
            (lambda: events.add(ws, TOP, "execution", "FICTIONAL hearing", date="1367",
                                victims=["Mina Rostami"], place="Northgate Prison",
                                claims=[(about_kian[3]["id"], "supports")]),
             []),
            (lambda: entity_pipeline.merge(ws, TOP, "Kian Sohrabi", "Mina Rostami",
                                           "FICTIONAL: one person"), [[kian, mina]])):
        made.clear()
        change()
        _pages(ws)
        assert sorted(made) == remade  # a merged page sums its members' claims once
        _check(world, ws)
    write_then_check(lambda: entity_pipeline.split(ws, TOP, "Kian Sohrabi", "Mina Rostami",
                                                   "FICTIONAL: two people after all"))
    # An item's level changes: claims move between levels, every summary is made again.
    write_then_check(lambda: sealing.reclassify(ws, "user:top", hearing, "public",
                                                "FICTIONAL: released"))
    pages = _pages(ws)
    assert pages["Kian Sohrabi", "public"]["claims_about"] > counts[0]


def test_a_review_makes_only_the_summaries_it_reaches(
        world: Cli, ws: Workspace, made: list[list[int]]) -> None:
    ids = _ids(ws)
    _pages(ws)
    assert sorted(made) == sorted([[i] for i in ids.values()])
    made.clear()
    claim = next(c for c in claim_pipeline.list_claims(ws, TOP, about="Kian Sohrabi")
                 if c["speaker_entity_id"] is None and c["about"] == [ids["Kian Sohrabi"]])
    claim_pipeline.confirm(ws, TOP, claim["id"], reason="FICTIONAL review")
    _pages(ws)
    assert made == [[ids["Kian Sohrabi"]]]
