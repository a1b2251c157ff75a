"""The claims layer's pages: lists, a claim with its corroboration panel, an entity
(names, positions, network, timeline, claims by source), an event, a source, claim
spans on the item page, and the analysts' forms (CSRF, roles, reasons, custody)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from gavah.pipelines import claims
from gavah.pipelines.access import Viewer
from gavah.store.cache import Cache
from gavah.store.tables import CustodyEntry
from tests.web.conftest import (
    ACTOR,
    FIGURES,
    MARKERS,
    Layer,
    Site,
    build_layer,
    csrf_of,
    person,
)


def _actions(site: Site, actor: str) -> list[str]:
    with site.ws.db.read() as session:
        return list(session.scalars(select(CustodyEntry.action)
                                    .where(CustodyEntry.actor == actor)
                                    .order_by(CustodyEntry.seq)))


def _figure(site: Site, layer: Layer, level: str) -> str:
    rows = claims.list_claims(site.ws, Viewer(ACTOR), item=str(layer.items[level]),
                              kind="figure")
    return str(rows[0]["id"])


def test_lists_and_read_pages(site: Site, tmp_path: Path) -> None:
    layer = build_layer(site, tmp_path, victims=False)
    site.user("ada", "analyst", "strictly-confidential")
    site.user("vic", "viewer", "confidential")
    browser = site.session("vic")

    claims = browser.get("/claims", params={"kind": "figure"}).text
    assert claims.count('class="quote"') == 3  # three levels visible, one figure each
    assert "more than 3,000 prisoners" in claims and "4,000" not in claims
    assert browser.get("/claims", params={"kind": "nonsense"}).status_code == 400

    figure = _figure(site, layer, "public")
    page = browser.get(f"/claims/{figure}").text
    assert "Corroboration" in page and "Figures for the same count, side by side" in page
    for level in ("public", "restricted", "confidential"):
        assert FIGURES[level] in page  # each figure with who asserts it, never averaged
    assert FIGURES["strictly-confidential"] not in page
    assert "Northgate Coalition" in page and "span_verified" not in page
    assert "✓" in page  # the span checks against the text's hash
    assert 'action="/claims/' not in page  # a viewer gets no review forms

    entity = browser.get(f"/entities/{layer.people['public']}").text
    assert f'dir="auto" class="name">کریم {MARKERS["public"]}</td>' in entity
    assert "<svg" in entity and 'class="graph"' in entity
    for level in ("public", "restricted", "confidential"):
        assert f"Org {MARKERS[level]}" in entity  # positions, network
        assert f"Event {MARKERS[level]}" in entity  # events
    assert "Sara Rahimi" in entity  # claims grouped by who says them
    assert "Timeline" in entity and 'class="timeline-chart"' in entity

    event = browser.get(f"/events/{layer.events['restricted']}").text
    assert "to the season" in event and "more than 3,000" in event
    assert person("confidential") in event and person("strictly-confidential") not in event
    assert "Figures asserted, side by side" in event

    assert "Northgate Coalition" in browser.get("/sources").text
    source = browser.get(f"/sources/{layer.sources['restricted']}").text
    assert "Grade history" in source and f"graded {MARKERS['restricted']}" in source
    assert 'id="grade-form"' not in source

    item = browser.get(f"/items/{layer.items['public']}").text
    spans = re.findall(r'<a class="claim-span[^"]*" id="claim-(c[0-9a-f]+)" '
                       r'href="/claims/(c[0-9a-f]+)"', item)
    assert spans and all(a == b for a, b in spans)
    assert {b for _, b in spans} <= set(layer.claims["public"])
    assert "<a class=\"claim-span depth-2" in item  # the figure inside its sentence


def test_confirm_reject_and_edit_a_claim(site: Site, tmp_path: Path) -> None:
    layer = build_layer(site, tmp_path, victims=False)
    site.user("ada", "analyst", "strictly-confidential")
    site.user("ivy", "investigator", "strictly-confidential")
    browser = site.session("ada")
    claim = layer.claims["public"][0]
    token = csrf_of(browser, f"/claims/{claim}")
    page = browser.get(f"/claims/{claim}").text
    assert 'id="confirm-form"' in page and 'id="reject-form"' in page

    assert browser.post(f"/claims/{claim}/confirm", data={}).status_code == 403  # no CSRF
    investigator = site.session("ivy")
    assert investigator.post(f"/claims/{claim}/confirm", data={
        "csrf_token": csrf_of(investigator, "/claims")}).status_code == 403

    done = browser.post(f"/claims/{claim}/confirm",
                        data={"csrf_token": token, "credibility": "2", "reason": "read it"})
    assert done.status_code == 303 and done.headers["location"].endswith("?done=confirm")
    shown = browser.get(done.headers["location"]).text
    assert "Confirmed." in shown and "st-confirmed" in shown and "read it" in shown

    refused = browser.post(f"/claims/{claim}/reject", data={"csrf_token": token,
                                                             "reason": "  "})
    assert refused.status_code == 400 and "needs a reason" in refused.text
    rejected = browser.post(f"/claims/{claim}/reject", data={
        "csrf_token": token, "reason": "the speaker is wrong"})
    assert rejected.status_code == 303

    figure = _figure(site, layer, "confidential")
    nothing = browser.post(f"/claims/{figure}/edit", data={"csrf_token": token,
                                                            "kind": "figure"})
    assert nothing.status_code == 400 and "nothing was changed" in nothing.text
    edited = browser.post(f"/claims/{figure}/edit", data={
        "csrf_token": token, "kind": "figure", "credibility": "3", "has_figure": "true",
        "figure_value": "۵٬۰۰۰", "figure_min": "5000", "figure_max": "",
        "figure_qualifier": "at least", "figure_counts": "prisoners executed",
        "reason": "qualifier misread"})
    assert edited.status_code == 303, edited.text[-500:]
    history = browser.get(f"/claims/{figure}").text
    assert "qualifier misread" in history and "Review history" in history
    assert "<code>credibility</code>" in history
    assert _actions(site, "user:ada").count("annotated") == 3


def test_merge_and_undo_from_the_entity_page(site: Site, tmp_path: Path) -> None:
    from gavah.pipelines import entities
    from gavah.pipelines.access import Viewer

    layer = build_layer(site, tmp_path, victims=False)
    twin = entities.add(site.ws, Viewer("test"), "Person", "Karim Zqpublik")["id"]
    site.user("ada", "analyst", "public")
    browser = site.session("ada")
    keep = layer.people["public"]
    page = browser.get(f"/entities/{keep}").text
    assert "Name variants that may be the same" in page and "Karim Zqpublik" in page
    token = csrf_of(browser, f"/entities/{keep}")
    hidden = browser.post(f"/entities/{keep}/merge", data={
        "csrf_token": token, "other": str(layer.people["confidential"])})
    assert hidden.status_code == 400 and "no entity" in hidden.text  # above clearance
    merged = browser.post(f"/entities/{keep}/merge", data={
        "csrf_token": token, "other": str(twin), "reason": "spelling variant"})
    assert merged.status_code == 303
    page = browser.get(merged.headers["location"]).text
    assert "Merged." in page and f"from merged entity {twin}" in page
    assert "Undo merge" in page
    assert browser.get(f"/entities/{twin}").url.path.endswith(str(twin))
    undone = browser.post(f"/entities/{keep}/split", data={
        "csrf_token": token, "other": str(twin), "reason": "two people after all"})
    assert undone.status_code == 303
    page = browser.get(f"/entities/{keep}").text
    assert "The merge was undone" in page or "entities split" in page
    assert f"from merged entity {twin}" not in page
    assert _actions(site, "user:ada")[-2:] == ["entities-merged", "entities-split"]


def test_a_merge_renders_again_only_the_pages_that_show_it(
        site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A merge reaches the pages whose network shows either entity (an organisation the
    merged person held a position in shows it under the name it now goes by); a page
    that names neither keeps its rendered body, which is what a process with nothing
    kept renders; nothing above the reader's clearance shows on either."""
    from sqlalchemy import delete

    from gavah.pipelines import dossiers, entities
    from gavah.store.tables import PageCache

    layer = build_layer(site, tmp_path, victims=False)
    owner = Viewer(ACTOR)
    twin = entities.add(site.ws, owner, "Person", "Karim Zqpublik")["id"]
    apart = entities.add(site.ws, owner, "Person", "Parisa Jam")["id"]  # FICTIONAL
    site.user("ada", "analyst", "public")
    browser = site.session("ada")
    org, far = f"/entities/{layer.orgs['public']}", f"/entities/{apart}"
    before = {url: browser.get(url).text for url in (org, far)}
    assert "Karim Zqpublik" not in before[org]
    rendered: list[str] = []
    templates = site.app.state.templates
    render = templates.render
    monkeypatch.setattr(templates, "render", lambda lang, name, context: (
        rendered.append(name), render(lang, name, context))[1])
    computed: list[str] = []  # the pages computed (not read back)
    compute = dossiers._entity
    monkeypatch.setattr(dossiers, "_entity", lambda ws, viewer, ref, *rest: (
        computed.append(ref), compute(ws, viewer, ref, *rest))[1])
    merged = browser.post(f"/entities/{twin}/merge", data={
        "csrf_token": csrf_of(browser, f"/entities/{twin}"),
        "other": str(layer.people["public"]), "reason": "FICTIONAL spelling variant"})
    assert merged.status_code == 303
    rendered.clear()
    computed.clear()
    assert browser.get(far).text == before[far]
    assert computed == [] and "_entity_body.html" not in rendered  # kept as it was
    shown = browser.get(org).text
    assert computed == [str(layer.orgs["public"])] and "_entity_body.html" in rendered
    assert "Karim Zqpublik" in shown
    assert not any(MARKERS[level] in shown for level in ("restricted", "confidential",
                                                         "strictly-confidential"))
    # A process with nothing kept renders the same pages.
    site.app.state.ws.cache = Cache(site.app.state.ws.db)
    with site.ws.db.write() as session:
        session.execute(delete(PageCache))
    assert browser.get(far).text == before[far] and browser.get(org).text == shown


def test_grade_a_source(site: Site, tmp_path: Path) -> None:
    layer = build_layer(site, tmp_path, victims=False)
    site.user("ada", "analyst", "restricted")
    site.user("vic", "viewer", "restricted")
    browser = site.session("ada")
    url = f"/sources/{layer.sources['restricted']}"
    token = csrf_of(browser, url)
    assert 'id="grade-form"' in browser.get(url).text
    no_reason = browser.post(url + "/grade", data={"csrf_token": token, "grade": "A"})
    assert no_reason.status_code == 400 and "needs a reason" in no_reason.text
    graded = browser.post(url + "/grade", data={"csrf_token": token, "grade": "A",
                                                "reason": "mandated inquiry"})
    assert graded.status_code == 303
    page = browser.get(url).text
    assert page.count('class="grade grade-A"') >= 2 and "mandated inquiry" in page
    assert f"graded {MARKERS['restricted']}" in page  # the earlier grade is kept
    viewer = site.session("vic")
    assert viewer.post(url + "/grade", data={"csrf_token": csrf_of(viewer, url), "grade": "E",
                                             "reason": "x"}).status_code == 403
    assert "source-assessed" in _actions(site, "user:ada")


def test_persian_pages(site: Site, tmp_path: Path) -> None:
    layer = build_layer(site, tmp_path, victims=False)
    site.user("reza", "analyst", "public", language="fa")
    browser = site.session("reza")
    page = browser.get(f"/claims/{_figure(site, layer, 'public')}").text
    assert 'dir="rtl"' in page and "تأیید و تعارض" in page and "بیش از" in page
    entity = browser.get(f"/entities/{layer.people['public']}").text
    assert "شبکه" in entity and "گاه‌شمار" in entity and "۱۹۸۷" in entity
    assert "اعدام" in browser.get(f"/events/{layer.events['public']}").text


def test_entity_page_body_is_shared_only_by_the_same_clearance_and_language(
        site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The body of an entity page is rendered once and kept: a reader must still get it
    at their own clearance and in their own language, whoever asked for it first, and
    another process serving the workspace reads it back rather than rendering it."""
    layer = build_layer(site, tmp_path, victims=False)
    site.user("ada", "analyst", "strictly-confidential")
    site.user("vic", "viewer", "restricted")
    site.user("farid", "viewer", "strictly-confidential", language="fa")
    url = f"/entities/{layer.people['public']}"
    top = f"commission {MARKERS['strictly-confidential']}"
    for _ in range(2):  # the second round is served from what the first one kept
        first = site.session("ada").get(url).text
        assert top in first and "Timeline" in first and 'id="merge-form"' in first
        lower = site.session("vic").get(url).text
        assert f"commission {MARKERS['restricted']}" in lower
        assert top not in lower and MARKERS["confidential"] not in lower
        assert 'id="merge-form"' not in lower  # the reader's own part: no analyst forms
        persian = site.session("farid").get(url).text
        assert top in persian and "گاه‌شمار" in persian and ">Timeline<" not in persian

    # Another process: nothing in its memory, every body read back from the workspace.
    site.app.state.ws.cache = Cache(site.app.state.ws.db)
    rendered: list[str] = []
    templates = site.app.state.templates
    render = templates.render
    monkeypatch.setattr(templates, "render", lambda lang, name, context: (
        rendered.append(name), render(lang, name, context))[1])
    assert top in site.session("ada").get(url).text
    assert "گاه‌شمار" in site.session("farid").get(url).text
    assert "_entity_body.html" not in rendered and "entity.html" in rendered
    # After a change the page is computed and its body rendered again.
    claims.confirm(site.ws, Viewer(ACTOR), _figure(site, layer, "public"))
    assert top in site.session("ada").get(url).text
    assert "_entity_body.html" in rendered
