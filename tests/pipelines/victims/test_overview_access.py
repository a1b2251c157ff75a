"""The victims overview counts, for a reader who may not see every list, only what they
may see: the latest linkage run's totals are theirs, not the run's. FICTIONAL lists."""

from __future__ import annotations

from pathlib import Path

from gavah.pipelines.access import Viewer
from gavah.pipelines.victims import browse, link
from gavah.pipelines.victims.importing import import_list
from gavah.store.workspace import Workspace
from tests.conftest import write
from tests.pipelines.victims.lists import ACTOR, import_all


def test_run_totals_count_only_visible_lists(ws: Workspace, tmp_path: Path) -> None:
    import_all(ws)
    hidden = write(tmp_path, "hidden.csv", "ref,name,father_name,death_date\n"
                   "1,Kian Kavoosi,Hassan,1988\n2,Dara Nouri,Ali,1988\n")
    import_list(ws, hidden, list_name="kestrel", source="FICTIONAL closed group",
                actor=ACTOR, classification="confidential")
    report = link.link(ws, ACTOR)
    top = browse.overview(ws, Viewer("user:top", "strictly-confidential"))
    assert top["latest_run"]["records"] == report.records == 34
    low = browse.overview(ws, Viewer("user:low", "public"))
    assert low["latest_run"]["records"] == 32
    assert low["latest_run"]["persons"] == low["persons"]
    assert sum(entry["records"] for entry in low["lists"]) == 32
