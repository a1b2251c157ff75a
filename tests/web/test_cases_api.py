"""/api/v1/cases with the access matrix: every role reads what its clearance allows, and
neither hidden evidence nor its count shows through a case file; only analysts (and
admins) edit. Every case and document is FICTIONAL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gavah.core.levels import LEVELS, allowed
from gavah.core.roles import ROLES
from gavah.pipelines import cases
from gavah.pipelines.access import Viewer
from tests.conftest import item_reads
from tests.web.conftest import ACTOR, MARKERS, Layer, Site, build_layer

OWNER = Viewer(ACTOR)


def _case(site: Site, layer: Layer) -> int:
    case = cases.create(site.ws, OWNER, "FICTIONAL: Dashtabad case")["id"]
    cases.charge(site.ws, OWNER, case, str(layer.people["public"]), "cah-murder", "commission")
    for level in LEVELS:
        cases.link(site.ws, OWNER, case, "cah-murder.1", "claim", layer.claims[level][0],
                   "supports")
        cases.link(site.ws, OWNER, case, "cah-context.attack", "item",
                   str(layer.items[level]), "supports")
        cases.link(site.ws, OWNER, case, "commission.conduct", "event",
                   str(layer.events[level]), "undermines")
        cases.link(site.ws, OWNER, case, "cah-context.knowledge", "victim",
                   str(layer.records[level]), "supports")
    return case


def _cell(data: dict[str, Any], element: str) -> dict[str, Any]:
    return next(r for r in data["matrix"] if r["element"] == element)["cells"][0]


def test_case_api_access_matrix(site: Site, tmp_path: Path) -> None:
    layer = build_layer(site, tmp_path)
    case = _case(site, layer)
    sealed = cases.create(site.ws, OWNER, "FICTIONAL sealed case",
                          classification="confidential")["id"]
    client = site.client()
    for role in ROLES:
        for clearance in LEVELS:
            name = f"{role}-{clearance}"
            site.user(name, role, clearance)
            headers = site.token(name)
            where = f"{role}/{clearance}"
            visible = sum(allowed(level, clearance) for level in LEVELS)
            listed = client.get("/api/v1/cases", headers=headers).json()["cases"]
            assert [c["id"] for c in listed] == ([case, sealed] if allowed(
                "confidential", clearance) else [case]), where
            response = client.get(f"/api/v1/cases/{case}", headers=headers)
            assert response.status_code == 200, where
            data = response.json()
            assert _cell(data, "cah-murder.1")["evidence"] == visible, where
            assert _cell(data, "cah-context.attack")["evidence"] == visible, where
            assert _cell(data, "cah-context.knowledge")["evidence"] == visible, where
            assert _cell(data, "commission.conduct")["undermining"] == visible, where
            text = response.text + client.get(f"/api/v1/cases/{case}/gaps",
                                              headers=headers).text
            for level in LEVELS:
                if not allowed(level, clearance):
                    assert MARKERS[level] not in text, f"{where}: {level} leaked"
            for hidden in layer.hidden_from(clearance):
                assert hidden not in text, f"{where}: claim {hidden} leaked"
            if not allowed("confidential", clearance):
                assert client.get(f"/api/v1/cases/{sealed}",
                                  headers=headers).status_code == 404, where
            body = {"element": "cah-murder.1", "target": "item",
                    "target_id": str(layer.items["public"]), "stance": "undermines",
                    "note": f"FICTIONAL {name}"}
            posted = client.post(f"/api/v1/cases/{case}/links", json=body, headers=headers)
            if "analyse" in ROLES[role]:
                assert posted.status_code == 200, (where, posted.text)
                removed = client.post(f"/api/v1/cases/{case}/unlink", headers=headers,
                                      json={k: body[k] for k in ("element", "target",
                                                                 "target_id")})
                assert removed.status_code == 200 and removed.json()["removed_at"], where
            else:
                assert posted.status_code == 403, where
    # every read of protected evidence through a case file left a custody entry
    readers = {actor for actor, _, item in item_reads(site.ws)
               if item == layer.items["confidential"]}
    assert {"token:viewer-confidential", "token:admin-strictly-confidential"} <= readers
    assert not any(a.endswith("-public") or a.endswith("-restricted") for a in readers)


def test_case_api_bad_input(site: Site, tmp_path: Path) -> None:
    site.user("ana", "analyst", "strictly-confidential")
    client, headers = site.client(), site.token("ana")
    elements = client.get("/api/v1/cases/elements", headers=headers).json()["elements"]
    assert {"cah-murder.1", "superior.failure"} <= {e["id"] for e in elements}
    assert client.get("/api/v1/cases/elements", params={"framework": "nope"},
                      headers=headers).status_code == 404
    made = client.post("/api/v1/cases", json={"title": "FICTIONAL"}, headers=headers).json()
    bad = client.post(f"/api/v1/cases/{made['id']}/charges", headers=headers,
                      json={"suspect": "nobody", "crime": "cah-murder"})
    assert bad.status_code == 404
    bad = client.post(f"/api/v1/cases/{made['id']}/links", headers=headers,
                      json={"element": "cah-murder.99", "target": "item", "target_id": "1",
                            "stance": "supports"})
    assert bad.status_code == 404 and "cah-murder.99" in bad.text
    # a browser session's POST without the CSRF token is refused, and nothing is made
    refused = site.session("ana").post("/api/v1/cases", json={"title": "FICTIONAL x"})
    assert refused.status_code == 403
    assert [c["id"] for c in client.get("/api/v1/cases", headers=headers).json()["cases"]] \
        == [made["id"]]
