"""Disclosure packages from the web app and the API: an analyst downloads a case's zip;
what leaves is capped by the recipient and by the analyst's own clearance, nothing above
it is in any file of the package, the export is a custody entry, and the package
verifies on its own. Also the forms that open a case and charge a suspect. Every case
and document is FICTIONAL."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

from gavah.core.levels import LEVELS, allowed
from gavah.pipelines import cases
from gavah.pipelines.access import Viewer
from gavah.store.custody import iter_entries
from tests.web.conftest import ACTOR, MARKERS, Site, csrf_of

OWNER = Viewer(ACTOR)


def _case(site: Site) -> int:
    case = cases.create(site.ws, OWNER, "FICTIONAL: Dashtabad case")["id"]
    for level in LEVELS:
        cases.link(site.ws, OWNER, case, "cah-context.attack", "item",
                   str(site.items[level]), "supports")
    return case


def _files(body: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _exports(site: Site) -> list[dict]:  # type: ignore[type-arg]
    with site.ws.db.read() as session:
        return [{"actor": e.actor, **e.details} for e in iter_entries(session)
                if e.action == "exported"]


def test_api_export_access_matrix(site: Site, tmp_path: Path) -> None:
    case = _case(site)
    client = site.client()
    for role in ("viewer", "investigator"):
        site.user(role, role, "strictly-confidential")
        refused = client.post(f"/api/v1/cases/{case}/exports", json={"recipient": "court"},
                              headers=site.token(role))
        assert refused.status_code == 403, role
    for clearance in LEVELS:
        name = site.user(f"analyst-{clearance}", "analyst", clearance)
        response = client.post(f"/api/v1/cases/{case}/exports",
                               json={"recipient": "court", "lang": "fa"},
                               headers=site.token(name))
        assert response.status_code == 200, (clearance, response.text)
        assert response.headers["content-type"] == "application/zip"
        assert f"gavah-case-{case}-court.zip" in response.headers["content-disposition"]
        # court receives restricted at most, and never above the analyst's clearance
        level = "restricted" if allowed("restricted", clearance) else clearance
        assert response.headers["x-gavah-level"] == level
        files = _files(response.content)
        assert {"verify.py", "report.pdf", "exhibits.csv", "data/case.json"} <= set(files)
        for hidden in LEVELS:
            if not allowed(hidden, level):
                assert not any(MARKERS[hidden].encode() in body for body in files.values()), \
                    f"{clearance}: {hidden} leaked"
        sent = [MARKERS[x] for x in LEVELS if allowed(x, level)]
        assert all(any(m.encode() in body for body in files.values()) for m in sent)
        entry = _exports(site)[-1]
        assert entry["actor"] == f"user:{name}" or name in entry["actor"]
        assert entry["recipient"] == "court" and entry["level"] == level
        assert sorted(i for i, _ in entry["read_items"]) == sorted(
            site.items[x] for x in LEVELS if allowed(x, level))
        assert entry["tagmanifest_sha256"] == response.headers["x-gavah-tagmanifest-sha256"]
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        archive.extractall(folder)
    ran = subprocess.run([sys.executable, "-I", str(folder / "verify.py")],
                         capture_output=True, text=True)
    assert ran.returncode == 0, ran.stdout
    assert not list((site.ws.scratch / "exports").iterdir())  # nothing left behind


def test_api_export_is_bounded_and_checks_its_input(site: Site) -> None:
    case = _case(site)
    name = site.user("ana", "analyst", "strictly-confidential")
    client = site.client()
    site.app.state.settings.max_export_bytes = 10
    too_big = client.post(f"/api/v1/cases/{case}/exports", json={"recipient": "defence"},
                          headers=site.token(name))
    assert too_big.status_code == 400 and "more than the 10" in too_big.text
    site.app.state.settings.max_export_bytes = 1 << 30
    wrong = client.post(f"/api/v1/cases/{case}/exports", json={"recipient": "press"},
                        headers=site.token(name))
    assert wrong.status_code == 422
    missing = client.post("/api/v1/cases/999/exports", json={"recipient": "court"},
                          headers=site.token(name))
    assert missing.status_code == 404
    assert _exports(site) == []


def test_pages_open_a_case_charge_and_export(site: Site) -> None:
    from gavah.pipelines import entities

    entities.add(site.ws, OWNER, "Person", "Karim Farahani")
    site.user("ana", "analyst", "restricted")
    browser = site.session("ana")
    token = csrf_of(browser, "/cases")
    opened = browser.post("/cases", data={"title": "FICTIONAL: opened on the web",
                                          "framework": "rome-statute",
                                          "classification": "public", "csrf_token": token})
    assert opened.status_code == 303, opened.text
    page = opened.headers["location"]
    case = int(page.rsplit("/", 1)[1])
    token = csrf_of(browser, page)
    charged = browser.post(f"{page}/charge", data={
        "suspect": "Karim Farahani", "crime": "cah-murder", "mode": "ordering",
        "csrf_token": token})
    assert charged.status_code == 303, charged.text
    shown = cases.show(site.ws, OWNER, case)
    assert [(c["suspect_name"], c["crime"], c["mode"]) for c in shown["charges"]] == [
        ("Karim Farahani", "cah-murder", "ordering")]
    again = browser.post(f"{page}/charge", data={
        "suspect": "Karim Farahani", "crime": "cah-murder", "mode": "ordering",
        "csrf_token": token})
    assert again.status_code == 400 and "already charged" in again.text
    cases.link(site.ws, OWNER, case, "cah-murder.1", "item", str(site.items["public"]),
               "supports")
    download = browser.post(f"{page}/export", data={"recipient": "public", "lang": "en",
                                                    "csrf_token": token})
    assert download.status_code == 200, download.text[:500]
    files = _files(download.content)
    assert "Karim Farahani" in files["data/case.json"].decode()
    assert _exports(site)[-1]["recipient"] == "public"
    forged = browser.post(f"{page}/export", data={"recipient": "court"})
    assert forged.status_code == 403  # no CSRF token
    site.user("vera", "viewer", "restricted")
    viewer = site.session("vera")
    assert 'id="export-form"' not in viewer.get(page).text
    refused = viewer.post(f"{page}/export", data={"recipient": "court",
                                                  "csrf_token": csrf_of(viewer, page)})
    assert refused.status_code == 403
    assert len(_exports(site)) == 1
