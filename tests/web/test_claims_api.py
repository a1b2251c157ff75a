"""The claims layer's REST API: claims (filters, one claim, corroboration, review),
entities (merge, split), sources (grades) and events, with bearer tokens."""

from __future__ import annotations

from pathlib import Path

from tests.web.conftest import FIGURES, MARKERS, Site, build_layer, csrf_of, person, sign_in


def test_read_claims_entities_sources_events(site: Site, tmp_path: Path) -> None:
    layer = build_layer(site, tmp_path, victims=False)
    site.user("vic", "viewer", "restricted")
    client, headers = site.client(), site.token("vic")

    listing = client.get("/api/v1/claims", headers=headers).json()
    assert {c["item_id"] for c in listing["claims"]} == {layer.items["public"],
                                                        layer.items["restricted"]}
    figures = client.get("/api/v1/claims", params={"kind": "figure"}, headers=headers).json()
    assert [c["figure"]["qualifier"] for c in figures["claims"]] == ["more than"] * 2
    about = client.get("/api/v1/claims", params={"about": person("public")},
                       headers=headers).json()
    assert about["count"] >= 2
    paged = client.get("/api/v1/claims", params={"limit": 1, "offset": 1},
                       headers=headers).json()
    assert paged["count"] == 1 and paged["claims"][0]["id"] == listing["claims"][1]["id"]
    assert client.get("/api/v1/claims", params={"status": "bogus"},
                      headers=headers).status_code == 422

    claim = figures["claims"][0]
    shown = client.get(f"/api/v1/claims/{claim['id']}", headers=headers).json()
    assert shown["span_verified"] is True and shown["item"]["id"] == claim["item_id"]
    corroboration = client.get(f"/api/v1/claims/{claim['id']}/corroboration",
                               headers=headers).json()
    assert [f["figure"] for f in corroboration["figures"]] == ["more than 3,000",
                                                                "more than 30,000"]
    assert corroboration["independent_originators"] == 1  # one speaker, quoted twice

    entity = client.get(f"/api/v1/entities/{layer.people['public']}", headers=headers).json()
    assert {p["organization"] for p in entity["positions"]} == {
        f"Org {MARKERS['public']}", f"Org {MARKERS['restricted']}"}
    assert entity["network"]["nodes"][0]["key"] == f"entity:{layer.people['public']}"
    assert any(e["kind"] == "claim" for e in entity["timeline"])
    by_name = client.get(f"/api/v1/entities/کریم {MARKERS['public']}", headers=headers)
    assert by_name.json()["id"] == layer.people["public"]
    assert len(client.get("/api/v1/entities", params={"type": "Organization"},
                          headers=headers).json()["entities"]) == 2

    sources = client.get("/api/v1/sources", headers=headers).json()["sources"]
    assert {s["name"] for s in sources} == {"Northgate Coalition", f"Source {MARKERS['public']}",
                                            f"Source {MARKERS['restricted']}"}
    event = client.get(f"/api/v1/events/{layer.events['public']}", headers=headers).json()
    assert {c["item_id"] for c in event["event"]["claims"]} == {layer.items["public"],
                                                                layer.items["restricted"]}
    assert len(event["supporting"]) == 2 and event["event"]["precision"] == "season"
    assert FIGURES["confidential"] not in str(event)


def test_analyst_actions(site: Site, tmp_path: Path) -> None:
    layer = build_layer(site, tmp_path, victims=False)
    site.user("ada", "analyst", "strictly-confidential")
    site.user("ivy", "investigator", "strictly-confidential")
    client, headers = site.client(), site.token("ada")
    claim = layer.claims["confidential"][0]

    assert client.post(f"/api/v1/claims/{claim}/confirm", json={},
                       headers=site.token("ivy")).status_code == 403
    confirmed = client.post(f"/api/v1/claims/{claim}/confirm",
                            json={"credibility": "2", "reason": "checked"}, headers=headers)
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    assert client.post(f"/api/v1/claims/{claim}/reject", json={"reason": " "},
                       headers=headers).status_code == 422
    rejected = client.post(f"/api/v1/claims/{claim}/reject", json={"reason": "misread"},
                           headers=headers).json()
    assert rejected["status"] == "rejected"
    assert [r["action"] for r in rejected["reviews"]] == ["confirm", "reject"]
    edited = client.post(f"/api/v1/claims/{claim}/edit", json={
        "kind": "allegation", "about": [str(layer.people["restricted"])], "reason": "x"},
        headers=headers).json()
    assert edited["kind"] == "allegation" and edited["about"] == [layer.people["restricted"]]
    assert client.post(f"/api/v1/claims/{claim}/edit", json={"reason": "nothing"},
                       headers=headers).status_code == 422

    keep, other = layer.people["public"], layer.people["restricted"]
    merged = client.post(f"/api/v1/entities/{keep}/merge",
                         json={"other": str(other), "reason": "same man"}, headers=headers)
    assert merged.status_code == 200 and merged.json()["merged"] == [other]
    again = client.post(f"/api/v1/entities/{keep}/merge", json={"other": str(other)},
                        headers=headers)
    assert again.status_code == 409
    split = client.post(f"/api/v1/entities/{keep}/split", json={"other": str(other)},
                        headers=headers)
    assert split.status_code == 200 and split.json()["id"] == other

    graded = client.post(f"/api/v1/sources/{layer.sources['public']}/grades",
                         json={"grade": "a", "reason": "mandated"}, headers=headers)
    assert graded.status_code == 201 and graded.json()["grade"] == "A"
    assert len(graded.json()["grades"]) == 2

    browser = site.client()  # a browser session needs the CSRF header for API writes
    assert sign_in(browser, "ada").status_code == 303
    without = browser.post(f"/api/v1/claims/{claim}/confirm", json={})
    assert without.status_code == 403
    with_header = browser.post(f"/api/v1/claims/{claim}/confirm", json={},
                               headers={"X-CSRF-Token": csrf_of(browser, "/")})
    assert with_header.status_code == 200
