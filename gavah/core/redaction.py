"""Redaction of a text by character spans: pure functions, no I/O.

A hidden span is replaced by a mark of the same length, so that every offset into the
text (claims are anchored by offsets) stays valid in the redacted copy."""

from __future__ import annotations

from collections.abc import Sequence

from gavah.core.errors import BadInput

MARK = "\u2588"  # full block: visibly hidden, one character per character hidden

# Picture formats a redacted copy keeps (Pillow's name -> media type, file extension).
# The copy is re-encoded from pixels alone, so none carries the original's metadata.
# Any other format becomes PNG: GIF (its palette would be quantised again, with loss),
# HEIC, AVIF, ICO and the others Pillow reads but does not write here.
KEPT_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "MPO": ("image/jpeg", "jpg"),
                "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp"),
                "TIFF": ("image/tiff", "tif"), "BMP": ("image/bmp", "bmp")}
EXTENSIONS = {"text/plain": "txt", **dict(KEPT_FORMATS.values())}


def extension(media_type: str) -> str:
    """The file extension of a redacted copy of this media type (parameters ignored)."""
    return EXTENSIONS.get(media_type.split(";")[0].strip().lower(), "bin")


def stored_offset(text: str, shown: int) -> int:
    """The offset into `text` of the character at `shown` in the text as a browser
    shows it: HTML reads a CR LF pair, and a lone CR, as one line feed."""
    if "\r" not in text:
        return shown
    seen = 0
    i = 0
    while i < len(text) and seen < shown:
        i += 2 if text.startswith("\r\n", i) else 1
        seen += 1
    return i


def parse_span(value: str) -> tuple[int, int]:
    """"START:END" (characters, END excluded) as a pair."""
    start, sep, end = value.partition(":")
    try:
        span = (int(start), int(end)) if sep else None
    except ValueError:
        span = None
    if span is None or not 0 <= span[0] < span[1]:
        raise BadInput(f"--span {value!r}: write START:END with 0 <= START < END",
                       field="span", code="span-syntax", params={"value": value})
    return span


def parse_region(value: str) -> tuple[int, int, int, int]:
    """"X,Y,W,H" (pixels from the top left corner) as a tuple."""
    parts = value.split(",")
    try:
        region = tuple(int(p) for p in parts) if len(parts) == 4 else None
    except ValueError:
        region = None
    if region is None or region[0] < 0 or region[1] < 0 or region[2] <= 0 or region[3] <= 0:
        raise BadInput(f"--region {value!r}: write X,Y,WIDTH,HEIGHT in pixels, "
                       "X and Y >= 0, WIDTH and HEIGHT > 0", field="region",
                       code="region-syntax", params={"value": value})
    x, y, w, h = region
    return x, y, w, h


def merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted, overlapping or touching ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def mask(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The text with each span's characters replaced by MARK; line breaks are kept so
    that the copy reads line for line as the original."""
    length = len(text)
    for start, end in spans:
        if end > length:
            raise BadInput(f"span {start}:{end} is outside the text ({length} characters)",
                           field="span", code="span-outside",
                           params={"span": f"{start}:{end}", "length": length})
    parts, last = [], 0
    for start, end in merged(spans):
        parts.append(text[last:start])
        parts.append("".join(c if c in "\r\n" else MARK for c in text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts)
