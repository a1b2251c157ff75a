"""Reading text from pictures of text (scanned pages, photographed documents) with
Tesseract, in every script the workspace is likely to hold (Persian, Arabic, English).

OCR is a reading, not the document: its text is a derivative labelled as OCR, with the
Tesseract version and languages as its tool, and words Tesseract is unsure of are kept
(a person checks them against the image) but a picture where it is unsure of most
words (a photograph, not a page) yields no text at all."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from PIL import Image

from gavah.pipelines import lifeline
from gavah.pipelines.extract.base import tool_name

WANTED = ("fas", "ara", "eng")  # Tesseract language packs, tried in this order
MIN_WORDS = 3
MIN_CONFIDENCE = 55.0  # mean word confidence (0-100) below which a picture holds no text
MAX_PIXELS = 40_000_000  # larger pictures are scaled down first (Tesseract's time grows)
SECONDS = 120  # per picture; a hostile image must not hold the batch


@dataclass(frozen=True)
class Reading:
    text: str
    confidence: float  # mean over the words kept
    words: int


@lru_cache(maxsize=1)
def engine() -> tuple[str, str] | None:
    """(Tesseract version, "fas+ara+eng") when Tesseract and at least one wanted
    language are installed; None otherwise (OCR is then skipped, with a warning)."""
    if shutil.which("tesseract") is None:
        return None
    import pytesseract

    try:
        version = str(pytesseract.get_tesseract_version())
        installed = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractError, OSError):
        return None
    languages = [lang for lang in WANTED if lang in installed]
    return (version, "+".join(languages)) if languages else None


def _words(picture: Image.Image, languages: str) -> dict[str, list[Any]]:
    """Tesseract's words with their confidence and place (pytesseract's image_to_data,
    DICT output), from a Tesseract process that dies with the thread that started it: a
    killed ingest or web worker leaves no OCR running for minutes."""
    from pytesseract import pytesseract as tess

    image, extension = tess.prepare(picture)
    with tempfile.TemporaryDirectory(prefix="gavah-ocr-") as folder:
        source = os.path.join(folder, f"page.{extension}")
        image.save(source, format=image.format)
        base = os.path.join(folder, "words")
        command = [tess.tesseract_cmd, source, base, "-l", languages,
                   "-c", "tessedit_create_tsv=1"]
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   preexec_fn=lifeline.tied())
        try:
            _, errors = process.communicate(timeout=SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise RuntimeError(f"OCR stopped after {SECONDS} s") from None
        if process.returncode:
            message = " ".join(errors.decode("utf-8", "replace").split()) or process.returncode
            raise RuntimeError(f"OCR failed: {message}")
        with open(f"{base}.tsv", encoding="utf-8") as tsv:
            return dict(tess.file_to_dict(tsv.read(), "\t", -1))


@lru_cache(maxsize=1)
def tool() -> str:
    """'gavah-ocr/1 pytesseract/0.3.13 tesseract/5.3.0 (fas+ara+eng)', for derivatives."""
    found = engine()
    return (f"{tool_name('gavah-ocr/1', 'pytesseract')} "
            f"tesseract/{found[0] if found else 'none'} ({found[1] if found else '-'})")


def read(image: Image.Image) -> Reading | None:
    """The text in `image`, line by line in reading order; None when there is none worth
    keeping. Raises RuntimeError when Tesseract fails or times out."""
    found = engine()
    if found is None:
        return None

    picture = image.convert("L") if image.mode not in ("L", "RGB") else image
    if picture.width * picture.height > MAX_PIXELS:
        scale = (MAX_PIXELS / (picture.width * picture.height)) ** 0.5
        picture = picture.resize((max(1, int(picture.width * scale)),
                                  max(1, int(picture.height * scale))))
    data = _words(picture, found[1])
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences = []
    for word, conf, *where in zip(data["text"], data["conf"], data["block_num"],
                                  data["par_num"], data["line_num"], strict=True):
        if not word.strip() or float(conf) < 0:
            continue
        lines.setdefault(tuple(where), []).append(word)  # type: ignore[arg-type]
        confidences.append(float(conf))
    if len(confidences) < MIN_WORDS:
        return None
    mean = sum(confidences) / len(confidences)
    if mean < MIN_CONFIDENCE:
        return None
    paragraphs: dict[tuple[int, int], list[str]] = {}
    for (block, par, _), words in lines.items():
        paragraphs.setdefault((block, par), []).append(" ".join(words))
    text = "\n\n".join("\n".join(p) for p in paragraphs.values())
    return Reading(text, round(mean, 1), len(confidences))
