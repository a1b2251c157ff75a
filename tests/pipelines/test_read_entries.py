"""A page that shows several protected items (a search result page, an entity page) is one
`viewed` custody entry listing them. Each item's history still shows that read, to each
reader only the items they may see; `gavah verify` checks the index that finds them
against the signed entries. Real workspaces on both backends; documents are fictional."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, insert, select

from gavah.core.custody import READ_ITEMS
from gavah.core.levels import visible_levels
from gavah.pipelines import browse, items, verify
from gavah.pipelines.access import Viewer
from gavah.pipelines.ingest import Options, ingest_paths
from gavah.store.tables import CustodyEntry, CustodyItem
from gavah.store.workspace import Workspace
from tests.conftest import Cli, item_reads, write

LEVELS = ("public", "restricted", "confidential", "strictly-confidential")


def _items(ws: Workspace, tmp_path: Path) -> dict[str, int]:
    ids = {}
    for level in LEVELS:
        write(tmp_path / level, f"{level}.txt", f"FICTIONAL register zqshared, {level} copy.\n")
        report = ingest_paths(ws, [str(tmp_path / level)], Options(classification=level),
                              "test")
        ids[level] = report.acquired[0]["item"]
    return ids


def test_a_page_of_several_protected_items_is_one_entry_each_history_shows(
        ws: Workspace, cli: Cli, tmp_path: Path) -> None:
    ids = _items(ws, tmp_path)
    top = Viewer("user:top", "strictly-confidential")
    page = browse.browse(ws, top, "zqshared", via="test-search")
    assert {r.item["id"] for r in page.results} == set(ids.values())
    with ws.db.read() as session:
        entries = list(session.scalars(select(CustodyEntry).where(
            CustodyEntry.actor == "user:top")))
    assert len(entries) == 1 and entries[0].item_id is None
    assert sorted(item for actor, _, item in item_reads(ws) if actor == "user:top") == \
        sorted(ids[level] for level in LEVELS[1:])  # public reads need no entry

    # Each protected item's history shows the read; a reader at restricted sees only
    # the items at or below restricted in it, not the ids of the others.
    lower = items.show(ws, str(ids["restricted"]), visible_levels("restricted"))
    read = [e for e in lower["custody"] if e["actor"] == "user:top"]
    assert [e["details"][READ_ITEMS] for e in read] == [[[ids["restricted"], "restricted"]]]
    full = items.show(ws, str(ids["strictly-confidential"]))
    listed = [e["details"][READ_ITEMS] for e in full["custody"] if e["actor"] == "user:top"]
    assert listed == [[[ids[level], level] for level in LEVELS[1:]]]
    log = cli.json("log", str(ids["confidential"]))
    assert [e["actor"] for e in log if e["action"] == "viewed"] == ["user:top"]
    assert verify.verify(ws).ok


def test_verify_finds_a_read_hidden_from_or_added_to_an_items_history(
        ws: Workspace, tmp_path: Path) -> None:
    ids = _items(ws, tmp_path)
    browse.browse(ws, Viewer("user:top", "strictly-confidential"), "zqshared")
    with ws.db.read() as session:
        seq = session.scalar(select(CustodyEntry.seq).where(CustodyEntry.actor == "user:top"))
    with ws.db.write() as session:
        session.execute(delete(CustodyItem).where(CustodyItem.item_id == ids["confidential"]))
        session.execute(insert(CustodyItem).values(item_id=ids["public"], seq=seq))
    problems = {(p.kind, p.item, p.seq) for p in verify.verify(ws).problems}
    assert problems == {("unindexed-read", ids["confidential"], seq),
                        ("altered-read-index", ids["public"], seq)}
