"""The entity page is computed once per clearance and version: a change to the claims
layer shows at once on the pages it reaches (a review of a claim: those of the entities
it concerns; anything else: every page), a reader's view does not recompute it, a lower
clearance never gets a higher one's page, and every view (cached or not) is a recorded
read.
Real workspaces on both backends; every document here is fictional."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from gavah.pipelines import claims as claim_pipeline
from gavah.pipelines import dossiers, entity_summary
from gavah.pipelines.access import Viewer
from gavah.store.tables import ChangeEntity, CustodyEntry
from gavah.store.workspace import Workspace
from tests.conftest import Cli, write
from tests.pipelines.world import PARTY_PAGE

SECRET_PAGE = PARTY_PAGE.replace("Unity Front reported", "A closed hearing heard").replace(
    "sat on the commission", "signed the Northgate lists")
TOP = Viewer("user:top", "strictly-confidential")
LOW = Viewer("user:low", "public")


def _viewed(ws: Workspace, actor: str) -> list[int | None]:
    with ws.db.read() as session:
        return list(session.scalars(select(CustodyEntry.item_id).where(
            CustodyEntry.actor == actor, CustodyEntry.action == "viewed")))


def _quotes(page: dict) -> set[str]:
    return {c["quote"] for g in page["claims_by_source"] for c in g["claims"]} | {
        e["summary"] for e in page["timeline"] if e["kind"] == "claim"}


def _reach_every_page(world: Cli, name: str = "Northgate Bar Association") -> None:
    """A change that reaches every page and alters no claim: a FICTIONAL source added."""
    world("sources", "add", name, "--type", "ngo", "--affiliation", "independent")


def test_changes_show_at_once_and_views_do_not_recompute(
        world: Cli, ws: Workspace) -> None:
    first = dossiers.entity(ws, TOP, "Kian Sohrabi")
    assert first["positions"] == []
    version = ws.cache.change_version()
    dossiers.entity(ws, TOP, "Kian Sohrabi")
    assert ws.cache.change_version() == version  # reads are not changes
    world("entities", "add", "Northgate Prosecutor's Office", "--type", "Organization")
    world("entities", "position", "Kian Sohrabi", "Northgate Prosecutor's Office", "--role",
          "deputy prosecutor", "--from", "1366")
    assert ws.cache.change_version() > version
    again = dossiers.entity(ws, TOP, "Kian Sohrabi")
    assert [p["role"] for p in again["positions"]] == ["deputy prosecutor"]
    assert any(e["kind"] == "position" for e in again["timeline"])


def _ingest_secret(cli: Cli, tmp_path: Path) -> int:
    """The FICTIONAL confidential hearing page, as its item id."""
    write(tmp_path / "secret", "hearing.html", SECRET_PAGE)
    cli("ingest", str(tmp_path / "secret"), "--source", "Unity Front",
        "--classification", "confidential")
    return int(cli.json("items")[-1]["id"])


def test_each_clearance_its_own_page_and_every_view_recorded(
        world: Cli, ws: Workspace, tmp_path: Path) -> None:
    secret_item = _ingest_secret(world, tmp_path)
    for _ in range(2):  # the second view comes from the cache
        top = dossiers.entity(ws, TOP, "Kian Sohrabi")
        low = dossiers.entity(ws, LOW, "Kian Sohrabi")
        assert any("signed the Northgate lists" in q for q in _quotes(top))
        assert not any("signed the Northgate lists" in q for q in _quotes(low))
    assert _viewed(ws, "user:top") == [secret_item, secret_item]
    assert _viewed(ws, "user:low") == []


def test_claims_by_source_count_all_and_show_a_few(world: Cli, ws: Workspace,
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "other", "other.html", SECRET_PAGE.replace("Arash Vafa", "Dara Kohan"))
    world("ingest", str(tmp_path / "other"), "--source", "Unity Front")
    everything = claim_pipeline.list_claims(ws, TOP, about="Kian Sohrabi")
    by_source = Counter(c["speaker_source_id"] or (c["speaker"] or c["publisher"]).casefold()
                        for c in everything)
    assert len(by_source) >= 2
    monkeypatch.setattr(entity_summary, "PER_SOURCE", 1)
    monkeypatch.setattr(dossiers, "MAX_SOURCES", 1)
    page = dossiers.entity(ws, TOP, "Kian Sohrabi")
    [group] = page["claims_by_source"]
    assert group["count"] == max(by_source.values()) and len(group["claims"]) == 1
    assert page["sources_not_shown"] == len(by_source) - 1
    assert page["claims_about"] == len(everything) and page["claims_more"]
    first = min((c for c in everything if c["speaker"] == group["originator"]),
                key=lambda c: (c["item_id"], c["derivative_id"], c["start"], c["id"]))
    assert group["claims"][0]["id"] == first["id"]


def _together(page: dict) -> dict[str, int]:
    labels = {n["key"]: n["label"] for n in page["network"]["nodes"]}
    return {labels[e["target"]]: e["weight"] for e in page["network"]["edges"]
            if e["kind"] == "named-together"}


def test_named_together_counts_only_claims_the_reader_may_see(
        world: Cli, ws: Workspace, tmp_path: Path) -> None:
    secret_item = _ingest_secret(world, tmp_path)
    for c in claim_pipeline.list_claims(ws, TOP, about="Kian Sohrabi"):
        world("claims", "edit", c["id"], "--set", "about=Kian Sohrabi,Mina Rostami")
    mentions = claim_pipeline.list_claims(ws, TOP, about="Kian Sohrabi")
    secret = sum(c["item_id"] == secret_item for c in mentions)
    assert secret and len(mentions) > secret
    assert _together(dossiers.entity(ws, TOP, "Kian Sohrabi")) == {
        "Mina Rostami": len(mentions)}
    assert _together(dossiers.entity(ws, LOW, "Kian Sohrabi")) == {
        "Mina Rostami": len(mentions) - secret}


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The captions of the entity pages computed (not read back) from now on."""
    from gavah.store import entities as entity_store

    refs: list[str] = []
    compute = dossiers._entity

    def counting(*args: object, **kwargs: object) -> object:
        ws = args[0]
        assert isinstance(ws, Workspace)
        with ws.db.read() as session:  # pages are computed under the entity's id
            refs.append(entity_store.get(session, str(args[2])).caption)
        return compute(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dossiers, "_entity", counting)
    return refs


def test_a_page_computed_by_one_process_serves_the_others(
        world: Cli, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        computed: list[str]) -> None:
    """Web workers share computed entity pages through the workspace: a worker that has
    never computed a page reads the one another made, until a change makes a new one."""
    from gavah.store.tables import PageCache

    secret_item = _ingest_secret(world, tmp_path)
    first = dossiers.entity(ws, TOP, "Kian Sohrabi")
    # Another process: the workspace opened again, with nothing in its memory, and
    # reads by other people since the page was made.
    other = Workspace.open(ws.home, world.database_url)
    dossiers.entity(other, LOW, "Kian Sohrabi")
    second = dossiers.entity(other, TOP, "Kian Sohrabi")
    assert computed == ["Kian Sohrabi", "Kian Sohrabi"]  # TOP once, LOW once
    assert {k: v for k, v in second.items() if k != "page_key"} == {
        k: v for k, v in first.items() if k != "page_key"}
    assert second["page_key"] == first["page_key"]  # both agree on the version
    assert _viewed(ws, "user:top") == [secret_item, secret_item]  # still recorded each time

    _reach_every_page(world)
    changed = dossiers.entity(ws, TOP, "Kian Sohrabi")
    assert len(computed) == 3 and changed["page_key"][-1] > first["page_key"][-1]
    # One generation is kept (a page body found by its content is stamped anew); after
    # the next change that reaches every page, the pages made before this one are gone.
    _reach_every_page(world, "Northgate Lawyers' Guild")
    again = dossiers.entity(ws, TOP, "Kian Sohrabi")
    assert len(computed) == 4 and again["page_key"][-1] > changed["page_key"][-1]
    with ws.db.read() as session:
        assert min(session.scalars(select(PageCache.version))) == changed["page_key"][-1]


GUARD_PAGE = """<html><head><title>Fictional testimony</title></head><body><article>
<p>FICTIONAL TEST DOCUMENT. "Mina Rostami was moved to the east ward in August 1988," a
former guard said.</p></article></body></html>"""


def test_a_change_recomputes_only_the_pages_it_reaches(
        world: Cli, ws: Workspace, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, computed: list[str]) -> None:
    from gavah.pipelines import events
    from gavah.pipelines.entities import list_entities

    ids = {e["caption"]: e["id"] for e in list_entities(ws, TOP)}
    names = list(ids)

    def view_all() -> dict[str, dict]:
        computed.clear()
        return {name: dossiers.entity(ws, TOP, name) for name in names}

    about_kian = claim_pipeline.list_claims(ws, TOP, about="Kian Sohrabi")
    claim = next(c for c in about_kian if ids["Mina Rostami"] not in c["about"])
    # An event with Mina Rostami as its victim, linked to that claim (about Kian only).
    events.add(ws, TOP, "execution", "FICTIONAL hearing", date="1367",
               victims=["Mina Rostami"], claims=[(claim["id"], "supports")])
    before = view_all()
    assert sorted(computed) == sorted(names)  # the event reached every page
    concerned = {*claim["about"], claim["speaker_entity_id"], ids["Mina Rostami"]}
    reached = {name for name, i in ids.items() if i in concerned}
    assert {"Kian Sohrabi", "Mina Rostami"} <= reached
    assert reached < set(names)

    claim_pipeline.reject(ws, TOP, claim["id"], "FICTIONAL: not what the text says")
    after = view_all()
    assert sorted(computed) == sorted(reached)  # about Kian (its speaker); Mina's event
    for name in names:
        moved = after[name]["page_key"][-1] > before[name]["page_key"][-1]
        assert moved == (name in reached), name
    assert claim["id"] not in {e["ref"] for e in after["Kian Sohrabi"]["timeline"]}
    [event] = after["Mina Rostami"]["events"]
    assert [c["status"] for c in event["claims"]] == ["rejected"]

    # An upload: its acquisition and text reach no page, its new claims those they name.
    write(tmp_path / "guard", "guard.html", GUARD_PAGE)
    world("ingest", str(tmp_path / "guard"), "--source", "Northgate Monitor")
    with ws.db.read() as session:
        seq, details = session.execute(select(CustodyEntry.seq, CustodyEntry.details).where(
            CustodyEntry.action == "claims-extracted").order_by(
            CustodyEntry.seq.desc()).limit(1)).one()
        scope = set(session.scalars(select(ChangeEntity.entity_id).where(
            ChangeEntity.seq == seq)))
    # The pages a change reaches are kept beside the signed entry, never in it.
    assert set(json.loads(details)) == {"text_sha256", "extractor", "language", "claims",
                                        "new_claims", "mentions", "flags"}
    named = {name for name, i in ids.items() if i in scope}
    assert named == {"Mina Rostami"}
    uploaded = view_all()
    assert computed == ["Mina Rostami"]
    assert any("east ward" in quote for quote in _quotes(uploaded["Mina Rostami"]))
    world("users", "add", "fictional-analyst", "--role", "analyst", "--clearance", "public",
          "--password-stdin", input="FICTIONAL password\n")
    view_all()
    assert computed == []  # an account change reaches no entity's page

    # A fresh process reads the same versions as this one.
    other = Workspace.open(ws.home, world.database_url)
    everything = ws.cache.everything_version()
    assert other.cache.everything_version() == everything
    assert all(other.cache.entity_version([i], everything)
               == ws.cache.entity_version([i], everything) for i in ids.values())
    # A new entity reaches its own page and those whose merge candidates may list it.
    world("entities", "add", "Northgate Prosecutor's Office", "--type", "Organization")
    view_all()
    assert computed == []
    world("entities", "add", "Kian Sohraby", "--type", "Person")
    view_all()
    assert computed == ["Kian Sohrabi"]
    world("entities", "alias", "Mina Rostami", "Mina Rostamy")  # new names: the same
    view_all()
    assert computed == ["Mina Rostami"]
    before = view_all()
    world("entities", "merge", "Kian Sohrabi", "Kian Sohraby")
    view_all()
    # A merge reaches the two entities' pages and those whose network shows either.
    kian = f"entity:{ids['Kian Sohrabi']}"
    assert sorted(computed) == sorted(name for name, page in before.items() if kian in {
        n["key"] for n in page["network"]["nodes"]})
    assert "Kian Sohrabi" in computed and set(computed) < set(names)


def test_a_grade_reaches_no_entity_page_and_shows_where_grades_are_shown(
        world: Cli, ws: Workspace, computed: list[str]) -> None:
    """No entity page shows a grade: a source's grade leaves every kept page as it was
    (each equals the page a process with nothing kept computes), while the pages that
    show grades (the source's, a claim's corroboration) show the new one at once."""
    from sqlalchemy import delete

    from gavah.pipelines import corroborate, sources
    from gavah.store.tables import EntitySummary, PageCache

    names = ("Kian Sohrabi", "Mina Rostami", "Northgate Prison")
    claim = next(c for c in claim_pipeline.list_claims(ws, TOP)
                 if c["speaker"] == "Unity Front" and c["kind"] == "figure")

    def graded(data: dict) -> set[str | None]:
        return {o["grade"] for o in data["support"]["originators"]
                if o["name"] == "Unity Front"}

    assert graded(corroborate.corroborate_claim(ws, TOP, claim["id"])) == {None}
    before = {name: dossiers.entity(ws, TOP, name, with_candidates=True) for name in names}
    computed.clear()
    sources.assess(ws, TOP, "Unity Front", "E", "FICTIONAL reassessment")
    after = {name: dossiers.entity(ws, TOP, name, with_candidates=True) for name in names}
    assert computed == []  # read back, not computed again
    assert {n: p["page_key"] for n, p in after.items()} == {
        n: p["page_key"] for n, p in before.items()}
    # The kept pages are what a process with nothing kept computes after the grade.
    other = Workspace.open(ws.home, world.database_url)
    try:
        with other.db.write() as session:
            session.execute(delete(PageCache))
            session.execute(delete(EntitySummary))
        fresh = {name: dossiers.entity(other, TOP, name, with_candidates=True)
                 for name in names}
    finally:
        other.close()
    assert computed == list(names)
    assert {n: {k: v for k, v in p.items() if k != "page_key"} for n, p in fresh.items()} \
        == {n: {k: v for k, v in p.items() if k != "page_key"} for n, p in after.items()}
    # Where a grade is shown, the new one shows at once.
    assert graded(corroborate.corroborate_claim(ws, TOP, claim["id"])) == {"E"}
    assert sources.show(ws, TOP, "Unity Front")["grades"][0]["grade"] == "E"


def test_a_first_view_writes_its_page_body_and_reads_in_one_transaction(
        world: Cli, ws: Workspace, tmp_path: Path) -> None:
    """After a change that reaches every page (the entity summaries are kept: no claim
    changed), a first view commits its page, its rendered body and its recorded read in
    one transaction; a view that reads them back commits the read alone."""
    from sqlalchemy import event

    from gavah.store.tables import PageCache

    secret_item = _ingest_secret(world, tmp_path)
    dossiers.entity(ws, TOP, "Kian Sohrabi")
    _reach_every_page(world)
    commits: list[int] = []

    def count(conn: object) -> None:
        commits.append(1)

    other = Workspace.open(ws.home, world.database_url)  # another process
    event.listen(ws.db.engine, "commit", count)
    event.listen(other.db.engine, "commit", count)
    try:
        page = dossiers.entity(ws, TOP, "Kian Sohrabi", part="en",
                               render=lambda e: f"<p>{e['caption']}</p>")
        assert page["body"] == "<p>Kian Sohrabi</p>"
        assert len(commits) == 1
        with ws.db.read() as session:  # the page and its body, of this version
            assert len(session.scalars(select(PageCache.key).where(
                PageCache.version == page["page_key"][-1])).all()) == 2
        commits.clear()
        again = dossiers.entity(other, TOP, "Kian Sohrabi", part="en",
                                render=lambda e: "never rendered")
        assert again["body"] == page["body"] and len(commits) == 1
    finally:
        event.remove(ws.db.engine, "commit", count)
        event.remove(other.db.engine, "commit", count)
        other.close()
    assert _viewed(ws, "user:top") == [secret_item] * 3


def test_a_new_entity_or_name_shows_at_once_where_it_may_and_nowhere_else(
        world: Cli, ws: Workspace, computed: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A new entity or name reaches only the pages whose merge candidates may list it,
    and each reader's page shows it at once where their clearance allows, never above
    it; every kept page equals the page a process with nothing kept computes."""
    from sqlalchemy import delete

    from gavah.core.errors import BadInput
    from gavah.pipelines import entities
    from gavah.store.tables import EntitySummary, PageCache

    names = ("Kian Sohrabi", "Mina Rostami", "Northgate Prison")
    readers = (TOP, LOW)

    def pages(on: Workspace) -> dict[tuple[str, str], dict]:
        return {(name, r.clearance): {k: v for k, v in dossiers.entity(
            on, r, name, with_candidates=True).items() if k != "page_key"}
            for name in names for r in readers}

    def listed(page: dict) -> set[str]:
        return {c["name"] for c in page["candidates"]}

    before = pages(ws)
    computed.clear()
    entities.add(ws, TOP, "Person", "Kian Sohrabie", classification="confidential")
    after = pages(ws)
    # The hidden variant reaches Kian's pages (computed for each clearance), no other.
    assert sorted(computed) == ["Kian Sohrabi"] * 2
    assert "Kian Sohrabie" in listed(after["Kian Sohrabi", "strictly-confidential"])
    assert "Kian Sohrabie" not in json.dumps(after["Kian Sohrabi", "public"])
    assert after["Kian Sohrabi", "public"] == before["Kian Sohrabi", "public"]
    # A name a hidden entity shares: ambiguous above, the one visible below.
    hidden = entities.add(ws, TOP, "Person", "Mina Rostami", classification="confidential")
    with pytest.raises(BadInput):
        dossiers.entity(ws, TOP, "Mina Rostami")
    assert {k: v for k, v in dossiers.entity(ws, LOW, "Mina Rostami").items()
            if k != "page_key"} == before["Mina Rostami", "public"]
    mina = str(before["Mina Rostami", "public"]["id"])
    assert [c["id"] for c in dossiers.entity(ws, TOP, mina, with_candidates=True)[
        "candidates"]] == [hidden["id"]]
    assert dossiers.entity(ws, LOW, mina, with_candidates=True)["candidates"] == []
    names = ("Kian Sohrabi", "Northgate Prison")
    computed.clear()
    entities.add(ws, TOP, "Person", "Kian Sohraabi")  # public
    entities.add_names(ws, TOP, "Northgate Prison", ["Northgate Jail"])
    after = pages(ws)
    assert sorted(computed) == sorted(["Kian Sohrabi", "Northgate Prison"] * 2)
    assert "Kian Sohraabi" in listed(after["Kian Sohrabi", "public"])
    assert "Northgate Jail" in {n["name"] for n in after["Northgate Prison", "public"]["names"]}
    # The merge candidates' index is made again only when names change.
    made: list[int] = []
    make = entities._make_names
    monkeypatch.setattr(entities, "_make_names", lambda *a: made.append(1) or make(*a))
    claim = claim_pipeline.list_claims(ws, TOP, about="Kian Sohrabi")[0]
    claim_pipeline.reject(ws, TOP, claim["id"], "FICTIONAL: not what the text says")
    after = pages(ws)
    assert made == []
    # What every reader gets is what a process with nothing kept computes.
    other = Workspace.open(ws.home, world.database_url)
    try:
        with other.db.write() as session:
            session.execute(delete(PageCache))
            session.execute(delete(EntitySummary))
        assert pages(other) == after
    finally:
        other.close()


def test_a_page_a_change_left_as_it_was_is_not_rendered_again(
        world: Cli, ws: Workspace, computed: list[str]) -> None:
    """After a change that reaches every page, each page is computed again, but its body
    is rendered again only when the page's content changed (in any process: bodies are
    kept by content in the workspace)."""
    names = ("Kian Sohrabi", "Mina Rostami")
    rendered: list[str] = []

    def render(page: dict) -> str:
        rendered.append(page["caption"])
        return f"<p>{page['caption']}: {[c['name'] for c in page['candidates']]}</p>"

    def views(on: Workspace) -> dict[str, dict]:
        return {name: dossiers.entity(on, TOP, name, with_candidates=True, part="en",
                                      render=render) for name in names}

    before = views(ws)
    assert sorted(rendered) == sorted(names)
    rendered.clear()
    _reach_every_page(world)  # a new source neither page names
    after = views(ws)
    assert sorted(computed) == sorted(names * 2) and rendered == []
    assert all(after[n]["page_key"][-1] > before[n]["page_key"][-1] for n in names)
    assert {n: p["body"] for n, p in after.items()} == {n: p["body"] for n, p in before.items()}
    other = Workspace.open(ws.home, world.database_url)  # another process: found by content
    try:
        assert {n: p["body"] for n, p in views(other).items()} == {
            n: p["body"] for n, p in after.items()}
        assert rendered == []
        world("entities", "add", "Kian Sohraby", "--type", "Person")
        _reach_every_page(world, "Northgate Lawyers' Guild")
        changed = views(other)
    finally:
        other.close()
    assert rendered == ["Kian Sohrabi"]  # its candidates changed; Mina's page did not
    assert "Kian Sohraby" in changed["Kian Sohrabi"]["body"]
    assert changed["Mina Rostami"]["body"] == after["Mina Rostami"]["body"]
