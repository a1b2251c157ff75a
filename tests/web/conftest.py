"""A workspace with one item per classification level and a web app over it (on SQLite
and PostgreSQL, through the `ws` fixture), plus helpers to sign in as any role."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from gavah.core.levels import LEVELS
from gavah.pipelines import accounts, sources
from gavah.pipelines.access import Viewer
from gavah.pipelines.ingest import Options, ingest_stream
from gavah.store.workspace import Workspace
from gavah.web import security
from gavah.web.app import create_app
from gavah.web.settings import Settings
from tests.web.browsing import PASSWORD as BROWSER_PASSWORD
from tests.web.server import CHROMIUM, CHROMIUM_ARGS

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
                              secret_key=b"k" * 32, allowed_hosts=("testserver",)))
    yield Site(ws, app, items)
    app.state.ws.close()


# The claims layer and victim registry at every level: a word (MARKERS) and claim ids
# only one level holds, and links across levels that must never carry higher material
# down (a public person named in confidential claims, positions and events).
def person(level: str) -> str:
    return f"Karim {MARKERS[level].capitalize()}"


def claims_text(level: str, figure: str) -> str:
    return (f"FICTIONAL test report {MARKERS[level]}.\n"
            f"The Northgate Coalition said that more than {figure} prisoners were executed "
            f"at Dashtabad Prison in 1988.\n"
            f"\"{person('public')} and {person(level)} sat on the commission "
            f"{MARKERS[level]},\" Northgate Coalition director Sara Rahimi said.\n")


@dataclass
class Layer:
    claims: dict[str, list[str]] = field(default_factory=dict)  # level -> claim ids
    items: dict[str, int] = field(default_factory=dict)
    people: dict[str, int] = field(default_factory=dict)
    orgs: dict[str, int] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)
    records: dict[str, int] = field(default_factory=dict)

    def hidden_from(self, clearance: str) -> list[str]:
        """Claim ids the holder of `clearance` must never be shown."""
        from gavah.core.levels import allowed
        return [c for level, ids in self.claims.items() if not allowed(level, clearance)
                for c in ids]


FIGURES = {"public": "3,000", "restricted": "30,000", "confidential": "5,000",
           "strictly-confidential": "4,000"}


def build_layer(site: Site, tmp: Any, victims: bool = True) -> Layer:
    from gavah.pipelines import claims, entities, events, sources
    from gavah.pipelines.access import Viewer
    from gavah.pipelines.victims import importing

    owner = Viewer(ACTOR)
    layer = Layer()
    sources.add(site.ws, owner, "Northgate Coalition", "ngo", "independent", grade="B",
                reason="FICTIONAL test grade")
    place = entities.add(site.ws, owner, "Place", "Dashtabad Prison")["id"]
    for level in LEVELS:
        layer.sources[level] = sources.add(
            site.ws, owner, f"Source {MARKERS[level]}", "ngo", "independent",
            classification=level, grade="C", reason=f"graded {MARKERS[level]}")["id"]
        layer.people[level] = entities.add(site.ws, owner, "Person", person(level),
                                           aliases=[f"کریم {MARKERS[level]}"],
                                           classification=level)["id"]
        layer.orgs[level] = entities.add(site.ws, owner, "Organization",
                                         f"Org {MARKERS[level]}", classification=level)["id"]
        entities.add_position(site.ws, owner, str(layer.people["public"]),
                              str(layer.orgs[level]), f"member {MARKERS[level]}",
                              start="1987", end="1989")
    for level in LEVELS:
        layer.items[level], _ = ingest_stream(
            site.ws, io.BytesIO(claims_text(level, FIGURES[level]).encode()),
            f"report-{MARKERS[level]}.txt",
            Options(source="Northgate Coalition", classification=level), ACTOR)
        layer.claims[level] = [c["id"] for c in claims.list_claims(
            site.ws, owner, item=str(layer.items[level]))]
        assert layer.claims[level], f"no claims extracted at {level}"
    figures = {level: next(c for c in claims.list_claims(site.ws, owner, item=str(item))
                           if c["kind"] == "figure")["id"]
               for level, item in layer.items.items()}
    for level in LEVELS:
        layer.events[level] = events.add(
            site.ws, owner, "execution", f"Event {MARKERS[level]}", date="summer 1988",
            place=str(place), victims_count=3000, victims_qualifier="more than",
            perpetrators=[(str(layer.people[lv]), "decided") for lv in LEVELS],
            claims=[(figures[lv], "supports") for lv in LEVELS],
            classification=level)["id"]
    if victims:
        for level in LEVELS:
            path = tmp / f"victims-{MARKERS[level]}.csv"
            path.write_text(f"ref,name,father_name,death_date\n1,Ali {MARKERS[level]},"
                            f"Hassan,August 1988\n2,Reza Jaafari,Karim,1988\n")
            importing.import_list(site.ws, path, list_name=f"list-{MARKERS[level]}",
                                  source=f"Group {MARKERS[level]}", actor=ACTOR,
                                  classification=level)
            from gavah.pipelines.victims import registry
            layer.records[level] = registry.list_records(
                site.ws, list_name=f"list-{MARKERS[level]}")[0]["id"]
    return layer


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright (whose own browser download cannot work
    here), for the tests of a module."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (scripts/system-deps.sh)")
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where screenshots go: $GAVAH_SCREENSHOTS, or the test's temporary folder."""
    folder = Path(os.environ.get("GAVAH_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class BrowserWorld:
    """A FICTIONAL workspace made for a module of browser tests, before it is served."""

    home: Path
    ws: Workspace
    owner: Viewer  # the workspace itself: sees and may do everything


@pytest.fixture(scope="module")
def browser_world(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], BrowserWorld]:
    """make(name, pari_role): a new workspace in which 'ana' (analyst, English) and 'pari'
    (Persian, of pari_role) sign in with browsing.PASSWORD, both cleared for restricted, and the
    Northgate Coalition is a source graded B. Skips when Chromium is not installed."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (scripts/system-deps.sh)")

    def make(name: str, pari_role: str) -> BrowserWorld:
        home = tmp_path_factory.mktemp(name) / "ws"
        ws, _ = Workspace.init(home)
        owner = Viewer("test")
        accounts.add_user(ws, "ana", "analyst", "restricted", BROWSER_PASSWORD, "test")
        accounts.add_user(ws, "pari", pari_role, "restricted", BROWSER_PASSWORD, "test",
                          language="fa")
        sources.add(ws, owner, "Northgate Coalition", "ngo", "independent", grade="B",
                    reason="FICTIONAL")
        return BrowserWorld(home, ws, owner)

    return make
