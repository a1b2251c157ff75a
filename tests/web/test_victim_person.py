"""The person view on the web and in the API: records side by side with the pairwise
evidence, an analyst's split and merge, in English and Persian; and in Debian's
Chromium (screenshots to $GAVAH_SCREENSHOTS). Every list here is FICTIONAL."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gavah.pipelines import accounts
from gavah.pipelines.victims import link, registry
from gavah.store.workspace import Workspace
from tests.pipelines.victims.lists import ACTOR, import_all
from tests.web.browsing import PASSWORD, Watch
from tests.web.conftest import Site, csrf_of


def _reza(ws: Workspace) -> list[int]:
    ids = {(r["list"], r["source_ref"]): r["id"] for r in registry.list_records(ws)}
    return [ids[k] for k in [("A", "A1"), ("A", "A11"), ("B", "1"), ("C", "C1")]]


def test_person_page_and_api(site: Site) -> None:
    import_all(site.ws)
    link.link(site.ws, ACTOR)
    reza = _reza(site.ws)
    site.user("ada", "analyst", "public")
    site.user("vic", "viewer", "public", language="fa")
    analyst = site.session("ada")
    page = analyst.get(f"/victims/persons/{reza[2]}")
    assert page.status_code == 200
    assert "Person 1" in page.text and "رضا جعفری" in page.text and "Reza Ja&#39;fari" in page.text
    assert page.text.count('class="verdict agree"') >= 6  # names agree on every pair
    assert 'id="merge-form"' in page.text and 'class="split"' in page.text
    record = analyst.get(f"/victims/records/{reza[0]}").text
    assert f'href="/victims/persons/{reza[0]}"' in record
    persian = site.session("vic").get(f"/victims/persons/{reza[0]}").text
    assert "شواهد دوبه‌دو" in persian and "هم‌خوان" in persian
    assert 'id="merge-form"' not in persian  # a viewer does not decide

    token = csrf_of(analyst, f"/victims/persons/{reza[0]}")
    empty = analyst.post(f"/victims/persons/{reza[0]}/split",
                         data={"csrf_token": token, "record": reza[3], "reason": ""})
    assert empty.status_code == 400 and "reason" in empty.text
    assert site.session("vic").post(f"/victims/persons/{reza[0]}/split", data={
        "csrf_token": csrf_of(site.session("vic"), "/victims"), "record": reza[3],
        "reason": "x"}).status_code == 403
    split = analyst.post(f"/victims/persons/{reza[0]}/split", data={
        "csrf_token": token, "record": reza[3], "reason": "FICTIONAL: a namesake"})
    assert split.status_code == 303
    shown = analyst.get(split.headers["location"]).text
    assert "Decision recorded" in shown and "takes effect at the next linkage run" in shown

    headers = site.token("ada")
    client = site.client()
    person = client.get(f"/api/v1/victims/persons/{reza[1]}", headers=headers).json()
    assert person["id"] == reza[0] and len(person["records"]) == 4
    assert [d["pending"] for d in person["decisions"]] == [True] * 3
    fields = person["pairs"][0]["fields"]
    assert set(fields) == {"name", "father_name", "birth_year", "death_date", "arrest_date",
                           "prison", "death_place", "sex"}
    lists = client.get("/api/v1/victims/lists", headers=headers).json()
    assert sorted(entry["name"] for entry in lists["lists"]) == ["A", "B", "C"]
    listed = client.get("/api/v1/victims/records", params={"list": "B", "limit": 2},
                        headers=headers).json()
    assert len(listed["records"]) == 2 and listed["more"] is True
    assert len(client.get("/api/v1/victims/decisions", headers=headers).json()
               ["decisions"]) == 3
    link.link(site.ws, ACTOR)
    merged = client.post(f"/api/v1/victims/persons/{reza[0]}/merge", headers=headers,
                         json={"other": reza[3], "reason": "FICTIONAL: after all"})
    assert merged.status_code == 201, merged.text
    again = client.post(f"/api/v1/victims/persons/{reza[0]}/merge", headers=headers,
                        json={"other": reza[1], "reason": "x"})
    assert again.status_code == 400 and "already one person" in again.text
    assert client.get("/api/v1/victims/persons/999999", headers=headers).status_code == 404

@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[int]]]:
    from tests.web.server import CHROMIUM, serving

    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (scripts/system-deps.sh)")
    home = tmp_path_factory.mktemp("person") / "ws"
    ws, _ = Workspace.init(home)
    accounts.add_user(ws, "ada", "analyst", "public", PASSWORD, "test")
    accounts.add_user(ws, "roya", "analyst", "public", PASSWORD, "test", language="fa")
    import_all(ws)
    link.link(ws, ACTOR)
    reza = _reza(ws)
    ws.close()
    with serving(home) as url:
        yield url, reza


@pytest.mark.browser
@pytest.mark.parametrize("name,lang", [("ada", "en"), ("roya", "fa")])
def test_person_page_in_chromium(server: tuple[str, list[int]], browser: Any, shots: Path,
                                 name: str, lang: str) -> None:
    url, reza = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto(url + "/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(url + "/")
    page.goto(f"{url}/victims/persons/{reza[1]}")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "fa" else "ltr")
    assert page.locator("#person-records thead th").count() == 5  # a label column + 4
    assert page.locator("#person-pairs tbody tr").count() == 6
    assert re.search(r"\d", page.locator("#person-pairs tbody tr").first.inner_text())
    page.screenshot(path=str(shots / f"{lang}-victim-person.png"), full_page=True)
    watch.check()
