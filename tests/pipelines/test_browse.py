"""Browsing without words: a bounded count ("at least") and filters, on both backends."""

from pathlib import Path

import pytest
from sqlalchemy import text

from gavah.pipelines.access import Viewer
from gavah.pipelines.browse import browse
from gavah.store import facets as facet_store
from gavah.store.workspace import Workspace
from tests.conftest import Cli, write


@pytest.fixture
def shelf(cli: Cli, ws: Workspace, tmp_path: Path) -> dict[str, list[int]]:
    """FICTIONAL: 4 public notes (two of them backdated to 2019, as an import of old
    material would be), then 3 confidential ones (the newest)."""
    for k in range(4):
        write(tmp_path / "open", f"p{k}.txt", f"Fictional open shelf note {k}.")
    cli("ingest", str(tmp_path / "open"))
    for k in range(3):
        write(tmp_path / "sealed", f"s{k}.txt", f"Fictional sealed shelf note {k}.")
    cli("ingest", str(tmp_path / "sealed"), "--classification", "confidential")
    items = cli.json("items")
    public = sorted(i["id"] for i in items if i["classification"] == "public")
    sealed = sorted(i["id"] for i in items if i["classification"] == "confidential")
    with ws.db.write() as session:
        session.execute(text("UPDATE items SET acquired_at = '2019-03-0' || id || "
                             "'T10:00:00.000000Z' WHERE id IN (:a, :b)"),
                        {"a": public[0], "b": public[1]})
    return {"public": public, "sealed": sealed}


def test_uncapped_browse_is_exact(ws: Workspace, shelf: dict[str, list[int]]) -> None:
    page = browse(ws, Viewer("test"))
    assert (page.total, page.at_least, page.facets_at_least) == (7, False, False)
    assert [r.item["id"] for r in page.results] == sorted(
        shelf["public"] + shelf["sealed"], reverse=True)
    assert dict(page.facets["classification"]) == {"public": 4, "confidential": 3}


def test_counting_stops_at_the_cap(ws: Workspace, shelf: dict[str, list[int]],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(facet_store, "BROWSE_CAP", 3)
    page = browse(ws, Viewer("test"), limit=2)
    # Counting stopped after 4 (the cap and one more): "at least 4".
    assert (page.total, page.at_least, page.facets_at_least) == (4, True, True)
    assert [r.item["id"] for r in page.results] == shelf["sealed"][::-1][:2]
    assert page.facets["classification"] == [("confidential", 3)]  # the newest three
    assert page.to_dict()["total_at_least"] and page.to_dict()["facet_counts_at_least"]
    # A later page counts as far as it reaches, and one more (is there a next page?).
    deeper = browse(ws, Viewer("test"), limit=2, offset=4)
    assert (deeper.total, deeper.at_least) == (7, True)  # 7 counted, the 8th unknown
    last = browse(ws, Viewer("test"), limit=2, offset=5)
    assert (last.total, last.at_least) == (7, False)
    assert [r.item["id"] for r in last.results] == shelf["public"][1::-1]
    # Hidden items neither fill the cap nor show in the counts.
    public = browse(ws, Viewer("test", "public"), limit=1)
    assert (public.total, public.at_least) == (4, True)
    assert [r.item["id"] for r in public.results] == shelf["public"][-1:]
    assert public.facets["classification"] == [("public", 3)]
    assert browse(ws, Viewer("test", "public"), limit=4).total == 4  # bound 5: exact
    assert not browse(ws, Viewer("test", "public"), limit=4).at_least


def test_year_filter(ws: Workspace, shelf: dict[str, list[int]],
                     monkeypatch: pytest.MonkeyPatch) -> None:
    old = browse(ws, Viewer("test"), filters={"year": ["2019"]})
    assert [r.item["id"] for r in old.results] == shelf["public"][1::-1]
    assert (old.total, old.at_least) == (2, False)
    # The other years stay offered beside the chosen one, counted over the other filters.
    years = dict(old.facets["year"])
    assert years["2019"] == 2 and sum(years.values()) == 7
    assert dict(old.facets["classification"]) == {"public": 2}
    both = browse(ws, Viewer("test"), filters={"year": ["2019", "2026", "2027"]})
    this_year = browse(ws, Viewer("test"), filters={"year": [max(years)]})
    assert both.total == 2 + this_year.total
    # Found the same way from the acquired_at index (fewer than FEW items that year) or
    # along the items' key (a common year).
    for few in (1, 2, 3):
        with pytest.MonkeyPatch.context() as patch, ws.db.read() as session:
            patch.setattr(facet_store, "FEW", few)
            assert facet_store.newest(session, ["public"], {"year": ["2019"]}, 5) == \
                shelf["public"][1::-1]
    assert browse(ws, Viewer("test"), filters={"year": ["201"]}).total == 0  # not a prefix
    assert browse(ws, Viewer("test"), filters={"year": ["2019x"]}).total == 0
    # Capped: the chosen year's items are still found, however many newer ones there are.
    monkeypatch.setattr(facet_store, "BROWSE_CAP", 2)
    capped = browse(ws, Viewer("test"), filters={"year": ["2019"]}, limit=1)
    assert (capped.total, capped.at_least) == (2, False)
    assert [r.item["id"] for r in capped.results] == [shelf["public"][1]]
    assert dict(capped.facets["year"]) == {"2019": 2, max(years): 2}  # + the newest two
    assert capped.facets_at_least


def test_media_type_filter(ws: Workspace, shelf: dict[str, list[int]]) -> None:
    """A type few items have is read from the media type index, a common one along the
    items' key: the same items either way."""
    rare = shelf["public"][2:] + shelf["sealed"][:1]
    with ws.db.write() as session:
        session.execute(text("UPDATE blobs SET media_type = 'application/x-fictional' WHERE "
                             "sha256 IN (SELECT sha256 FROM items WHERE id IN (:a, :b, :c))"),
                        dict(zip("abc", rare, strict=True)))
    page = browse(ws, Viewer("test"), filters={"media_type": ["application/x-fictional"]})
    assert [r.item["id"] for r in page.results] == sorted(rare, reverse=True)
    assert (page.total, page.at_least) == (3, False)
    assert dict(page.facets["media_type"])["application/x-fictional"] == 3
    hidden = browse(ws, Viewer("test", "public"),
                    filters={"media_type": ["application/x-fictional"]})
    assert [r.item["id"] for r in hidden.results] == rare[1::-1]  # not the sealed one
    for few in (1, 3, 4, 5000):  # along the key (3 items have it: not fewer than 1 or 3)
        with pytest.MonkeyPatch.context() as patch, ws.db.read() as session:
            patch.setattr(facet_store, "FEW", few)
            assert facet_store.newest(session, ["public", "confidential"],
                                      {"media_type": ["application/x-fictional"]}, 5) == \
                sorted(rare, reverse=True)
            assert facet_store.newest(session, ["public"], {"media_type": ["image/png"]},
                                      5) == []
