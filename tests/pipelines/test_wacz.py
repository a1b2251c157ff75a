"""WACZ packaging and reading without a browser: a package made by gavah checks out, any
change to it is found, and its replay shows the rendered page with nothing that runs or
fetches (hostile markup FICTIONAL, made here)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from PIL import Image

from gavah.pipelines.capture import replay, wacz
from gavah.pipelines.capture.reader import Wacz
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


def _package(folder: Path) -> Path:
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


def test_a_package_checks_out_and_its_index_finds_every_record(tmp_path: Path) -> None:
    with open(_package(tmp_path), "rb") as stream, Wacz(stream) as package:
        assert package.problems() == []
        assert package.datapackage()["wacz_version"] == "1.1.1"
        served = package.read(package.lookup(URL)[0])
        assert served.status == 200 and served.body == b"<html><body>served</body></html>"
        # the body is stored decoded: the wire's encoding is kept under another name
        assert ("x-archive-orig-Content-Encoding", "gzip") in served.headers
        names = zipfile.ZipFile(stream).infolist()
        stored = {i.filename: i.compress_type for i in names}
        assert stored["archive/data.warc.gz"] == zipfile.ZIP_STORED


def test_any_change_to_the_package_is_found(tmp_path: Path) -> None:
    original = _package(tmp_path)
    with zipfile.ZipFile(original) as source:
        files = {i.filename: source.read(i) for i in source.infolist()}
    for name, changed in (("pages/pages.jsonl", files["pages/pages.jsonl"] + b"{}\n"),
                          ("datapackage.json", files["datapackage.json"].replace(
                              b"FICTIONAL", b"FICTIONAx"))):
        tampered = tmp_path / f"tampered-{name.replace('/', '-')}.wacz"
        with zipfile.ZipFile(tampered, "w") as out:
            for other, data in files.items():
                out.writestr(other, changed if other == name else data)
        with open(tampered, "rb") as stream, Wacz(stream) as package:
            assert package.problems(), name


def test_replay_runs_and_fetches_nothing(tmp_path: Path) -> None:
    with open(_package(tmp_path), "rb") as stream, Wacz(stream) as package:
        page = replay.page(package, URL)
    body = page.split("<body", 1)[1].lower()
    assert "fictional report" in body and "delayed paragraph" in body
    for bad in ("<script", "onload", "onerror", "<iframe", "<svg", "javascript:", "evil",
                "<style", "svg+xml"):
        assert bad not in body, bad
    # the recorded picture embedded, re-encoded; the others (not recorded, SVG) left empty
    assert body.count("src=") == 1 and 'src="data:image/png;base64,' in body

