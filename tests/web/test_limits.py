"""Limits that hold before a request reaches a route: the Host a browser names (DNS
rebinding), the size of a body (nothing is spooled for anonymous clients), and CSRF tokens
bound to the session they were issued in."""

from __future__ import annotations

import os
from collections.abc import Iterator

from starlette.testclient import TestClient

from gavah.store.workspace import Workspace
from gavah.web import security
from gavah.web.app import create_app
from gavah.web.settings import Settings
from tests.web.conftest import Site, csrf_of


def test_only_allowed_host_names_are_answered(ws: Workspace, database_url: str | None) -> None:
    app = create_app(Settings(home=ws.home, database_url=database_url, secret_key=b"k" * 32))
    try:
        for name in ("localhost", "127.0.0.1", "localhost:8000"):
            client = TestClient(app, base_url=f"http://{name}")
            assert client.get("/login").status_code == 200, name
        # A page at attacker.example whose name now resolves to 127.0.0.1 sends its own Host.
        rebound = TestClient(app, base_url="http://attacker.example")
        refused = rebound.get("/login")
        assert refused.status_code == 400 and "gavah" not in refused.text
        assert rebound.get("/api/v1/items").status_code == 400
    finally:
        app.state.ws.close()


def test_serve_allows_the_address_it_listens_on() -> None:
    from gavah.cli.serve import allowed_hosts

    assert allowed_hosts("10.0.0.5", []) == ["10.0.0.5"]
    assert allowed_hosts("0.0.0.0", ["gavah.example.org"]) == ["gavah.example.org"]
    # What `gavah serve` exports reaches the workers' settings, loopback names always added.
    os.environ["GAVAH_ALLOWED_HOSTS"] = ",".join(allowed_hosts("10.0.0.5", ["*.example.org"]))
    try:
        hosts = Settings.from_environment().allowed_hosts
    finally:
        del os.environ["GAVAH_ALLOWED_HOSTS"]
    assert hosts == ("localhost", "127.0.0.1", "::1", "10.0.0.5", "*.example.org")


def _chunks(size: int, chunk: int = 16 << 10) -> Iterator[bytes]:
    for start in range(0, size, chunk):
        yield b"x" * min(chunk, size - start)


def test_anonymous_bodies_are_refused_before_they_are_read(site: Site) -> None:
    client = site.client()
    token = csrf_of(client)
    big = {"name": "ann", "password": "p" * (100 << 10), "csrf_token": token}
    refused = client.post("/login", data=big)
    assert refused.status_code == 413 and "larger than" in refused.text
    # Without a Content-Length (chunked), the body is cut off once it passes the limit.
    chunked = client.post("/login", content=_chunks(1 << 20),
                          headers={"content-type": "application/x-www-form-urlencoded"})
    assert chunked.status_code == 413
    api = client.post("/api/v1/items", content=_chunks(1 << 20),
                      headers={"content-type": "multipart/form-data; boundary=x"})
    assert api.status_code == 413 and "larger than" in api.json()["detail"]
    # A made-up session cookie is not a signed-in user.
    client.cookies.set(security.SESSION_COOKIE, "forged")
    assert client.post("/login", data=big).status_code == 413


def test_uploads_are_limited_for_users_too(site: Site) -> None:
    site.user("ivy", "investigator", "public")
    site.app.state.settings.max_upload_bytes = 200 << 10
    client, headers = site.client(), site.token("ivy")
    before = client.get("/api/v1/items", headers=headers).json()["total"]
    small = {"file": ("small.txt", b"FICTIONAL small note.\n" * 100, "text/plain")}
    assert client.post("/api/v1/items", files=small, headers=headers).status_code == 201
    large = {"file": ("large.txt", b"FICTIONAL large note.\n" * 20_000, "text/plain")}
    refused = client.post("/api/v1/items", files=large, headers=headers)
    assert refused.status_code == 413
    after = client.get("/api/v1/items", headers=headers).json()["total"]
    assert after == before + 1  # the refused upload stored nothing


def test_a_csrf_token_works_only_in_the_session_it_was_issued_in(site: Site) -> None:
    site.user("ann", "investigator", "public")
    site.user("bob", "investigator", "public")
    # Someone signed out (or in their own session) obtains a seed and its token, and
    # plants the seed cookie in another user's browser (from a sibling subdomain, say).
    stranger = site.client()
    stranger_token = csrf_of(stranger)
    stranger_seed = stranger.cookies[security.CSRF_COOKIE]
    ann = site.session("ann")
    ann.cookies.set(security.CSRF_COOKIE, stranger_seed)
    files = {"files": ("a.txt", b"FICTIONAL", "text/plain")}
    assert ann.post("/upload", files=files,
                    data={"csrf_token": stranger_token}).status_code == 403
    bob = site.session("bob")
    bob_token = csrf_of(bob, "/")
    ann.cookies.set(security.CSRF_COOKIE, bob.cookies[security.CSRF_COOKIE])
    assert ann.post("/upload", files=files, data={"csrf_token": bob_token}).status_code == 403
    # Ann's own page gives her a token that works.
    assert ann.post("/upload", files=files,
                    data={"csrf_token": csrf_of(ann, "/")}).status_code == 200
