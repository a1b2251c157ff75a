"""The item page lists an item's redacted copies: what was hidden, why and by whom
(FICTIONAL items of tests/web/conftest.py)."""

from __future__ import annotations

from gavah.pipelines import redact
from gavah.pipelines.access import Viewer
from tests.web.conftest import Site


def test_item_page_lists_redacted_copies(site: Site) -> None:
    item = site.items["restricted"]
    site.user("ana", "analyst", "restricted")
    page = site.session("ana")
    assert "Redacted copies" not in page.get(f"/items/{item}").text
    made = redact.redact(site.ws, Viewer("user:ana", "restricted"), str(item), [(0, 9)], [],
                         "FICTIONAL: a name to hide")
    shown = page.get(f"/items/{item}").text
    assert "Redacted copies" in shown and "FICTIONAL: a name to hide" in shown
    assert made["sha256"][:16] in shown and "user:ana" in shown
    site.user("pari", "analyst", "restricted", language="fa")
    persian = site.session("pari").get(f"/items/{item}").text
    assert "نسخه‌های پوشانده" in persian and "متن پوشانده" in persian


def test_api_redacts_for_analysts_within_their_clearance(site: Site) -> None:
    site.user("ada", "analyst", "restricted")
    site.user("ivy", "investigator", "strictly-confidential")
    client = site.client()
    item = site.items["restricted"]
    body = {"spans": [[0, 9]], "reason": "FICTIONAL: a name to hide"}
    assert client.post(f"/api/v1/items/{item}/redactions", json=body,
                       headers=site.token("ivy")).status_code == 403  # not an analyst
    hidden = site.items["confidential"]  # above ada's clearance: as if it did not exist
    assert client.post(f"/api/v1/items/{hidden}/redactions", json=body,
                       headers=site.token("ada")).status_code == 404
    assert client.post(f"/api/v1/items/{item}/redactions", json={**body, "spans": [[5, 2]]},
                       headers=site.token("ada")).status_code in (400, 422)
    made = client.post(f"/api/v1/items/{item}/redactions", json=body,
                       headers=site.token("ada"))
    assert made.status_code == 201, made.text
    copy = made.json()
    assert copy["spans"] == [[0, 9]] and copy["by"].endswith("ada")
    shown = client.get(f"/api/v1/items/{item}", headers=site.token("ada")).json()
    assert [r["sha256"] for r in shown["redactions"]] == [copy["sha256"]]
    with site.ws.blobs.open(copy["sha256"]) as stream:
        assert stream.read().decode().startswith("\u2588" * 9)
