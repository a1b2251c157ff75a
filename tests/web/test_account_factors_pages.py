"""The account page issues API tokens with the password and the second factor; the
account and users pages list who has which factor, never a secret. The key's answer
itself is tested in the browser (tests/web/test_browser_keys.py). FICTIONAL accounts."""

from __future__ import annotations

import json
import re
import time

import pytest

from gavah.pipelines import accounts, second_factor
from gavah.store.workspace import Workspace
from tests.pipelines.test_second_factor import enrolled
from tests.pipelines.test_security_keys import with_key
from tests.web.conftest import PASSWORD, Site, csrf_of

on_sqlite = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _token(text: str) -> str | None:
    found = re.search(r'<code id="new-token">(gvh_[^<]+)</code>', text)
    return found.group(1) if found else None


@on_sqlite
def test_tokens_on_the_account_page_take_password_and_factor(site: Site, ws: Workspace) -> None:
    site.user("tara", "analyst", "public")
    client = site.session("tara")
    form = {"csrf_token": csrf_of(client, "/account"), "label": "FICTIONAL script"}
    assert client.post("/account/tokens", data={"password": PASSWORD}).status_code == 403
    wrong = client.post("/account/tokens", data=form | {"password": "not the FICTIONAL one"})
    assert wrong.status_code == 403 and "Wrong password" in wrong.text and not _token(wrong.text)
    # No second factor: the password is enough, as at sign-in.
    done = client.post("/account/tokens", data=form | {"password": PASSWORD})
    token = _token(done.text)
    assert done.status_code == 200 and token and accounts.account_for_token(ws, token)
    assert done.headers["cache-control"] == "no-store"
    page = client.get("/account").text
    assert token not in page and token[:12] in page and "FICTIONAL script" in page
    # With TOTP: a code is needed.
    app = enrolled(ws, "tara")
    missing = client.post("/account/tokens", data=form | {"password": PASSWORD})
    assert missing.status_code == 400 and "second-factor code" in missing.text
    assert not _token(missing.text)
    good = client.post("/account/tokens", data=form | {
        "password": PASSWORD, "code": app.at(time.time() + second_factor.STEP)})
    assert _token(good.text)
    # Wrong codes count against the sign-in limit: they cannot be guessed here for ever.
    now = app.now()
    wrong_code = f"{(int(now) + 1) % 1_000_000:06d}"
    for _ in range(accounts.MAX_FAILURES_PER_NAME - 2):  # 2 failures above: no code, password
        bad = client.post("/account/tokens", data=form | {"password": PASSWORD,
                                                          "code": wrong_code})
        assert bad.status_code == 400 and not _token(bad.text)
    limited = client.post("/account/tokens", data=form | {"password": PASSWORD, "code": now})
    assert limited.status_code == 403 and not _token(limited.text)
    with pytest.raises(accounts.RateLimited):
        accounts.authenticate(ws, "tara", PASSWORD, "testclient", now)


@on_sqlite
def test_a_key_only_account_is_asked_for_its_key(site: Site, ws: Workspace) -> None:
    site.user("kamran", "analyst", "public")
    with_key(ws, "kamran")
    client = site.session("kamran")
    step = client.post("/account/tokens", data={
        "csrf_token": csrf_of(client, "/account"), "password": PASSWORD, "label": "FICTIONAL"})
    assert step.status_code == 200 and 'id="key-token"' in step.text and not _token(step.text)
    assert "gavah_webauthn" in client.cookies
    options = step.text.split('data-options="')[1].split('"', 1)[0].replace("&#34;", '"')
    assert json.loads(options)["rpId"] == "testserver"
    refused = client.post("/account/tokens/key", data={
        "assertion": '{"id": "RklDVElPTkFMLWtleQ", "rawId": "RklDVElPTkFMLWtleQ", '
                     '"type": "public-key", "response": {}}',
        "csrf_token": csrf_of(client, "/account"), "label": "FICTIONAL"})
    assert refused.status_code == 401 and "not accepted" in refused.text
    assert not _token(refused.text) and accounts.tokens_of(ws, "kamran") == []
    # A code instead of the key is refused: the account has no TOTP secret.
    coded = client.post("/account/tokens", data={
        "csrf_token": csrf_of(client, "/account"), "password": PASSWORD, "code": "123456"})
    assert coded.status_code == 400 and accounts.tokens_of(ws, "kamran") == []


@on_sqlite
def test_factors_are_listed_on_the_account_and_users_pages(site: Site, ws: Workspace) -> None:
    site.user("admina", "admin", "strictly-confidential")
    site.user("keyed", "analyst", "public")
    enrolled(ws, "admina")
    with_key(ws, "keyed")
    users = site.session("admina").get("/users")
    assert users.status_code == 200
    rows = {m.group(1): m.group(0) for m in re.finditer(
        r'<tr><td dir="auto">([a-z]+)</td>.*?</tr>', users.text, re.S)}
    assert 'class="totp">enrolled<' in rows["admina"] and 'class="keys">0<' in rows["admina"]
    assert 'class="keys">1<' in rows["keyed"] and "enrolled" not in rows["keyed"]
    page = site.session("keyed").get("/account").text
    assert "FICTIONAL key" in page and "Registered" in page
    assert re.search(r"<bdi dir=\"ltr\">\d{4}-\d\d-\d\d \d\d:\d\d</bdi>", page)
    with ws.db.read() as session:
        from gavah.store import accounts as store

        secret = store.get_user(session, "admina").totp_secret
    assert secret and secret not in users.text
    assert "FICTIONAL COSE key" not in page
