"""A workspace with one item per classification level and a web app over it (on SQLite
and PostgreSQL, through the `ws` fixture), plus helpers to sign in as any role."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from starlette.testclient import TestClient

from gavah.core.levels import LEVELS
from gavah.pipelines import accounts
from gavah.pipelines.ingest import Options, ingest_stream
from gavah.store.workspace import Workspace
from gavah.web import security
from gavah.web.app import create_app
from gavah.web.settings import Settings

# Cheap argon2 parameters for the many accounts these tests make (real ones: ~0.2 s each).
os.environ["GAVAH_INSECURE_FAST_PASSWORD_HASH_FOR_TESTS"] = "1"
PASSWORD = "correct horse battery"
ACTOR = "test:admin"
# A word only each level's item holds: finding it anywhere shows that item leaked.
MARKERS = {level: f"zq{level.replace('-', '')}" for level in LEVELS}


def marker_text(level: str) -> str:
    return (f"FICTIONAL test document. Dashtabad prison register, level {MARKERS[level]}.\n"
            f"گزارش آزمایشی دشت‌آباد {MARKERS[level]}\n")


@dataclass
class Site:
    ws: Workspace
    app: Any
    items: dict[str, int] = field(default_factory=dict)  # level -> item id

    def client(self) -> TestClient:
        return TestClient(self.app, follow_redirects=False)

    def user(self, name: str, role: str, clearance: str, language: str = "en") -> str:
        accounts.add_user(self.ws, name, role, clearance, PASSWORD, ACTOR, language)
        return name

    def token(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {accounts.new_token(self.ws, name, ACTOR)}"}

    def session(self, name: str) -> TestClient:
        """A browser signed in as `name` (session opened as the sign-in route does)."""
        client = self.client()
        key = accounts.open_session(self.ws, accounts.get(self.ws, name), 1)
        client.cookies.set(security.SESSION_COOKIE, key)
        return client


def csrf_of(client: TestClient, path: str = "/login") -> str:
    page = client.get(path)
    found = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD, next_path: str = "/") -> Any:
    return client.post("/login", data={"name": name, "password": password, "next": next_path,
                                       "csrf_token": csrf_of(client)})


@pytest.fixture
def site(ws: Workspace, database_url: str | None) -> Iterator[Site]:
    items = {}
    for level in LEVELS:
        items[level], _ = ingest_stream(
            ws, io.BytesIO(marker_text(level).encode()), f"register-{MARKERS[level]}.txt",
            Options(source=f"source-{MARKERS[level]}", tags=["dashtabad", f"tag-{MARKERS[level]}"],
                    classification=level, method="import", collected_by="tests"), ACTOR)
    app = create_app(Settings(home=ws.home, database_url=database_url,
                              secret_key=b"k" * 32))
    yield Site(ws, app, items)
    app.state.ws.close()
