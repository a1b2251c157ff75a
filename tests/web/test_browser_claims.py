"""End to end in Debian's Chromium: an analyst opens a claim from its span in the
evidence text, confirms it, and walks an entity's page (names in both scripts, the
network picture, the timeline) — in English and in Persian. Screenshots go to
$GAVAH_SCREENSHOTS (default: the test's temporary folder)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from gavah.pipelines import entities, events
from gavah.pipelines.ingest import Options, ingest_stream
from tests.web.browsing import Watch, sign_in_page
from tests.web.conftest import BrowserWorld
from tests.web.server import serving

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")

ENGLISH = ("FICTIONAL report. The Northgate Coalition said that more than 3,000 prisoners "
           "were executed at Dashtabad Prison in 1988.\n\"Karim Farahani sat on the "
           "commission,\" Northgate Coalition director Sara Rahimi said.\n")
PERSIAN = ("گزارش ساختگی.\nسارا رحیمی، مدیر ائتلاف نورث‌گیت، گفت: «بیش از ۲۰۰ نفر در زندان "
           "دشت‌آباد اعدام شدند و کریم فراهانی عضو کمیسیون بود.»\n")


@pytest.fixture(scope="module")
def server(browser_world: Callable[[str, str], BrowserWorld]
           ) -> Iterator[tuple[str, dict[str, int]]]:
    world = browser_world("browser-claims", "analyst")
    ws, owner = world.ws, world.owner
    person = entities.add(ws, owner, "Person", "Karim Farahani",
                          aliases=["کریم فراهانی", "Karim Farahany"])["id"]
    org = entities.add(ws, owner, "Organization", "Arvand Prosecutor's Office",
                       aliases=["دادسرای اروند"])["id"]
    place = entities.add(ws, owner, "Place", "Dashtabad Prison",
                         aliases=["زندان دشت‌آباد"])["id"]
    entities.add_position(ws, owner, str(person), str(org), "deputy prosecutor",
                          start="1365", end="1369")
    ids = {"person": person, "place": place}
    for name, text, level in (("report-en.txt", ENGLISH, "public"),
                              ("report-fa.txt", PERSIAN, "restricted")):
        ids[name], _ = ingest_stream(ws, io.BytesIO(text.encode()), name,
                                     Options(source="Northgate Coalition",
                                             classification=level), "test")
    from gavah.pipelines import claims
    figures = claims.list_claims(ws, owner, kind="figure")
    ids["event"] = events.add(ws, owner, "execution", "Executions at Dashtabad, 1988",
                              date="summer 1988", place=str(place),
                              perpetrators=[(str(person), "decided")],
                              claims=[(c["id"], "supports") for c in figures])["id"]
    ws.close()
    with serving(world.home) as url:
        yield url, ids


@pytest.mark.parametrize("name,lang", [("ana", "en"), ("pari", "fa")])
def test_confirm_a_claim_from_its_span(server: tuple[str, dict[str, int]], browser: Any,
                                       shots: Any, name: str, lang: str) -> None:
    url, ids = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    sign_in_page(page, url, name)
    assert page.locator("html").get_attribute("lang") == lang
    item = ids["report-en.txt" if lang == "en" else "report-fa.txt"]
    page.goto(f"{url}/items/{item}")
    span = page.locator("a.claim-span.kind-figure").first
    span.click()
    page.wait_for_url("**/claims/c*")
    assert page.locator("#corroboration").count() == 1
    assert page.locator("table.figures tbody tr").count() >= 1
    page.select_option("#confirm-credibility", "2")
    page.fill("#confirm-reason", "FICTIONAL: read against the text")
    page.click("#confirm-form button.primary")
    page.wait_for_url("**done=confirm")
    flash = page.locator("p.flash").inner_text()
    assert ("Confirmed" in flash) if lang == "en" else ("تأیید شد" in flash)
    assert page.locator("h1 .st-confirmed").count() == 1
    quote = page.locator("blockquote.claim-quote")
    assert quote.evaluate("e => getComputedStyle(e).direction") == ("ltr" if lang == "en"
                                                                    else "rtl")
    page.screenshot(path=str(shots / f"{lang}-claim-confirmed.png"), full_page=True)

    page.fill("#reject-reason", "")
    page.click("#reject-form button.danger")  # the reason is required: nothing is sent
    assert "done=confirm" in page.url
    watch.check()
    page.close()


@pytest.mark.parametrize("name,lang", [("ana", "en"), ("pari", "fa")])
def test_entity_page(server: tuple[str, dict[str, int]], browser: Any, shots: Any,
                     name: str, lang: str) -> None:
    url, ids = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    sign_in_page(page, url, name)
    page.goto(f"{url}/entities/{ids['person']}")
    alias = page.locator("td.name", has_text="کریم فراهانی")
    assert alias.evaluate("e => getComputedStyle(e).direction") == "rtl"
    latin = page.locator("td.name", has_text="Karim Farahany")
    assert latin.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.locator("svg.graph a.node").count() >= 3  # person, office, event, place
    assert page.locator("svg.timeline-chart rect.bar").count() == 1
    page.screenshot(path=str(shots / f"{lang}-entity.png"), full_page=True)
    page.locator("svg.graph a.node-event").first.click()
    page.wait_for_url(f"**/events/{ids['event']}")
    assert page.locator("#corroboration").count() == 1
    page.screenshot(path=str(shots / f"{lang}-event.png"), full_page=True)
    watch.check()
    page.close()
