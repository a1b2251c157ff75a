"""`gavah estimate` from linked persons and from a published table."""

from __future__ import annotations

from pathlib import Path

import pytest

from gavah.core.errors import BadInput
from gavah.pipelines.access import Viewer
from gavah.pipelines.estimate import run, saved
from gavah.pipelines.victims import link
from gavah.pipelines.victims.importing import import_list
from gavah.store.workspace import Workspace
from tests.conftest import write
from tests.pipelines.victims.lists import (
    ACTOR,
    FIXTURES,
    import_a,
    import_all,
    import_b,
    truth,
)

MSE = Path(__file__).resolve().parents[2] / "fixtures" / "mse"


def _patterns() -> dict[tuple[str, ...], int]:
    out: dict[tuple[str, ...], int] = {}
    for person in truth():
        key = tuple(sorted({lst for lst, _ in person}))
        out[key] = out.get(key, 0) + 1
    return out


def test_estimate_from_linked_persons(ws: Workspace, tmp_path: Path) -> None:
    import_all(ws)
    link.link(ws, ACTOR)
    result = run.from_persons(ws, figures=tmp_path / "figs")
    assert result["documented"] == 16 and result["lists"] == ["A", "B", "C"]
    assert {tuple(c["lists"]): c["count"] for c in result["table"]} == _patterns()
    assert result["estimate"] >= 16 and result["lower"] <= result["estimate"] <= result["upper"]
    assert result["source"]["kind"] == "linked persons" and result["source"]["link_run"] == 1
    # One table: averaged over models too, the AIC-chosen model reported beside.
    assert result["model"].startswith("average of")
    chosen = result["chosen_model"]
    assert chosen["criterion"] == "aic" and chosen["model"] == result["selection"][0]["model"]
    assert "on" not in chosen
    assert any("only 16 people" in w for w in result["warnings"])
    names = sorted(Path(p).name for p in result["figures"])
    assert names == ["estimate.png", "estimate.svg", "overlaps.png", "overlaps.svg"]
    assert all(Path(p).stat().st_size > 1000 for p in result["figures"])
    # Strata compare place names across scripts: Evin and اوین are one prison.
    strata = run.from_persons(ws, stratify="prison")
    assert set(strata["strata"]) == {"Evin", "Gohardasht"}
    assert sum(s["documented"] for s in strata["strata"].values()) == 16
    # Records imported after the run are not counted, and the user is told.
    extra = write(tmp_path, "d.csv", "ref,name\nD1,Zahra Karimi\n")
    import_list(ws, extra, list_name="D", source="fictional", actor=ACTOR)
    later = run.from_persons(ws, method="lcmcr")
    assert any("imported after the last linkage run" in w for w in later["warnings"])
    assert later["method"] == "lcmcr"


def test_fewer_than_three_lists(ws: Workspace) -> None:
    import_a(ws)
    import_b(ws)
    link.link(ws, ACTOR)
    with pytest.raises(BadInput, match="at least 3 lists"):
        run.from_persons(ws)
    with pytest.raises(BadInput, match="unknown list"):
        run.from_persons(ws, lists=["A", "B", "Z"])


def test_estimate_needs_a_linkage_run(ws: Workspace) -> None:
    import_a(ws)
    with pytest.raises(BadInput, match="no linkage run"):
        run.from_persons(ws)


def test_from_a_published_table() -> None:
    result = run.from_table(MSE / "hepatitis_a_taiwan_1995.csv")
    assert result["source"]["kind"] == "table" and len(result["lists"]) == 3
    assert result["estimate"] > result["documented"]


def test_table_bad_input(tmp_path: Path) -> None:
    two = write(tmp_path, "two.csv", "A,B,count\n1,0,10\n0,1,5\n1,1,3\n")
    with pytest.raises(BadInput, match="at least 3"):
        run.from_table(two)
    empty_cell = write(tmp_path, "e.csv", "A,B,C,count\n1,0,0,\n0,1,0,5\n")
    with pytest.raises(BadInput, match="line 2"):
        run.from_table(empty_cell)
    with pytest.raises(BadInput, match="cannot read"):
        run.from_table(tmp_path / "missing.csv")
    everyone = write(tmp_path, "all.csv", "A,B,C,count\n1,0,0,40\n1,1,0,20\n1,0,1,15\n"
                                          "1,1,1,10\n")
    result = run.from_table(everyone)
    assert any("records every person documented" in w for w in result["warnings"])


def test_lists_above_the_readers_clearance_count_for_nothing(ws: Workspace,
                                                             tmp_path: Path) -> None:
    """A confidential list gives other prisons for the same people, and records added
    after the linkage run sit in another one: a public reader's strata and warnings show
    neither, a reader cleared for them sees both."""
    import_all(ws)
    rows = (FIXTURES / "ngo_a.csv").read_text().splitlines()
    moved = [rows[0]] + [",".join(f"D{n}" if i == 0 else ("Adelabad" if i == 6 else cell)
                                  for i, cell in enumerate(row.split(",")))
                         for n, row in enumerate(rows[1:], 1)]
    import_list(ws, write(tmp_path, "d.csv", "\n".join(moved) + "\n"), list_name="D",
                source="NGO D (fictional)", actor=ACTOR, classification="confidential")
    link.link(ws, ACTOR)
    import_list(ws, write(tmp_path, "e.csv", "ref,name\nE1,Zahra Karimi\n"), list_name="E",
                source="NGO E (fictional)", actor=ACTOR, classification="confidential")
    lead = Viewer("user:lead", "confidential")
    cleared = saved.run_estimate(ws, lead)
    assert cleared["lists"] == ["A", "B", "C", "D"]
    assert any("imported after the last linkage run" in w for w in cleared["warnings"])
    with pytest.raises(BadInput, match="stratum 'Adelabad'"):  # D's prisons are strata
        saved.run_estimate(ws, lead, stratify="prison")
    public = saved.run_estimate(ws, Viewer("user:reader", "public"), stratify="prison")
    assert public["lists"] == ["A", "B", "C"]
    assert set(public["strata"]) == {"Evin", "Gohardasht"}
    assert not any("imported after" in w or "disagree" in w for w in public["warnings"])


def test_linkage_uncertainty_pooled_into_the_estimate(ws: Workspace) -> None:
    import_all(ws)
    report = link.link(ws, ACTOR)
    # The same seed: a model average's point is the median of seeded draws.
    plain = run.from_persons(ws, seed=3)
    pooled = run.from_persons(ws, imputations=8, seed=3)
    info = pooled["linkage"]
    assert info["imputations"] == 8 and info["usable"] >= 1
    assert "pooled over" in pooled["interval"]
    # Log-linear estimates on drawn linkages are averaged over models by BIC weight.
    assert "BIC-weighted average" in pooled["interval"]
    assert pooled["model"].startswith("average of")
    assert pooled["lower"] <= pooled["estimate"] <= pooled["upper"]
    assert 0.0 <= (info["linkage_share_of_width"] or 0.0) <= 1.0
    assert info["one_linkage"]["estimate"] == plain["estimate"]
    assert info["one_linkage"]["model"] == plain["model"]
    # The chosen model pooled results report is the one chosen on the run's persons.
    assert pooled["chosen_model"]["model"] == plain["chosen_model"]["model"]
    assert pooled["chosen_model"]["on"].startswith("the linkage run's persons")
    assert info["undecided_pairs"] == report.review
    if report.review:  # merging pairs can only lower the count of persons seen
        assert info["if_all_matches"] is not None and info["if_none_match"] is not None
    again = run.from_persons(ws, imputations=8, seed=3)
    assert again["estimate"] == pooled["estimate"]  # seeded: the same draws
    with pytest.raises(BadInput, match="negative"):
        run.from_persons(ws, imputations=-1)
