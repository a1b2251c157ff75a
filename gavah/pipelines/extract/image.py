"""Images: dimensions, EXIF (camera, times, GPS position) and any text in the picture (OCR)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any, BinaryIO

from PIL import ExifTags, Image, UnidentifiedImageError

from gavah.pipelines.extract import ocr
from gavah.pipelines.extract.base import Extraction, ExtractionFailed, Limits, Text, tool_name

TOOL = tool_name("gavah-image/1", "pillow")
WANTED = {
    "Make": "camera_make", "Model": "camera_model", "DateTime": "modified",
    "DateTimeOriginal": "taken", "DateTimeDigitized": "digitized", "Software": "software",
    "Artist": "artist", "ImageDescription": "description", "OffsetTimeOriginal": "offset",
}


def _number(value: Any) -> float:
    return float(Fraction(value)) if not isinstance(value, tuple) else value[0] / value[1]


def _degrees(dms: Any, ref: str) -> float | None:
    try:
        d, m, s = (_number(v) for v in dms)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    value = d + m / 60 + s / 3600
    return round(-value if ref in ("S", "W") else value, 7)


def extract(stream: BinaryIO, limits: Limits) -> Extraction:
    try:
        Image.open(stream).verify()  # structure check without decoding every pixel
        stream.seek(0)
        image = Image.open(stream)  # verify() leaves its image unusable (PNG EXIF loads)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ExtractionFailed(f"not a readable image: {exc}") from None
    result = Extraction(TOOL, metadata={
        "format": image.format, "width": image.width, "height": image.height,
        "mode": image.mode})
    exif = image.getexif()
    for tag_id, value in exif.items():
        name = ExifTags.TAGS.get(tag_id)
        if name in WANTED and isinstance(value, str | int):
            result.metadata[WANTED[name]] = str(value).strip("\x00 ")
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    for tag_id, value in sub.items():
        name = ExifTags.TAGS.get(tag_id)
        if name in WANTED and isinstance(value, str | int):
            result.metadata[WANTED[name]] = str(value).strip("\x00 ")
    if limits.ocr:
        _ocr(stream, result)
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    if gps:
        named = {ExifTags.GPSTAGS.get(k, str(k)): v for k, v in gps.items()}
        lat = _degrees(named.get("GPSLatitude"), str(named.get("GPSLatitudeRef", "N")))
        lon = _degrees(named.get("GPSLongitude"), str(named.get("GPSLongitudeRef", "E")))
        if lat is not None and lon is not None:
            result.metadata["gps"] = {"latitude": lat, "longitude": lon}
        else:
            result.warnings.append("GPS data present but unreadable")
    return result


def _ocr(stream: BinaryIO, result: Extraction) -> None:
    if ocr.engine() is None:
        result.warnings.append("OCR not run: Tesseract is not installed")
        return
    stream.seek(0)
    try:
        with Image.open(stream) as image:
            image.load()
            reading = ocr.read(image)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        result.warnings.append(f"OCR not run: the picture could not be decoded ({exc})")
        return
    except RuntimeError as exc:
        result.warnings.append(str(exc))
        return
    result.tool = f"{TOOL} {ocr.tool()}"
    if reading is not None:
        result.texts.append(Text("OCR text", reading.text))
        result.metadata["ocr"] = {"words": reading.words, "confidence": reading.confidence}
