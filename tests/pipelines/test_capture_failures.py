"""Captures that go wrong are kept as evidence with what was received: a certificate the
browser does not trust, a page that never finishes loading, a capture over its size
budget. All against FICTIONAL servers on 127.0.0.1."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from gavah.pipelines.capture import run
from gavah.pipelines.capture.reader import Wacz
from gavah.store.workspace import Workspace
from tests.pipelines.capture_site import LOOPBACK_ONLY, Site, serving, serving_tls

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.async_api")


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    if not os.path.exists("/usr/bin/chromium"):
        pytest.skip("Debian chromium is not installed (scripts/system-deps.sh)")
    with serving() as running:
        yield running


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws, _ = Workspace.init(tmp_path / "ws")
    ws.config["capture"] = dict(LOOPBACK_ONLY)
    yield ws
    ws.close()


def _problems(ws: Workspace, item: int) -> list[str]:
    from gavah.pipelines import items as item_pipeline

    sha = item_pipeline.show(ws, str(item))["sha256"]
    with ws.blobs.open(sha) as stream, Wacz(stream) as package:
        return package.problems()


def test_untrusted_certificate_and_time_out_are_failed_captures(
        workspace: Workspace, site: Site, tmp_path: Path) -> None:
    with serving_tls(tmp_path) as secure:
        tls, slow = run.capture_urls(
            workspace, [f"{secure}/", f"{site.url}/hang"],
            run.Options(allow_private=True, timeout=6, concurrency=2), "test").outcomes
    assert tls.status == "failed" and tls.item is not None
    assert tls.reason is not None and tls.reason.startswith("TLS:"), tls.reason
    assert "ERR_CERT" in tls.reason
    assert slow.status == "failed" and slow.item is not None
    assert slow.reason is not None and slow.reason.startswith("time-out"), slow.reason
    for outcome in (tls, slow):
        assert _problems(workspace, outcome.item) == []  # kept, as a sound WACZ
        assert {d["kind"] for d in outcome.derivatives} == {"metadata"}


def test_a_capture_over_its_size_budget_says_so(workspace: Workspace, site: Site) -> None:
    workspace.config["capture"] = LOOPBACK_ONLY | {"max_bytes": 3000}
    outcome = run.capture_urls(workspace, [f"{site.url}/"], run.Options(allow_private=True),
                               "test").outcomes[0]
    assert outcome.item is not None
    assert any("size budget" in w for w in outcome.warnings), outcome.warnings
    assert outcome.media == []  # the video did not fit
    assert _problems(workspace, outcome.item) == []


def test_depth_one_records_the_linked_pages_in_the_same_archive(workspace: Workspace,
                                                                 site: Site) -> None:
    outcome = run.capture_urls(workspace, [f"{site.url}/"],
                               run.Options(allow_private=True, depth=1), "test").outcomes[0]
    assert outcome.status == "captured"
    from gavah.pipelines import items as item_pipeline

    sha = item_pipeline.show(workspace, str(outcome.item))["sha256"]
    with workspace.blobs.open(sha) as stream, Wacz(stream) as package:
        assert [p["url"] for p in package.pages()] == [f"{site.url}/", f"{site.url}/other.html"]
        assert package.read(package.lookup(f"{site.url}/other.html")[0]).status == 200
        assert package.problems() == []
