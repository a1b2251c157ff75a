"""The second factor on the web: sign-in with a code, enrolment on the account page with
a QR code. FICTIONAL accounts."""

from __future__ import annotations

import pytest

from gavah.pipelines import second_factor
from gavah.store.workspace import Workspace
from tests.pipelines.test_second_factor import app_for
from tests.web.conftest import PASSWORD, Site, csrf_of, sign_in

on_sqlite = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@on_sqlite
def test_web_sign_in_with_a_code_and_enrolment_page(site: Site, ws: Workspace) -> None:
    site.user("ada", "admin", "strictly-confidential")
    client = site.client()
    refused = sign_in(client, "ada")
    assert refused.status_code == 403 and "second factor" in refused.text
    app = app_for(second_factor.enrol(ws, "ada", "test"))
    assert sign_in(client, "ada").status_code == 401
    done = client.post("/login", data={"name": "ada", "password": PASSWORD,
                                       "code": app.now(), "next": "/",
                                       "csrf_token": csrf_of(client)})
    assert done.status_code == 303
    page = client.get("/account")
    assert "A second factor is enrolled" in page.text
    fresh = client.post("/account/totp", data={"csrf_token": csrf_of(client, "/account")})
    assert fresh.status_code == 200 and "<svg" in fresh.text and "otpauth://totp/" in fresh.text
    assert client.post("/account/totp", data={}).status_code in (400, 403), "CSRF checked"
