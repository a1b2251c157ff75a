"""A web capture's replay and derivatives follow the item's classification: a reader
without the clearance gets "not found", as for a missing item; a reader with it gets the
replay under its own sandboxed policy, and the read is recorded."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from gavah.core import urls
from gavah.store import captures as capture_store
from gavah.store import items as item_store
from gavah.store.custody import iter_entries
from gavah.web.security import REPLAY_CSP
from tests.pipelines.wacz_helpers import URL, make_package
from tests.web.conftest import ACTOR, Site


def _capture(site: Site, folder: Path, level: str) -> tuple[int, int]:
    ws = site.ws
    with open(make_package(folder), "rb") as stream:
        original = ws.blobs.put(stream)
    png = io.BytesIO()
    Image.new("RGB", (40, 90), (0, 90, 0)).save(png, "PNG")
    shot = ws.blobs.put_bytes(png.getvalue())
    record = capture_store.Record(
        acquisition=item_store.Acquisition(original_name="fictional.wacz", original_path=URL,
                                           method="web-capture", classification=level),
        wacz_sha256=original.sha256, wacz_size=original.size, url=URL, url_key=urls.key(URL),
        final_url=URL, status="captured", http_status=200, reason=None,
        captured_at="2026-12-01T10:00:00Z", facts={"url": URL}, metadata={},
        derivatives=[capture_store.Derived(shot.sha256, shot.size, "screenshot", "full page",
                                           "image/png", "test")])
    with ws.db.write() as session:
        done = capture_store.record(session, ws.custody, ACTOR, record)
    return done.item_id, done.derivative_ids[0]


def test_replay_and_derivatives_follow_the_classification(site: Site, tmp_path: Path) -> None:
    item, shot = _capture(site, tmp_path, "confidential")
    site.user("pub", "viewer", "public")
    site.user("conf", "viewer", "confidential")
    outsider, reader = site.session("pub"), site.session("conf")
    for path in (f"/items/{item}/replay", f"/items/{item}/derivatives/{shot}",
                 f"/items/{item}"):
        assert outsider.get(path).status_code == 404, path
    replayed = reader.get(f"/items/{item}/replay")
    assert replayed.status_code == 200
    assert replayed.headers["content-security-policy"] == REPLAY_CSP
    assert "FICTIONAL report" in replayed.text and "<script" not in replayed.text
    picture = reader.get(f"/items/{item}/derivatives/{shot}")
    assert picture.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(picture.content)).size == (40, 90)
    assert reader.get(f"/items/{item}/derivatives/{shot + 100}").status_code == 404
    page = reader.get(f"/items/{item}")
    assert "Web capture" in page.text and f"/items/{item}/replay" in page.text
    with site.ws.db.read() as session:
        vias = [e.details.get("via") for e in iter_entries(session, item)
                if e.action == "viewed"]
    assert "web-replay" in vias and "web-derivative" in vias
