"""Web capture end to end in Debian's Chromium against a FICTIONAL site on 127.0.0.1:
the WACZ validates and its index finds every response, replay from the WACZ alone shows
text a script loaded later, screenshot, PDF, text and media are kept, failures are kept
as evidence, the policy refuses what it must, and a killed capture leaves nothing."""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gavah.pipelines import verify as verify_pipeline
from gavah.pipelines.capture import run
from gavah.pipelines.capture.reader import Wacz
from gavah.store import captures as capture_store
from gavah.store.custody import iter_entries
from gavah.store.workspace import Workspace
from tests.pipelines.capture_site import (
    DELAYED,
    LOOPBACK_ONLY,
    VIDEO,
    Site,
    loopback_only,
    serving,
)

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.async_api")
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (scripts/system-deps.sh)")
    with serving() as running:
        yield running


def _by_url(report: run.Report) -> dict[str, run.Outcome]:
    return {o.url: o for o in report.outcomes}


def _blob(ws: Workspace, sha: str) -> bytes:
    with ws.blobs.open(sha) as stream:
        return stream.read()


def _derived(outcome: run.Outcome, kind: str) -> dict[str, Any]:
    return next(d for d in outcome.derivatives if d["kind"] == kind)


def _item_sha(ws: Workspace, item_id: int) -> str:
    from gavah.pipelines import items as item_pipeline

    return str(item_pipeline.show(ws, str(item_id))["sha256"])


def test_capture_keeps_page_resources_media_and_failures(ws: Workspace, site: Site) -> None:
    from PIL import Image

    ws.config["capture"] = dict(LOOPBACK_ONLY)
    main, moved, missing = f"{site.url}/", f"{site.url}/redirect", f"{site.url}/missing"
    report = run.capture_urls(ws, [main, moved, missing],
                              run.Options(allow_private=True, concurrency=2, source="test"),
                              "test")
    found = _by_url(report)
    page = found[main]
    assert page.status == "captured" and page.http_status == 200, page
    assert {d["kind"] for d in page.derivatives} == {"screenshot", "pdf", "text", "metadata"}

    # The WACZ validates, and its index finds every response of the page load, the
    # picture loaded only after scrolling and the text a script fetched later included.
    with ws.blobs.open(_item_sha(ws, page.item)) as stream, Wacz(stream) as package:
        assert package.problems() == []
        assert package.datapackage()["wacz_version"] == "1.1.1"
        assert package.pages()[0]["url"] == main
        for path in ("/", "/pic.png", "/lazy.png", "/late.txt", "/clip.webm"):
            entries = package.lookup(f"{site.url}{path}")
            assert entries, f"{path} is not in the index"
            assert package.read(entries[0]).status == 200
        assert package.read(package.lookup(f"{site.url}/late.txt")[0]).body.decode() == DELAYED

    shot = Image.open(io.BytesIO(_blob(ws, _derived(page, "screenshot")["sha256"])))
    assert shot.width == 1280 and shot.height > 3000  # the full page, not the viewport
    assert len(shot.convert("RGB").getcolors(1 << 20) or []) > 10  # not blank
    pdf = _blob(ws, _derived(page, "pdf")["sha256"])
    import pypdfium2 as pdfium

    assert len(pdfium.PdfDocument(pdf)) >= 1
    text = _blob(ws, _derived(page, "text")["sha256"]).decode()
    assert "Dashtabad prison commission" in text and DELAYED in text

    assert [m["media_type"] for m in page.media] == ["video/webm"]
    assert page.media[0]["sha256"] == hashlib.sha256(VIDEO).hexdigest()

    # A redirect is followed and recorded; a 404 is kept as a failed capture with its
    # response and text.
    assert found[moved].status == "captured" and found[moved].final_url == main
    gone = found[missing]
    assert gone.status == "failed" and gone.http_status == 404 and gone.item is not None
    assert gone.reason is not None and gone.reason.startswith("HTTP 404")
    with ws.blobs.open(_item_sha(ws, gone.item)) as stream, Wacz(stream) as package:
        assert package.problems() == []
        recorded = package.read(package.lookup(missing)[0])
        assert recorded.status == 404 and b"removed by the test site" in recorded.body
    assert "removed by the test site" in _blob(ws, _derived(gone, "text")["sha256"]).decode()

    with ws.db.read() as session:
        entries = list(iter_entries(session, page.item))
        assert capture_store.of_item(session, gone.item).status == "failed"
    captured = next(e for e in entries if e.action == "captured")
    assert captured.details["url"] == main and captured.details["status"] == "captured"
    assert captured.details["tls"].startswith("none")
    assert verify_pipeline.verify(ws).ok


def test_replay_from_the_wacz_alone_shows_the_delayed_text(site: Site, tmp_path: Path) -> None:
    """A browser given only the WACZ (every request answered from it, anything else
    refused) shows the page as captured, with the text its script fetched later."""
    from playwright.sync_api import sync_playwright

    ws, _ = Workspace.init(tmp_path / "ws")
    ws.config["capture"] = dict(LOOPBACK_ONLY)
    main = f"{site.url}/"
    outcome = run.capture_urls(ws, [main], run.Options(allow_private=True), "test").outcomes[0]
    hits_before = len(site.hits)
    missing: list[str] = []
    with ws.blobs.open(_item_sha(ws, outcome.item)) as stream, Wacz(stream) as package:

        def answer(route: Any) -> None:
            entries = package.lookup(route.request.url)
            if not entries:
                missing.append(route.request.url)
                route.abort()
                return
            recorded = package.read(entries[0])
            headers = {k: v for k, v in recorded.headers
                       if not k.lower().startswith(("x-archive-orig-", "content-length"))}
            route.fulfill(status=recorded.status or 200, headers=headers, body=recorded.body)

        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=[
                "--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.route("**/*", answer)
            page.goto(main)
            page.wait_for_function(
                "document.getElementById('late').textContent.includes('delayed paragraph')",
                timeout=10_000)
            assert page.locator("#late").text_content() == DELAYED
            browser.close()
    assert len(site.hits) == hits_before  # the live site was never asked
    assert all(url.endswith("/favicon.ico") for url in missing), missing
    ws.close()


def test_policy_refuses_loopback_and_redirects_to_denied_hosts(ws: Workspace,
                                                             site: Site) -> None:
    ws.config["capture"] = dict(LOOPBACK_ONLY)
    refused = run.capture_urls(ws, [f"{site.url}/"], run.Options(), "test").outcomes[0]
    assert refused.status == "refused" and refused.item is None
    assert "loopback, private or link-local" in (refused.reason or "")
    with pytest.raises(Exception, match="only http and https"):
        run.policy_for(ws, run.Options()).check("file:///etc/passwd")

    # An allowed address that redirects to a denied host: the gate refuses the hop.
    ws.config["capture"] = LOOPBACK_ONLY | {"deny_hosts": ["localhost"]}
    outcome = run.capture_urls(ws, [f"{site.url}/to-localhost"],
                               run.Options(allow_private=True), "test").outcomes[0]
    assert outcome.status == "failed" and outcome.item is not None
    assert "refused by the capture policy" in (outcome.reason or ""), outcome.reason


def _our_browsers() -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--disable-quic" in command and b"--proxy-bypass-list=<-loopback>" in command:
            found.add(int(entry.name))
    return found


@pytest.mark.slow
def test_a_killed_capture_leaves_no_item_and_the_next_run_completes(site: Site,
                                                                    tmp_path: Path) -> None:
    home = tmp_path / "ws"
    Workspace.init(home)[0].close()
    loopback_only(home)
    before = _our_browsers()
    gavah = [sys.executable, "-m", "gavah.cli", "--home", str(home), "capture",
             "--allow-private", f"{site.url}/slow"]
    process = subprocess.Popen(gavah, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert site.slow_hit.wait(60), "the capture never reached the site"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(30)
    deadline = time.monotonic() + 20
    while _our_browsers() - before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _our_browsers() - before, "the browser outlived the killed capture"
    ws = Workspace.open(home)
    from gavah.pipelines import items as item_pipeline

    assert item_pipeline.list_items(ws) == []
    staged = home / "blobs" / ".incoming" / run.STAGING
    assert list(staged.glob("capture-*"))  # left by the killed run, swept by the next

    done = subprocess.run([*gavah, "--json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    rows = item_pipeline.list_items(ws)
    assert [r["media_type"] for r in rows] == ["application/wacz"]
    with ws.blobs.open(rows[0]["sha256"]) as stream, Wacz(stream) as package:
        assert package.problems() == []
    assert not list(staged.glob("capture-*"))
    ws.close()
