"""The REST API: authentication, items, originals, search, upload."""

from __future__ import annotations

import pytest

from gavah.pipelines import accounts
from tests.web.conftest import ACTOR, MARKERS, Site, csrf_of, sign_in


def test_api_needs_a_valid_token(site: Site) -> None:
    client = site.client()
    assert client.get("/api/v1/items").status_code == 401
    assert client.get("/api/v1/items", headers={"Authorization": "Bearer gvh_nope"}
                      ).status_code == 401
    assert client.get("/api/v1/items", headers={"Authorization": "Bearer"}).status_code == 401
    site.user("ann", "viewer", "public")
    headers = site.token("ann")
    me = client.get("/api/v1/me", headers=headers).json()
    assert me["name"] == "ann" and me["permissions"] == ["read"]
    accounts.set_disabled(site.ws, "ann", True, ACTOR)
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_items_show_original_and_search(site: Site) -> None:
    site.user("ivy", "investigator", "restricted")
    client, headers = site.client(), site.token("ivy")
    listing = client.get("/api/v1/items", headers=headers).json()
    assert listing["total"] == 2
    assert {i["classification"] for i in listing["items"]} == {"public", "restricted"}

    restricted = site.items["restricted"]
    shown = client.get(f"/api/v1/items/{restricted}?text=true", headers=headers).json()
    assert shown["classification"] == "restricted" and MARKERS["restricted"] in \
        shown["texts"][0]["text"]
    assert any(e["action"] == "acquired" for e in shown["custody"])

    original = client.get(f"/api/v1/items/{restricted}/original", headers=headers)
    assert original.status_code == 200
    assert original.headers["content-type"] == "application/octet-stream"
    assert original.headers["content-disposition"].startswith("attachment;")
    assert original.headers["x-content-type-options"] == "nosniff"
    assert MARKERS["restricted"].encode() in original.content

    found = client.get("/api/v1/search", params={"q": "dashtabad"}, headers=headers).json()
    assert found["total"] == 2
    hit = found["results"][0]
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end].lower() == "dashtabad"
    assert {f["value"] for f in found["facets"]["classification"]} == {"public", "restricted"}
    persian = client.get("/api/v1/search", params={"q": "دشت آباد"}, headers=headers).json()
    assert persian["total"] == 2

    # Each protected read left a custody entry naming the token's user.
    log = client.get(f"/api/v1/items/{restricted}", headers=headers).json()["custody"]
    reads = [(e["action"], e["details"].get("via")) for e in log if e["actor"] == "token:ivy"]
    assert ("viewed", "api") in reads and ("downloaded", "api") in reads
    assert ("viewed", "api-search") in reads and ("viewed", "api-list") in reads


def test_filters_and_bad_input(site: Site) -> None:
    site.user("ada", "admin", "strictly-confidential")
    client, headers = site.client(), site.token("ada")
    only = client.get("/api/v1/items", params={"tag": f"tag-{MARKERS['confidential']}"},
                      headers=headers).json()
    assert [i["id"] for i in only["items"]] == [site.items["confidential"]]
    assert client.get("/api/v1/items/999999", headers=headers).status_code == 404
    assert client.get("/api/v1/items?limit=0", headers=headers).status_code == 422
    assert client.get("/api/v1/search", params={"q": '"unclosed'}, headers=headers
                      ).status_code in (200, 400)


def test_upload_through_the_api(site: Site) -> None:
    site.user("ivy", "investigator", "confidential")
    site.user("vic", "viewer", "strictly-confidential")
    client = site.client()
    files = [("file", ("a.txt", b"first FICTIONAL upload", "text/plain")),
             ("file", ("b.txt", b"second FICTIONAL upload", "text/plain"))]
    data = {"source": "API test", "tag": ["x", "y"], "classification": "confidential",
            "method": "upload"}
    made = client.post("/api/v1/items", files=files, data=data, headers=site.token("ivy"))
    assert made.status_code == 201, made.text
    ids = [row["item"] for row in made.json()["acquired"]]
    assert len(ids) == 2
    shown = client.get(f"/api/v1/items/{ids[0]}", headers=site.token("ivy")).json()
    assert shown["source"] == "API test" and shown["tags"] == ["x", "y"]
    assert shown["acquired_by"] == "token:ivy"

    above = client.post("/api/v1/items", files=files[:1],
                        data={"classification": "strictly-confidential"},
                        headers=site.token("ivy"))
    assert above.status_code == 403 and "clearance" in above.json()["detail"]
    assert client.post("/api/v1/items", files=files[:1], headers=site.token("vic")
                       ).status_code == 403


@pytest.mark.parametrize("with_header", [False, True])
def test_cookie_sessions_need_csrf_for_api_writes(site: Site, with_header: bool) -> None:
    site.user("ivy", "investigator", "public")
    client = site.client()
    assert sign_in(client, "ivy").status_code == 303
    headers = {"X-CSRF-Token": csrf_of(client, "/")} if with_header else {}
    made = client.post("/api/v1/items", files=[("file", ("c.txt", b"x", "text/plain"))],
                       headers=headers)
    assert made.status_code == (201 if with_header else 403)
