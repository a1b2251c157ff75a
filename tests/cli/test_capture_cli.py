"""`gavah capture` keeps its contract (scripts rely on it), and `gavah show` lists the
captures of one URL side by side with what changed in their text."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest

from tests.conftest import Cli
from tests.pipelines.capture_site import Site, loopback_only, serving

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.async_api")


@pytest.fixture
def site() -> Iterator[Site]:
    if not os.path.exists("/usr/bin/chromium"):
        pytest.skip("Debian chromium is not installed (scripts/system-deps.sh)")
    with serving() as running:
        yield running


def test_capture_json_contract_and_captures_side_by_side(cli: Cli, site: Site) -> None:
    loopback_only(cli.home)
    url = f"{site.url}/changing"
    refused = cli("capture", url, "--json", code=2)
    assert json.loads(refused.stdout)["captures"][0]["status"] == "refused"

    first = json.loads(cli("capture", "--allow-private", "--json", "--tag", "fictional",
                           "--source", "Test site", url).stdout)["captures"][0]
    second = json.loads(cli("capture", "--allow-private", "--json", url).stdout)["captures"][0]
    for made in (first, second):
        assert made["status"] == "captured" and isinstance(made["id"], int)
        assert {d["kind"] for d in made["derivatives"]} >= {"screenshot", "pdf", "text"}
    assert second["id"] != first["id"]  # the same URL again: a new acquisition

    shown = json.loads(cli("show", str(second["id"]), "--json").stdout)
    assert shown["media_type"] == "application/wacz" and shown["method"] == "web-capture"
    assert {d["media_type"] for d in shown["derivatives"]} >= {
        "image/png", "application/pdf", "text/plain; charset=utf-8", "application/json"}
    side = shown["capture"]["captures_of_url"]
    assert [c["item"] for c in side] == [first["id"], second["id"]]
    assert side[0]["changes"] is None and side[1]["this"]
    change = side[1]["changes"]
    assert change["added"] == 2 and change["removed"] == 1, change
    assert "FICTIONAL line added later by the site." in change["added_lines"]

    text = cli("show", str(second["id"])).stdout
    assert "captures of" in text and "text: +2 -1 lines" in text
    missing = cli("capture", "--allow-private", f"{site.url}/missing", code=1)
    assert "failed" in missing.stdout
