"""End to end in Debian's Chromium: an analyst redacts a span of a FICTIONAL statement
from its item page (a word selected in the text, then a span typed by hand), sees the
redacted copy and what was hidden in English and in Persian; a viewer sees no form.
Screenshots go to $GAVAH_SCREENSHOTS (default: the test's temporary folder)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PIL import Image

from gavah.pipelines import accounts, redact
from gavah.pipelines.ingest import Options, ingest_stream
from tests.web.browsing import PASSWORD, Watch, sign_in_page
from tests.web.conftest import BrowserWorld
from tests.web.server import serving

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")

SECRET = "QzNilaVaresh"  # FICTIONAL: the name to hide
# Windows line ends: the page shows each CR LF as one character, the stored text has two.
STATEMENT = (f"FICTIONAL witness statement.\r\nThe witness {SECRET} now lives in Eastbrook."
             "\r\nShe saw the fictional guards at Dashtabad.\r\n")


def _photo() -> bytes:
    """A FICTIONAL photograph: grey, a red square where a face would be."""
    img = Image.new("RGB", (320, 200), (180, 190, 200))
    img.paste((200, 0, 0), (120, 50, 200, 130))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.fixture(scope="module")
def server(browser_world: Callable[[str, str], BrowserWorld]
           ) -> Iterator[tuple[str, dict[str, int]]]:
    world = browser_world("browser-redact", "viewer")
    ws, owner = world.ws, world.owner
    accounts.add_user(ws, "reza", "analyst", "restricted", PASSWORD, "test", language="fa")
    ids = {}
    ids["text"], _ = ingest_stream(ws, io.BytesIO(STATEMENT.encode()), "statement.txt",
                                   Options(source="Northgate Coalition",
                                           classification="restricted"), "test")
    ids["photo"], _ = ingest_stream(ws, io.BytesIO(_photo()), "photo.jpg",
                                    Options(classification="restricted"), "test")
    redact.redact(ws, owner, str(ids["photo"]), [], [(110, 40, 100, 100)],
                  "FICTIONAL: a face")
    ws.close()
    with serving(world.home) as url:
        yield url, ids


def _select_word(page: Any, word: str) -> None:
    """Double-click the word in the extracted text, as a reader selects it."""
    box = page.evaluate("""word => {
        const text = document.querySelector("[data-redact-text]");
        const walk = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
        for (let node = walk.nextNode(); node; node = walk.nextNode()) {
            const at = node.data.indexOf(word);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at); range.setEnd(node, at + word.length);
            range.startContainer.parentElement.scrollIntoView({block: "center"});
            const r = range.getBoundingClientRect();
            return {x: r.x + r.width / 2, y: r.y + r.height / 2};
        }
        return null;
    }""", word)
    assert box is not None
    page.mouse.dblclick(box["x"], box["y"])


def test_analyst_redacts_a_selected_span(server: tuple[str, dict[str, int]], browser: Any,
                                         shots: Any) -> None:
    url, ids = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    sign_in_page(page, url, "ana")
    page.goto(f"{url}/items/{ids['text']}")
    shown = STATEMENT.replace("\r\n", "\n")
    start = shown.index(SECRET)
    _select_word(page, SECRET)
    assert page.input_value("#redact-spans") == f"{start}:{start + len(SECRET)}"
    page.fill("#redact-reason", "FICTIONAL: the witness's name")
    page.click("#redact-form button[type=submit]")
    page.wait_for_url(f"{url}/items/{ids['text']}#*")
    copy = page.locator(".redacted-copy .evidence-text").first.inner_text()
    # The mark covers the name exactly (the CR LF before it counted as in the file).
    assert f"The witness {'█' * len(SECRET)} now lives in Eastbrook." in copy
    assert SECRET not in copy and "FICTIONAL witness statement." in copy
    row = page.locator("table.redactions tbody tr").first.inner_text()
    assert "1 span of the text hidden (characters hidden: 12)" in row
    assert "FICTIONAL: the witness's name" in row
    page.screenshot(path=str(shots / "en-item-redacted.png"), full_page=True)
    photo = f"{url}/items/{ids['photo']}"
    page.goto(photo)
    image = page.locator(".redacted-copy img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.redacted-copy img').complete")
    assert image.evaluate("e => e.naturalWidth") == 320
    assert "1 rectangle of the picture blacked out" in page.locator(
        "table.redactions").inner_text()
    # A rectangle dragged across the preview (shown at its size: 320 x 200 pixels)
    preview = page.locator(".preview img[data-redact-size]")
    preview.scroll_into_view_if_needed()
    assert preview.evaluate("e => [e.clientWidth, e.clientHeight]") == [320, 200]
    box = preview.bounding_box()
    assert box is not None
    left, top = box["x"] + 1, box["y"] + 1  # inside its 1 pixel border
    page.mouse.move(left + 10, top + 10)
    page.mouse.down()
    page.mouse.move(left + 40, top + 30, steps=4)
    page.mouse.move(left + 60, top + 50, steps=4)
    page.mouse.up()
    assert page.input_value("#redact-regions") == "10,10,50,40"
    assert page.locator(".redact-box").count() == 1
    page.fill("#redact-reason", "FICTIONAL: a badge")
    page.click("#redact-form button[type=submit]")
    page.wait_for_url(f"{photo}#*")
    # The new copy blacks out both rectangles: the face of the first copy and the badge.
    assert "2 rectangles of the picture blacked out" in page.locator(
        "table.redactions tbody tr").last.inner_text()
    page.screenshot(path=str(shots / "en-photo-redacted.png"), full_page=True)
    watch.check()
    page.close()


def test_persian_analyst_types_a_span(server: tuple[str, dict[str, int]], browser: Any,
                                      shots: Any) -> None:
    url, ids = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    sign_in_page(page, url, "reza")
    page.goto(f"{url}/items/{ids['text']}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#redact-spans", "0:9")  # "FICTIONAL", typed by hand
    page.fill("#redact-reason", "آزمایشی: نمونه")
    page.click("#redact-form button[type=submit]")
    page.wait_for_url(f"{url}/items/{ids['text']}#*")
    copy = page.locator(".redacted-copy .evidence-text").first.inner_text()
    # It also hides what the first copy hid: only the latest goes into packages.
    assert copy.startswith("█" * 9 + " witness statement.") and SECRET not in copy
    table = page.locator("table.redactions").inner_text()
    assert "span" not in table and "۲ بازه از متن پوشانده شد" in table
    assert "متن پوشانده" in table  # the copy's label
    page.screenshot(path=str(shots / "fa-item-redacted.png"), full_page=True)
    page.goto(f"{url}/items/{ids['photo']}")
    assert "مستطیل" in page.locator("table.redactions").inner_text()
    page.screenshot(path=str(shots / "fa-photo-redacted.png"), full_page=True)
    watch.check()
    page.close()


def test_persian_analyst_reads_the_form_error_in_persian(
        server: tuple[str, dict[str, int]], browser: Any, shots: Any) -> None:
    url, ids = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    sign_in_page(page, url, "reza")
    page.goto(f"{url}/items/{ids['text']}")
    page.fill("#redact-spans", "9:5")  # the end before the start
    page.fill("#redact-reason", "آزمایشی: نمونه")
    page.click("#redact-form button[type=submit]")
    error = page.locator("#redact-form .flash.error")
    error.wait_for()
    shown = error.inner_text()
    assert "به شکل آغاز:پایان" in shown and "«9:5»" in shown, shown
    assert "START smaller" not in shown and "--span" not in shown
    assert page.input_value("#redact-spans") == "9:5"  # the form as it was filled
    error.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "fa-item-form-error.png"))
    watch.check()
    page.close()


def test_viewer_sees_no_form(server: tuple[str, dict[str, int]], browser: Any) -> None:
    url, ids = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in_page(page, url, "pari")
    page.goto(f"{url}/items/{ids['text']}")
    assert "Eastbrook" in page.locator(".evidence-text").first.inner_text()
    assert page.locator("#redact-form").count() == 0
    assert page.locator("[data-redact-text]").count() == 0
    page.close()
