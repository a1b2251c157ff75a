"""The second factor on the web: sign-in with a code, enrolment on the account page with
a QR code. FICTIONAL accounts."""

from __future__ import annotations

import pytest

from gavah.pipelines import second_factor
from gavah.store.workspace import Workspace
from tests.pipelines.test_second_factor import app_for, before, enrolled
from tests.web.conftest import PASSWORD, Site, csrf_of, sign_in

on_sqlite = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@on_sqlite
def test_web_sign_in_with_a_code_and_enrolment_page(site: Site, ws: Workspace) -> None:
    site.user("ada", "admin", "strictly-confidential")
    client = site.client()
    refused = sign_in(client, "ada")
    assert refused.status_code == 403 and "second factor" in refused.text
    app = enrolled(ws, "ada")
    assert sign_in(client, "ada").status_code == 401
    done = client.post("/login", data={"name": "ada", "password": PASSWORD,
                                       "code": app.now(), "next": "/",
                                       "csrf_token": csrf_of(client)})
    assert done.status_code == 303
    page = client.get("/account")
    assert "A second factor is enrolled" in page.text
    # Enrolling takes the password again: a session taken over cannot give itself one.
    assert 'id="totp-password"' in page.text
    for given in ({}, {"password": "not the FICTIONAL password"}):
        refused = client.post("/account/totp",
                              data={"csrf_token": csrf_of(client, "/account")} | given)
        assert refused.status_code == 403 and "Wrong password" in refused.text
        assert "otpauth://" not in refused.text and not second_factor.pending(ws, "ada")
    fresh = client.post("/account/totp", data={"csrf_token": csrf_of(client, "/account"),
                                               "password": PASSWORD})
    assert fresh.status_code == 200 and "<svg" in fresh.text and "otpauth://totp/" in fresh.text
    assert client.post("/account/totp", data={}).status_code in (400, 403), "CSRF checked"
    # The new secret is pending: the page asks for a code from it; a wrong one is refused.
    new = app_for(fresh.text.split("<code>")[1].split("</code>")[0].replace("&amp;", "&"))
    assert 'action="/account/totp/confirm"' in fresh.text
    wrong = f"{(int(new.now()) + 1) % 1_000_000:06d}"
    bad = client.post("/account/totp/confirm",
                      data={"code": wrong, "csrf_token": csrf_of(client, "/account")})
    assert bad.status_code == 400 and "does not match" in bad.text
    assert "waiting for its first code" in bad.text and second_factor.pending(ws, "ada")
    good = client.post("/account/totp/confirm",
                       data={"code": before(new), "csrf_token": csrf_of(client, "/account")})
    assert good.status_code == 303 and not second_factor.pending(ws, "ada")
    assert "waiting for its first code" not in client.get("/account").text
