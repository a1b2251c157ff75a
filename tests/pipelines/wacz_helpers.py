"""A small WACZ package made here, for the tests of packaging, reading and access
(its page and hostile markup FICTIONAL)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from gavah.pipelines.capture import wacz
from gavah.pipelines.capture.warc import WARC_NAME, Exchange, WarcFile

URL = "http://fictional.example/report"
HOSTILE = b"""<html><head><style>body{background:url(http://evil.example/x)}</style>
<script>alert(1)</script></head><body onload="alert(2)">
<h1>FICTIONAL report</h1><p>Delayed paragraph inserted by a script.</p>
<img src="/pic.png" onerror="alert(3)"><img src="http://evil.example/track.gif">
<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">
<iframe src="http://evil.example/"></iframe><a href="javascript:alert(4)">link</a>
<svg><script>alert(5)</script></svg></body></html>"""


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 0, 0)).save(out, "PNG")
    return out.getvalue()


def make_package(folder: Path) -> Path:
    """A WACZ in `folder` with the page URL (its DOM the HOSTILE markup) and a picture."""
    warc_path = folder / WARC_NAME
    with open(warc_path, "wb") as out:
        warc = WarcFile(out, "gavah-test")
        warc.exchange(Exchange(URL, "GET", [("User-Agent", "test")], None, 200, "OK",
                               [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                               b"<html><body>served</body></html>"))
        warc.exchange(Exchange("http://fictional.example/pic.png", "GET", [], None, 200, "OK",
                               [("Content-Type", "image/png")], _png()))
        warc.resource(f"urn:dom:{URL}", "text/html; charset=utf-8", HOSTILE)
        cdxj = warc.cdxj()
    target = folder / "capture.wacz"
    wacz.package(target, warc_path, cdxj, [wacz.Page(URL, "2026-12-01T10:00:00Z", "t", "main")],
                 created="2026-12-01T10:00:00Z", software="gavah-test", title="t",
                 description="FICTIONAL")
    return target
