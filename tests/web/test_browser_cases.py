"""End to end in Debian's Chromium: an analyst opens a FICTIONAL case, reads its element
matrix, opens a cell (the supporting evidence with its originators, and beside it what
undermines it) and the gap list — in English and in Persian. Screenshots go to
$GAVAH_SCREENSHOTS (default: the test's temporary folder)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from gavah.pipelines import accounts, cases, claims, entities, sources
from gavah.pipelines.ingest import Options, ingest_stream
from tests.web.browsing import PASSWORD, Watch, sign_in_page
from tests.web.conftest import BrowserWorld
from tests.web.server import serving

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")

TEXTS = {
    "Northgate Coalition": "FICTIONAL report. The Northgate Coalition said that more than "
                           "3,000 prisoners were executed at Dashtabad Prison in 1988.\n",
    "Unity Front": "FICTIONAL statement. The Unity Front reported that more than 30,000 "
                   "political prisoners were executed in 1988.\n",
    "State Herald": "FICTIONAL article. The State Herald wrote that only 200 prisoners were "
                    "executed in 1988.\n",
}


@pytest.fixture(scope="module")
def server(browser_world: Callable[[str, str], BrowserWorld]
           ) -> Iterator[tuple[str, int, dict[str, str]]]:
    world = browser_world("browser-cases", "viewer")
    ws, owner = world.ws, world.owner
    accounts.add_user(ws, "reza", "analyst", "restricted", PASSWORD, "test", language="fa")
    sources.add(ws, owner, "Unity Front", "opposition-group", "party",
                aligned_with="Unity Front")
    sources.add(ws, owner, "State Herald", "state-media", "state")
    entities.add(ws, owner, "Person", "Karim Farahani", aliases=["کریم فراهانی"])
    figures = {}
    for name, text in TEXTS.items():
        item, _ = ingest_stream(ws, io.BytesIO(text.encode()), f"{name}.txt",
                                Options(source=name), "test")
        figures[name] = next(c for c in claims.list_claims(ws, owner, item=str(item))
                             if c["kind"] == "figure")["id"]
    case = cases.create(ws, owner, "FICTIONAL: the Dashtabad case")["id"]
    cases.charge(ws, owner, case, "Karim Farahani", "cah-murder", "ordering")
    cases.link(ws, owner, case, "cah-murder.1", "claim", figures["Northgate Coalition"],
               "supports", note="FICTIONAL: the Coalition's count")
    cases.link(ws, owner, case, "cah-murder.1", "claim", figures["Unity Front"], "supports")
    cases.link(ws, owner, case, "cah-murder.1", "claim", figures["State Herald"],
               "undermines", note="FICTIONAL: the state's own figure")
    cases.link(ws, owner, case, "cah-context.attack", "claim", figures["Unity Front"],
               "supports")
    ws.close()
    with serving(world.home) as url:
        yield url, case, figures


@pytest.mark.parametrize("name,lang", [("ana", "en"), ("pari", "fa")])
def test_case_page_and_matrix(server: tuple[str, int, dict[str, str]], browser: Any,
                              shots: Any, name: str, lang: str) -> None:
    url, case, figures = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    sign_in_page(page, url, name)
    page.click("nav a[href='/cases']")
    page.wait_for_url(url + "/cases")
    page.click(f"a[href='/cases/{case}']")
    page.wait_for_url(f"{url}/cases/{case}")
    assert page.locator("html").get_attribute("dir") == ("ltr" if lang == "en" else "rtl")
    rows = page.locator("table.matrix tbody tr")
    assert rows.count() == 5  # 2 contextual elements, 1 of murder, 2 of ordering
    murder = page.locator("td.cell a[data-element='cah-murder.1']")
    assert murder.locator("strong").inner_text() == ("2" if lang == "en" else "۲")
    assert page.locator("td.cell.undermined").count() == 1
    assert page.locator("td.cell.empty").count() == 3
    murder.click()  # htmx swaps the cell's evidence in and pushes the address
    page.wait_for_url("**element=cah-murder.1**")
    supporting = page.locator("#cell .side.supports li.evidence")
    undermining = page.locator("#cell .side.undermines li.evidence")
    supporting.first.wait_for()
    assert supporting.count() == 2
    assert "Northgate Coalition" in page.locator("#cell .side.supports").inner_text()
    assert "State Herald" in page.locator("#cell .side.undermines").inner_text()
    assert undermining.count() >= 1
    side = page.locator("#cell .side.undermines")
    assert side.evaluate("e => getComputedStyle(e).direction") == ("ltr" if lang == "en"
                                                                   else "rtl")
    _second_cell(page, watch)
    page.screenshot(path=str(shots / f"{lang}-case-matrix.png"), full_page=True)
    if name == "pari":  # a viewer reads the case but may not change it
        assert page.locator("#link-form").count() == 0
        assert page.locator("form.unlink-form").count() == 0
    else:
        _link_and_unlink(page, url, case, figures["Northgate Coalition"])
    page.goto(f"{url}/cases/{case}/gaps")
    assert page.locator("tr.gap-one-party").count() == 1
    assert page.locator("tr.gap-contradicting-figures").count() >= 1
    gaps = page.locator("table.gaps").inner_text()
    assert ("defence" in gaps) if lang == "en" else ("دفاع" in gaps)
    page.screenshot(path=str(shots / f"{lang}-case-gaps.png"), full_page=True)
    watch.check()
    page.close()


def _second_cell(page: Any, watch: Watch) -> None:
    """Opening a second cell, then the first again, swaps each one's evidence in; going
    back shows the cell before. Nothing breaks the Content-Security-Policy: htmx copied
    the style attribute a browser gives a resized text box onto the swapped-in copy
    (its settling of attributes) and copied the page for its history, both refused by
    the policy. It settles no style now and keeps no copy of the page (which may hold
    protected material: no place for it in the browser's storage); going back reloads."""
    # A reader who resized the note's text box: the browser gives it a style attribute.
    page.evaluate("() => document.querySelectorAll('textarea').forEach(e => "
                  "e.style.height = '7em')")
    page.locator("td.cell a[data-element='cah-context.attack']").click()
    page.wait_for_url("**element=cah-context.attack**")
    page.locator("#cell h2").filter(has_text="attack").wait_for()
    assert "Unity Front" in page.locator("#cell .side.supports").inner_text()
    assert page.locator("#cell .side.supports li.evidence").count() == 1
    page.locator("td.cell a[data-element='cah-murder.1']").click()
    page.wait_for_url("**element=cah-murder.1**")
    page.locator("#cell h2").filter(has_text="killed").wait_for()
    assert page.locator("#cell .side.supports li.evidence").count() == 2
    assert page.evaluate("() => sessionStorage.getItem('htmx-history-cache')") is None
    page.go_back()
    page.wait_for_url("**element=cah-context.attack**")
    page.locator("#cell h2").filter(has_text="attack").wait_for()
    page.wait_for_timeout(500)  # a violation is reported asynchronously
    watch.check()


def _link_and_unlink(page: Any, url: str, case: int, claim: str) -> None:
    """An analyst links a claim to an empty cell from its panel, then unlinks it."""
    suspect = page.locator("td.cell a[data-element='ordering.act']").get_attribute(
        "data-suspect")
    page.goto(f"{url}/cases/{case}?element=ordering.act&suspect={suspect}")
    page.select_option("#link-target", "claim")
    page.fill("#link-target-id", claim)
    page.fill("#link-note", "FICTIONAL: the Coalition names who ordered it")
    page.click("#link-form button.primary")
    page.wait_for_url("**element=ordering.act**")
    cell = page.locator("td.cell a[data-element='ordering.act'] strong")
    assert cell.inner_text() == "1"
    assert "the Coalition names" in page.locator("#cell .side.supports").inner_text()
    page.locator("#cell .side.supports form.unlink-form button").click()
    page.wait_for_url("**element=ordering.act**")
    assert page.locator("td.cell a[data-element='ordering.act'] strong").inner_text() == "0"


@pytest.mark.parametrize("name,lang", [("ana", "en"), ("reza", "fa")])
def test_open_charge_and_export(server: tuple[str, int, dict[str, str]], browser: Any,
                                shots: Any, tmp_path: Any, name: str, lang: str) -> None:
    """An analyst opens a case and charges a suspect from the forms, then downloads the
    case's disclosure package, which verifies on its own."""
    import subprocess
    import sys
    import zipfile

    url, case, _ = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    sign_in_page(page, url, name)
    page.goto(url + "/cases")
    page.fill("#case-title", f"FICTIONAL: opened by {name}")
    page.select_option("#case-classification", "public")
    page.click("#case-form button.primary")
    page.wait_for_url(f"{url}/cases/*")
    assert f"opened by {name}" in page.locator("h1").inner_text()
    page.fill("#charge-suspect", "Karim Farahani")
    page.select_option("#charge-crime", "cah-murder")
    page.select_option("#charge-mode", "ordering")
    page.click("#charge-form button.primary")
    page.wait_for_load_state()
    assert page.locator("table.matrix tbody tr").count() == 5
    page.goto(f"{url}/cases/{case}")
    form = page.locator("#export-form")
    assert form.evaluate("e => getComputedStyle(e).direction") == ("ltr" if lang == "en"
                                                                   else "rtl")
    page.select_option("#export-recipient", "defence")
    page.select_option("#export-lang", lang)
    form.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"{lang}-case-export.png"), full_page=True)
    with page.expect_download() as started:
        page.click("#export-form button.primary")
    download = started.value
    assert download.suggested_filename == f"gavah-case-{case}-defence.zip"
    target = tmp_path / "package.zip"
    download.save_as(str(target))
    with zipfile.ZipFile(target) as archive:
        archive.extractall(tmp_path / "package")
    ran = subprocess.run([sys.executable, "-I", str(tmp_path / "package" / "verify.py")],
                         capture_output=True, text=True)
    assert ran.returncode == 0, ran.stdout
    watch.check()
    page.close()
