"""Security keys on the web without a browser: the registration options, CSRF, a
refused answer, the key step of sign-in and its page. FICTIONAL accounts."""

from __future__ import annotations

import json

import pytest

from gavah.store.workspace import Workspace
from tests.pipelines.test_security_keys import with_key
from tests.web.conftest import PASSWORD, Site, csrf_of, sign_in

on_sqlite = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@on_sqlite
def test_registration_options_and_a_refused_answer(site: Site) -> None:
    site.user("nasrin", "analyst", "public")
    client = site.session("nasrin")
    assert client.post("/account/keys/options").status_code == 403, "CSRF checked"
    token = csrf_of(client, "/account")
    wrong = client.post("/account/keys/options", headers={"x-csrf-token": token},
                        json={"password": "not the FICTIONAL password"})
    assert wrong.status_code == 403 and "gavah_webauthn" not in client.cookies
    options = client.post("/account/keys/options", headers={"x-csrf-token": token},
                          json={"password": PASSWORD})
    assert options.status_code == 200 and options.headers["cache-control"] == "no-store"
    made = json.loads(options.text)
    assert made["rp"]["id"] == "testserver" and made["user"]["name"] == "nasrin"
    assert len(made["challenge"]) >= 43  # 32 random bytes or more
    assert "gavah_webauthn" in client.cookies
    bad = client.post("/account/keys", headers={"x-csrf-token": token},
                      json={"name": "FICTIONAL key", "credential": '{"id": "x"}'})
    assert bad.status_code == 400 and "not accepted" in bad.json()["error"]
    again = client.post("/account/keys", headers={"x-csrf-token": token},
                        json={"name": "FICTIONAL key", "credential": '{"id": "x"}'})
    assert "already used" in again.json()["error"], "the challenge was spent"
    page = client.get("/account")
    assert "No security key is registered" in page.text
    assert '<script src="/static/security-keys.js" defer></script>' in page.text
    assert client.get("/static/security-keys.js").status_code == 200


@on_sqlite
def test_sign_in_asks_for_the_key_and_refuses_a_bad_answer(site: Site, ws: Workspace) -> None:
    site.user("kian", "analyst", "public")
    with_key(ws, "kian")
    client = site.client()
    step = sign_in(client, "kian")
    assert step.status_code == 200 and 'id="key-sign-in"' in step.text
    assert "gavah_session" not in client.cookies and "gavah_webauthn" in client.cookies
    options = step.text.split('data-options="')[1].split('"', 1)[0].replace("&#34;", '"')
    assert json.loads(options)["rpId"] == "testserver"
    refused = client.post("/login/key", data={
        "assertion": '{"id": "RklDVElPTkFMLWtleQ", "rawId": "RklDVElPTkFMLWtleQ", '
                     '"type": "public-key", "response": {}}',
        "csrf_token": csrf_of(client), "next": "/"})
    assert refused.status_code == 401 and "not accepted" in refused.text
    assert "gavah_session" not in client.cookies
    assert client.get("/").status_code == 303, "still signed out"
    # Persian: the key step is translated.
    client.cookies.set("gavah_lang", "fa")
    assert "کلید امنیتی خود را لمس کنید" in sign_in(client, "kian").text
