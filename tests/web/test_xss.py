"""Hostile evidence: HTML written to attack the reader, and file names that are markup.
Nothing of it may run or load in the app's origin."""

from __future__ import annotations

import io

from gavah.pipelines.ingest import Options, ingest_stream
from tests.web.conftest import ACTOR, Site
from tests.web.xss_helpers import HOSTILE_HTML, HOSTILE_NAME

DANGEROUS = ("<script", "onerror=", "onload=", "onclick=", "javascript:", "evil.example",
             "<iframe src=\"http", "<img src=x", "<svg", "<object", "<form action")


def _ingest(site: Site) -> int:
    item, _ = ingest_stream(site.ws, io.BytesIO(HOSTILE_HTML), HOSTILE_NAME,
                            Options(source="<script>alert('source')</script>",
                                    tags=["<b>tag</b>"], note="\"><script>alert(2)</script>"),
                            ACTOR)
    return item


def _assert_inert(html: str) -> None:
    for needle in DANGEROUS:
        assert needle not in html, needle


def test_hostile_html_and_names_are_inert_everywhere(site: Site) -> None:
    item = _ingest(site)
    site.user("ann", "viewer", "public")
    browser = site.session("ann")
    for url in ("/", f"/items/{item}", "/search?q=hostile", "/search"):
        page = browser.get(url)
        assert page.status_code == 200
        body = page.text.split("<body", 1)[1]
        for needle in ("<script>alert", "<img src=x onerror", "<b>tag</b>"):
            assert needle not in body, (url, needle)
        assert "&lt;img src=x onerror=alert(1)&gt;.html" in body or url == "/search?q=x"

    preview = browser.get(f"/items/{item}/preview")
    assert preview.status_code == 200
    csp = preview.headers["content-security-policy"]
    assert "sandbox" in csp and "default-src 'none'" in csp and "script-src" not in csp
    body = preview.text.split("<body", 1)[1]
    _assert_inert(body)
    assert "Visible paragraph" in body and "دشت‌آباد" in body
    item_page = browser.get(f"/items/{item}").text
    assert '<iframe sandbox src="/items/' in item_page  # sandbox without allow-scripts
    assert "allow-scripts" not in item_page


def test_hostile_downloads_are_attachments(site: Site) -> None:
    item = _ingest(site)
    site.user("ann", "viewer", "public")
    download = site.session("ann").get(f"/items/{item}/original")
    assert download.headers["content-type"] == "application/octet-stream"
    disposition = download.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="_img src_x onerror_alert_1__.html"')
    assert "filename*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.html" in disposition
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.content == HOSTILE_HTML


def test_hostile_upload_names_through_the_form(site: Site) -> None:
    site.user("ivy", "investigator", "public")
    browser = site.session("ivy")
    from tests.web.conftest import csrf_of

    sent = browser.post("/upload", data={"csrf_token": csrf_of(browser, "/upload")},
                        files=[("files", ('"><svg onload=alert(1)>.txt', b"x", "text/plain")),
                               ("files", ("../../etc/passwd", b"y", "text/plain"))])
    assert sent.status_code == 200
    assert "<svg onload" not in sent.text and "&lt;svg onload=alert(1)&gt;.txt" in sent.text
    assert ">passwd</a>" in sent.text  # the name is its last part; the path is kept apart


HOSTILE_ENTITY = "<script>alert(1)</script>"
HOSTILE_QUOTE = ("FICTIONAL. The Northgate Coalition said that more than 300 <b>prisoners</b> "
                 "were executed.\n\"<img src=x onerror=alert(3)> <script>alert(2)</script> "
                 "sat on the commission,\" Sara Rahimi said.\n")


def test_hostile_names_and_quotes_in_the_claims_layer(site: Site) -> None:
    from gavah.pipelines import claims, entities, events, sources
    from gavah.pipelines.access import Viewer

    owner = Viewer(ACTOR)
    sources.add(site.ws, owner, "Northgate Coalition", "ngo", "independent")
    sources.add(site.ws, owner, "<svg onload=alert(4)>", "ngo", "party",
                aligned_with="<img src=x onerror=alert(5)>", grade="E",
                reason="<script>alert(6)</script>")
    hostile = entities.add(site.ws, owner, "Person", HOSTILE_ENTITY,
                           aliases=["\"><img src=x onerror=alert(7)>"])["id"]
    org = entities.add(site.ws, owner, "Organization", "<b onmouseover=alert(8)>Org</b>")["id"]
    entities.add_position(site.ws, owner, str(hostile), str(org), "<i>role</i>")
    item, _ = ingest_stream(site.ws, io.BytesIO(HOSTILE_QUOTE.encode()), "hostile.txt",
                            Options(source="Northgate Coalition"), ACTOR)
    found = claims.list_claims(site.ws, owner, item=str(item))
    assert any("<script>" in c["quote"] for c in found)
    event = events.add(site.ws, owner, "execution", "<script>alert(9)</script>",
                       perpetrators=[(str(hostile), "decided")],
                       claims=[(c["id"], "supports") for c in found])["id"]
    site.user("ann", "analyst", "public")
    browser = site.session("ann")
    urls = ["/claims", "/entities", "/sources", "/events", f"/entities/{hostile}",
            f"/events/{event}", f"/items/{item}", "/sources/2", f"/entities/{org}",
            *[f"/claims/{c['id']}" for c in found]]
    for url in urls:
        page = browser.get(url)
        assert page.status_code == 200, url
        body = page.text.split("<body", 1)[1]
        for needle in ("<script>alert", "<img src=x", "<svg onload", "<b onmouseover",
                       "<b>prisoners", "<i>role"):
            assert needle not in body, (url, needle)
    entity_page = browser.get(f"/entities/{hostile}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in entity_page
    assert "&#34;&gt;&lt;img src=x onerror=alert(7)&gt;" in entity_page
    item_page = browser.get(f"/items/{item}").text
    assert 'class="claim-span' in item_page and "&lt;script&gt;alert(2)" in item_page
    api = site.client().get(f"/api/v1/entities/{hostile}", headers=site.token("ann"))
    assert api.headers["content-type"] == "application/json"
