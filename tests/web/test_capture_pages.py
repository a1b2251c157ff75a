"""The capture form and a capture's item page, end to end in Debian's Chromium against a
real server that captures a FICTIONAL site on 127.0.0.1 (the workspace's setting allows
private addresses, as an intranet's would). Screenshots go to $GAVAH_SCREENSHOTS."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from gavah.pipelines import accounts
from gavah.store.workspace import Workspace
from tests.pipelines.capture_site import DELAYED, Site, loopback_only
from tests.pipelines.capture_site import serving as site_serving
from tests.web.server import CHROMIUM, CHROMIUM_ARGS, serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]
playwright = pytest.importorskip("playwright.sync_api")
PASSWORD = "capture test password"


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Site]]:
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (scripts/system-deps.sh)")
    home = tmp_path_factory.mktemp("capture-web") / "ws"
    ws, _ = Workspace.init(home)
    accounts.add_user(ws, "sara", "investigator", "restricted", PASSWORD, "test")
    ws.close()
    loopback_only(home, allow_private=True)
    with site_serving() as site, serving(home) as url:
        yield url, site


def test_capture_form_progress_item_page_and_replay(setup: tuple[str, Site],
                                                   tmp_path: Path) -> None:
    url, site = setup
    shots = Path(os.environ.get("GAVAH_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + "/")
        page.fill("#name", "sara")
        page.fill("#password", PASSWORD)
        page.click("button.primary")
        page.wait_for_url(url + "/")
        page.goto(url + "/capture")
        page.fill("#urls", f"{site.url}/\n{site.url}/missing")
        page.fill("#source", "FICTIONAL test site")
        page.select_option("#classification", "restricted")
        page.click("#capture-form button[type=submit]")
        page.wait_for_selector("text=Done.", timeout=120_000)
        page.screenshot(path=str(shots / "capture-progress.png"), full_page=True)
        rows = page.locator("#capture-rows li").all_text_contents()
        assert any("HTTP 404" in row and "failed" in row for row in rows), rows
        page.click(f"#capture-rows a[href^='/items/']:text('{site.url}/')")
        page.wait_for_selector("text=Web capture")
        shot = page.locator("img.capture-shot")
        shot.scroll_into_view_if_needed()
        for _ in range(100):  # the page's CSP forbids wait_for_function's eval
            if shot.evaluate("i => i.naturalWidth") > 100:
                break
            page.wait_for_timeout(200)
        assert shot.evaluate("i => i.naturalWidth") > 100
        page.locator("iframe.replay").scroll_into_view_if_needed()
        replay = page.frame_locator("iframe.replay")
        assert DELAYED in replay.locator("body").inner_text(timeout=20_000)
        # The replay's pictures are embedded, re-encoded: nothing is fetched.
        assert replay.locator("img").first.get_attribute("src").startswith("data:image/png")
        page.screenshot(path=str(shots / "capture-item.png"), full_page=True)
        assert "captures of this address" in page.content().lower()
        browser.close()
