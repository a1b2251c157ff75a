"""Hostile evidence made safe to look at: HTML without scripts, event handlers, styles
or any URL (so nothing is fetched from an adversary's server, nothing runs), and images
and PDF pages re-encoded as plain PNG pixels."""

from __future__ import annotations

import io
from typing import BinaryIO

import nh3
from charset_normalizer import from_bytes

from gavah.core.errors import NotFound

MAX_SIDE = 1600  # pixels of the longer side of a preview image
MAX_PIXELS = 60_000_000  # decoded pixels before Pillow refuses an image (bombs)

TAGS = {
    "a", "abbr", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption",
    "cite", "code", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "ins",
    "kbd", "li", "main", "mark", "nav", "ol", "p", "pre", "q", "s", "section", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul",
}
# No href, src, style or on*: only attributes that carry text or layout of tables.
ATTRIBUTES = {"*": {"dir", "lang", "title"}, "td": {"colspan", "rowspan"},
              "th": {"colspan", "rowspan", "scope"}, "abbr": {"title"}, "time": {"datetime"}}


def decode(raw: bytes) -> str:
    best = from_bytes(raw[:2_000_000]).best()
    encoding = best.encoding if best is not None else "utf-8"
    return raw.decode(encoding, errors="replace")


def html_fragment(raw: bytes) -> str:
    return nh3.clean(decode(raw), tags=TAGS, attributes=ATTRIBUTES, link_rel=None,
                     url_schemes=set(), strip_comments=True,
                     clean_content_tags={"script", "style", "template", "noscript",
                                         "iframe", "object", "svg", "math", "title"})


def html_document(raw: bytes) -> str:
    """A standalone page for a sandboxed frame; the frame's own CSP forbids scripts too."""
    return ("<!doctype html><html><head><meta charset=\"utf-8\">"
            "<meta name=\"referrer\" content=\"no-referrer\">"
            "<link rel=\"stylesheet\" href=\"/static/preview.css\"></head>"
            f"<body dir=\"auto\">{html_fragment(raw)}</body></html>")


def image_png(stream: BinaryIO) -> bytes:
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(stream) as image:
            image.seek(0)
            shown = ImageOps.exif_transpose(image)
            shown.thumbnail((MAX_SIDE, MAX_SIDE))
            if shown.mode not in ("RGB", "RGBA", "L", "LA"):
                shown = shown.convert("RGBA")
            out = io.BytesIO()
            shown.save(out, "PNG")
            return out.getvalue()
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise NotFound(f"no preview: the image cannot be decoded ({exc})") from None


def pdf_page_png(raw: bytes, index: int) -> bytes:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        raise NotFound(f"no preview: the PDF cannot be opened ({exc})") from None
    try:
        if index >= len(pdf):
            raise NotFound(f"the PDF has {len(pdf)} page(s)")
        page = pdf[index]
        width, height = page.get_size()
        scale = min(2.0, MAX_SIDE / max(width, height, 1))
        image = page.render(scale=scale, may_draw_forms=False).to_pil()
        out = io.BytesIO()
        image.save(out, "PNG")
        return out.getvalue()
    finally:
        pdf.close()
