"""Plain text in any encoding: UTF-8 first, else the encoding charset-normalizer finds."""

from __future__ import annotations

from typing import BinaryIO

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
    best = from_bytes(data).best()
    if best is not None:
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
