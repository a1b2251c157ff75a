"""Saved estimates in the REST API (/api/v1/victims/estimates): the list and one
estimate with its interval, the part of the width that comes from linkage, who ran it
and when; an estimate that read a list above the reader is absent from the list and
answers as a missing one, also when a list is raised after the estimate was saved.
Every list here is FICTIONAL."""

from __future__ import annotations

from pathlib import Path

from gavah.pipelines.access import Viewer
from gavah.pipelines.estimate import saved
from gavah.pipelines.victims import importing, link
from tests.pipelines.victims.lists import ACTOR, import_all
from tests.web.conftest import MARKERS, Site

OWNER = Viewer(ACTOR)
HIDDEN = MARKERS["restricted"]


def _world(site: Site, tmp_path: Path) -> tuple[int, int]:
    import_all(site.ws)
    path = tmp_path / "hidden.csv"
    path.write_text(f"ref,name,father_name,birth_year\nH1,Kian {HIDDEN},Dara,1960\n")
    importing.import_list(site.ws, path, list_name=f"list-{HIDDEN}",
                          source=f"Group {HIDDEN} (FICTIONAL)", actor=ACTOR,
                          classification="restricted")
    link.link(site.ws, ACTOR)
    public = saved.run_estimate(site.ws, OWNER, lists=["A", "B", "C"], imputations=5,
                                seed=3)
    # Without lists: every list the runner may see, the restricted one included.
    hidden = saved.run_estimate(site.ws, OWNER, seed=4)
    return public["saved"]["id"], hidden["saved"]["id"]


def test_estimates_api_at_each_clearance(site: Site, tmp_path: Path) -> None:
    public, hidden = _world(site, tmp_path)
    site.user("pia", "viewer", "public")
    site.user("ray", "viewer", "restricted")
    client = site.client()

    listing = client.get("/api/v1/victims/estimates", headers=site.token("pia"))
    assert listing.status_code == 200
    assert [e["id"] for e in listing.json()["estimates"]] == [public]
    assert HIDDEN not in listing.text
    one = client.get(f"/api/v1/victims/estimates/{public}", headers=site.token("pia")).json()
    assert one["method"] == "loglinear" and one["lists"] == ["A", "B", "C"]
    assert one["lower"] <= one["estimate"] <= one["upper"]
    assert one["documented"] == sum(row["count"] for row in one["table"])
    assert one["actor"] == ACTOR and one["created_at"].endswith("Z")
    assert one["saved"]["classification"] == "public" and one["saved"]["seed"] == 3
    assert one["linkage"]["imputations"] == 5
    share = one["linkage"]["linkage_share_of_width"]
    assert share is not None and 0.0 <= share <= 1.0
    assert one["linkage_detail"]["one_linkage"]["estimate"] is not None
    assert one["model"].startswith("average of")
    assert one["chosen_model"]["criterion"] == "aic"
    assert one["chosen_model"]["lower"] <= one["chosen_model"]["estimate"]
    assert HIDDEN not in str(one)  # counts and warnings of the restricted list stay out

    answers = [client.get(f"/api/v1/victims/estimates/{ref}", headers=site.token("pia"))
               for ref in (hidden, 999_999)]
    assert [a.status_code for a in answers] == [404, 404]
    assert answers[0].json() == {"detail": f"no estimate {hidden}"}
    assert answers[1].json() == {"detail": "no estimate 999999"}
    assert client.get("/api/v1/victims/estimates/0",
                      headers=site.token("pia")).status_code == 422
    assert client.get("/api/v1/victims/estimates").status_code == 401

    cleared = client.get("/api/v1/victims/estimates", headers=site.token("ray")).json()
    assert [e["id"] for e in cleared["estimates"]] == [hidden, public]
    shown = client.get(f"/api/v1/victims/estimates/{hidden}", headers=site.token("ray"))
    assert shown.status_code == 200 and f"list-{HIDDEN}" in shown.json()["lists"]
    assert shown.json()["saved"]["classification"] == "restricted"
    reads = [e for e in _estimate_reads(site) if e[0] == "token:ray"]
    assert ("token:ray", [[hidden, "restricted"]]) in reads  # the listing
    assert ("token:ray", hidden) in reads  # the estimate itself
    assert not [e for e in _estimate_reads(site) if e[0] == "token:pia"]


def test_estimate_hidden_once_its_list_is_raised(site: Site, tmp_path: Path) -> None:
    public, _ = _world(site, tmp_path)
    site.user("ray", "viewer", "restricted")
    client, headers = site.client(), site.token("ray")
    assert client.get(f"/api/v1/victims/estimates/{public}", headers=headers).status_code \
        == 200
    # A confidential file imported into list A raises the list, and with it every
    # estimate that read A, whatever was stored when the estimate was saved.
    path = tmp_path / "more.csv"
    path.write_text(f"ref,name\nX1,Sima {MARKERS['confidential']}\n")
    importing.import_list(site.ws, path, list_name="A", source="NGO A (fictional)",
                          actor=ACTOR, classification="confidential")
    assert client.get(f"/api/v1/victims/estimates/{public}", headers=headers).status_code \
        == 404
    listed = client.get("/api/v1/victims/estimates", headers=headers).json()["estimates"]
    assert public not in [e["id"] for e in listed]
    assert site.session("ray").get(f"/estimate?id={public}").status_code == 404


def _estimate_reads(site: Site) -> list[tuple[str, object]]:
    """(actor, estimate id or [[id, level], ...]) of every audited estimate read."""
    from gavah.store.custody import iter_entries

    out: list[tuple[str, object]] = []
    with site.ws.db.read() as session:
        for entry in iter_entries(session):
            details = entry.details or {}
            if entry.action == "viewed" and "estimate" in details:
                out.append((entry.actor, details["estimate"]))
            elif entry.action == "viewed" and "estimates" in details:
                out.append((entry.actor, details["estimates"]))
    return out


def test_the_estimate_page_shows_the_chosen_model_beside_the_average(site: Site,
                                                                     tmp_path: Path) -> None:
    """The page's "Model chosen by AIC, alone" row, filled: the model, its own estimate
    and interval (the API's numbers, rounded), and that it read one linkage's persons
    only; the headline above it is the average, a different number."""
    import html
    import re

    public, _ = _world(site, tmp_path)
    site.user("pia", "viewer", "public", language="en")
    one = site.client().get(f"/api/v1/victims/estimates/{public}",
                            headers=site.token("pia")).json()
    chosen = one["chosen_model"]
    assert chosen["model"] and chosen["on"] and chosen["upper"] is not None
    page = site.session("pia").get(f"/estimate?id={public}")
    assert page.status_code == 200
    row = re.search(r"<dt>Model chosen by AIC, alone</dt><dd>(.*?)</dd>", page.text, re.S)
    assert row, page.text[-3000:]
    shown = html.unescape(re.sub(r"<[^>]+>", "", row.group(1)))
    assert shown.startswith(f"{chosen['model']}: ")
    rest = shown[len(chosen["model"]) + 2:]
    numbers = [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", rest)]
    assert numbers[:3] == [round(chosen["estimate"]), round(chosen["lower"]),
                           round(chosen["upper"])]
    assert "on the linkage run's persons only" in shown
    model = re.search(r"<dt>Model</dt><dd>(.*?)</dd>", page.text, re.S)
    assert model and "average of" in model.group(1) and chosen["model"] not in model.group(1)
