"""Every role × clearance × classification × endpoint: nothing above a user's clearance is
ever returned — not in pages, API responses, search results, facet counts or downloads —
and every read of protected material leaves a custody entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gavah.core.levels import LEVELS, allowed, is_protected
from gavah.core.roles import ROLES
from tests.conftest import item_reads
from tests.web.conftest import MARKERS, Layer, Site, build_layer, csrf_of

PROTECTED_ACTIONS = ("viewed", "downloaded")


def _check_text(body: str, clearance: str, where: str, expect_visible: bool = True) -> None:
    for level, marker in MARKERS.items():
        if not allowed(level, clearance):
            assert marker not in body, f"{where}: {level} item leaked to clearance {clearance}"
        elif expect_visible:
            assert marker in body, f"{where}: {level} item missing for clearance {clearance}"


def _results(html: str) -> str:
    """Facets and hits of a search page, without the query echoed in the form."""
    return html[html.index("<aside"):html.index("</section>")]


def _check_facets(facets: dict[str, Any], clearance: str, where: str) -> None:
    visible = [level for level in LEVELS if allowed(level, clearance)]
    levels = {f["value"]: f["count"] for f in facets["classification"]}
    assert levels == dict.fromkeys(visible, 1), where
    tags = {f["value"]: f["count"] for f in facets["tag"]}
    assert tags.pop("dashtabad") == len(visible), where
    assert set(tags) == {f"tag-{MARKERS[level]}" for level in visible}, where
    assert {f["value"] for f in facets["source"]} == {f"source-{MARKERS[v]}" for v in visible}


def _walk_pages(site: Site, role: str, clearance: str, name: str) -> None:
    browser = site.session(name)
    where = f"{role}/{clearance}"
    _check_text(browser.get("/").text, clearance, f"{where} dashboard", expect_visible=False)
    for url in ("/search?q=dashtabad", "/search", "/search?q=%D8%AF%D8%B4%D8%AA"):
        page = browser.get(url)
        assert page.status_code == 200, url
        _check_text(_results(page.text), clearance, f"{where} {url}",
                    expect_visible="%" not in url)
    for level in LEVELS:
        for url in (f"/search?q={MARKERS[level]}", f"/search?classification={level}",
                    f"/search?tag=tag-{MARKERS[level]}"):
            _check_text(_results(browser.get(url).text), clearance, f"{where} {url}",
                        expect_visible=False)
        item = site.items[level]
        for suffix in ("", "/original", "/preview"):
            response = browser.get(f"/items/{item}{suffix}")
            if allowed(level, clearance) and suffix != "/preview":  # text: no preview
                assert response.status_code == 200, f"{where} {level}{suffix}"
                assert MARKERS[level] in response.text
            else:
                assert response.status_code == 404, f"{where} {level}{suffix}"
                _check_text(response.text, clearance, where, expect_visible=False)
    upload = browser.get("/upload")
    assert upload.status_code == (200 if "upload" in ROLES[role] else 403), where
    users = browser.get("/users")
    assert users.status_code == (200 if "manage-users" in ROLES[role] else 403), where


def _walk_api(site: Site, role: str, clearance: str, name: str) -> None:
    client, headers = site.client(), site.token(name)
    where = f"{role}/{clearance} api"
    listing = client.get("/api/v1/items", headers=headers).json()
    assert listing["total"] == sum(allowed(level, clearance) for level in LEVELS)
    _check_text(str(listing), clearance, where)
    found = client.get("/api/v1/search", params={"q": "dashtabad"}, headers=headers).json()
    _check_text(str(found["results"]), clearance, where)
    _check_facets(found["facets"], clearance, where)
    everything = client.get("/api/v1/search", headers=headers).json()
    _check_facets(everything["facets"], clearance, where + " (no query)")
    for level in LEVELS:
        item = site.items[level]
        for url in (f"/api/v1/items/{item}?text=true", f"/api/v1/items/{item}/original"):
            response = client.get(url, headers=headers)
            assert response.status_code == (200 if allowed(level, clearance) else 404), url
            if response.status_code == 404:
                _check_text(response.text, clearance, where, expect_visible=False)
        hidden = client.get("/api/v1/search", params={"q": MARKERS[level]}, headers=headers)
        assert hidden.json()["total"] == (1 if allowed(level, clearance) else 0)


def test_access_matrix(site: Site) -> None:
    users = {}
    for role in ROLES:
        for clearance in LEVELS:
            users[(role, clearance)] = site.user(f"{role}-{clearance}", role, clearance)
    for (role, clearance), name in users.items():
        _walk_pages(site, role, clearance, name)
        _walk_api(site, role, clearance, name)

    reads = item_reads(site.ws, PROTECTED_ACTIONS)
    level_of = {item: level for level, item in site.items.items()}
    for actor, _action, item in reads:
        name = actor.split(":", 1)[1]
        clearance = name.split("-", 1)[1]
        assert is_protected(level_of[item]), "public reads need no entry"
        assert allowed(level_of[item], clearance), f"{actor} read {item} above clearance"
    for (_role, clearance), name in users.items():
        for level in LEVELS:
            if is_protected(level) and allowed(level, clearance):
                mine = {(a, act) for a, act, i in reads if i == site.items[level]
                        and a.endswith(":" + name)}
                assert ("user:" + name, "viewed") in mine
                assert ("user:" + name, "downloaded") in mine
                assert ("token:" + name, "downloaded") in mine


# The claims layer and the victim registry: claims follow their item's classification;
# entities, sources, events and victim lists have their own.
def _check_hidden(body: str, layer: Layer, clearance: str, where: str) -> None:
    _check_text(body, clearance, where, expect_visible=False)
    for claim in layer.hidden_from(clearance):
        assert claim not in body, f"{where}: claim {claim} leaked to clearance {clearance}"


def _walk_claims_layer(site: Site, layer: Layer, clearance: str, name: str) -> None:
    browser, client, headers = site.session(name), site.client(), site.token(name)
    where = f"{name}"
    lists = ["/claims", "/claims?kind=figure", f"/claims?about={layer.people['public']}",
             "/entities", "/sources", "/events", "/victims", "/victims/review", "/estimate",
             f"/entities/{layer.people['public']}", f"/events/{layer.events['public']}",
             f"/items/{layer.items['public']}", f"/claims/{layer.claims['public'][0]}"]
    for url in lists:
        page = browser.get(url)
        assert page.status_code == 200, f"{where} {url}"
        _check_hidden(page.text, layer, clearance, f"{where} {url}")
    api = ["/api/v1/claims", "/api/v1/entities", "/api/v1/sources", "/api/v1/events",
           f"/api/v1/claims?about={layer.people['public']}",
           f"/api/v1/entities/{layer.people['public']}",
           f"/api/v1/events/{layer.events['public']}",
           f"/api/v1/claims/{layer.claims['public'][0]}/corroboration"]
    for url in api:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, f"{where} {url}"
        _check_hidden(response.text, layer, clearance, f"{where} {url}")
    listing = client.get("/api/v1/claims", headers=headers).json()
    assert {c["item_id"] for c in listing["claims"]} == {
        layer.items[level] for level in LEVELS if allowed(level, clearance)}
    for level in LEVELS:
        visible = allowed(level, clearance)
        claim = layer.claims[level][0]
        for url in (f"/claims/{claim}", f"/entities/{layer.people[level]}",
                    f"/entities/{layer.orgs[level]}", f"/sources/{layer.sources[level]}",
                    f"/events/{layer.events[level]}",
                    f"/victims/records/{layer.records[level]}"):
            page = browser.get(url)
            assert page.status_code == (200 if visible else 404), f"{where} {url}"
            # a 404 echoes the id asked for (in its message and the language form)
            _check_hidden(page.text.replace(claim, ""), layer, clearance, f"{where} {url}")
            if visible:
                assert MARKERS[level] in page.text, f"{where} {url}"
        for url in (f"/api/v1/claims/{claim}", f"/api/v1/claims/{claim}/corroboration",
                    f"/api/v1/entities/{layer.people[level]}",
                    f"/api/v1/sources/{layer.sources[level]}",
                    f"/api/v1/events/{layer.events[level]}"):
            response = client.get(url, headers=headers)
            assert response.status_code == (200 if visible else 404), f"{where} {url}"
            _check_hidden(response.text.replace(claim, ""), layer, clearance,
                          f"{where} {url}")


def test_claims_layer_access_matrix(site: Site, tmp_path: Path) -> None:
    layer = build_layer(site, tmp_path)
    users = {}
    for role in ROLES:
        for clearance in LEVELS:
            users[(role, clearance)] = site.user(f"{role}-{clearance}", role, clearance)
    for (_role, clearance), name in users.items():
        _walk_claims_layer(site, layer, clearance, name)

    # Analyst actions: only analysts and admins, and only on what they may see.
    for (role, clearance), name in users.items():
        browser = site.session(name)
        token = csrf_of(browser, "/claims")
        for level in LEVELS:
            claim = layer.claims[level][-1]
            sent = browser.post(f"/claims/{claim}/confirm", data={"csrf_token": token})
            expected = 303 if "analyse" in ROLES[role] and allowed(level, clearance) else \
                403 if "analyse" not in ROLES[role] else 404
            assert sent.status_code == expected, f"{name} confirm {level}"

    # Every claim read from a protected item left a `viewed` entry naming the reader.
    level_of = {item: level for level, item in layer.items.items()}
    reads = [(actor, item) for actor, _, item in item_reads(site.ws, ("viewed",))
             if item in level_of]
    for actor, item in reads:
        clearance = actor.split(":", 1)[1].split("-", 1)[1]
        assert is_protected(level_of[item]) and allowed(level_of[item], clearance), actor
    for (_role, clearance), name in users.items():
        for level in LEVELS:
            if is_protected(level) and allowed(level, clearance):
                who = {a for a, i in reads if i == layer.items[level]}
                assert {f"user:{name}", f"token:{name}"} <= who, (name, level)
