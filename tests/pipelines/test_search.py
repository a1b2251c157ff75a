"""Full-text search: scripts and letter variants, snippets, classification."""

from pathlib import Path

import pytest

from gavah.pipelines.access import Viewer
from gavah.pipelines.browse import browse
from gavah.pipelines.search import snippet
from gavah.store.workspace import Workspace
from tests.conftest import Cli, write

PERSIAN = "گزارش ساختگی: رئیسی در مُرداد ۱۳۶۷ عضو کمیسیون بود و می‌خواست پرونده‌ها بسته شوند."
ARABIC = "تقرير خيالي: قال الكاتب إن آلاف السجناء أُعدموا في عام ١٩٨٨ في سجن الشمال."


@pytest.fixture
def corpus(cli: Cli, tmp_path: Path) -> Cli:
    write(tmp_path / "in", "fa.txt", PERSIAN)
    write(tmp_path / "in", "ar.txt", ARABIC)
    write(tmp_path / "in", "en.txt", "Fictional English report: the Northgate commission met "
                                      "in 1988. Nobody was told.")
    cli("ingest", str(tmp_path / "in"))
    write(tmp_path / "secret", "witness.txt", "Fictional protected testimony about Northgate.")
    cli("ingest", str(tmp_path / "secret"), "--classification", "confidential")
    return cli


@pytest.mark.parametrize(("query", "name"), [
    ("رييسي", "fa.txt"),  # Arabic yeh + no hamza seat, text has رئیسی
    ("مرداد 1367", "fa.txt"),  # no diacritics, Latin digits
    ("ميخواست", "fa.txt"),  # no ZWNJ, Arabic yeh
    ("پرونده ها", "fa.txt"),  # space where the text has a ZWNJ
    ("١٣٦٧", "fa.txt"),  # Arabic-Indic digits
    ("اعدموا 1988", "ar.txt"),  # no hamza/diacritics, Latin digits vs Arabic-Indic
    ("الاف", "ar.txt"),
    ("NORTHGATE commission", "en.txt"),
    ('"Northgate commission"', "en.txt"),
    ("commiss*", "en.txt"),
])
def test_variants_find_the_document(corpus: Cli, query: str, name: str) -> None:
    results = corpus.json("search", query)
    names = [r["item"]["original_name"] for r in results["results"]]
    assert name in names, (query, names)


def test_phrase_exclusion_and_no_match(corpus: Cli) -> None:
    assert corpus.json("search", '"commission Northgate"')["total"] == 0
    assert corpus.json("search", "Northgate -commission")["total"] == 1  # the witness text
    assert corpus.json("search", "nonexistentword")["total"] == 0
    assert corpus.json("search", "Northgate OR رييسي")["total"] == 3


def test_snippet_highlights_the_original_spelling(corpus: Cli) -> None:
    [hit] = corpus.json("search", "رييسي 1367")["results"]
    marked = [hit["snippet"][a:b] for a, b in hit["highlights"]]
    assert marked == ["رئیسی", "۱۳۶۷"]


def test_classification_limits_results(ws: Workspace, corpus: Cli) -> None:
    assert browse(ws, Viewer("test"), "Northgate").total == 2
    restricted = browse(ws, Viewer("test", "restricted"), "Northgate")
    assert restricted.total == 1
    assert restricted.results[0].item["classification"] == "public"


def test_protected_hits_are_audited(corpus: Cli) -> None:
    corpus.json("search", "protected testimony")
    secret = next(i for i in corpus.json("items") if i["classification"] == "confidential")
    viewed = [e for e in corpus.json("log", str(secret["id"])) if e["action"] == "viewed"]
    assert viewed and viewed[-1]["details"]["via"] == "cli-search"


def test_snippet_of_a_long_text_is_a_window() -> None:
    text = "filler line\n" * 200 + "x " * 300 + "the needle is here " + "y " * 300
    snip, spans = snippet(text, ["needle"])
    assert len(snip) <= 242 and snip.startswith("…") and snip.endswith("…")
    assert [snip[a:b] for a, b in spans] == ["needle"]


def test_bad_query_is_bad_input(corpus: Cli) -> None:
    assert "no words" in corpus("search", "   ", code=2).stderr
    assert "excluded" in corpus("search", "--", "-only", code=2).stderr


def test_cached_pages_follow_new_evidence(ws: Workspace, corpus: Cli, tmp_path: Path) -> None:
    viewer = Viewer("test")
    first = browse(ws, viewer, "Northgate")
    assert browse(ws, viewer, "Northgate") is first  # the same page, from the cache
    assert browse(ws, Viewer("test", "public"), "Northgate").total == 1  # per clearance
    write(tmp_path / "new", "later.txt", "A later fictional note about Northgate.")
    corpus("ingest", str(tmp_path / "new"))
    again = browse(ws, viewer, "Northgate")
    assert again is not first and again.total == first.total + 1


@pytest.fixture
def crowded(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """FICTIONAL: 12 confidential texts and 3 public ones name Zarvand; at most 5 readable
    matches are ranked per query."""
    from gavah.store import search as index

    monkeypatch.setattr(index, "CANDIDATES", 5)
    for k in range(12):
        write(tmp_path / "hidden", f"h{k}.txt", f"Fictional sealed note {k} about Zarvand.")
    cli("ingest", str(tmp_path / "hidden"), "--classification", "confidential")
    for k in range(3):
        write(tmp_path / "open", f"p{k}.txt", f"Fictional open note {k} about Zarvand.")
    cli("ingest", str(tmp_path / "open"))
    return cli


def test_hidden_matches_never_push_visible_ones_out(ws: Workspace, crowded: Cli) -> None:
    page = browse(ws, Viewer("test", "public"), "Zarvand")
    # Twelve hidden texts match before and beside the three public ones, more than the
    # cap: the reader still gets all three, and nothing says more exist.
    assert sorted(r.item["original_name"] for r in page.results) == ["p0.txt", "p1.txt",
                                                                     "p2.txt"]
    assert (page.total, page.at_least, page.facets_at_least) == (3, False, False)
    assert page.facets["classification"] == [("public", 3)]


def test_capped_counts_say_at_least(ws: Workspace, crowded: Cli) -> None:
    page = browse(ws, Viewer("test"), "Zarvand")
    assert (page.total, page.at_least, page.facets_at_least) == (5, True, True)
    assert sum(n for _, n in page.facets["classification"]) == 5
    assert page.to_dict()["total_at_least"] and page.to_dict()["facet_counts_at_least"]
    out = " ".join(crowded("search", "Zarvand").stdout.split())
    assert out.startswith("at least 5 item(s) match 'Zarvand'")
    # A filter is applied inside the index query: every passing match is found, exactly.
    public = browse(ws, Viewer("test"), "Zarvand", {"classification": ["public"]})
    assert (public.total, public.at_least, public.facets_at_least) == (3, False, True)
    assert {r.item["classification"] for r in public.results} == {"public"}
    # The same from the index's side (PostgreSQL starts from the items when few pass).
    from gavah.core.search_query import parse
    from gavah.store import search as index

    for few in (1, index.FEW):
        with pytest.MonkeyPatch.context() as patch, ws.db.read() as session:
            patch.setattr(index, "FEW", few)
            hits = index.query(session, parse("Zarvand"), None, {"classification": ["public"]})
        assert {i for i, _, _ in hits.rows} == {r.item["id"] for r in public.results}
        assert not hits.capped


def test_cached_pages_follow_a_reclassification(ws: Workspace, corpus: Cli) -> None:
    from gavah.pipelines import sealing

    reader = Viewer("test", "public")
    first = browse(ws, reader, "Northgate")
    assert first.total == 1 and browse(ws, reader, "Northgate") is first
    item = first.results[0].item["id"]
    assert sealing.reclassify(ws, "user:test", item, "confidential", "FICTIONAL reason")
    assert browse(ws, reader, "Northgate").total == 0  # the kept page is not served
    # A read is no change: the page kept after it stays (the version did not move).
    page = browse(ws, Viewer("test"), "Northgate")
    assert browse(ws, Viewer("test"), "Northgate") is page

