"""Small hardening of the web app and API: API answers are never cached, a password reset
revokes the account's tokens, odd digits and LIKE wildcards in references are not found
(never a 500, never a match by wildcard). Accounts and documents are FICTIONAL."""

from __future__ import annotations

import pytest

from gavah.pipelines import accounts
from tests.web.conftest import ACTOR, Site


def test_api_answers_are_not_cached(site: Site) -> None:
    site.user("reader", "viewer", "strictly-confidential")
    client, headers = site.client(), site.token("reader")
    for url in ("/api/v1/me", "/api/v1/items", f"/api/v1/items/{site.items['public']}",
                "/api/v1/items/999999"):
        assert client.get(url, headers=headers).headers["cache-control"] == "no-store", url


def test_password_reset_revokes_tokens(site: Site) -> None:
    site.user("mina", "viewer", "public")
    client, headers = site.client(), site.token("mina")
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    accounts.reset_password(site.ws, "mina", "a new long passphrase", ACTOR)
    assert client.get("/api/v1/me", headers=headers).status_code == 401


@pytest.mark.parametrize("ref", ["²", "١²", "%", "_", "c%", "%25"])
def test_odd_references_are_simply_not_found(site: Site, ref: str) -> None:
    site.user("reader", "analyst", "strictly-confidential")
    client, headers = site.client(), site.token("reader")
    for url in (f"/api/v1/items/{ref}", f"/api/v1/entities/{ref}", f"/api/v1/sources/{ref}",
                f"/api/v1/claims/{ref}", f"/api/v1/claims?item={ref}",
                f"/api/v1/claims?about={ref}"):
        response = client.get(url, headers=headers)
        assert response.status_code in (404, 422), (url, response.status_code, response.text)


def test_claim_prefixes_are_matched_literally(site: Site) -> None:
    import io

    from gavah.pipelines import claims
    from gavah.pipelines.access import Viewer
    from gavah.pipelines.ingest import Options, ingest_stream
    from tests.web.conftest import claims_text

    item, _ = ingest_stream(site.ws, io.BytesIO(claims_text("public", "3,000").encode()),
                            "report.txt", Options(source="Northgate Coalition"), ACTOR)
    claim = claims.list_claims(site.ws, Viewer(ACTOR), item=str(item))[0]["id"]
    site.user("reader", "analyst", "public")
    client, headers = site.client(), site.token("reader")
    assert client.get(f"/api/v1/claims/{claim[:12]}", headers=headers).status_code == 200
    for wild in (claim[:11] + "_", claim[:11] + "%", "c%"):
        assert client.get(f"/api/v1/claims/{wild}", headers=headers).status_code == 404, wild


@pytest.mark.parametrize(("filename", "data", "expected"), [
    ("..", b"ref,name\n1,Ali\n", "upload"),  # a name that is a folder's parent
    ("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("broken.json", b"[{", "broken.json: not valid JSON"),
])
def test_list_import_errors_name_the_file_not_the_server(
        site: Site, filename: str, data: bytes, expected: str) -> None:
    from tests.web.conftest import csrf_of

    site.user("ivy", "investigator", "restricted")
    browser = site.session("ivy")
    sent = browser.post("/victims/import", data={
        "csrf_token": csrf_of(browser, "/victims/import"), "list_name": "FICTIONAL list",
        "source": "FICTIONAL group", "classification": "public", "mapping": ""},
        files={"file": (filename, data, "text/csv")})
    assert sent.status_code in (200, 400), sent.text[-500:]  # a report or the form again
    assert expected in sent.text
    assert "gavah-import-" not in sent.text and "/tmp" not in sent.text
