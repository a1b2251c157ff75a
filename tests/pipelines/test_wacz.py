"""WACZ packaging and reading without a browser: a package made by gavah checks out, any
change to it is found, and its replay shows the rendered page with nothing that runs or
fetches (hostile markup FICTIONAL, made in wacz_helpers)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from gavah.pipelines.capture import replay
from gavah.pipelines.capture.reader import Wacz
from tests.pipelines.wacz_helpers import URL, make_package


def test_a_package_checks_out_and_its_index_finds_every_record(tmp_path: Path) -> None:
    with open(make_package(tmp_path), "rb") as stream, Wacz(stream) as package:
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
    original = make_package(tmp_path)
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
    with open(make_package(tmp_path), "rb") as stream, Wacz(stream) as package:
        page = replay.page(package, URL)
    body = page.split("<body", 1)[1].lower()
    assert "fictional report" in body and "delayed paragraph" in body
    for bad in ("<script", "onload", "onerror", "<iframe", "<svg", "javascript:", "evil",
                "<style", "svg+xml"):
        assert bad not in body, bad
    # the recorded picture embedded, re-encoded; the others (not recorded, SVG) left empty
    assert body.count("src=") == 1 and 'src="data:image/png;base64,' in body

