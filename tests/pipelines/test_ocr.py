"""OCR: text in pictures of text (scanned pages, photographed documents), in Persian and
English, is read by Tesseract into derivatives labelled as OCR, and found by search."""

import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from gavah.pipelines.extract import ocr
from tests.conftest import Cli
from tests.pipelines.extract_helpers import only_item, texts

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # scripts/system-deps.sh


def page(lines: list[tuple[str, str]]) -> Image.Image:
    """A white page with FICTIONAL text, as a scanner would give it."""
    image = Image.new("L", (1700, 120 + 100 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 42)
    for row, (text, direction) in enumerate(lines):
        y = 60 + 100 * row
        if direction == "rtl":
            draw.text((1640, y), text, font=font, fill=0, anchor="ra", direction="rtl")
        else:
            draw.text((60, y), text, font=font, fill=0)
    return image


def found(cli: Cli, query: str) -> set[int]:
    return {r["item_id"] for r in cli.json("search", query)["results"]}


def test_scanned_page_and_photographed_note_are_read(cli: Cli, tmp_path: Path) -> None:
    page([("FICTIONAL testimony recorded at Northgate, 1988.", "ltr"),
          ("Forty-two prisoners were moved at night.", "ltr")]).save(tmp_path / "scan.pdf")
    page([("سند ساختگی", "rtl"),
          ("زندان دشت‌آباد مرداد ۱۳۶۷", "rtl")]).save(tmp_path / "note.png")
    cli("ingest", str(tmp_path))
    scan = cli.json("show", str(only_item(cli, "scan.pdf")["id"]))
    assert [d["label"] for d in scan["derivatives"] if d["kind"] == "text"] == ["page 1 (OCR)"]
    assert "tesseract/" in scan["derivatives"][0]["tool"]
    assert "Northgate" in texts(cli, scan["id"])[0]
    assert scan["metadata"]["pages_without_text_layer"] == 1
    note = cli.json("show", str(only_item(cli, "note.png")["id"]))
    [text] = texts(cli, note["id"])
    assert "ساختگی" in text and note["metadata"]["ocr"]["confidence"] >= ocr.MIN_CONFIDENCE
    # Found like any text: Arabic-letter variants and the ZWNJ written or not.
    assert found(cli, "Northgate prisoners") == {scan["id"]}
    assert found(cli, "دشت آباد") == found(cli, "ساختگي") == {note["id"]}


def test_pictures_without_text_and_ocr_turned_off(cli: Cli, tmp_path: Path) -> None:
    Image.effect_noise((900, 700), 90).save(tmp_path / "photo.png")  # no text to read
    page([("FICTIONAL scanned letter", "ltr")]).save(tmp_path / "letter.pdf")
    cli("ingest", str(tmp_path / "photo.png"))
    photo = cli.json("show", str(only_item(cli, "photo.png")["id"]))
    assert texts(cli, photo["id"]) == [] and "ocr" not in photo["metadata"]
    cli("ingest", "--no-ocr", str(tmp_path / "letter.pdf"))
    letter = cli.json("show", str(only_item(cli, "letter.pdf")["id"]))
    assert "OCR not asked for" in " ".join(letter["metadata"]["warnings"])
    assert texts(cli, letter["id"]) == [""]


def test_a_page_claiming_to_be_huge_is_read_within_bounded_memory(tmp_path: Path) -> None:
    """A hostile PDF page of 200 x 200 inches without text: rendered for OCR at 300 dpi
    it would be a 3.6-gigapixel bitmap; it is scaled down to ocr.MAX_PIXELS instead.
    The peak is this process's own (VmHWM): ru_maxrss survives exec on Linux, so it would
    also count the forked test runner's size, which passes 1 GiB late in a full run."""
    script = """
import io, re
from pathlib import Path
import pypdfium2 as pdfium
from gavah.pipelines.extract import pdf
from gavah.pipelines.extract.base import Limits
doc = pdfium.PdfDocument.new()
doc.new_page(14400, 14400)
buffer = io.BytesIO()
doc.save(buffer)
buffer.seek(0)
result = pdf.extract(buffer, Limits())
assert result.metadata["pages_without_text_layer"] == 1, result.metadata
status = Path("/proc/self/status").read_text()
print(re.search(r"VmHWM:\\s*(\\d+) kB", status).group(1))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) < 1 << 20, "peak memory above 1 GiB (in KiB)"
