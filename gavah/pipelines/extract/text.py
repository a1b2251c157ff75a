"""Plain text in any encoding: UTF-8 first, else the encoding charset-normalizer finds."""

from __future__ import annotations

from typing import Any, BinaryIO

from charset_normalizer import from_bytes

from gavah.pipelines.extract.base import (
    Extraction,
    ExtractionFailed,
    Limits,
    Text,
    cap_text,
    tool_name,
)

TOOL = tool_name("gavah-text/1", "charset-normalizer")
# On short texts several single-byte encodings read almost equally well (French in
# Latin-1 also "reads" as Baltic cp1257). Among near-equal readings, take the one most
# used for the languages gavah's evidence comes in.
COMMON = ("utf_8", "utf_16", "utf_32", "cp1252", "latin_1", "iso8859_15", "cp1256",
          "iso8859_6", "cp1251", "koi8_r", "cp1250", "iso8859_2", "cp1254", "iso8859_9")
NEAR = 0.1  # chaos difference within which readings count as equal


def _prefer_common(matches: list[Any]) -> Any:
    best = matches[0]
    near = [m for m in matches if m.chaos <= best.chaos + NEAR and m.encoding in COMMON]
    return min(near, key=lambda m: COMMON.index(m.encoding)) if near else best


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises ExtractionFailed when no encoding fits.
    A guess made at charset-normalizer's looser threshold is named "<enc> (guessed)"."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    matches = list(from_bytes(data))
    if matches:
        best = _prefer_common(matches)
        return str(best), best.encoding
    # Short legacy-encoded texts (Windows-1256 Persian notes) look "chaotic" to the
    # default threshold; a looser one still beats refusing them.
    loose = from_bytes(data, threshold=0.5).best()
    if loose is not None:
        return str(loose), f"{loose.encoding} (guessed)"
    raise ExtractionFailed("could not determine the text encoding (binary data?)")


def extract(stream: BinaryIO, limits: Limits) -> Extraction:
    # Read at most what can become max_text_chars characters (4 bytes each at worst).
    data = stream.read(limits.max_text_chars * 4 + 4)
    extra = stream.read(1)
    text, encoding = decode(data)
    result = Extraction(TOOL, metadata={"encoding": encoding})
    if extra:
        result.warnings.append("file larger than the text limit; only its start was read")
    text = cap_text(text.replace("\r\n", "\n"), limits, result.warnings)
    result.texts.append(Text("text", text))
    return result
