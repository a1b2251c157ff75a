"""Safe previews: images and PDF pages come back as freshly encoded PNG, with a CSP that
lets nothing run; SVG (which can carry scripts) gets no preview at all."""

from __future__ import annotations

import io

from PIL import Image

from gavah.pipelines.ingest import Options, ingest_stream
from tests.conftest import FIXTURES
from tests.web.conftest import ACTOR, Site


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def test_image_pdf_and_svg_previews(site: Site) -> None:
    image, _ = ingest_stream(site.ws, io.BytesIO(_png(3000, 1000)), "photo.jpg", Options(),
                             ACTOR)
    pdf, _ = ingest_stream(site.ws, io.BytesIO((FIXTURES / "vault" / "two-pages.pdf")
                                               .read_bytes()), "two.pdf", Options(), ACTOR)
    svg, _ = ingest_stream(site.ws, io.BytesIO(
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>'
        b"</svg>"), "x.svg", Options(), ACTOR)
    site.user("ann", "viewer", "public")
    browser = site.session("ann")

    shown = browser.get(f"/items/{image}/preview")
    assert shown.headers["content-type"] == "image/png"
    assert "sandbox" in shown.headers["content-security-policy"]
    assert Image.open(io.BytesIO(shown.content)).size == (1600, 533)  # scaled down

    for page in (1, 2):
        rendered = browser.get(f"/items/{pdf}/preview?page={page}")
        assert rendered.status_code == 200 and rendered.content.startswith(b"\x89PNG")
    assert browser.get(f"/items/{pdf}/preview?page=3").status_code == 404
    item_page = browser.get(f"/items/{pdf}?page=2").text
    assert f'src="/items/{pdf}/preview?page=2"' in item_page

    assert browser.get(f"/items/{svg}/preview").status_code == 404
    assert "/preview" not in browser.get(f"/items/{svg}").text.split("<main", 1)[1]


def test_a_preview_is_decoded_once_and_every_view_recorded(site: Site) -> None:
    item, _ = ingest_stream(site.ws, io.BytesIO(_png(1200, 800)), "photo.jpg",
                            Options(classification="restricted"), ACTOR)
    site.user("ann", "viewer", "restricted")
    browser = site.session("ann")
    first = browser.get(f"/items/{item}/preview")
    assert first.status_code == 200
    # The original is moved away: a second view must come from the decoded copy.
    sha = browser.get(f"/api/v1/items/{item}").json()["sha256"]
    blob = site.ws.blobs.path(sha)
    aside = blob.with_name("aside")
    blob.rename(aside)
    try:
        second = browser.get(f"/items/{item}/preview")
    finally:
        aside.rename(blob)
    assert second.status_code == 200 and second.content == first.content
    log = browser.get(f"/api/v1/items/{item}").json()["custody"]
    previews = [e for e in log if e["details"].get("via") == "web-preview"]
    assert len(previews) == 2
