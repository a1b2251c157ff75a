"""Provenance files carry, checked at intake: a picture signed here with c2pa-python and
a test ES256 certificate, a PDF signed here with pyhanko, and WACZ packages built here.
Each result is a derivative of the item; the original stays as it was."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from gavah.pipelines import reading
from gavah.pipelines import verify as verify_pipeline
from gavah.pipelines.access import Viewer
from gavah.pipelines.extract import provenance
from gavah.pipelines.ingest import Options, ingest_paths
from gavah.store.workspace import Workspace
from tests.conftest import write
from tests.provenance_files import (
    edited_after_signing,
    signed_pdf,
    signed_picture,
    wacz_package,
)

pytest.importorskip("c2pa")
pytest.importorskip("pyhanko")
ACTOR = "test:provenance"


def _check(data: bytes, media_type: str) -> dict[str, Any]:
    (found,) = provenance.check(io.BytesIO(data), media_type)
    return found.result


def test_a_signed_picture_validates_and_one_changed_byte_fails() -> None:
    picture = signed_picture()
    result = _check(picture, "image/jpeg")
    assert result["status"] == "valid" and result["signer"] == "Fictional Camera Signer"
    assert result["claimed_edits"] == [{"action": "c2pa.cropped"}]
    assert result["edited_after_signing"] is False and result["trusted"] is False

    changed = bytearray(picture)
    changed[-10] ^= 0x01  # in the image data the manifest's hash covers
    result = _check(bytes(changed), "image/jpeg")
    assert result["status"] == "invalid" and result["edited_after_signing"] is True
    assert any("dataHash.mismatch" in p for p in result["problems"])


def test_a_signed_pdf_validates_and_fails_after_an_incremental_edit() -> None:
    pdf = signed_pdf()
    result = _check(pdf, "application/pdf")
    assert result["status"] == "valid" and result["edited_after_signing"] is False
    (signature,) = result["signatures"]
    assert signature["intact"] and signature["signer"] == "Fictional Camera Signer"
    assert signature["signed_at"]

    result = _check(edited_after_signing(pdf), "application/pdf")
    assert result["status"] == "invalid" and result["edited_after_signing"] is True
    assert result["signatures"][0]["intact"] is True  # what was signed is still there
    assert result["signatures"][0]["changes_after_signing"] == "other"


def test_wacz_hashes_and_signature() -> None:
    plain = _check(wacz_package(), "application/zip")
    assert plain["status"] == "valid" and plain["resources_checked"] == 3
    assert plain["signature"] == {"present": False}
    signed = _check(wacz_package(sign=True), "application/zip")
    assert signed["status"] == "valid" and signed["signature"]["kind"] == "anonymous"
    assert signed["signature"]["valid"] is True and signed["edited_after_signing"] is False
    altered = _check(wacz_package(sign=True, tamper=True), "application/zip")
    assert altered["status"] == "invalid" and altered["edited_after_signing"] is True
    assert any("archive/data.warc" in p for p in altered["problems"])


def test_wacz_signed_by_a_domain_with_a_time_stamp() -> None:
    from tests.tsa import LocalTsa

    with LocalTsa() as tsa:
        signed = _check(wacz_package(domain=tsa), "application/zip")
        altered = _check(wacz_package(domain=tsa, tamper=True), "application/zip")
    assert signed["status"] == "valid", signed["problems"]
    assert signed["signer"] == "archive.example"
    assert signed["signature"]["kind"] == "domain"
    assert signed["signature"]["time_stamp"]["tsa_name"].endswith("CN=Test TSA")
    assert altered["status"] == "invalid"


def test_plain_files_carry_nothing() -> None:
    picture = io.BytesIO()
    Image.new("RGB", (8, 8)).save(picture, "PNG")
    assert provenance.check(io.BytesIO(picture.getvalue()), "image/png") == []
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("a.txt", "fictional")
    assert provenance.check(io.BytesIO(plain_zip.getvalue()), "application/zip") == []


@pytest.mark.slow
def test_ingest_records_provenance_as_derivatives(ws: Workspace, tmp_path: Path) -> None:
    picture = signed_picture()
    pdf = signed_pdf()
    write(tmp_path / "in", "photo.jpg", picture)
    write(tmp_path / "in", "statement.pdf", edited_after_signing(pdf))
    write(tmp_path / "in", "page.wacz", wacz_package(sign=True))
    report = ingest_paths(ws, [str(tmp_path / "in")], Options(extract=True, claims=False),
                          ACTOR)
    by_name = {Path(row["path"]).name: row["item"] for row in report.acquired}
    viewer = Viewer("test")
    photo = reading.item(ws, viewer, str(by_name["photo.jpg"]), via="test")
    (found,) = photo["provenance"]
    assert found["kind"] == "c2pa" and found["status"] == "valid"
    (derivative,) = [d for d in photo["derivatives"] if d["kind"] == "provenance"]
    assert derivative["tool"].startswith("gavah-c2pa/1 c2pa-python/")
    statement = reading.item(ws, viewer, str(by_name["statement.pdf"]), via="test")
    assert statement["provenance"][0]["edited_after_signing"] is True
    page = reading.item(ws, viewer, str(by_name["page.wacz"]), via="test")
    assert page["provenance"][0]["kind"] == "wacz"
    assert page["provenance"][0]["status"] == "valid"
    # The originals are untouched and every derivative is accounted for in the log.
    assert hashlib.sha256(ws.blobs.path(photo["sha256"]).read_bytes()).hexdigest() == \
        hashlib.sha256(picture).hexdigest()
    result = verify_pipeline.verify(ws, workers=1)
    assert result.ok, [p.to_dict() for p in result.problems]
