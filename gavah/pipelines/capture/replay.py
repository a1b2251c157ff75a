"""A safe view of a capture, made from its WACZ alone: the page as the browser rendered
it (after scripts ran and lazy content loaded), sanitized like every HTML preview (no
scripts, styles, handlers or links), with its recorded pictures re-encoded as plain PNG
and embedded in the page, so that showing it never reaches the live site, nor any
other address, and runs nothing the page brought."""

from __future__ import annotations

import base64
import io
from typing import Any
from urllib.parse import urljoin

from gavah.core.errors import NotFound
from gavah.pipelines import sanitize
from gavah.pipelines.capture.reader import Wacz

MAX_IMAGES = 40  # pictures embedded in one replay
MAX_IMAGE_BYTES = 8 << 20  # recorded bytes of one picture re-encoded
ATTRIBUTES = {**{k: set(v) for k, v in sanitize.ATTRIBUTES.items()},
              "img": {"src", "alt", "width", "height"}}


def _dom(package: Wacz, url: str) -> tuple[str, bytes] | None:
    """(page URL, rendered HTML) from the capture's urn:dom: record, else the recorded
    response for `url`."""
    entries = package.index()
    rendered = [e for e in entries if e.url.startswith("urn:dom:")]
    if rendered:
        return rendered[0].url[len("urn:dom:"):], package.read(rendered[0]).body
    found = package.lookup(url)
    if found:
        return url, package.read(found[0]).body
    return None


def _image(package: Wacz, url: str) -> str | None:
    if not url.startswith(("http://", "https://")):
        return None
    for entry in package.lookup(url):
        if entry.length > MAX_IMAGE_BYTES:
            return None
        record = package.read(entry)
        if record.status != 200 or not record.content_type.lower().startswith("image/") \
                or "svg" in record.content_type.lower():
            continue
        try:
            png = sanitize.image_png(io.BytesIO(record.body))
        except NotFound:
            return None
        return "data:image/png;base64," + base64.b64encode(png).decode()
    return None


def page(package: Wacz, url: str) -> str:
    """The replay document for the capture of `url`."""
    found = _dom(package, url)
    if found is None:
        raise NotFound("nothing of this page was received, so there is nothing to show")
    base, raw = found
    embedded: dict[str, str | None] = {}

    def attribute(element: str, name: str, value: str) -> str | None:
        if element != "img" or name != "src":
            return value
        absolute = urljoin(base, value)
        if absolute not in embedded:
            embedded[absolute] = _image(package, absolute) \
                if len(embedded) < MAX_IMAGES else None
        return embedded[absolute]

    import nh3

    body = nh3.clean(sanitize.decode(raw), tags=sanitize.TAGS | {"img"}, attributes=ATTRIBUTES,
                     link_rel=None, url_schemes={"data"}, strip_comments=True,
                     attribute_filter=attribute,
                     clean_content_tags={"script", "style", "template", "noscript",
                                         "iframe", "object", "svg", "math", "title"})
    return ("<!doctype html><html><head><meta charset=\"utf-8\">"
            "<meta name=\"referrer\" content=\"no-referrer\">"
            "<link rel=\"stylesheet\" href=\"/static/preview.css\"></head>"
            f"<body dir=\"auto\">{body}</body></html>")


def describe(package: Wacz) -> dict[str, Any]:
    """What a person needs to know about the package before opening it."""
    info = package.datapackage()
    return {"main_page": info.get("mainPageUrl"), "created": info.get("created"),
            "software": info.get("software"), "pages": len(package.pages()),
            "records": len(package.index())}
