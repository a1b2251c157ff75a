"""The item page says plainly what a file's own provenance shows ("signed by X, valid;
edited after signing: no") and when a time-stamp proves the item existed, in English and
in Persian."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from gavah.pipelines import timestamps as stamp_pipeline
from gavah.pipelines.ingest import Options, ingest_stream
from tests.provenance_files import edited_after_signing, signed_pdf, signed_picture
from tests.tsa import LocalTsa
from tests.web.conftest import ACTOR, Site

pytest.importorskip("c2pa")
pytest.importorskip("pyhanko")


@pytest.fixture(scope="module")
def tsa() -> Iterator[LocalTsa]:
    with LocalTsa() as local:
        yield local


def test_item_page_shows_provenance_and_time_stamp(site: Site, tsa: LocalTsa) -> None:
    photo, _ = ingest_stream(site.ws, io.BytesIO(signed_picture()), "photo.jpg",
                             Options(claims=False), ACTOR)
    statement, _ = ingest_stream(site.ws, io.BytesIO(edited_after_signing(signed_pdf())),
                                 "statement.pdf", Options(claims=False), ACTOR)
    site.user("ana", "analyst", "public")
    site.user("dara", "analyst", "public", language="fa")
    english = site.session("ana")
    page = english.get(f"/items/{photo}").text
    assert "not time-stamped yet" in page
    assert "C2PA manifest</strong>:" in page
    assert "signed by Fictional Camera Signer" in page and ">valid<" in page
    assert "edited after signing: no" in page and "c2pa.cropped" in page

    assert stamp_pipeline.stamp(site.ws, ACTOR, [tsa.url], tsa.ca_path.read_bytes()).ok
    page = english.get(f"/items/{photo}").text
    assert "existed no later than" in page and "(stamped by Test TSA)" in page
    pdf_page = english.get(f"/items/{statement}").text
    assert "PDF signature</strong>:" in pdf_page and ">invalid<" in pdf_page
    assert "edited after signing: yes" in pdf_page

    persian = site.session("dara").get(f"/items/{photo}").text
    assert "مانیفست C2PA" in persian and "ویرایش پس از امضا: خیر" in persian
    assert "حداکثر تا" in persian and "معتبر" in persian

    api = english.get(f"/api/v1/items/{photo}").json()
    assert api["provenance"][0]["status"] == "valid"
    assert api["existed_by"]["tsa_label"] == "Test TSA"
