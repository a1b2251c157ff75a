"""Security keys end to end in Debian's Chromium, with a virtual authenticator (CTAP2,
resident keys, user verification, presence simulated) set up over the DevTools
protocol: register a key on the account page, sign out, sign in with it; then answers
captured from the browser are replayed and refused (spent challenge, another
challenge, a sign count that did not go up). The server is reached at
http://localhost:PORT: WebAuthn needs a secure context and a host name (an IP address is
not a valid relying party id). FICTIONAL accounts."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest

from gavah.core.errors import BadInput
from gavah.pipelines import accounts, security_keys
from gavah.pipelines.accounts import digest
from gavah.store import accounts as account_store
from gavah.store import webauthn as key_store
from gavah.store.custody import iter_entries
from gavah.store.workspace import Workspace
from tests.web.browsing import PASSWORD, Watch, sign_in_page
from tests.web.conftest import BrowserWorld
from tests.web.server import serving

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")

AUTHENTICATOR = {"protocol": "ctap2", "transport": "usb", "hasResidentKey": True,
                 "hasUserVerification": True, "isUserVerified": True,
                 "automaticPresenceSimulation": True}


@pytest.fixture(scope="module")
def server(browser_world: Callable[[str, str], BrowserWorld]) -> Iterator[tuple[str, Path]]:
    world = browser_world("browser-keys", "viewer")
    home = world.home
    accounts.add_user(world.ws, "omid", "analyst", "restricted", PASSWORD, "test")
    accounts.add_user(world.ws, "shirin", "analyst", "public", PASSWORD, "test")
    world.ws.close()
    with serving(home) as url:
        yield url.replace("127.0.0.1", "localhost"), home


def with_authenticator(browser: Any) -> tuple[Any, Any]:
    context = browser.new_context()
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    made = devtools.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})
    assert made["authenticatorId"]
    return context, page


def keys_of(home: Path, name: str) -> list[dict[str, Any]]:
    ws = Workspace.open(home)
    try:
        return security_keys.keys_of(ws, name)
    finally:
        ws.close()


def register_key(page: Any, url: str, label: str) -> None:
    page.goto(url + "/account")
    page.fill("#key-name", label)
    page.fill("#key-password", PASSWORD)
    page.click("#key-add button[type=submit]")
    page.wait_for_selector(f"table.keys td:has-text('{label}')")


def password_step(page: Any, url: str, name: str) -> None:
    page.goto(url + "/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("button.primary")


def test_register_a_key_and_sign_in_with_it(browser: Any, server: tuple[str, Path],
                                             shots: Path) -> None:
    url, home = server
    context, page = with_authenticator(browser)
    watch = Watch(page)
    sign_in_page(page, url, "ana")
    register_key(page, url, "FICTIONAL blue key")
    page.screenshot(path=str(shots / "account-security-keys.png"), full_page=True)
    [key] = keys_of(home, "ana")
    assert key["name"] == "FICTIONAL blue key" and key["rp_id"] == "localhost"
    assert key["last_used_at"] is None and "usb" in key["transports"]
    page.click("form[action='/logout'] button")
    page.wait_for_url(url + "/login")
    # The password alone is no longer enough: the key step asks the authenticator.
    password_step(page, url, "ana")
    page.wait_for_url(url + "/")
    [used] = keys_of(home, "ana")
    assert used["last_used_at"] is not None and used["sign_count"] > key["sign_count"]
    page.goto(url + "/account")
    assert "FICTIONAL blue key" in page.inner_text("table.keys")
    watch.check()
    # Removing the key takes the password again.
    page.fill("table.keys input[name=password]", "not the password")
    page.click("table.keys button")
    assert "Wrong password" in page.inner_text("main")
    assert len(keys_of(home, "ana")) == 1
    page.fill("table.keys input[name=password]", PASSWORD)
    page.click("table.keys button")
    page.wait_for_url(url + "/account")
    assert keys_of(home, "ana") == [] and "No security key is registered" in page.inner_text("main")
    ws = Workspace.open(home)
    with ws.db.read() as session:
        mine = [(e.action, e.actor) for e in iter_entries(session)
                if e.details.get("user") == "ana" and "security-key" in e.action]
    ws.close()
    assert mine == [("user-security-key-added", "user:ana"),
                    ("user-security-key-removed", "user:ana")]
    context.close()


def test_answers_are_refused_when_replayed_or_for_another_challenge(
        browser: Any, server: tuple[str, Path]) -> None:
    url, home = server
    context, page = with_authenticator(browser)
    sign_in_page(page, url, "omid")
    register_key(page, url, "FICTIONAL red key")
    page.click("form[action='/logout'] button")
    page.wait_for_url(url + "/login")
    # Made an administrator: the key is a second factor, so it may still sign in.
    ws = Workspace.open(home)
    accounts.set_role(ws, "omid", "admin", "test")
    ws.close()
    caught: dict[str, str] = {}

    def hold(route: Any) -> None:
        caught.update(parse_qsl(route.request.post_data or ""))
        route.abort()

    page.route("**/login/key", hold)
    password_step(page, url, "omid")
    deadline = time.monotonic() + 30
    while "assertion" not in caught and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    ceremony = next(c["value"] for c in context.cookies() if c["name"] == "gavah_webauthn")
    answer = caught["assertion"]
    where = security_keys.Origin("localhost", url)
    ws = Workspace.open(home)
    try:
        stored = security_keys.keys_of(ws, "omid")[0]["sign_count"]
        # The answer, for a challenge the server issued in another ceremony: refused.
        other = security_keys.begin_sign_in(ws, "omid", 0, where)
        with pytest.raises(BadInput, match="challenge"):
            security_keys.finish_sign_in(ws, where, other.key, answer)
        # A forged origin: refused.
        with pytest.raises(BadInput):
            security_keys.finish_sign_in(
                ws, security_keys.Origin("localhost", "http://localhost:1"), ceremony, answer)
        # ...and that attempt spent the ceremony's challenge: its own answer is now late.
        with pytest.raises(BadInput, match="already used"):
            security_keys.finish_sign_in(ws, where, ceremony, answer)
    finally:
        ws.close()
    # Signing in again, this time let through, with each answer and cookie recorded. The
    # request is held while they are read: once the server answers it, the ceremony's
    # cookie is gone (an event handler reading the cookies then raced the response).
    page.unroute("**/login/key")
    sent: list[tuple[dict[str, str], str]] = []

    def record(route: Any) -> None:
        request = route.request
        if request.method == "POST":
            cookie = next(c["value"] for c in context.cookies() if c["name"] == "gavah_webauthn")
            sent.append((dict(parse_qsl(request.post_data or "")), cookie))
        route.continue_()

    page.route("**/login/key", record)
    page.goto(url + "/login")
    password_step(page, url, "omid")
    page.wait_for_url(url + "/")
    assert "/users" in page.content(), "signed in as an administrator"
    [(form, cookie)] = sent
    # Replayed over HTTP from another browser (signed out, with a good CSRF token of its
    # own): refused, and no session is opened.
    thief = browser.new_context()
    login = thief.request.get(url + "/login").text()
    token = login.split('name="csrf_token" value="')[1].split('"')[0]
    replay = thief.request.post(url + "/login/key", form=form | {"csrf_token": token},
                                headers={"origin": url}, max_redirects=0)
    status, text, set_cookie = replay.status, replay.text(), replay.headers.get("set-cookie", "")
    thief.close()
    assert status == 401 and "not accepted" in text
    assert "gavah_session" not in set_cookie
    ws = Workspace.open(home)
    try:
        # With its own ceremony's cookie: that challenge is spent.
        with pytest.raises(BadInput, match="already used"):
            security_keys.finish_sign_in(ws, where, cookie, form["assertion"])
        # With the very challenge it signed issued anew (as if the server repeated one):
        # the sign count has not gone up since it was accepted, so it is refused.
        client_data = json.loads(security_keys._bytes(
            json.loads(form["assertion"])["response"]["clientDataJSON"]))
        with ws.db.write() as session:
            user = account_store.get_user(session, "omid")
            key_store.add_challenge(session, digest("FICTIONAL again"), user, "sign-in",
                                    client_data["challenge"], "9999-12-31T00:00:00.000000Z")
        with pytest.raises(BadInput, match="sign count"):
            security_keys.finish_sign_in(ws, where, "FICTIONAL again", form["assertion"])
        assert security_keys.keys_of(ws, "omid")[0]["sign_count"] > stored
        with ws.db.read() as session:
            entries = [e for e in iter_entries(session) if e.details.get("user") == "omid"]
    finally:
        ws.close()
    assert [e.action for e in entries] == ["user-added", "user-security-key-added",
                                           "user-role-set"]
    assert entries[1].actor == "user:omid" and entries[1].details["key"] == "FICTIONAL red key"
    context.close()


def test_a_key_only_account_issues_itself_a_token_with_its_key(
        browser: Any, server: tuple[str, Path]) -> None:
    url, home = server
    context, page = with_authenticator(browser)
    watch = Watch(page)
    sign_in_page(page, url, "shirin")
    register_key(page, url, "FICTIONAL green key")
    # Neither an operator without --vouch nor the page without the key issues a token.
    ws = Workspace.open(home)
    try:
        with pytest.raises(BadInput, match="second factor"):
            accounts.new_token(ws, "shirin", "test")
    finally:
        ws.close()
    page.goto(url + "/account")
    page.fill("#token-label", "FICTIONAL script")
    page.fill("#token-password", "not the password")
    page.click("#token-new button[type=submit]")
    assert "Wrong password" in page.inner_text("#api-access")
    page.fill("#token-label", "FICTIONAL script")
    page.fill("#token-password", PASSWORD)
    page.click("#token-new button[type=submit]")
    # The page asks the key (the virtual authenticator answers) and shows the token once.
    page.wait_for_selector("#new-token")
    token = page.inner_text("#new-token")
    watch.check()
    ws = Workspace.open(home)
    try:
        assert accounts.account_for_token(ws, token).name == "shirin"  # type: ignore[union-attr]
        with ws.db.read() as session:
            [issued] = [e for e in iter_entries(session) if e.action == "token-issued"
                        and e.details.get("user") == "shirin"]
        assert issued.actor == "user:shirin"
        assert issued.details["second_factor"] == "security-key"
        assert issued.details["label"] == "FICTIONAL script"
        assert security_keys.keys_of(ws, "shirin")[0]["last_used_at"] is not None
    finally:
        ws.close()
    page.goto(url + "/account")
    assert token not in page.content() and token[:12] in page.inner_text("table.tokens")
    context.close()
