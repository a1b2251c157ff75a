"""The extractors fuzzed for a bounded time (atheris, coverage-guided, seeded with one
valid file of each type): no input may escape with anything but ExtractionFailed, crash
a native parser, or hang. A finding is saved by libFuzzer as crash-*/timeout-* in the
run's folder; add it to the seeds below as a regression test once fixed."""

from __future__ import annotations

import email.message
import io
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

from PIL import Image

from tests.conftest import FIXTURES
from tests.fuzz.media import DOCX, TYPES

TARGET = Path(__file__).resolve().parents[1] / "fuzz" / "extract_target.py"
SECONDS = int(os.environ.get("GAVAH_FUZZ_SECONDS", "45"))


def _seeds() -> dict[str, bytes]:
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 30)).save(picture, "PNG")
    jpeg = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 30)).save(jpeg, "JPEG")
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("note.txt", "FICTIONAL note inside an archive.")
        archive.writestr("page.html", "<p>FICTIONAL <b>page</b></p>")
    tarred = io.BytesIO()
    with tarfile.open(fileobj=tarred, mode="w") as archive:
        body = b"FICTIONAL note in a tar."
        info = tarfile.TarInfo("note.txt")
        info.size = len(body)
        archive.addfile(info, io.BytesIO(body))
    message = email.message.EmailMessage()
    message["Subject"] = "FICTIONAL message"
    message["From"] = "a@example.org"
    message.set_content("FICTIONAL body of a message.")
    import docx

    document = docx.Document()
    document.add_paragraph("FICTIONAL paragraph.")
    word = io.BytesIO()
    document.save(word)
    return {
        "text/html": b"<html><head><title>FICTIONAL</title></head><body><p>A page "
                     b"<a href='x'>link</a></p><script>alert(1)</script></body></html>",
        "application/pdf": (FIXTURES / "vault" / "two-pages.pdf").read_bytes(),
        DOCX: word.getvalue(),
        "message/rfc822": message.as_bytes(),
        "application/zip": packed.getvalue(),
        "application/x-tar": tarred.getvalue(),
        "application/gzip": __import__("gzip").compress(b"FICTIONAL gzip text"),
        "image/png": picture.getvalue(),
        "image/jpeg": jpeg.getvalue(),
        "text/plain": "FICTIONAL متن آزمایشی 1367".encode(),
        "application/json": b'{"FICTIONAL": [1, 2, "three"]}',
    }


def test_the_extractors_survive_fuzzing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, (media_type, body) in enumerate(_seeds().items()):
        selector = bytes([TYPES.index(media_type)])
        (corpus / f"seed-{number}").write_bytes(selector + body)
    run = subprocess.run(
        [sys.executable, str(TARGET), str(corpus), f"-max_total_time={SECONDS}",
         "-timeout=20", "-rss_limit_mb=3072", "-max_len=65536", "-print_final_stats=1"],
        cwd=tmp_path, capture_output=True, text=True, timeout=SECONDS * 3 + 120,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    found = sorted(p.name for p in tmp_path.iterdir()
                   if p.name.startswith(("crash-", "timeout-", "oom-", "leak-")))
    assert run.returncode == 0 and not found, (found, run.stderr[-3000:])
    executed = [line for line in run.stderr.splitlines()
                if "stat::number_of_executed_units" in line]
    assert executed and int(executed[-1].split(":")[-1]) > 100, run.stderr[-2000:]
