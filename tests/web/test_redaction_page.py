"""The item page lists an item's redacted copies: what was hidden, why and by whom
(FICTIONAL items of tests/web/conftest.py)."""

from __future__ import annotations

import threading

import pytest

from gavah.pipelines import redact
from gavah.pipelines.access import Viewer
from gavah.store.workspace import Workspace
from tests.web.conftest import MARKERS, Site, csrf_of, marker_text


def test_item_page_lists_redacted_copies(site: Site) -> None:
    item = site.items["restricted"]
    site.user("ana", "analyst", "restricted")
    page = site.session("ana")
    assert "Redacted copies" not in page.get(f"/items/{item}").text
    made = redact.redact(site.ws, Viewer("user:ana", "restricted"), str(item), [(0, 9)], [],
                         "FICTIONAL: a name to hide")
    shown = page.get(f"/items/{item}").text
    assert "Redacted copies" in shown and "FICTIONAL: a name to hide" in shown
    assert made["sha256"][:16] in shown and "user:ana" in shown
    site.user("pari", "analyst", "restricted", language="fa")
    persian = site.session("pari").get(f"/items/{item}").text
    assert "نسخه‌های پوشانده" in persian and "متن پوشانده" in persian


def test_api_redacts_for_analysts_within_their_clearance(site: Site) -> None:
    site.user("ada", "analyst", "restricted")
    site.user("ivy", "investigator", "strictly-confidential")
    client = site.client()
    item = site.items["restricted"]
    body = {"spans": [[0, 9]], "reason": "FICTIONAL: a name to hide"}
    assert client.post(f"/api/v1/items/{item}/redactions", json=body,
                       headers=site.token("ivy")).status_code == 403  # not an analyst
    hidden = site.items["confidential"]  # above ada's clearance: as if it did not exist
    assert client.post(f"/api/v1/items/{hidden}/redactions", json=body,
                       headers=site.token("ada")).status_code == 404
    assert client.post(f"/api/v1/items/{item}/redactions", json={**body, "spans": [[5, 2]]},
                       headers=site.token("ada")).status_code in (400, 422)
    made = client.post(f"/api/v1/items/{item}/redactions", json=body,
                       headers=site.token("ada"))
    assert made.status_code == 201, made.text
    copy = made.json()
    assert copy["spans"] == [[0, 9]] and copy["by"].endswith("ada")
    shown = client.get(f"/api/v1/items/{item}", headers=site.token("ada")).json()
    assert [r["sha256"] for r in shown["redactions"]] == [copy["sha256"]]
    with site.ws.blobs.open(copy["sha256"]) as stream:
        assert stream.read().decode().startswith("\u2588" * 9)
    # A second copy hides the first one's span too, unless asked to start afresh.
    more = {"spans": [[10, 14]], "reason": "FICTIONAL: a word"}
    both = client.post(f"/api/v1/items/{item}/redactions", json=more,
                       headers=site.token("ada")).json()
    assert both["spans"] == [[0, 9], [10, 14]]
    alone = client.post(f"/api/v1/items/{item}/redactions", json={**more, "afresh": True},
                        headers=site.token("ada")).json()
    assert alone["spans"] == [[10, 14]]


def _custody_redactions(site: Site) -> int:
    from gavah.store.custody import iter_entries

    with site.ws.db.read() as session:
        return sum(1 for e in iter_entries(session) if e.action == "redacted")


def test_analyst_redacts_from_the_item_page(site: Site) -> None:
    item = site.items["restricted"]
    site.user("ana", "analyst", "restricted")
    page = site.session("ana")
    shown = page.get(f"/items/{item}").text
    assert 'id="redact-form"' in shown and 'data-redact-text=' in shown
    token = csrf_of(page, f"/items/{item}")
    text = marker_text("restricted")
    start = text.index("Dashtabad")
    end = start + len("Dashtabad prison register")
    bad = page.post(f"/items/{item}/redactions", data={
        "csrf_token": token, "spans": f"{end}:{start}", "reason": "FICTIONAL: a place"})
    assert bad.status_code == 400 and "START:END" in bad.text
    assert f'value="{end}:{start}"' in bad.text  # the form comes back as it was filled
    assert _custody_redactions(site) == 0
    made = page.post(f"/items/{item}/redactions", data={
        "csrf_token": token, "spans": f"{start}:{end}, 0:9", "text": "",
        "reason": "FICTIONAL: a place"})
    assert made.status_code == 303, made.text
    assert _custody_redactions(site) == 1  # one entry, as the CLI and the API make
    copy = page.get(made.headers["location"].split("#")[0]).text
    assert "2 spans of the text hidden (characters hidden: 34)" in copy
    assert "█" * 9 + " test document. " + "█" * 25 + ", level" in copy
    with site.ws.db.read() as session:
        from gavah.store import redactions

        (made_copy,) = redactions.of_items(session, [item])[item]
    assert made_copy.details["via"] == "web" and made_copy.by == "user:ana"
    assert made_copy.details["spans"] == [[0, 9], [start, end]]
    # The copy itself, saved from the page
    saved = page.get(f"/items/{item}/derivatives/{made_copy.derivative_id}")
    assert saved.status_code == 200 and "Dashtabad prison" not in saved.text
    assert saved.headers["content-type"] == "application/octet-stream"
    # In Persian, what was hidden is said in Persian; the mark in the copy is the same.
    site.user("pari", "analyst", "restricted", language="fa")
    persian = site.session("pari").get(f"/items/{item}").text
    assert "spans of the text" not in persian and "█" * 9 in persian
    assert "۲ بازه از متن پوشانده شد" in persian


def test_viewers_see_no_form_and_may_not_post_it(site: Site) -> None:
    item = site.items["public"]
    site.user("vera", "viewer", "strictly-confidential")
    page = site.session("vera")
    shown = page.get(f"/items/{item}").text
    assert "Dashtabad" in shown  # the test can fail: she reads the item
    assert 'id="redact-form"' not in shown and "data-redact-text" not in shown
    token = csrf_of(page, f"/items/{item}")
    refused = page.post(f"/items/{item}/redactions", data={
        "csrf_token": token, "spans": "0:9", "reason": "FICTIONAL"})
    assert refused.status_code == 403
    assert _custody_redactions(site) == 0


def test_a_redaction_without_its_csrf_token_is_refused(site: Site) -> None:
    item = site.items["restricted"]
    site.user("ana", "analyst", "restricted")
    page = site.session("ana")
    page.get(f"/items/{item}")  # the CSRF cookie is set; the token is not sent
    for data in ({"spans": "0:9", "reason": "FICTIONAL"},
                 {"spans": "0:9", "reason": "FICTIONAL", "csrf_token": "0" * 64}):
        refused = page.post(f"/items/{item}/redactions", data=data)
        assert refused.status_code == 403, refused.text
    # From another site, even with the token
    token = csrf_of(page, f"/items/{item}")
    refused = page.post(f"/items/{item}/redactions", headers={"origin": "http://evil.test"},
                        data={"spans": "0:9", "reason": "FICTIONAL", "csrf_token": token})
    assert refused.status_code == 403
    # The API with the session cookie and no CSRF header, as another site could send
    api = page.post(f"/api/v1/items/{item}/redactions",
                    json={"spans": [[0, 9]], "reason": "FICTIONAL"})
    assert api.status_code == 403
    assert _custody_redactions(site) == 0


def test_items_above_clearance_are_not_found_by_the_form(site: Site) -> None:
    site.user("ana", "analyst", "restricted")
    page = site.session("ana")
    token = csrf_of(page, f"/items/{site.items['restricted']}")
    hidden = site.items["confidential"]
    refused = page.post(f"/items/{hidden}/redactions", data={
        "csrf_token": token, "spans": "0:9", "reason": "FICTIONAL"})
    assert refused.status_code == 404 and MARKERS["confidential"] not in refused.text
    assert _custody_redactions(site) == 0


def test_form_errors_are_in_the_readers_language(site: Site) -> None:
    item = site.items["restricted"]
    site.user("pari", "analyst", "restricted", language="fa")
    site.user("ana", "analyst", "restricted")
    persian, english = site.session("pari"), site.session("ana")
    length = len(marker_text("restricted"))
    for page, wanted, unwanted in (
            (persian, ["به شکل آغاز:پایان", "«۹:۵»"], ["START smaller", "--span"]),
            (english, ["“9:5” is not START:END with START smaller than END"], ["--span"])):
        bad = page.post(f"/items/{item}/redactions", data={
            "csrf_token": csrf_of(page, f"/items/{item}"), "spans": "9:5",
            "reason": "FICTIONAL: a place"})
        assert bad.status_code == 400
        for text in wanted:
            assert text.replace("۹:۵", "9:5") in bad.text, text
        assert not any(text in bad.text for text in unwanted)
    outside = persian.post(f"/items/{item}/redactions", data={
        "csrf_token": csrf_of(persian, f"/items/{item}"), "spans": f"0:{length + 5}",
        "reason": "FICTIONAL"})
    assert outside.status_code == 400 and "بیرون از متن است" in outside.text
    no_reason = persian.post(f"/items/{item}/redactions", data={
        "csrf_token": csrf_of(persian, f"/items/{item}"), "spans": "0:9", "reason": " "})
    assert no_reason.status_code == 400 and "نوشتن علت لازم است" in no_reason.text
    # The API keeps the pipeline's words and names the kind of error.
    site.user("ada", "analyst", "restricted")
    api = site.client().post(f"/api/v1/items/{item}/redactions", headers=site.token("ada"),
                             json={"spans": [[0, length + 5]], "reason": "FICTIONAL"})
    assert api.status_code == 400 and api.json()["code"] == "span-outside"


def test_a_fresh_start_over_a_copy_made_meanwhile_gets_409(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another analyst's copy is recorded (by a real second writer, on a thread of its
    own) after the form's redaction read the latest copy and before it records its own:
    made afresh, it is refused, in the reader's language; otherwise built on."""
    item = site.items["restricted"]
    site.user("pari", "analyst", "restricted", language="fa")
    page = site.session("pari")
    redact.redact(site.ws, Viewer("user:ana", "restricted"), str(item), [(0, 9)], [],
                  "FICTIONAL: first")
    real, other, turn = redact.store_bytes, [], threading.Event()

    def store(ws: Workspace, data: bytes, classification: str) -> tuple[str, int]:
        if not turn.is_set():  # the other analyst, between this one's read and write
            turn.set()
            thread = threading.Thread(target=lambda: other.append(redact.redact(
                site.ws, Viewer("user:ana", "restricted"), str(item), [(10, 14)], [],
                "FICTIONAL: meanwhile")))
            thread.start()
            thread.join(30)
            assert other
        return real(ws, data, classification)

    monkeypatch.setattr(redact, "store_bytes", store)
    refused = page.post(f"/items/{item}/redactions", data={
        "csrf_token": csrf_of(page, f"/items/{item}"), "spans": "20:25", "afresh": "true",
        "reason": "FICTIONAL: afresh"})
    assert refused.status_code == 409
    assert "در این میان کس دیگری این سند را پوشانده است" in refused.text
    assert 'value="20:25"' in refused.text  # the form comes back as it was filled
    assert _custody_redactions(site) == 2
    turn.clear()
    built = page.post(f"/items/{item}/redactions", data={
        "csrf_token": csrf_of(page, f"/items/{item}"), "spans": "20:25",
        "reason": "FICTIONAL: on top"})
    assert built.status_code == 303
    with site.ws.db.read() as session:
        from gavah.store import redactions

        copies = redactions.of_items(session, [item])[item]
    assert len(copies) == 4 and copies[-1].details["builds_on"] == copies[-2].custody_seq
    assert copies[-1].details["spans"] == [[0, 9], [10, 14], [20, 25]]
