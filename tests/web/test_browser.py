"""End to end in Debian's Chromium against a real server: sign in, upload, search, item
page (with hostile HTML that must not run), in English and in Persian. Screenshots of
each page go to $GAVAH_SCREENSHOTS (default: the test's temporary folder)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gavah.pipelines import accounts
from gavah.pipelines.ingest import Options, ingest_stream
from gavah.store.workspace import Workspace
from tests.web.browsing import PASSWORD, Watch, sign_in_page
from tests.web.server import CHROMIUM, serving
from tests.web.xss_helpers import HOSTILE_HTML, HOSTILE_NAME

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Workspace]]:
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (scripts/system-deps.sh)")
    home = tmp_path_factory.mktemp("browser") / "ws"
    ws, _ = Workspace.init(home)
    accounts.add_user(ws, "dina", "investigator", "confidential", PASSWORD, "test")
    accounts.add_user(ws, "reza", "analyst", "restricted", PASSWORD, "test", language="fa")
    ingest_stream(ws, io.BytesIO(HOSTILE_HTML), HOSTILE_NAME, Options(source="hostile"), "test")
    for name, text, level in (
            ("report-en.txt", "FICTIONAL report: the Dashtabad prison commission met in 1988.",
             "public"),
            ("report-fa.txt", "گزارش ساختگی: کمیسیون زندان دشت‌آباد در سال ۱۳۶۷ تشکیل شد.\n"
             "FICTIONAL Persian text with English inside.", "restricted")):
        ingest_stream(ws, io.BytesIO(text.encode()), name,
                      Options(source="Documenter B", tags=["dashtabad"],
                              classification=level), "test")
    ws.close()
    with serving(home) as url:
        yield url, Workspace.open(home)


def test_english_sign_in_upload_search_item(server: tuple[str, Workspace], browser: Any,
                                            shots: Path, tmp_path: Path) -> None:
    url, _ws = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto(url + "/login")
    page.screenshot(path=str(shots / "en-login.png"))
    sign_in_page(page, url, "dina", path="/")
    assert page.locator("h1").inner_text() == "Dashboard"
    page.screenshot(path=str(shots / "en-dashboard.png"), full_page=True)

    files = [tmp_path / "upload-one.txt", tmp_path / "upload-two.txt"]
    files[0].write_text("FICTIONAL upload one: Northgate witness list.")
    files[1].write_text("FICTIONAL upload two: Northgate burial site.")
    page.click("text=Upload")
    page.set_input_files("#files", [str(f) for f in files])
    page.fill("#source", "Browser test")
    page.fill("#tags", "northgate, e2e")
    page.select_option("#classification", "restricted")
    page.click("#upload-form button.primary")
    page.wait_for_selector("#upload-result li >> nth=1")
    assert page.locator("#upload-result li").count() == 2
    assert page.locator("#upload-progress").evaluate("e => e.value") == 100
    page.screenshot(path=str(shots / "en-upload.png"), full_page=True)

    page.click("nav >> text=Search")
    page.fill("input[name=q]", "northgate")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector(".hit mark")
    assert page.locator(".hit").count() == 2
    page.check("input[name=tag][value=e2e]")
    page.wait_for_url("**tag=e2e**")
    page.screenshot(path=str(shots / "en-search.png"), full_page=True)

    page.goto(url + "/search?q=hostile")
    page.click(".hit h3 a")
    page.wait_for_selector("iframe[sandbox]")
    frame = page.frame_locator("iframe[sandbox]")
    assert "Visible paragraph" in frame.locator("body").inner_text()
    assert page.locator("h1").inner_text() == HOSTILE_NAME
    page.screenshot(path=str(shots / "en-item-hostile.png"), full_page=True)
    watch.check()
    page.close()


def test_persian_interface(server: tuple[str, Workspace], browser: Any, shots: Path) -> None:
    url, _ws = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto(url + "/login")
    page.click("button[value=fa]")
    page.wait_for_selector("html[dir=rtl]")
    assert page.locator("h1").inner_text() == "ورود"
    page.screenshot(path=str(shots / "fa-login.png"))
    sign_in_page(page, url, "reza", path="/")  # reza's own preference is Persian too
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "پیشخوان"
    page.screenshot(path=str(shots / "fa-dashboard.png"), full_page=True)

    page.goto(url + "/search?q=" + "دشت آباد")
    page.wait_for_selector(".hit mark")
    snippet = page.locator(".snippet").first
    assert snippet.get_attribute("dir") == "rtl"
    assert snippet.evaluate("e => getComputedStyle(e).direction") == "rtl"
    page.screenshot(path=str(shots / "fa-search.png"), full_page=True)

    page.click(".hit h3 a")
    page.wait_for_selector(".evidence-text")
    text = page.locator(".evidence-text")
    assert text.get_attribute("dir") == "rtl" and "کمیسیون" in text.inner_text()
    font = text.evaluate("e => getComputedStyle(e).fontFamily")
    assert "Vazirmatn" in font
    page.screenshot(path=str(shots / "fa-item.png"), full_page=True)

    page.goto(url + "/upload")
    assert page.locator("h1").inner_text() == "بارگذاری شواهد"
    page.screenshot(path=str(shots / "fa-upload.png"), full_page=True)
    watch.check()
    page.close()
