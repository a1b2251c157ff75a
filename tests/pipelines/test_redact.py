"""Redacted copies (`gavah redact`) on FICTIONAL files, on SQLite and PostgreSQL: a text's
spans are masked with offsets kept, an image's regions are black and its metadata gone,
the original never changes, the custody entry says what was hidden without the hidden
text, and a package for the public carries the copy and never the hidden text."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import ExifTags, Image

from gavah.core.errors import BadInput, NotFound
from gavah.core.redaction import MARK
from gavah.pipelines import cases, redact
from gavah.pipelines.access import Viewer
from gavah.pipelines.export import package
from gavah.store import redactions
from gavah.store.custody import iter_entries
from gavah.store.workspace import Workspace
from tests.conftest import Cli, write
from tests.pipelines.case_world import ANALYST

SECRET = "QzHiddenSafehouse 7, Eastbrook"  # FICTIONAL: the text to hide
TEXT = (f"FICTIONAL TEST DOCUMENT. The witness was moved to {SECRET} before the "
        "fictional hearing; the guards at Eastbrook prison did not know.")
START = TEXT.index(SECRET)
END = START + len(SECRET)
AFTER = "the guards at Eastbrook prison"  # a span after the hidden one
CAMERA = "QzFICTIONAL camera"
RED = (200, 0, 0)


def _jpeg() -> bytes:
    """A FICTIONAL photograph: white, a red square at (20, 10, 16, 12), EXIF with a
    camera name and a GPS position."""
    img = Image.new("RGB", (64, 48), (255, 255, 255))
    img.paste(RED, (20, 10, 36, 22))
    exif = Image.Exif()
    exif[0x010F] = CAMERA
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[1], gps[2] = "N", (35.0, 41.0, 0.0)
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes(), quality=95)
    return out.getvalue()


def _item(cli: Cli, name: str) -> dict:  # type: ignore[type-arg]
    return next(i for i in cli.json("items") if i["original_name"] == name)


def _blob(ws: Workspace, sha256: str) -> bytes:
    with ws.blobs.open(sha256) as stream:
        return stream.read()


def _ingest(cli: Cli, tmp_path: Path, level: str = "restricted") -> tuple[dict, dict]:  # type: ignore[type-arg]
    folder = tmp_path / "in"
    write(folder, "statement.txt", TEXT)
    write(folder, "photo.jpg", _jpeg())
    cli("ingest", str(folder), "--no-ocr", "--classification", level)
    return _item(cli, "statement.txt"), _item(cli, "photo.jpg")


def test_text_spans_are_masked_and_offsets_kept(cli: Cli, ws: Workspace,
                                                tmp_path: Path) -> None:
    text_item, _ = _ingest(cli, tmp_path)
    before = _blob(ws, text_item["sha256"])
    made = cli.json("redact", str(text_item["id"]), "--span", f"{START}:{END}",
                    "--reason", "FICTIONAL: where the witness stays")
    copy = _blob(ws, made["sha256"]).decode()
    assert len(copy) == len(TEXT)
    assert SECRET not in copy and copy[START:END] == MARK * len(SECRET)
    assert copy[:START] == TEXT[:START] and copy[END:] == TEXT[END:]
    at = TEXT.index(AFTER)  # an offset after the span still points at the same words
    assert copy[at:at + len(AFTER)] == AFTER
    # The original is unchanged, and the workspace verifies.
    assert _blob(ws, text_item["sha256"]) == before
    assert hashlib.sha256(before).hexdigest() == text_item["sha256"]
    assert json.loads(cli("verify", "--json").stdout)["ok"] is True
    # The custody entry names the item, the span, the reason and who, not the text.
    with ws.db.read() as session:
        entries = [e for e in iter_entries(session) if e.action == "redacted"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry.item == text_item["id"] and entry.actor == cli_actor(cli, text_item)
    assert entry.details["spans"] == [[START, END]] and entry.details["count"] == 1
    assert entry.details["reason"] == "FICTIONAL: where the witness stays"
    assert entry.details["derivatives"][0]["sha256"] == made["sha256"]
    assert "QzHiddenSafehouse" not in json.dumps(entry.to_dict(), ensure_ascii=False)
    # Redacting a restricted item is a read of it, recorded before.
    with ws.db.read() as session:
        reads = [e for e in iter_entries(session) if e.action == "viewed"
                 and e.item == text_item["id"] and e.details.get("via") == "cli-redact"]
    assert len(reads) == 1 and reads[0].seq < entry.seq
    # `gavah show` lists the copy with what was hidden and by whom.
    shown = cli.json("show", str(text_item["id"]))
    assert [r["sha256"] for r in shown["redactions"]] == [made["sha256"]]
    assert shown["redactions"][0]["by"] == entry.actor
    assert shown["redactions"][0]["spans"] == [[START, END]]


def cli_actor(cli: Cli, item: dict) -> str:  # type: ignore[type-arg]
    """The actor the CLI acts as: the one that acquired the item."""
    return str(item["acquired_by"])


def test_image_regions_are_black_and_metadata_gone(cli: Cli, ws: Workspace,
                                                   tmp_path: Path) -> None:
    _, photo = _ingest(cli, tmp_path)
    before = _blob(ws, photo["sha256"])
    assert CAMERA.encode() in before  # the test can fail: the original carries it
    made = cli.json("redact", str(photo["id"]), "--region", "18,8,20,16",
                    "--reason", "FICTIONAL: a face")
    raw = _blob(ws, made["sha256"])
    with Image.open(io.BytesIO(raw)) as copy:  # a JPEG stays a JPEG, at high quality
        assert copy.format == "JPEG" and copy.size == (64, 48)
        pixels = copy.convert("RGB")
        assert all(max(pixels.getpixel((x, y))) < 24
                   for x in range(18, 38) for y in range(8, 24))
        assert max(pixels.getpixel((2, 2))) > 240  # outside: still white
        assert not copy.getexif() and "exif" not in copy.info
        assert "icc_profile" not in copy.info and "comment" not in copy.info
    assert CAMERA.encode() not in raw and b"Exif" not in raw
    assert made["media_type"] == "image/jpeg"
    assert _blob(ws, photo["sha256"]) == before
    assert json.loads(cli("verify", "--json").stdout)["ok"] is True
    with ws.db.read() as session:
        copies = redactions.of_items(session, [photo["id"]])[photo["id"]]
    assert [(c.sha256, c.source_sha256, c.details["regions"]) for c in copies] == [
        (made["sha256"], photo["sha256"], [[18, 8, 20, 16]])]


def _picture(fmt: str, **extra: object) -> bytes:
    """A FICTIONAL picture with a red square, saved as `fmt` with `extra` (metadata)."""
    img = Image.new("RGB", (64, 48), (255, 255, 255))
    img.paste(RED, (20, 10, 36, 22))
    out = io.BytesIO()
    img.save(out, fmt, **extra)
    return out.getvalue()


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = CAMERA
    return exif.tobytes()


ICC = b"\0" * 8 + b"QzFICTIONAL colour profile" + b"\0" * 100  # any bytes: never read


@pytest.mark.parametrize("name,picture,fmt,media_type,exact", [
    ("photo.png", lambda: _picture("PNG", exif=_exif(), icc_profile=ICC,
                                   pnginfo=_png_text()), "PNG", "image/png", True),
    ("photo.webp", lambda: _picture("WEBP", lossless=True, exif=_exif(), icc_profile=ICC),
     "WEBP", "image/webp", True),
    ("photo-lossy.webp", lambda: _picture("WEBP", quality=90, exif=_exif()),
     "WEBP", "image/webp", False),
    ("photo.gif", lambda: _picture("GIF", comment=CAMERA.encode()), "PNG", "image/png",
     True),  # GIF becomes PNG: its palette would be quantised again
    ("photo-icc.jpg", lambda: _picture("JPEG", quality=95, exif=_exif(),
                                       icc_profile=_srgb_profile()), "JPEG", "image/jpeg",
     False),  # a real profile: the pixels are converted to sRGB, the profile dropped
])
def test_a_copy_keeps_the_format_and_drops_the_metadata(
        cli: Cli, ws: Workspace, tmp_path: Path, name: str, picture: Any, fmt: str,
        media_type: str, exact: bool) -> None:
    original = picture()
    assert CAMERA.encode() in original  # the test can fail: the original carries it
    write(tmp_path / "in", name, original)
    cli("ingest", str(tmp_path / "in"), "--no-ocr")
    item = _item(cli, name)
    made = redact.redact(ws, ANALYST, str(item["id"]), [], [(18, 8, 20, 16)], "FICTIONAL")
    raw = _blob(ws, made["sha256"])
    assert made["media_type"] == media_type
    assert CAMERA.encode() not in raw and b"QzFICTIONAL colour" not in raw
    with Image.open(io.BytesIO(raw)) as copy:
        assert copy.format == fmt and copy.size == (64, 48)
        assert "exif" not in copy.info and "icc_profile" not in copy.info
        pixels = copy.convert("RGB")
        inside = [pixels.getpixel((x, y)) for x in range(19, 37) for y in range(9, 23)]
        if exact:
            assert set(inside) == {(0, 0, 0)}
            assert pixels.getpixel((40, 30)) == (255, 255, 255)
        else:
            assert max(max(p) for p in inside) < 24
            assert min(pixels.getpixel((40, 30))) > 245  # white stays white


def _srgb_profile() -> bytes:
    from PIL import ImageCms

    return bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


def _png_text() -> Any:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", CAMERA)
    return info


def test_redacting_needs_clearance_and_sane_input(cli: Cli, ws: Workspace,
                                                  tmp_path: Path) -> None:
    text_item, photo = _ingest(cli, tmp_path, level="confidential")
    reader = Viewer("user:reader", "restricted")  # below the items' level
    with pytest.raises(NotFound):
        redact.redact(ws, reader, str(text_item["id"]), [(0, 5)], [], "FICTIONAL")
    with pytest.raises(BadInput):  # a span beyond the text
        redact.redact(ws, ANALYST, str(text_item["id"]), [(0, len(TEXT) + 1)], [], "x")
    with pytest.raises(BadInput):  # regions of a text
        redact.redact(ws, ANALYST, str(text_item["id"]), [], [(0, 0, 2, 2)], "x")
    with pytest.raises(BadInput):  # a region beyond the picture
        redact.redact(ws, ANALYST, str(photo["id"]), [], [(60, 0, 10, 10)], "x")
    cli("redact", str(text_item["id"]), "--span", "5:3", "--reason", "x", code=2)
    cli("redact", str(text_item["id"]), "--span", "0:3", code=2)  # no reason
    with ws.db.read() as session:
        assert not any(e.action == "redacted" for e in iter_entries(session))
    # A copy of a confidential item is kept encrypted at rest, as its original is.
    made = redact.redact(ws, ANALYST, str(text_item["id"]), [(START, END)], [], "FICTIONAL")
    assert ws.blobs.is_sealed(text_item["sha256"]) and ws.blobs.is_sealed(made["sha256"])
    assert SECRET not in _blob(ws, made["sha256"]).decode()


def _files(root: Path) -> dict[str, bytes]:
    found = {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
             if p.is_file()}
    found["report.pdf as text"] = subprocess.run(
        ["pdftotext", str(root / "report.pdf"), "-"], capture_output=True,
        check=True).stdout
    return found


def test_public_package_carries_the_copies_not_the_originals(cli: Cli, ws: Workspace,
                                                               tmp_path: Path) -> None:
    text_item, photo = _ingest(cli, tmp_path, level="public")
    cli("entities", "add", "Orin Valecourt", "--type", "Person")  # FICTIONAL suspect
    case = cases.create(ws, ANALYST, "FICTIONAL: the Valecourt case")
    cases.charge(ws, ANALYST, case["id"], "Orin Valecourt", "cah-murder", "commission")
    for item in (text_item, photo):
        cases.link(ws, ANALYST, case["id"], "cah-murder.1", "item", str(item["id"]),
                   "supports")
    # A claim quoting the span to hide, linked as evidence: its quote must not give it
    # back in the case file or the report.
    claim = cli.json("claims", "add", str(text_item["id"]), str(START - 9), str(END + 7),
                     "--kind", "allegation")
    cases.link(ws, ANALYST, case["id"], "cah-murder.1", "claim", claim["id"], "supports")
    text_copy = cli.json("redact", str(text_item["id"]), "--span", f"{START}:{END}",
                         "--reason", "FICTIONAL: where the witness stays")
    photo_copy = cli.json("redact", str(photo["id"]), "--region", "18,8,20,16",
                          "--reason", "FICTIONAL: a face")

    done = package.export(ws, ANALYST, case["id"], tmp_path / "public", "public")
    files = _files(tmp_path / "public")
    for name, data in files.items():
        assert b"QzHiddenSafehouse" not in data, f"the hidden text is in {name}"
        assert CAMERA.encode() not in data, f"the photo's EXIF is in {name}"
        assert data != _blob(ws, photo["sha256"]), f"the original photo is {name}"
    digests = {hashlib.sha256(d).hexdigest() for d in files.values()}
    assert text_item["sha256"] not in digests and photo["sha256"] not in digests
    assert text_copy["sha256"] in digests and photo_copy["sha256"] in digests
    listed = {i["id"]: i for i in json.loads(files["data/case.json"])["items"]}
    for item, copy in ((text_item, text_copy), (photo, photo_copy)):
        entry = listed[item["id"]]
        assert entry["redacted"] is True and entry["sha256"] == item["sha256"]
        assert entry["file_sha256"] == copy["sha256"] and "/redacted/" in entry["file"]
        assert entry["redaction"]["by"] == item["acquired_by"]
        assert entry["redaction"]["copies"][0]["custody_seq"] == copy["custody_seq"]
    assert listed[photo["id"]]["texts"] == []  # nothing read from the unredacted picture
    quoted = next(c for c in json.loads(files["data/case.json"])["claims"]
                  if c["id"] == claim["id"])
    assert quoted["quote"] == "moved to " + MARK * len(SECRET) + " before"
    # The photo's copy is a JPEG, named so, and listed among the redacted copies.
    assert listed[photo["id"]]["file"].endswith("/redacted/photo.jpg.jpg")
    assert [p for i, p, _ in done.redacted if i == photo["id"]] == [
        listed[photo["id"]]["file"]]
    assert sorted(r[0] for r in done.redacted) == sorted([text_item["id"], text_item["id"],
                                                          photo["id"]])
    verified = subprocess.run([sys.executable, "-I", str(tmp_path / "public" / "verify.py")],
                              capture_output=True, text=True, timeout=300)
    assert verified.returncode == 0, verified.stdout + verified.stderr

    # The court receives the originals (the test can fail: they are found there).
    package.export(ws, ANALYST, case["id"], tmp_path / "court", "court")
    court = _files(tmp_path / "court")
    assert b"QzHiddenSafehouse" in court["data/case.json"]  # the claim's quote, whole
    assert any(b"QzHiddenSafehouse" in d for n, d in court.items() if "/original/" in n)
    assert photo["sha256"] in {hashlib.sha256(d).hexdigest() for d in court.values()}


def test_pseudonyms_at_export_are_a_stored_copy_made_once(cli: Cli, ws: Workspace,
                                                          tmp_path: Path) -> None:
    witness = "Xandra Pellwick"  # a FICTIONAL protected witness
    folder = tmp_path / "in"
    write(folder, "account.txt", f"FICTIONAL TEST DOCUMENT. {witness} saw the guards.")
    cli("ingest", str(folder))
    item = _item(cli, "account.txt")
    cli("entities", "add", witness, "--type", "Person")
    cli("entities", "protect", witness, "--reason", "FICTIONAL: a witness")
    cli("entities", "add", "Orin Valecourt", "--type", "Person")
    case = cases.create(ws, ANALYST, "FICTIONAL: the Valecourt case")
    cases.charge(ws, ANALYST, case["id"], "Orin Valecourt", "cah-murder", "commission")
    cases.link(ws, ANALYST, case["id"], "cah-murder.1", "item", str(item["id"]), "supports")
    first = package.export(ws, ANALYST, case["id"], tmp_path / "a", "court")
    second = package.export(ws, ANALYST, case["id"], tmp_path / "b", "public")
    with ws.db.read() as session:
        copies = redactions.of_items(session, [item["id"]])[item["id"]]
    # One copy, recorded by the first export and re-used by the second.
    assert len(copies) == 1 and copies[0].source_sha256 == item["sha256"]
    assert copies[0].details["via"] == "export" and copies[0].details["count"] == 1
    assert copies[0].custody_seq < first.custody_seq < second.custody_seq
    stored = _blob(ws, copies[0].sha256)
    assert witness.encode() not in stored and b"Protected person" in stored
    assert copies[0].sha256 in {r[2] for r in first.redacted}
    assert copies[0].sha256 in {r[2] for r in second.redacted}
    assert json.loads(cli("verify", "--json").stdout)["ok"] is True


def test_a_second_redaction_keeps_what_the_first_hid(cli: Cli, ws: Workspace,
                                                    tmp_path: Path) -> None:
    # Packages carry the latest copy only: a later copy that showed the first span again
    # would give it back to the defence and the public.
    text_item, photo = _ingest(cli, tmp_path)
    first = redact.redact(ws, ANALYST, str(text_item["id"]), [(START, END)], [],
                          "FICTIONAL: where the witness stays")
    second = redact.redact(ws, ANALYST, str(text_item["id"]), [(0, 9)], [],
                           "FICTIONAL: a word")
    copy = _blob(ws, second["sha256"]).decode()
    assert SECRET not in copy and copy.startswith(MARK * 9 + " TEST DOCUMENT")
    assert second["spans"] == [[0, 9], [START, END]]
    assert second["source_sha256"] == first["source_sha256"]
    with ws.db.read() as session:
        entry = next(e for e in iter_entries(session) if e.seq == second["custody_seq"])
    assert entry.details["builds_on"] == first["custody_seq"]
    again = cli.json("redact", str(text_item["id"]), "--span", "0:9", "--afresh",
                     "--reason", "FICTIONAL: the place was wrongly hidden")
    assert SECRET in _blob(ws, again["sha256"]).decode() and again["spans"] == [[0, 9]]
    # A picture likewise: the second copy blacks out both rectangles.
    redact.redact(ws, ANALYST, str(photo["id"]), [], [(0, 0, 4, 4)], "FICTIONAL")
    both = redact.redact(ws, ANALYST, str(photo["id"]), [], [(18, 8, 20, 16)], "FICTIONAL")
    assert both["regions"] == [[0, 0, 4, 4], [18, 8, 20, 16]]
    with Image.open(io.BytesIO(_blob(ws, both["sha256"]))) as picture:
        pixels = picture.convert("RGB")
        assert max(pixels.getpixel((1, 1))) < 24 and max(pixels.getpixel((25, 15))) < 24
