"""Pages: sign-in and its limits, CSRF, security headers, languages, dashboard, search,
item page, upload."""

from __future__ import annotations

import io
import re

import pytest

from gavah.core.levels import LEVELS
from gavah.pipelines import accounts
from gavah.pipelines.ingest import Options, ingest_stream
from gavah.web import security
from tests.web.conftest import MARKERS, Site, csrf_of, sign_in


def test_sign_in_out_and_safe_redirects(site: Site) -> None:
    site.user("ann", "viewer", "public")
    client = site.client()
    assert client.get("/").headers["location"] == "/login?next=%2F"
    refused = sign_in(client, "ann", "wrong password!")
    assert refused.status_code == 401 and "Wrong user name or password" in refused.text
    assert sign_in(client, "nobody").status_code == 401
    done = sign_in(client, "ann", next_path="//evil.example/x")
    assert done.status_code == 303 and done.headers["location"] == "/"
    cookie = next(c for c in done.headers.get_list("set-cookie")
                  if c.startswith(security.SESSION_COOKIE))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert client.get("/").status_code == 200
    assert client.post("/logout", data={"csrf_token": csrf_of(client, "/")}).status_code == 303
    assert client.get("/").status_code == 303
    assert sign_in(client, "ann", next_path="/search?q=x").headers["location"] == "/search?q=x"


def test_sign_in_is_rate_limited(site: Site) -> None:
    site.user("ann", "viewer", "public")
    client = site.client()
    for _ in range(accounts.MAX_FAILURES_PER_NAME):
        assert sign_in(client, "ann", "not the password").status_code == 401
    limited = sign_in(client, "ann")  # even the right password, until the window passes
    assert limited.status_code == 429 and "Too many" in limited.text


def test_disabled_user_loses_the_session(site: Site) -> None:
    site.user("ann", "viewer", "public")
    browser = site.session("ann")
    assert browser.get("/").status_code == 200
    accounts.set_disabled(site.ws, "ann", True, "test")
    assert browser.get("/").status_code == 303
    assert sign_in(site.client(), "ann").status_code == 401


def test_forms_need_the_csrf_token(site: Site) -> None:
    site.user("ann", "investigator", "public")
    client = site.client()
    csrf_of(client)
    no_token = client.post("/login", data={"name": "ann", "password": "x" * 10})
    assert no_token.status_code == 403
    browser = site.session("ann")
    token = csrf_of(browser, "/")
    files = {"files": ("a.txt", b"FICTIONAL", "text/plain")}
    assert browser.post("/upload", files=files, data={"csrf_token": "0" * 64}).status_code == 403
    assert browser.post("/upload", files=files, data={"csrf_token": token},
                        headers={"Origin": "https://evil.example"}).status_code == 403
    assert browser.post("/upload", files=files, data={"csrf_token": token}).status_code == 200
    assert browser.post("/logout").status_code == 403


def test_security_headers(site: Site) -> None:
    page = site.client().get("/login")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "DENY"
    assert "<script>" not in page.text and " on" + "click=" not in page.text
    docs = site.client().get("/docs")
    assert "img-src 'self' data:" in docs.headers["content-security-policy"]
    assert "script-src 'self'" in docs.headers["content-security-policy"]
    assert "<script>" not in docs.text  # Swagger UI starts from /static/swagger-init.js
    https = site.client()
    https.base_url = https.base_url.copy_with(scheme="https")
    assert "Secure" in https.get("/login").headers["set-cookie"]


def test_language_switch_signed_out_and_per_user(site: Site) -> None:
    client = site.client()
    token = csrf_of(client)
    switched = client.post("/language", data={"lang": "fa", "next": "/login",
                                              "csrf_token": token})
    assert switched.status_code == 303
    persian = client.get("/login")
    assert '<html lang="fa" dir="rtl">' in persian.text and "ورود" in persian.text
    assert client.get("/login", headers={"Accept-Language": "fa-IR"}).text.count("ورود") > 0

    site.user("ann", "viewer", "public", language="fa")
    browser = site.session("ann")
    page = browser.get("/")
    assert 'dir="rtl"' in page.text and "پیشخوان" in page.text
    browser.post("/language", data={"lang": "en", "csrf_token": csrf_of(browser, "/")})
    assert accounts.get(site.ws, "ann").language == "en"
    assert "Dashboard" in browser.get("/").text


def test_dashboard_names_no_protected_item(site: Site) -> None:
    site.user("ada", "admin", "strictly-confidential")
    page = site.session("ada").get("/").text
    assert "Items you may see" in page and "user added" in page
    assert f"register-{MARKERS['public']}.txt" in page
    for level in LEVELS[1:]:
        assert MARKERS[level] not in page  # shown as "item N" with its level only
    assert "Never verified" in page


def test_search_page_highlights_and_facets(site: Site) -> None:
    site.user("ann", "analyst", "confidential")
    browser = site.session("ann")
    page = browser.get("/search", params={"q": "دشت آباد"}).text
    assert page.count('class="hit"') == 3
    assert re.search(r"<mark>دشت\u200cآباد</mark>", page)
    assert 'dir="rtl"' in page  # the Persian snippet's line is right-to-left
    filtered = browser.get("/search", params={"q": "dashtabad", "classification": "public"})
    assert filtered.text.count('class="hit"') == 1
    assert 'value="public" checked' in filtered.text


def test_search_page_says_at_least_when_capped(site: Site,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from gavah.store import search as index

    monkeypatch.setattr(index, "CANDIDATES", 2)  # 3 readable matches: more than ranked
    site.user("ann", "analyst", "confidential")
    page = site.session("ann").get("/search", params={"q": "dashtabad"}).text
    words = " ".join(page.split())
    assert "At least 2 items match" in words and "the counts (marked +) are lower" in words
    assert page.count('class="hit"') == 2 and '<span class="count">1+</span>' in page
    found = site.client().get("/api/v1/search", params={"q": "dashtabad"},
                              headers=site.token("ann")).json()
    assert (found["total"], found["total_at_least"], found["facet_counts_at_least"]) == (
        2, True, True)
    site.user("pia", "analyst", "public")  # one readable match among four: exact
    alone = site.session("pia").get("/search", params={"q": "dashtabad"}).text
    assert "1 item matches" in " ".join(alone.split()) and "+</span>" not in alone


def test_browsing_without_words_says_at_least_when_capped(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    from gavah.store import facets as facet_store

    monkeypatch.setattr(facet_store, "BROWSE_CAP", 1)  # count one item, facets over one
    site.user("ann", "analyst", "confidential")
    page = site.session("ann").get("/search").text
    words = " ".join(page.split())
    # A page of 20 is counted as far as it reaches (and one more): the 3 readable items.
    assert "3 items" in words and "At least" not in words
    assert "Only the newest items are counted" in words and "1+</span>" in page
    listing = site.client().get("/api/v1/items", params={"limit": 1},
                                headers=site.token("ann")).json()
    assert (listing["total"], listing["total_at_least"], len(listing["items"])) == (2, True, 1)
    whole = site.client().get("/api/v1/items", headers=site.token("ann")).json()
    assert (whole["total"], whole["total_at_least"]) == (3, False)


def test_item_page_and_upload_page(site: Site) -> None:
    site.user("ivy", "investigator", "restricted")
    browser = site.session("ivy")
    item = browser.get(f"/items/{site.items['restricted']}").text
    assert MARKERS["restricted"] in item and "Custody history" in item
    assert 'class="evidence-text" dir="ltr"' in item
    form = browser.get("/upload").text
    for field in ("files", "source", "collected_by", "method", "classification", "tags",
                  "note", "extract"):
        assert f'name="{field}"' in form
    assert 'value="confidential"' not in form  # above ivy's clearance
    token = csrf_of(browser, "/upload")
    sent = browser.post("/upload", data={
        "csrf_token": token, "source": "Documenter C", "method": "testimony", "tags": "a, b",
        "classification": "restricted", "note": "FICTIONAL", "extract": "true"},
        files=[("files", ("one.txt", b"FICTIONAL one", "text/plain")),
               ("files", ("two.txt", "FICTIONAL دو".encode(), "text/plain"))],
        headers={"HX-Request": "true"})
    assert sent.status_code == 200 and sent.text.count("/items/") == 2
    assert "<html" not in sent.text  # htmx gets the fragment only
    new_id = re.findall(r'href="/items/(\d+)"', sent.text)[1]
    shown = browser.get(f"/items/{new_id}").text
    assert "Documenter C" in shown and "FICTIONAL دو" in shown and "testimony" in shown


def test_dashboard_counts_only_what_the_reader_may_see(site: Site) -> None:
    from gavah.pipelines import overview
    from gavah.pipelines.access import Viewer

    per_item = overview.dashboard(site.ws, Viewer("test", "public"))["counts"]
    for n, level in enumerate(LEVELS, 1):
        counts = overview.dashboard(site.ws, Viewer("test", level))["counts"]
        assert counts["items"] == n and counts["derivatives"] == n
        assert counts["custody_entries"] == n * per_item["custody_entries"]


def test_dashboard_is_kept_until_a_change_and_counts_every_read(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    from gavah.pipelines import overview
    from gavah.pipelines.access import Viewer, record_reads
    from gavah.store import custody as custody_store
    from gavah.store import overview as overview_store

    computed: list[int] = []
    compute = overview._changes
    monkeypatch.setattr(overview, "_changes", lambda *a: computed.append(1) or compute(*a))

    def recount(viewer: Viewer) -> int:  # every entry about a visible item, from scratch
        with site.ws.db.read() as session:
            return overview_store.custody_count(session, viewer.levels,
                                                custody_store.newest_seq(session))

    readers = [Viewer("test", level) for level in ("public", "restricted", "confidential")]
    before = {v.clearance: overview.dashboard(site.ws, v)["counts"] for v in readers}
    assert len(computed) == 3
    # Reads are entries (one about an item, one listing several) but not changes.
    reader = Viewer("test:reader", "strictly-confidential")
    record_reads(site.ws, reader, [(site.items["restricted"], "restricted")])
    record_reads(site.ws, reader, [(site.items[level], level)
                                   for level in ("confidential", "strictly-confidential")])
    for viewer, added in zip(readers, (0, 1, 2), strict=True):
        counts = overview.dashboard(site.ws, viewer)["counts"]
        assert counts["custody_entries"] == before[viewer.clearance]["custody_entries"] + added
        assert counts["custody_entries"] == recount(viewer)
        assert counts["items"] == before[viewer.clearance]["items"]
    assert len(computed) == 3
    # A change (a new item) moves the version: the kept part is computed again.
    ingest_stream(site.ws, io.BytesIO(b"FICTIONAL new register"), "new.txt",
                  Options(source="source-new", classification="public", method="import",
                          collected_by="tests"), "test:admin")
    for viewer in readers:
        counts = overview.dashboard(site.ws, viewer)["counts"]
        assert counts["items"] == before[viewer.clearance]["items"] + 1
        assert counts["custody_entries"] == recount(viewer)
    assert len(computed) == 6
